from django.apps import AppConfig

from permanence.access.links import PLAN_FOR_ADOPTION, PLAN_FOR_FAMILY_FINDING, register_case_link
from permanence.obligations.providers import register_fact_provider

from .options import ADOPTION, LONG_TERM_FOSTERING

# Plans that bring a child to the family finders (access.rules.PLAN_FOR_FAMILY_FINDING).
FAMILY_FINDING = (ADOPTION, LONG_TERM_FOSTERING)


class PlanningConfig(AppConfig):
    name = "permanence.planning"
    verbose_name = "Permanence planning"

    def ready(self):
        # Imported here, not at the top: models can be imported only once every app is loaded.
        from . import facts, selectors
        from .models import (
            CarerBriefing,
            Decision,
            Meeting,
            ParentContribution,
            PermanencePlan,
            PlacementConsent,
            PlanStep,
        )

        register_fact_provider(
            "planning",
            facts_for=facts.facts_for,
            raw_queries=facts.raw_queries,
            models=dict.fromkeys(
                (Decision, Meeting, PermanencePlan, PlacementConsent, PlanStep, CarerBriefing, ParentContribution),
                "child_id",
            ),
        )
        # Any change to a planning record, by any way in, makes a planning form opened before it stale.
        from . import signals

        signals.connect()
        register_case_link(PLAN_FOR_FAMILY_FINDING, lambda: selectors.current_plans_for_outer_child(FAMILY_FINDING))
        register_case_link(PLAN_FOR_ADOPTION, lambda: selectors.current_plans_for_outer_child((ADOPTION,)))
