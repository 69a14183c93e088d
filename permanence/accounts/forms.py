"""The two-step sign-in code, as a GOV.UK form (the message names the code it wants)."""

from django import forms

from permanence.govuk.forms import GovukForm

WRONG_CODE = "Enter the 6-digit code shown in your authenticator app now"


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code changes every 30 seconds.",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and self.device.verify_token(code)):
            raise forms.ValidationError(WRONG_CODE)
        return code
