# mypy: disable-error-code="misc, valid-type"
# (Form classes here extend a class model_form() builds from the model's fields, which mypy cannot follow.)
"""Every fact a person records on a child's record: its page title, its form, the service that
saves it, and how it is corrected. The web pages, the JSON API and the "Record" menu are built
from this one list; who may record each, and whose fact it is beside a case system, is the role
matrix's (access/matrix.py::RECORDS and CORRECTIONS, keyed by the same names).
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms

from permanence.accounts import roles
from permanence.govuk.forms import GovukDateField

from .. import services
from ..models import (
    Allocation,
    Child,
    DentalCheck,
    EducationPlan,
    Episode,
    Extension,
    HealthAssessment,
    Hearing,
    LegalOrder,
    LongTermFosterConfirmation,
    MissingEpisode,
    OrderChange,
    Proceedings,
    Relationship,
    Review,
    StatutoryPlan,
    TemporaryApproval,
    Visit,
)
from ..orders import ORDER_TYPES
from ..relationships import RELATIONSHIP_TYPES
from ..selectors import case_holders
from . import forms as f

LOOKED_AFTER = "looked_after"
NOT_LOOKED_AFTER = "not_looked_after"
ANY = "any"


@dataclass(frozen=True)
class Kind:
    key: str  # "review": pages record-review / correct-review, API record_review ...
    title: str  # "Record a review held": the page's heading and the menu's link
    done: str  # the message after saving
    form: type  # the form that records one
    save: Any  # save(data, *, child, by) -> the record
    model: type  # what it records (listed and corrected)
    plural: str  # the API path: /children/{id}/<plural>
    section: str  # where it shows on the child page (an anchor)
    when: str = ANY  # offered when the child is looked after, not looked after, or always
    intro: str = ""  # guidance on the page, with its source
    correct_form: type | None = None  # the fields a correction may change (defaults to `form`'s)
    columns: tuple = ()  # (field or callable, heading) shown in lists
    group: str = ""  # the "Record" menu's group

    @property
    def records(self):
        """Whether new ones are recorded through this kind's own page (not only corrected)."""
        return self.save is not None

    @property
    def corrects(self):
        """Whether its records are corrected through the correction page (a move is corrected as an episode)."""
        return self.key not in ("care_start", "move", "legal_status", "care_end")

    def correction_form(self):
        return f.correction_form(self.correct_form or self.form)


def _review_save(data, *, child, by):
    iro = data.get("iro") or (by if getattr(by, "role", None) == roles.IRO else None)
    return services.review_record(
        child=child,
        date=data["date"],
        iro=iro,
        participation=data.get("participation") or "",
        plan_outcome=data.get("plan_outcome") or "",
        by=by,
    )


class ReviewForm(
    f.model_form(
        Review,
        ["date", "participation", "plan_outcome"],
        labels={"date": "Date the review was held"},
        required=("plan_outcome",),
    )
):
    iro = f.StaffChoice(
        label="Chaired by", queryset=f.staff(roles.IRO), required=False, help_text="The IRO who chaired the review."
    )

    def narrow(self):
        self.fields["iro"].queryset = f.staff(roles.IRO)
        if self.user is not None and self.user.role == roles.IRO and not self.is_bound:
            self.initial.setdefault("iro", self.user.pk)


class ReviewCorrectionForm(
    f.model_form(Review, ["date", "participation", "plan_outcome"], labels={"date": "Date the review was held"})
):
    iro = f.StaffChoice(label="Chaired by", queryset=f.staff(roles.IRO), required=False)

    def narrow(self):
        self.fields["iro"].queryset = f.staff(roles.IRO)


class VisitForm(
    f.model_form(Visit, ["date", "where", "seen_alone"], labels={"date": "Date of the visit"}, required=("where",))
):
    visitor = f.StaffChoice(
        label="Visited by", queryset=f.staff(), required=False, help_text="The person recording, if left empty."
    )

    def narrow(self):
        self.fields["visitor"].queryset = f.staff(roles.SOCIAL_WORKER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)
        if self.user is not None and not self.is_bound:
            self.initial.setdefault("visitor", self.user.pk)
            self.initial.setdefault("seen_alone", True)


class VisitCorrectionForm(f.model_form(Visit, ["date", "where", "seen_alone"], labels={"date": "Date of the visit"})):
    by = f.StaffChoice(label="Visited by", queryset=f.staff(), required=False)

    def narrow(self):
        self.fields["by"].queryset = f.staff(roles.SOCIAL_WORKER, roles.TEAM_MANAGER, roles.SERVICE_MANAGER)


