from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "permanence.audit"
    verbose_name = "Audit log"

    def ready(self):
        from . import signals  # here, not at the top: signals import the models

        signals.connect()
