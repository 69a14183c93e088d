from django.apps import AppConfig


class GovukConfig(AppConfig):
    """The one set of GOV.UK form helpers: fields with messages that name the field, and the
    template tags behind the partials in templates/govuk/."""

    name = "permanence.govuk"
    label = "govuk"
    verbose_name = "GOV.UK forms"
