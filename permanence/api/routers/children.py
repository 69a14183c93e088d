"""Children and their case record: family network, episodes, legal orders, reviews, proceedings,
and the obligations the timescales engine derives from them (read-only)."""

from datetime import date

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from permanence.access import matrix, policy
from permanence.api.pagination import Pagination
from permanence.children import services
from permanence.children.models import Allocation, Episode, Hearing, LegalOrder, Proceedings, Relationship, Review
from permanence.children.orders import ORDER_TYPES
from permanence.children.relationships import RELATIONSHIP_TYPES
from permanence.children.selectors import case_holders
from permanence.children.versions import StaleRecord
from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.ethnicity import ETHNICITY
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE
from permanence.codes.sex import SEX
from permanence.obligations.selectors import obligations_for_child

from ..access import child_for, item_for, need
from ..errors import ApiError, Error
from ..types import Codes, Day, Id, RefId, Required, Text
from .common import CREATED, READ, WRITE, staff_name
from .record import _if_match, _stale

router = Router(tags=["Children"])


# --- children --------------------------------------------------------------------------------


class ChildIn(Schema):
    first_name: Required(100) = Field(examples=["Ava"])
    last_name: Required(100) = Field(examples=["Example"])
    date_of_birth: Day | None = None
    expected_date_of_birth: Day | None = Field(None, description="For an unborn child, instead of date_of_birth.")
    sex: Codes(SEX) | None = Field(None, description="SSDA903 SEX: 1 male, 2 female.")
    ethnicity: Codes(ETHNICITY) = Field("NOBT", description="SSDA903 ETHNIC code.")
    religion: Text(60) = ""
    first_language: Text(60) = "English"
    disability: bool = False
    disability_detail: Text(200) = ""
    upn: Text(13) = Field("", description="Unique pupil number.")
    council_reference: Required(20) = Field(examples=["API-0001"], description="Unique within the council.")
    uasc: bool = Field(False, description="Unaccompanied asylum-seeking child.")
    uasc_ceased: Day | None = None


class ChildCreate(ChildIn):
    social_worker: RefId | None = Field(
        None, description="Id of the social worker to allocate. Defaults to the token's owner when they carry cases."
    )
    allocated_from: Day | None = Field(None, description="Allocation start; defaults to today.")


class ChildPatch(Schema):
    first_name: Required(100) | None = None
    last_name: Required(100) | None = None
    date_of_birth: Day | None = None
    expected_date_of_birth: Day | None = None
    sex: Codes(SEX) | None = None
    ethnicity: Codes(ETHNICITY) | None = None
    religion: Text(60) | None = None
    first_language: Text(60) | None = None
    disability: bool | None = None
    disability_detail: Text(200) | None = None
    upn: Text(13) | None = None
    council_reference: Required(20) | None = None
    uasc: bool | None = None
    uasc_ceased: Day | None = None


class ChildOut(Schema):
    id: int
    version: int = Field(
        description="Goes up by one with every change: send it back as `If-Match` to change the record."
    )
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: str
    ethnicity: str
    religion: str
    first_language: str
    disability: bool
    disability_detail: str
    upn: str
    council_reference: str
    uasc: bool
    uasc_ceased: date | None
    social_worker: str | None = Field(None, description="The allocated social worker's name, if any.")

    @staticmethod
    def resolve_social_worker(child):
        allocation = next(
            (a for a in getattr(child, "open_allocations", []) if a.role == Allocation.SOCIAL_WORKER), None
        )
        if allocation is None:
            allocation = (
                Allocation.objects.select_related("worker")
                .filter(child=child, role=Allocation.SOCIAL_WORKER, end__isnull=True)
                .first()
            )
        return staff_name(allocation.worker) if allocation else None


class ChildFilters(Schema):
    q: Text(100) = Field(
        "",
        description="Words that must each be part of the child's first or last name or their whole council "
        "reference (case ignored), as on the search page.",
    )
    looked_after: bool | None = Field(None, description="Only children with an open episode of care (or none).")


def _child_values(payload):
    values = payload.dict(exclude={"social_worker", "allocated_from"})
    values["sex"] = values.get("sex") or ""
    return values


