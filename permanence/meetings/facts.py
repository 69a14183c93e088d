"""What meetings add to each case snapshot: actions set, panel recommendations that go to the
ADM, the ADM's decisions, and what the IRO's decisions report of a review recorded. Registered
with permanence.obligations from MeetingsConfig.ready; four queries per batch.
"""

from django.db.models import Q

from permanence.children.bulk import among
from permanence.obligations.snapshots import grouped
from permanence.timescales.snapshot import ActionFacts, Dated

from .choices import DEFERRED
from .models import Action, ADMDecision, IRODecisionsReport, PanelMinutes


def _queries(ids):
    return {
        "actions": (
            Action.objects.filter(**among("child_id", ids)).order_by("child_id", "due", "pk"),
            ("description", "set_on", "due", "done_on"),
            "child_id",
        ),
        # A panel recommendation that goes to the ADM, dated when the minutes went to them (the ADM
        # decides within 7 working days of receiving them), and the ADM's decision, whatever it was.
        "adm_recommendations": (
            PanelMinutes.objects.filter(**among("item__child_id", ids), item__needs_adm=True)
            .exclude(outcome=DEFERRED)
            .order_by("recorded_on"),
            ("recorded_on",),
            "item__child_id",
        ),
        "adm_decisions": (
            ADMDecision.objects.filter(**among("item__child_id", ids)).order_by("date"),
            ("date", "item__matter", "outcome"),
            "item__child_id",
        ),
        # Leeds section 3: the permanence plan recorded in the IRO decisions report of a review;
        # Birmingham section 2: twin-track planning considered at the review.
        "plans_in_decisions": (
            IRODecisionsReport.objects.filter(**among("review__child_id", ids))
            .filter(Q(permanence_plan_recorded=True) | Q(twin_track_considered=True))
            .order_by("review__date"),
            ("review__date", "permanence_plan_recorded", "twin_track_considered"),
            "review__child_id",
        ),
    }


def _adm(day, matter, outcome):
    """Every ADM decision meets the decision-after-panel rule; a decision on an adoption plan
    is the one Camden asks for before final evidence, and one that agrees the child should be
    placed is the one Leeds asks family finding to come before."""
    found = [Dated("adm_decided", day)]
    if matter == "adoption_plan" and outcome in ("agreed", "not_agreed"):
        found.append(Dated("adm_plan_decided", day))
    if matter == "adoption_plan" and outcome == "agreed":
        found.append(Dated("adm_should_be_placed", day))
    return tuple(found)


def raw_queries(ids):
    return [qs.values_list(id_field, *fields) for qs, fields, id_field in _queries(ids).values()]


def facts_for(ids):
    rows = {name: grouped(qs, fields, id_field) for name, (qs, fields, id_field) in _queries(ids).items()}
    return {
        child_id: {
            "actions": tuple(ActionFacts(*row) for row in rows["actions"].get(child_id, ())),
            "decisions": tuple(Dated("adm_recommendation", d) for (d,) in rows["adm_recommendations"].get(child_id, ()))
            + tuple(item for row in rows["adm_decisions"].get(child_id, ()) for item in _adm(*row)),
            "iro_decisions": tuple(
                Dated(kind, d)
                for d, plan, twin in rows["plans_in_decisions"].get(child_id, ())
                for kind, held in (("permanence_plan", plan), ("twin_track", twin))
                if held
            ),
        }
        for child_id in ids
    }
