from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "permanence.obligations"
    label = "obligations"
    verbose_name = "Obligations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the check of the council's policy pack)
        from .signals import connect  # models are loaded only once every app is ready

        connect()  # the read model hears of every fact the case record's services record
