from django.apps import AppConfig


class SiblingsConfig(AppConfig):
    name = "permanence.siblings"
    label = "siblings"
    verbose_name = "Brothers and sisters"
