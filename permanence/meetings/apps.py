from django.apps import AppConfig
from django.db.models import OuterRef

from permanence.access.links import ON_A_PANEL, register_case_link
from permanence.obligations.providers import register_fact_provider


class MeetingsConfig(AppConfig):
    name = "permanence.meetings"
    label = "meetings"
    verbose_name = "Clinics, tracking meetings, panels and actions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from permanence.tracking.trackers import register_key_date

        from . import facts, selectors
        from .models import Action, ADMDecision, IRODecisionsReport, PanelItem, PanelMinutes

        register_fact_provider(
            "meetings",
            facts_for=facts.facts_for,
            raw_queries=facts.raw_queries,
            models={
                Action: "child_id",
                PanelItem: "child_id",  # whether it goes to the ADM
                PanelMinutes: "item__child_id",
                ADMDecision: "item__child_id",
                IRODecisionsReport: "review__child_id",
            },
        )
        register_case_link(ON_A_PANEL, lambda: PanelItem.objects.filter(child=OuterRef("pk")))
        register_key_date("next_panel", selectors.next_panels)
