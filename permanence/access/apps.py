from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "permanence.access"
    verbose_name = "Case access"

    def ready(self):
        from . import signals  # noqa: F401  (retention refuses hard deletes)
