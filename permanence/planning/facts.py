"""What planning adds to each case snapshot: the current plan, decisions and meetings.

Registered with permanence.obligations from PlanningConfig.ready; seven queries per batch.
"""

from permanence.children.bulk import among
from permanence.obligations.snapshots import grouped
from permanence.timescales.snapshot import AdoptionFacts, Dated, PlanFacts

from . import procedures
from .models import CarerBriefing, Decision, Meeting, ParentContribution, PermanencePlan, PlacementConsent, PlanStep


def _queries(ids):
    return {
        "plans": (
            PermanencePlan.objects.filter(**among("child_id", ids), superseded_on__isnull=True).order_by(
                "child_id", "recorded"
            ),
            ("recorded", "primary_option", "parallel_option"),
        ),
        "decisions": (Decision.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("kind", "date")),
        "meetings": (Meeting.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("kind", "date")),
        "steps": (PlanStep.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("kind", "date")),
        "briefings": (
            CarerBriefing.objects.filter(**among("child_id", ids)).order_by("child_id", "shared_on"),
            ("shared_on", "acknowledged_on"),
        ),
        "contributions": (
            ParentContribution.objects.filter(**among("child_id", ids)).order_by("child_id", "date"),
            ("date",),
        ),
        # Consent to placement for adoption (s19): authority to place, until it is withdrawn.
        "consents": (
            PlacementConsent.objects.filter(**among("child_id", ids)).order_by("child_id", "given_on"),
            ("given_on", "withdrawn_on"),
        ),
    }


def _steps(child_id, rows):
    """Steps taken, briefings given and acknowledged, parents' contributions: each a dated step."""
    found = [Dated(kind, d) for kind, d in rows["steps"].get(child_id, ())]
    for shared, acknowledged in rows["briefings"].get(child_id, ()):
        found.append(Dated(procedures.CARER_BRIEFING, shared))
        if acknowledged is not None:
            found.append(Dated(procedures.CARER_BRIEFING_ACKNOWLEDGED, acknowledged))
    found += [Dated(procedures.PARENT_CONTRIBUTION, d) for (d,) in rows["contributions"].get(child_id, ())]
    return tuple(found)


def raw_queries(ids):
    return [qs.values_list("child_id", *fields) for qs, fields in _queries(ids).values()]


def facts_for(ids):
    rows = {name: grouped(qs, fields) for name, (qs, fields) in _queries(ids).items()}
    out = {}
    for child_id in ids:
        plans = rows["plans"].get(child_id)
        facts = {
            "decisions": tuple(Dated(kind, d) for kind, d in rows["decisions"].get(child_id, ())),
            "meetings": tuple(Dated(kind, d) for kind, d in rows["meetings"].get(child_id, ())),
            "steps": _steps(child_id, rows),
        }
        if plans:
            facts["plan"] = PlanFacts(*plans[-1])
        standing = [given for given, withdrawn in rows["consents"].get(child_id, ()) if withdrawn is None]
        withdrawn = [w for _, w in rows["consents"].get(child_id, ()) if w is not None]
        if standing:
            facts["adoption"] = AdoptionFacts(authority_to_place=min(standing))
        elif withdrawn:
            given = min(g for g, _ in rows["consents"][child_id])
            facts["adoption"] = AdoptionFacts(authority_to_place=given, authority_ended=max(withdrawn))
        out[child_id] = facts
    return out
