from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "permanence.feed"
    verbose_name = "The case system's feed (Standard Safeguarding Dataset)"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from permanence.children import ownership

        from .selectors import facts_as_at

        # The record says "from the case system, as at ..." with the time this feed gives it.
        ownership.register_as_at(facts_as_at)