@router.get("/children", response=READ(list[ChildOut]), summary="List the children you may see")
@paginate(Pagination)
def list_children(request, filters: Query[ChildFilters]):
    need(request, matrix.VIEW_CHILD)
    open_allocations = Allocation.objects.filter(end__isnull=True).select_related("worker")
    children = policy.search_children(request.user, filters.q).prefetch_related(
        Prefetch("allocations", queryset=open_allocations, to_attr="open_allocations")
    )
    if filters.looked_after is not None:
        open_episode = Q(episodes__end__isnull=True)
        children = children.filter(open_episode).distinct() if filters.looked_after else children.exclude(open_episode)
    return children


@router.post("/children", response=WRITE(CREATED, ChildOut), summary="Open a child's record")
def create_child(request, payload: ChildCreate):
    need(request, matrix.CREATE_CHILD)
    worker = None
    if payload.social_worker is not None:
        worker = case_holders(Allocation.SOCIAL_WORKER).filter(pk=payload.social_worker).first()
        if worker is None:
            raise ApiError(
                422,
                "Nothing was saved.",
                fields={"social_worker": [f"No active social worker or team manager has id {payload.social_worker}."]},
            )
    return Status(
        201,
        services.child_open(
            by=request.user, social_worker=worker, start=payload.allocated_from, **_child_values(payload)
        ),
    )


def _etag(record):
    """A record's ETag: its version, which goes up by one with every change."""
    return f'"{record.version}"'


@router.get(
    "/children/{child_id}",
    response=READ(ChildOut),
    summary="A child's record",
    description="The `ETag` header carries the record's version: send it back as `If-Match` when you "
    "change the record, so a change someone else made since you read it is never overwritten.",
)
def get_child(request, child_id: Id, response: HttpResponse):
    child = child_for(request, child_id)
    response["ETag"] = _etag(child)
    return child


@router.patch(
    "/children/{child_id}",
    response={**WRITE(200, ChildOut), 412: Error, 428: Error},
    summary="Correct a child's details",
    description="Send only the fields to change, with `If-Match` (the `ETag` from reading the record). "
    "Only the fields sent are written, in one conditional update: a record changed by someone else "
    "since you read it is refused with 412 (their change is named) and left as they left it.",
)
def update_child(request, child_id: Id, payload: ChildPatch, response: HttpResponse):
    child = child_for(request, child_id, edit=True)
    version = _if_match(request)
    changes = payload.dict(exclude_unset=True)
    if "sex" in changes:
        changes["sex"] = changes["sex"] or ""
    for field in (
        "first_name",
        "last_name",
        "council_reference",
        "ethnicity",
        "religion",
        "first_language",
        "disability",
        "disability_detail",
        "upn",
        "uasc",
    ):
        if field in changes and changes[field] is None:
            raise ApiError(422, "Nothing was saved.", fields={field: ["This field cannot be null."]})
    try:
        child = services.child_update(child=child, by=request.user, version=version, **changes)
    except StaleRecord as refused:
        _stale(refused)
    response["ETag"] = _etag(child)
    return child


# --- family network --------------------------------------------------------------------------


class RelativeIn(Schema):
    first_name: Required(100)
    last_name: Required(100)
    date_of_birth: Day | None = None
    postcode: Text(10) = ""
    phone: Text(30) = ""
    relationship: Codes(RELATIONSHIP_TYPES) = Field(examples=["grandparent"])
    parental_responsibility: bool = False
    connected_person: bool = Field(
        False, description="Considered or assessed as a connected person to care for the child."
    )
    assessment_outcome: Text(200) = ""
    notes: Text(300) = ""


class RelativeOut(Schema):
    id: int = Field(description="The relationship's id.")
    person_id: int
    first_name: str = Field(alias="person.first_name")
    last_name: str = Field(alias="person.last_name")
    date_of_birth: date | None = Field(alias="person.date_of_birth")
    relationship: str
    parental_responsibility: bool
    connected_person: bool
    assessment_outcome: str
    notes: str


@router.get(
    "/children/{child_id}/family-network", response=READ(list[RelativeOut]), summary="The child's family network"
)
def list_family(request, child_id: Id):
    child = child_for(request, child_id)
    return Relationship.objects.filter(child=child).select_related("person").order_by("relationship", "pk")


