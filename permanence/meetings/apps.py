from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "permanence.meetings"
    label = "meetings"
    verbose_name = "Clinics, tracking meetings, panels and actions"
    default_auto_field = "django.db.models.BigAutoField"
