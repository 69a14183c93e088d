from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "permanence.planning"
    verbose_name = "Permanence planning"