OrderForm = f.model_form(
    LegalOrder,
    ["order_type", "made", "holder", "court"],
    labels={"order_type": "Order", "made": "Date the order was made", "holder": "In favour of"},
    required=("order_type",),
)


class OrderChangeForm(
    f.model_form(
        OrderChange,
        ["kind", "date", "extended_to", "court", "detail"],
        labels={"extended_to": "Extended to (for an extension)"},
    )
):
    order = f.OrderChoice(label="Which order", queryset=LegalOrder.objects.none())
    field_order = ["order", "kind", "date", "extended_to", "court", "detail"]

    def narrow(self):
        self.fields["order"].queryset = f.order_choices(self.child)
        self.fields["extended_to"] = GovukDateField(label="Extended to (for an extension)", required=False)


PROCEEDINGS_FIELDS = [
    "pre_proceedings_start",
    "letter_before_proceedings",
    "pre_proceedings_meeting",
    "pre_proceedings_review",
    "issued",
    "court",
    "case_number",
    "final_evidence_due",
    "final_evidence_filed",
    "concluded",
    "final_order",
    "outcome",
]
ProceedingsForm = f.model_form(
    Proceedings,
    PROCEEDINGS_FIELDS,
    labels={
        "pre_proceedings_start": "Date pre-proceedings started",
        "letter_before_proceedings": "Date of the letter before proceedings (PLO letter)",
        "pre_proceedings_meeting": "Date of the pre-proceedings meeting",
        "issued": "Date the application was issued",
        "final_evidence_due": "Date the final evidence is due",
        "concluded": "Date the proceedings concluded",
        "final_order": "Final order",
        "outcome": "Outcome",
    },
)


def _proceedings_form_with_future_due():
    """The final evidence is often due in the future: that one date may be ahead."""

    class Form(ProceedingsForm):
        def narrow(self):
            self.fields["final_evidence_due"] = GovukDateField(label="Date the final evidence is due", required=False)

    Form.__name__ = "ProceedingsForm"
    return Form


ProceedingsForm = _proceedings_form_with_future_due()


class HearingForm(
    f.model_form(Hearing, ["kind", "date"], labels={"kind": "Which hearing", "date": "Date of the hearing"})
):
    proceedings = f.ProceedingsChoice(label="Which proceedings", queryset=Proceedings.objects.none())
    field_order = ["proceedings", "kind", "date"]

    def narrow(self):
        self.fields["proceedings"].queryset = f.proceedings_choices(self.child)
        self.fields["date"] = GovukDateField(
            label="Date of the hearing", help_text="A hearing listed ahead may be recorded too."
        )


class ExtensionForm(
    f.model_form(
        Extension,
        ["granted", "weeks", "reason"],
        labels={"granted": "Date the court granted the extension", "weeks": "Weeks granted"},
    )
):
    proceedings = f.ProceedingsChoice(label="Which proceedings", queryset=Proceedings.objects.none())
    field_order = ["proceedings", "granted", "weeks", "reason"]

    def narrow(self):
        self.fields["proceedings"].queryset = f.proceedings_choices(self.child).filter(issued__isnull=False)


class TemporaryApprovalForm(f.model_form(TemporaryApproval, ["start", "extended_to", "full_approval", "ended"])):
    carer = f.CarerChoice(label="Connected person (carer)", queryset=f.carers())
    field_order = ["carer", "start", "extended_to", "full_approval", "ended"]

    def narrow(self):
        self.fields["carer"].queryset = f.carers().filter(kind="connected_person")
        self.fields["extended_to"] = GovukDateField(
            label="Temporary approval extended to",
            required=False,
            help_text=TemporaryApproval._meta.get_field("extended_to").help_text,
        )


class LongTermForm(
    f.model_form(
        LongTermFosterConfirmation,
        [
            "plan_agreed",
            "carer_agreed",
            "confirmed_to_carer",
            "confirmed_to_child",
            "confirmed_to_parents",
            "parents_not_told_reason",
            "ended",
        ],
    )
):
    carer = f.CarerChoice(label="Foster carer", queryset=f.carers())
    field_order = ["carer"]

    def narrow(self):
        self.fields["carer"].queryset = f.carers().exclude(
            kind__in=("childrens_home", "supported_accommodation", "parent")
        )


HealthForm = f.model_form(HealthAssessment, ["kind", "date", "by"])
DentalForm = f.model_form(DentalCheck, ["date"])
EducationPlanForm = f.model_form(EducationPlan, ["date", "school"])
StatutoryPlanForm = f.model_form(StatutoryPlan, ["kind", "date"])
MissingForm = f.model_form(MissingEpisode, ["kind", "start", "end", "return_interview", "interview_declined"])


