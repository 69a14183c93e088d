from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "permanence.returns"
    label = "returns"
    verbose_name = "Statutory return and performance"
    default_auto_field = "django.db.models.BigAutoField"
