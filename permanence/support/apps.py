from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "permanence.support"
    label = "support"
    verbose_name = "Stability and support after the decision"