class AllocationForm(
    f.model_form(Allocation, ["role", "start"], labels={"role": "Allocate as", "start": "Date the allocation starts"})
):
    worker = f.StaffChoice(label="Allocate to", queryset=case_holders())
    field_order = ["role", "worker", "start"]

    def narrow(self):
        self.fields["worker"].queryset = case_holders()
        self.fields["start"] = GovukDateField(
            label="Date the allocation starts", help_text="It may start later than today."
        )


class RelativeForm(
    f.model_form(
        Relationship,
        ["relationship", "parental_responsibility", "connected_person", "assessment_outcome", "notes"],
        labels={"relationship": "How they are related to the child"},
    )
):
    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Their date of birth", required=False, past=True)
    phone = forms.CharField(label="Phone", max_length=30, required=False)
    address = forms.CharField(
        label="Address",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only where the service needs to reach them: a parent, a person with parental responsibility, a connected person being assessed.",
    )
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    field_order = [
        "first_name",
        "last_name",
        "date_of_birth",
        "relationship",
        "parental_responsibility",
        "connected_person",
    ]

    def narrow(self):
        self.fields["relationship"].choices = [("", "Select"), *RELATIONSHIP_TYPES]


RelationshipCorrectionForm = f.model_form(
    Relationship, ["relationship", "parental_responsibility", "connected_person", "assessment_outcome", "notes"]
)

ChildDetailsForm = f.model_form(
    Child,
    [
        "first_name",
        "last_name",
        "date_of_birth",
        "expected_date_of_birth",
        "sex",
        "ethnicity",
        "religion",
        "first_language",
        "disability",
        "disability_detail",
        "upn",
        "uasc",
        "uasc_ceased",
        "referral_date",
        "involvement_reason",
    ],
    labels={"upn": "Unique pupil number (UPN)", "uasc": "Unaccompanied asylum-seeking child"},
)

EpisodeCorrectionForm = f.model_form(
    Episode,
    [
        "start",
        "end",
        "legal_status",
        "category_of_need",
        "placement",
        "provider",
        "reason_ceased",
        "reason_place_change",
        "placement_postcode",
    ],
)


# Where the child lives, as care starting and a move both ask it (forms.PlacementFields).
PLACEMENT: tuple[str, ...] = tuple(f.PlacementFields.base_fields)


