from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "permanence.children"
    verbose_name = "Children and case records"
