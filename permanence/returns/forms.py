from django import forms

from permanence.accounts.models import Team

from .measures import default_year


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label="Year ending 31 March", coerce=int, required=False)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.order_by("name"), required=False,
                                  empty_label="All teams")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = default_year()
        self.fields["year"].choices = [(y, str(y)) for y in range(latest, latest - 4, -1)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="SSDA903 CSV files", widget=MultipleFileInput(attrs={"multiple": True, "accept": ".csv"}),
                            help_text="Select every file of one year (Header, Episodes, Reviews ...).")
