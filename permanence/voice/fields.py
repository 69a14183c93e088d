"""Form fields with GOV.UK error messages, shared by the voice and siblings forms."""

from django import forms


class GovukDateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]

    def __init__(self, *, what, **kwargs):
        kwargs.setdefault("error_messages", {
            "required": f"Enter {what}",
            "invalid": f"{what[:1].upper()}{what[1:]} must be a real date, for example 27 3 2026",
        })
        super().__init__(**kwargs)


def text(label, *, required=False, max_length=None, **kwargs):
    return forms.CharField(label=label, required=required, max_length=max_length, **kwargs)


def long_text(label, **kwargs):
    return forms.CharField(label=label, required=False, widget=forms.Textarea, **kwargs)


def add_service_errors(form, error):
    """Put a service's ValidationError messages on the form's fields (or the form when no field matches)."""
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