@router.post(
    "/children/{child_id}/family-network",
    response=WRITE(CREATED, RelativeOut),
    summary="Add a person to the child's family network",
)
def add_relative(request, child_id: Id, payload: RelativeIn):
    child = child_for(request, child_id, edit=True)
    values = payload.dict()
    person_fields = {key: values.pop(key) for key in ("first_name", "last_name", "date_of_birth", "postcode", "phone")}
    person = services.person_create(by=request.user, **person_fields)
    return Status(201, services.relationship_add(child=child, person=person, by=request.user, **values))


# --- episodes of care ------------------------------------------------------------------------


class EpisodeIn(Schema):
    start: Day = Field(description="DECOM: the date the episode started.")
    end: Day | None = Field(None, description="DEC: the date it ceased (open while empty).")
    reason_new: Codes(REASON_NEW) = Field(examples=["S"], description="RNE")
    legal_status: Codes(LEGAL_STATUS) = Field(examples=["C2"], description="LS")
    category_of_need: Codes(CATEGORY_OF_NEED) = Field(examples=["N1"], description="CIN")
    placement: Codes(PLACEMENT) = Field(examples=["U4"], description="PLACE")
    provider: Codes(PLACEMENT_PROVIDER) | None = Field(None, description="PLACE_PROVIDER")
    reason_ceased: Codes(REASON_CEASED) | None = Field(None, description="REC, when the episode has ended.")
    reason_place_change: Codes(REASON_PLACE_CHANGE) | None = None
    home_postcode: Text(10) = ""
    placement_postcode: Text(10) = ""


class EpisodeClose(Schema):
    end: Day
    reason_ceased: Codes(REASON_CEASED)


class EpisodeOut(Schema):
    id: int
    start: date
    end: date | None
    reason_new: str
    legal_status: str
    category_of_need: str
    placement: str
    provider: str
    reason_ceased: str
    reason_place_change: str
    home_postcode: str
    placement_postcode: str
    version: int = Field(description="Goes up by one with every change: send it back as `If-Match` to end the episode.")


def _blank_codes(values):
    return {
        key: ("" if value is None and key in ("provider", "reason_ceased", "reason_place_change") else value)
        for key, value in values.items()
    }


@router.get("/children/{child_id}/episodes", response=READ(list[EpisodeOut]), summary="Episodes of care")
def list_episodes(request, child_id: Id):
    return Episode.objects.filter(child=child_for(request, child_id)).order_by("start")


@router.post("/children/{child_id}/episodes", response=WRITE(CREATED, EpisodeOut), summary="Record an episode of care")
def create_episode(request, child_id: Id, payload: EpisodeIn):
    child = child_for(request, child_id, edit=True)
    return Status(201, services.episode_create(child=child, by=request.user, **_blank_codes(payload.dict())))


@router.post(
    "/episodes/{episode_id}/close",
    response={**WRITE(200, EpisodeOut), 412: Error, 428: Error},
    summary="End an episode of care",
    description="Send `If-Match` with the episode's `version` (as an ETag): an episode changed since you read it "
    "is refused with 412 (the change is named) and left as it was; without `If-Match`, 428.",
)
def close_episode(request, episode_id: Id, payload: EpisodeClose, response: HttpResponse):
    episode = item_for(request, Episode, episode_id, edit=True)
    version = _if_match(request)
    try:
        episode = services.episode_close(
            episode=episode, version=version, end=payload.end, reason_ceased=payload.reason_ceased, by=request.user
        )
    except StaleRecord as refused:
        _stale(refused)
    response["ETag"] = _etag(episode)
    return episode


# --- legal orders ----------------------------------------------------------------------------


class OrderIn(Schema):
    order_type: Codes(ORDER_TYPES) = Field(examples=["interim_care_order"])
    made: Day
    ended: Day | None = None
    extended_to: Day | None = None
    holder: Text(160) = ""
    court: Text(120) = ""


class OrderOut(Schema):
    id: int
    order_type: str
    made: date
    ended: date | None
    extended_to: date | None
    holder: str
    court: str


