from django.apps import AppConfig


class TrackingConfig(AppConfig):
    name = "permanence.tracking"
    verbose_name = "Tracking and drift"
