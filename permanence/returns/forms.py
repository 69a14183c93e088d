from django import forms

from permanence.accounts.models import Team
from permanence.govuk.forms import GovukForm

from .measures import default_year
from .services import upload_limit_bytes
from .tables import FIRST_YEAR, LAST_YEAR


class FilterForm(GovukForm):
    year = forms.TypedChoiceField(label="Year ending 31 March", coerce=int, required=False)
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.order_by("name"), required=False, empty_label="All teams"
    )

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


class UploadForm(GovukForm):
    year = forms.TypedChoiceField(
        label="Collection year",
        coerce=int,
        choices=[(y, f"{y - 1} to {y} (year ending 31 March {y})") for y in range(LAST_YEAR, FIRST_YEAR - 1, -1)],
        help_text="The year the files are the return for. Every date in them is checked against it.",
    )
    # Django takes declared fields off the class, so this never hides Form.files (the uploads).
    files = MultipleFileField(  # type: ignore[assignment]
        label="SSDA903 CSV files",
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ".csv"}),
        help_text="Select every file of one year (Header, Episodes, Reviews ...).",
        error_messages={"required": "Select the return's CSV files to upload."},
    )
    clean_children_only = forms.BooleanField(
        label="If some children's rows have problems, import the other children and list the rest",
        required=False,
        help_text="Without this, one problem anywhere in the files means nothing is imported.",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        size = sum(f.size for f in files)
        limit = upload_limit_bytes()
        if size > limit:
            raise forms.ValidationError(
                f"The files come to {size / 1_000_000:.0f} MB; an upload can be at most {limit // 1_000_000} MB."
            )
        return files
