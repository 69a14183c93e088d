"""API tokens: one per person or per connected system, stored only as a hash."""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    PERSONAL, INTEGRATION = "personal", "integration"
    KINDS = [
        (PERSONAL, "A person's own token"),
        (INTEGRATION, "A connected system (case system, finance, data warehouse)"),
    ]

    name = models.CharField(max_length=120, help_text="What the token is for, e.g. 'Finance payments feed'.")
    kind = models.CharField(max_length=12, choices=KINDS, default=PERSONAL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text="The account whose role and cases the token acts with; it never sees more.",
    )
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    read_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        # The rate limiter keys on this: one allowance per token.
        return f"api-token:{self.prefix}"
