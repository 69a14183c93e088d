"""Forms for the web pages, with error messages in the GOV.UK style (say what to do)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from permanence.accounts import oidc
from permanence.accounts.lockout import is_locked, lockout_message
from permanence.govuk.forms import GovukForm, NamedFieldsMixin


class SignInForm(NamedFieldsMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your system administrator to switch it back on.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and not oidc.local_password_allowed(username):
            raise forms.ValidationError(
                f"Passwords are switched off here: use the Sign in with {oidc.provider_name()} button.",
                code="provider_only",
            )
        if username and is_locked(username):
            # Counted like any failure, so trying on while locked keeps the lock on.
            from django.contrib.auth.signals import user_login_failed

            user_login_failed.send(sender=__name__, credentials={"username": username}, request=self.request)
            raise forms.ValidationError(lockout_message(), code="locked")
        return super().clean()


class SearchForm(GovukForm):
    q = forms.CharField(label="Search by name or council reference", required=False, max_length=100)
