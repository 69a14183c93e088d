"""The kinds of record the feed keeps in the case record: the model, the fields it writes and
compares, how a record made here before the feed knew it is recognised (adopted, not duplicated),
the SSD tables it comes from, and how it ends when its row leaves the extract."""

import hashlib
from dataclasses import dataclass

from permanence.children.models import (
    Allocation,
    DentalCheck,
    Episode,
    HealthAssessment,
    LegalOrder,
    MissingEpisode,
    Proceedings,
    Review,
    StatutoryPlan,
    Visit,
)

from .models import CareLeaverFacts, PermanenceDates

BATCH = 1000


@dataclass(frozen=True)
class Kind:
    name: str
    model: type
    fields: tuple  # written and compared
    natural: tuple  # identify a record made here before the feed knew it (adopted, not duplicated)
    tables: tuple  # the SSD tables it comes from: it can leave the extract only if all were supplied
    end_field: str | None = None  # set to the extract's day when the row leaves the extract


KINDS = (
    Kind(
        "episode",
        Episode,
        (
            "start",
            "end",
            "reason_new",
            "legal_status",
            "category_of_need",
            "placement",
            "provider",
            "urn",
            "placement_postcode",
            "reason_ceased",
            "reason_place_change",
        ),
        ("start",),
        ("ssd_cla_episodes",),
    ),
    Kind(
        "order",
        LegalOrder,
        ("order_type", "made", "ended"),
        ("order_type", "made"),
        ("ssd_legal_status", "ssd_permanence"),
        "ended",
    ),
    Kind(
        "allocation",
        Allocation,
        ("role", "start", "end", "worker_id", "team_id"),
        ("role", "start"),
        ("ssd_involvements",),
        "end",
    ),
    Kind("review", Review, ("date", "participation", "iro_id"), ("date",), ("ssd_cla_reviews",)),
    Kind("visit", Visit, ("date", "seen_alone", "by_id"), ("date",), ("ssd_cla_visits",)),
    Kind(
        "proceedings",
        Proceedings,
        ("pre_proceedings_start", "letter_before_proceedings", "pre_proceedings_meeting"),
        ("pre_proceedings_start",),
        ("ssd_pre_proceedings",),
    ),
    Kind(
        "permanence",
        PermanenceDates,
        (
            "adm_decision",
            "ffa_cp_decision",
            "placement_order",
            "matched",
            "placed_for_adoption",
            "placed_ffa_cp",
            "decision_reversed",
            "decision_reversed_reason",
            "part_of_sibling_group",
            "siblings_placed_together",
            "siblings_placed_apart",
            "permanence_order",
            "permanence_order_type",
        ),
        (),
        ("ssd_permanence",),
    ),
    Kind(
        "care_leaver",
        CareLeaverFacts,
        (
            "eligibility",
            "in_touch",
            "latest_contact",
            "accommodation",
            "accommodation_suitable",
            "activity",
            "pathway_plan_review",
            "personal_adviser",
        ),
        (),
        ("ssd_care_leavers",),
    ),
    Kind("health", HealthAssessment, ("kind", "date"), ("kind", "date"), ("ssd_cla_health",)),
    Kind("dental", DentalCheck, ("date",), ("date",), ("ssd_cla_health",)),
    Kind("care_plan", StatutoryPlan, ("kind", "date"), ("kind", "date"), ("ssd_cla_care_plan",)),
    Kind(
        "missing",
        MissingEpisode,
        ("kind", "start", "end", "interview_declined"),
        ("start", "kind"),
        ("ssd_missing",),
    ),
)
KIND = {k.name: k for k in KINDS}
# The child's details the feed writes, and the table each comes from (left alone when absent).
CHILD_FIELDS = {
    "first_name": "ssd_person",
    "last_name": "ssd_person",
    "date_of_birth": "ssd_person",
    "expected_date_of_birth": "ssd_person",
    "date_of_death": "ssd_person",
    "sex": "ssd_person",
    "ethnicity": "ssd_person",
    "upn": "ssd_person",
    "disability": "ssd_disability",
    "disability_detail": "ssd_disability",
    "uasc": "ssd_immigration_status",
    "uasc_ceased": "ssd_immigration_status",
}


def digest(values):
    text = repr(sorted(values.items()))
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


TABLE_KEY = {
    "ssd_cla_episodes": "clae_cla_episode_id",
    "ssd_legal_status": "lega_legal_status_id",
    "ssd_involvements": "invo_involvements_id",
    "ssd_cla_reviews": "clar_cla_review_id",
    "ssd_cla_visits": "clav_cla_visit_id",
    "ssd_pre_proceedings": "prep_table_id",
    "ssd_permanence": "perm_table_id",
    "ssd_care_leavers": "clea_table_id",
    "ssd_cla_health": "clah_health_check_id",
    "ssd_cla_care_plan": "lacp_table_id",
    "ssd_missing": "miss_table_id",
    "ssd_person": "pers_person_id",
}
