from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "permanence.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Family finding and matching"