@router.get("/children/{child_id}/legal-orders", response=READ(list[OrderOut]), summary="Legal orders")
def list_orders(request, child_id: Id):
    return LegalOrder.objects.filter(child=child_for(request, child_id)).order_by("made", "pk")


@router.post("/children/{child_id}/legal-orders", response=WRITE(CREATED, OrderOut), summary="Record a legal order")
def create_order(request, child_id: Id, payload: OrderIn):
    child = child_for(request, child_id, edit=True)
    values = payload.dict()
    return Status(
        201,
        services.order_record(
            child=child, by=request.user, order_type=values.pop("order_type"), made=values.pop("made"), **values
        ),
    )


# --- looked-after reviews --------------------------------------------------------------------


class ReviewIn(Schema):
    date: Day = Field(description="The date the review was held.")
    participation: Codes(PARTICIPATION) | None = Field(None, description="SSDA903 review participation (PN code).")


class ReviewOut(Schema):
    id: int
    date: date
    participation: str
    iro: str | None = None

    @staticmethod
    def resolve_iro(review):
        return staff_name(review.iro)


@router.get("/children/{child_id}/reviews", response=READ(list[ReviewOut]), summary="Looked-after reviews held")
def list_reviews(request, child_id: Id):
    return Review.objects.filter(child=child_for(request, child_id)).select_related("iro").order_by("date")


@router.post("/children/{child_id}/reviews", response=WRITE(CREATED, ReviewOut), summary="Record a review held")
def create_review(request, child_id: Id, payload: ReviewIn):
    child = child_for(request, child_id, edit=True)
    iro = request.user if request.user.role == matrix.IRO else None
    return Status(
        201,
        services.review_record(
            child=child, date=payload.date, participation=payload.participation or "", iro=iro, by=request.user
        ),
    )


# --- care proceedings ------------------------------------------------------------------------


class HearingIn(Schema):
    kind: Codes(Hearing.KINDS)
    date: Day


class HearingOut(Schema):
    id: int
    kind: str
    date: date


class ExtensionIn(Schema):
    granted: Day
    weeks: int = Field(8, ge=1, le=8, description="Up to 8 weeks at a time (s32(5)).")
    reason: Text(300) = ""


class ExtensionOut(Schema):
    id: int
    granted: date
    weeks: int
    reason: str


class ProceedingsIn(Schema):
    pre_proceedings_start: Day | None = None
    letter_before_proceedings: Day | None = None
    pre_proceedings_meeting: Day | None = None
    issued: Day | None = None
    court: Text(120) = ""
    case_number: Text(30) = ""
    final_evidence_due: Day | None = None
    concluded: Day | None = None
    final_order: Codes(ORDER_TYPES) | None = None


class ProceedingsPatch(Schema):
    pre_proceedings_start: Day | None = None
    letter_before_proceedings: Day | None = None
    pre_proceedings_meeting: Day | None = None
    issued: Day | None = None
    court: Text(120) | None = None
    case_number: Text(30) | None = None
    final_evidence_due: Day | None = None
    concluded: Day | None = None
    final_order: Codes(ORDER_TYPES) | None = None


class ProceedingsOut(Schema):
    id: int
    version: int = Field(description="Send it back as `If-Match` to change the proceedings.")
    pre_proceedings_start: date | None
    letter_before_proceedings: date | None
    pre_proceedings_meeting: date | None
    issued: date | None
    court: str
    case_number: str
    final_evidence_due: date | None
    concluded: date | None
    final_order: str
    hearings: list[HearingOut]
    extensions: list[ExtensionOut]

    @staticmethod
    def resolve_hearings(proceedings):
        return list(proceedings.hearings.all())

    @staticmethod
    def resolve_extensions(proceedings):
        return list(proceedings.extensions.all())


def _blank_text(values, fields):
    return {key: ("" if value is None and key in fields else value) for key, value in values.items()}


@router.get("/children/{child_id}/proceedings", response=READ(list[ProceedingsOut]), summary="Care proceedings")
def list_proceedings(request, child_id: Id):
    child = child_for(request, child_id)
    return Proceedings.objects.filter(child=child).prefetch_related("hearings", "extensions").order_by("pk")


