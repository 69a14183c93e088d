from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "permanence.voice"
    label = "voice"
    verbose_name = "The child's voice"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from permanence.planning.documents import register_section

        from . import documents

        register_section("the child's views", documents.childs_views, order=10)
