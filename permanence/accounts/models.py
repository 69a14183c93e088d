from django.contrib.auth.models import AbstractUser
from django.db import models

from . import roles


class Team(models.Model):
    """A social work team (for example 'Children in Care 1') or the IRO service."""

    name = models.CharField(max_length=120, unique=True)
    service = models.CharField(max_length=120, blank=True, help_text="The service area the team belongs to.")
    manager = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_teams"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A member of staff. The role decides what they do; allocation decides which children."""

    role = models.CharField(max_length=32, choices=roles.ROLES, default=roles.SOCIAL_WORKER)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def role_name(self):
        return roles.ROLE_NAMES.get(self.role, self.role)


class FailedSignIn(models.Model):
    """One failed sign-in: enough of them in a while locks the username (see lockout.py)."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]


class KnownSignInAddress(models.Model):
    """An address a person signed in from: guessing spread over many machines does not lock them
    out from one they use (see lockout.py)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    at = models.DateTimeField(help_text="When they last signed in from it")

    class Meta:
        verbose_name = "known sign-in address"
        verbose_name_plural = "known sign-in addresses"
        constraints = [models.UniqueConstraint(fields=["username", "ip"], name="one_row_per_person_and_address")]


class ProviderGroupRole(models.Model):
    """The administrator's table: a group (or app role) at the council's identity provider gives
    a role, and optionally a team, in the product. When a person is in several, the lowest
    priority number wins."""

    provider_group = models.CharField(
        max_length=200,
        unique=True,
        help_text="The group's name or object id, or the app role, exactly as the provider sends it.",
    )
    role = models.CharField(max_length=32, choices=roles.ROLES)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    priority = models.PositiveSmallIntegerField(
        default=100, help_text="When a person is in several groups, the lowest number decides their role."
    )

    class Meta:
        ordering = ["priority", "provider_group"]
        verbose_name = "identity provider group"

    def __str__(self):
        return f"{self.provider_group} → {roles.ROLE_NAMES.get(self.role, self.role)}"


class ProviderAccount(models.Model):
    """A person known to the council's identity provider: who they are there (the subject), and
    the groups it last said they were in."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="provider_account")
    subject = models.CharField(max_length=255, unique=True)
    groups = models.JSONField(default=list)
    last_signed_in = models.DateTimeField()
    disabled_by_provider = models.BooleanField(
        default=False, help_text="Switched off because the provider stopped listing them in a group with a role."
    )

    def __str__(self):
        return f"{self.user} at the identity provider"
