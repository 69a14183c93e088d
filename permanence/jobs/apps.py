from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "permanence.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        # Each app's tasks.py registers its jobs (as admin.py registers models).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
