from django.apps import AppConfig

from permanence.obligations.providers import register_fact_provider


class SiblingsConfig(AppConfig):
    name = "permanence.siblings"
    label = "siblings"
    verbose_name = "Brothers and sisters"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from permanence.planning.documents import register_section

        from . import documents, facts
        from .models import SiblingContactPlan

        register_fact_provider(
            "siblings",
            facts_for=facts.facts_for,
            raw_queries=facts.raw_queries,
            models={SiblingContactPlan: "child_id"},  # an assessment tells the read model itself (services)
            related=facts.brothers_and_sisters,
        )
        register_section("sibling decision", documents.sibling_decision, order=20)
