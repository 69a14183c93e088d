from django.apps import AppConfig

from permanence.obligations.providers import register_fact_provider


class SupportConfig(AppConfig):
    name = "permanence.support"
    label = "support"
    verbose_name = "Stability and support after the decision"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from . import facts
        from .models import ContactPlan

        register_fact_provider(
            "support", facts_for=facts.facts_for, raw_queries=facts.raw_queries, models={ContactPlan: "child_id"}
        )