KINDS = [
    Kind(
        "care_start",
        "Record becoming looked after",
        "The start of care is recorded.",
        f.CareStartForm,
        lambda d, *, child, by: services.care_start(
            child=child,
            by=by,
            **_pick(d, "start", "legal_status", "category_of_need", *PLACEMENT, "home_postcode"),
        ),
        Episode,
        "care-starts",
        "episodes",
        when=NOT_LOOKED_AFTER,
        group="Care and placements",
        intro="Starts a new SSDA903 episode with reason S (started to be looked after).",
    ),
    Kind(
        "move",
        "Record a move",
        "The move is recorded.",
        f.MoveForm,
        lambda d, *, child, by: services.placement_move(
            child=child,
            by=by,
            **_seen(d),
            **_pick(d, "date", *PLACEMENT, "reason_place_change", "legal_status"),
        ),
        Episode,
        "moves",
        "episodes",
        when=LOOKED_AFTER,
        group="Care and placements",
        intro="Ends the current episode on the day of the move (REC X1) and starts the next the same day. "
        "A placed-for-adoption placement is A3 to A6; placed with parents is P1.",
    ),
    Kind(
        "legal_status",
        "Record a change of legal status only",
        "The change of legal status is recorded.",
        f.LegalStatusForm,
        lambda d, *, child, by: services.legal_status_change(
            child=child, by=by, **_seen(d), **_pick(d, "date", "legal_status")
        ),
        Episode,
        "legal-status-changes",
        "episodes",
        when=LOOKED_AFTER,
        group="Care and placements",
        intro="The placement and carer continue; a new episode starts with reason L.",
    ),
    Kind(
        "care_end",
        "Record leaving care",
        "The end of care is recorded.",
        f.CareEndForm,
        lambda d, *, child, by: services.care_end(child=child, by=by, **_seen(d), **_pick(d, "date", "reason_ceased")),
        Episode,
        "care-ends",
        "episodes",
        when=LOOKED_AFTER,
        group="Care and placements",
    ),
    Kind(
        "temporary_approval",
        "Record temporary approval of a connected person",
        "The temporary approval is recorded.",
        TemporaryApprovalForm,
        lambda d, *, child, by: services.temporary_approval_record(
            child=child, by=by, **_pick(d, "carer", "start", "extended_to", "full_approval")
        ),
        TemporaryApproval,
        "temporary-approvals",
        "placement-law",
        group="Care and placements",
        intro="Care Planning, Placement and Case Review (England) Regulations 2010, reg 24: up to 16 weeks; "
        "reg 25: extended once by up to 8 weeks.",
    ),
    Kind(
        "long_term",
        "Record a foster placement confirmed as long-term",
        "The long-term foster placement is recorded.",
        LongTermForm,
        lambda d, *, child, by: services.long_term_confirm(
            child=child,
            by=by,
            **_pick(
                d,
                "carer",
                "plan_agreed",
                "carer_agreed",
                "confirmed_to_carer",
                "confirmed_to_child",
                "confirmed_to_parents",
                "parents_not_told_reason",
            ),
        ),
        LongTermFosterConfirmation,
        "long-term-placements",
        "placement-law",
        group="Care and placements",
        intro="CPPCR 2010 reg 22C (from the 2015 amendments): the plan for permanence is long-term foster care, "
        "the carer has agreed, and the authority has confirmed it to the carer, the child and the parents.",
    ),
    Kind(
        "order",
        "Record a legal order made",
        "The legal order is recorded.",
        OrderForm,
        lambda d, *, child, by: services.order_record(
            child=child,
            by=by,
            order_type=d["order_type"],
            made=d["made"],
            holder=d.get("holder") or "",
            court=d.get("court") or "",
        ),
        LegalOrder,
        "orders",
        "legal-orders",
        group="Court",
    ),
    Kind(
        "order_change",
        "Record an order varied, extended or discharged",
        "The change to the order is recorded.",
        OrderChangeForm,
        lambda d, *, child, by: services.order_change_record(
            order=d["order"], by=by, **_pick(d, "kind", "date", "extended_to", "court", "detail")
        ),
        OrderChange,
        "order-changes",
        "legal-orders",
        group="Court",
    ),
    Kind(
        "proceedings",
        "Record pre-proceedings or care proceedings",
        "The proceedings are recorded.",
        ProceedingsForm,
        lambda d, *, child, by: services.proceedings_record(child=child, by=by, **_pick(d, *PROCEEDINGS_FIELDS)),
        Proceedings,
        "proceedings",
        "proceedings",
        group="Court",
        intro="Record what has happened so far; come back to add the issue date, final evidence filed and the outcome.",
    ),
    Kind(
        "hearing",
        "Record a hearing",
        "The hearing is recorded.",
        HearingForm,
        lambda d, *, child, by: services.hearing_add(
            proceedings=d["proceedings"], kind=d["kind"], date=d["date"], by=by
        ),
        Hearing,
        "hearings",
        "proceedings",
        group="Court",
    ),
    Kind(
        "extension",
        "Record an extension of the 26 weeks",
        "The extension is recorded.",
        ExtensionForm,
        lambda d, *, child, by: services.extension_grant(
            proceedings=d["proceedings"],
            granted=d["granted"],
            weeks=d.get("weeks") or 8,
            reason=d.get("reason") or "",
            by=by,
        ),
        Extension,
        "extensions",
        "proceedings",
        group="Court",
        intro="Children Act 1989 s32(5): up to 8 weeks at a time.",
    ),
    Kind(
        "review",
        "Record a review held",
        "The review is recorded. Write the IRO decisions report next.",
        ReviewForm,
        _review_save,
        Review,
        "reviews",
        "reviews",
        group="Reviews and visits",
        intro="The IRO records the looked-after review they chaired (CPPCR 2010 regs 32 to 38).",
        correct_form=ReviewCorrectionForm,
    ),
    Kind(
        "visit",
        "Record a statutory visit",
        "The visit is recorded.",
        VisitForm,
        lambda d, *, child, by: services.visit_record(
            child=child,
            by=by,
            visitor=d.get("visitor"),
            date=d["date"],
            seen_alone=d.get("seen_alone", False),
            where=d.get("where") or "",
        ),
        Visit,
        "visits",
        "visits",
        group="Reviews and visits",
        intro="CPPCR 2010 reg 28.",
        correct_form=VisitCorrectionForm,
    ),
    Kind(
        "health_assessment",
        "Record a health assessment",
        "The health assessment is recorded.",
        HealthForm,
        lambda d, *, child, by: services.health_assessment_record(
            child=child, by=by, kind=d["kind"], date=d["date"], by_whom=d.get("by") or ""
        ),
        HealthAssessment,
        "health-assessments",
        "health-education",
        group="Health, education and plans",
        intro="CPPCR 2010 reg 7.",
    ),
    Kind(
        "dental_check",
        "Record a dental check",
        "The dental check is recorded.",
        DentalForm,
        lambda d, *, child, by: services.dental_check_record(child=child, by=by, date=d["date"]),
        DentalCheck,
        "dental-checks",
        "health-education",
        group="Health, education and plans",
    ),
    Kind(
        "education_plan",
        "Record a personal education plan",
        "The personal education plan is recorded.",
        EducationPlanForm,
        lambda d, *, child, by: services.education_plan_record(
            child=child, by=by, date=d["date"], school=d.get("school") or ""
        ),
        EducationPlan,
        "education-plans",
        "health-education",
        group="Health, education and plans",
    ),
    Kind(
        "statutory_plan",
        "Record a care plan, needs assessment or pathway plan",
        "The plan is recorded.",
        StatutoryPlanForm,
        lambda d, *, child, by: services.statutory_plan_record(child=child, by=by, kind=d["kind"], date=d["date"]),
        StatutoryPlan,
        "statutory-plans",
        "health-education",
        group="Health, education and plans",
        intro="CPPCR 2010 regs 4 and 5 (care plan); regs 42 and 43 (needs assessment and pathway plan for an eligible young person).",
    ),
    Kind(
        "missing",
        "Record a missing episode",
        "The missing episode is recorded.",
        MissingForm,
        lambda d, *, child, by: services.missing_record(
            child=child, by=by, **_pick(d, "kind", "start", "end", "return_interview", "interview_declined")
        ),
        MissingEpisode,
        "missing-episodes",
        "missing",
        group="Health, education and plans",
    ),
    Kind(
        "relative",
        "Add someone to the family network",
        "The person is added to the family network.",
        RelativeForm,
        lambda d, *, child, by: services.relative_add(
            child=child,
            by=by,
            **_pick(
                d,
                "first_name",
                "last_name",
                "date_of_birth",
                "relationship",
                "parental_responsibility",
                "connected_person",
                "assessment_outcome",
                "notes",
                "phone",
                "address",
                "postcode",
            ),
        ),
        Relationship,
        "family-network",
        "family-network",
        group="The child and their family",
        correct_form=RelationshipCorrectionForm,
    ),
    Kind(
        "allocation",
        "Allocate a social worker or IRO",
        "The allocation is recorded.",
        AllocationForm,
        lambda d, *, child, by: services.allocation_assign(
            child=child, by=by, role=d["role"], worker=d["worker"], start=d["start"]
        ),
        Allocation,
        "allocations",
        "about",
        group="The child and their family",
    ),
    Kind(
        "child",
        "Correct the child's details",
        "The child's details are saved.",
        ChildDetailsForm,
        None,
        Child,
        "details",
        "about",
        group="The child and their family",
    ),
    Kind(
        "episode",
        "Correct an episode of care",
        "The episode is corrected.",
        EpisodeCorrectionForm,
        None,
        Episode,
        "episodes",
        "episodes",
    ),
]
BY_KEY = {kind.key: kind for kind in KINDS}
BY_MODEL_CORRECTION = {
    Review: "review",
    Visit: "visit",
    LegalOrder: "order",
    OrderChange: "order_change",
    Proceedings: "proceedings",
    Hearing: "hearing",
    Extension: "extension",
    TemporaryApproval: "temporary_approval",
    LongTermFosterConfirmation: "long_term",
    HealthAssessment: "health_assessment",
    DentalCheck: "dental_check",
    EducationPlan: "education_plan",
    StatutoryPlan: "statutory_plan",
    MissingEpisode: "missing",
    Relationship: "relative",
    Allocation: "allocation",
    Child: "child",
    Episode: "episode",
}


def _pick(data, *names):
    return {name: data.get(name) for name in names if name in data}


def _seen(data):
    seen = data.get("episode")
    return {
        "episode": Episode.objects.filter(pk=seen).first() if seen else None,
        # None when the form came without its version (missing or blank): refused as VersionMissing,
        # which says so, not as someone else's change.
        "version": data.get("version"),
    }


def applies(kind, *, looked_after):
    return kind.when == ANY or (kind.when == LOOKED_AFTER) == looked_after


def record_menu(allowed, *, looked_after):
    """The kinds among `allowed` (keys the person may record and may record here) that apply to the
    child now, grouped as the child page shows them: [(group, [Kind])]."""
    groups: dict[str, list] = {}
    for kind in KINDS:
        if kind.records and kind.key in allowed and applies(kind, looked_after=looked_after):
            groups.setdefault(kind.group, []).append(kind)
    return list(groups.items())


__all__ = ["BY_KEY", "BY_MODEL_CORRECTION", "KINDS", "ORDER_TYPES", "Kind", "field", "record_menu"]