@router.post(
    "/children/{child_id}/proceedings",
    response=WRITE(CREATED, ProceedingsOut),
    summary="Record pre-proceedings or care proceedings",
)
def create_proceedings(request, child_id: Id, payload: ProceedingsIn):
    child = child_for(request, child_id, edit=True)
    values = _blank_text(payload.dict(), {"final_order"})
    return Status(201, services.proceedings_record(child=child, by=request.user, **values))


@router.patch(
    "/proceedings/{proceedings_id}",
    response={**WRITE(200, ProceedingsOut), 412: Error, 428: Error},
    summary="Update proceedings dates",
    description="Send only the fields to change, with `If-Match` (the proceedings' `version`, as an ETag): "
    "a change made since you read them is refused with 412.",
)
def update_proceedings(request, proceedings_id: Id, payload: ProceedingsPatch, response: HttpResponse):
    proceedings = item_for(request, Proceedings, proceedings_id, edit=True)
    version = _if_match(request)
    changes = _blank_text(payload.dict(exclude_unset=True), {"final_order", "court", "case_number"})
    try:
        proceedings = services.proceedings_update(proceedings=proceedings, by=request.user, version=version, **changes)
    except StaleRecord as refused:
        _stale(refused)
    response["ETag"] = _etag(proceedings)
    return proceedings


@router.post("/proceedings/{proceedings_id}/hearings", response=WRITE(CREATED, HearingOut), summary="Add a hearing")
def add_hearing(request, proceedings_id: Id, payload: HearingIn):
    proceedings = item_for(request, Proceedings, proceedings_id, edit=True)
    return Status(
        201, services.hearing_add(proceedings=proceedings, kind=payload.kind, date=payload.date, by=request.user)
    )


@router.post(
    "/proceedings/{proceedings_id}/extensions",
    response=WRITE(CREATED, ExtensionOut),
    summary="Record an extension of the 26 weeks",
)
def add_extension(request, proceedings_id: Id, payload: ExtensionIn):
    proceedings = item_for(request, Proceedings, proceedings_id, edit=True)
    return Status(201, services.extension_grant(proceedings=proceedings, by=request.user, **payload.dict()))


# --- obligations (read-only, from the timescales engine) -------------------------------------


class FactOut(Schema):
    label: str
    value: str


class ObligationOut(Schema):
    rule: str = Field(examples=["cla-review"])
    kind: str = Field(
        examples=["duty"],
        description="duty (statute, regulations or statutory guidance), local_rule (the council's own policy) "
        "or prompt (good practice the product suggests: never overdue, never counted as drift).",
    )
    title: str
    occurrence: int
    due: date | None = Field(description="When it is due; for a prompt, the date it is suggested by.")
    status: str = Field(
        description="met, upcoming, due_soon, overdue, prompt (a suggestion not yet done) or not_applicable"
    )
    met_on: date | None
    met_late: bool
    source: str = Field(
        description="The act, regulations or statutory guidance (a duty), or the council document's title and "
        "section (a local rule), that sets it."
    )
    reason: str = Field(description="For a practice prompt: why the product suggests it.")
    explanation: str
    facts: list[FactOut]

    @staticmethod
    def resolve_facts(obligation):
        return [{"label": str(label), "value": str(value)} for label, value in obligation.facts]


class ObligationFilters(Schema):
    on: Day | None = Field(None, description="The date to compute for; today when empty.")
    status: Codes(["met", "upcoming", "due_soon", "overdue", "prompt", "not_applicable"]) | None = None
    kind: Codes(["duty", "local_rule", "prompt"]) | None = None


@router.get(
    "/children/{child_id}/obligations",
    response=READ(list[ObligationOut]),
    summary="What is due, overdue and met for the child, and why",
    tags=["Obligations"],
)
def list_obligations(request, child_id: Id, filters: Query[ObligationFilters]):
    child = child_for(request, child_id)
    obligations = obligations_for_child(child, today=filters.on)
    return [
        o
        for o in obligations
        if (filters.status is None or o.status == filters.status) and (filters.kind is None or o.kind == filters.kind)
    ]
