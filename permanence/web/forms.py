"""Forms for the web pages, with error messages in the GOV.UK style (say what to do)."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from permanence.accounts import oidc
from permanence.accounts.lockout import address, lock_on, lockout_message
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
        locked = lock_on(username, address(self.request))
        if locked:
            # Refused without being counted, so the lock ends on time however long someone keeps trying.
            raise forms.ValidationError(lockout_message(locked), code="locked")
        return super().clean()


class SearchForm(GovukForm):
    q = forms.CharField(label="Search by name or council reference", required=False, max_length=100)
