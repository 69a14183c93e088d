"""Family finding: the carer register, a child's family-finding profile and shortlist, and links
(matches) between a child and a household. Scores come with each part and its reason.

The carer register needs the meetings capability, as its pages do; a child's family finding goes
through the child's case access, and a match through the case access to each of its children.
"""

from datetime import date
from typing import Annotated

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from permanence.access import matrix
from permanence.api.pagination import Pagination
from permanence.children import versions
from permanence.children.carers import CARER_KINDS
from permanence.children.models import Carer
from permanence.codes.ethnicity import ETHNICITY
from permanence.matching import choices, places, selectors, services, stages
from permanence.matching.models import ChildProfile, Match
from permanence.matching.needs import NEEDS

from ..access import child_for, need
from ..errors import ApiError, Error
from ..types import Codes, Day, Id, RefId, Text
from .common import CREATED, READ, WRITE, staff_name
from .record import _if_match, _stale

router = Router(tags=["Family finding"])

LONG_TEXT = 4000
SMALLINT = 32767  # PositiveSmallIntegerField
Level = Annotated[int, Field(ge=0, le=3, description="0 none, 1 low, 2 medium, 3 high.")]
Needs = dict[Codes(NEEDS), Level]
Age = Annotated[int, Field(ge=0, le=17)]
Km = Annotated[int, Field(ge=0, le=1000)]
NEEDS_EXAMPLE = {"health": 2, "emotional_behavioural": 1}


# --- the carer register ------------------------------------------------------------------------


class RegisterEntryOut(Schema):
    version: int = Field(
        description="Goes up by one with every change: send it back as `If-Match` to change the entry."
    )
    approval_type: str = Field(examples=["adopter"])
    status: str = Field(examples=["available"], description="available, linked, matched or on_hold.")
    status_since: date | None
    on_hold_reason: str
    needs: dict[str, int] = Field(examples=[NEEDS_EXAMPLE], description="Need area -> the highest level they can meet.")
    district: str = Field(examples=["TB1"], description="Postcode district where they live.")
    ethnicity: str
    children_cared_for: int
    open_to_siblings: bool
    preferred_age_min: int | None
    preferred_age_max: int | None
    preferences: str


class CarerOut(Schema):
    id: int
    name: str = Field(examples=["Jo and Sam Hill"])
    kind: str = Field(examples=["adopter"])
    reference: str = Field(examples=["AD1"])
    provider: str
    approval_date: date | None
    temporary_approval_start: date | None
    temporary_approval_extended_to: date | None
    full_approval_date: date | None
    approval_ended: date | None
    capacity: int
    age_min: int
    age_max: int
    languages: str
    religion: str
    household: str
    register_entry: RegisterEntryOut | None = Field(
        None, description="The family-finding register entry; null when the carer is not on the register."
    )

    @staticmethod
    def resolve_register_entry(carer):
        return getattr(carer, "matching_profile", None)


class CarerMatchOut(Schema):
    id: int
    stage: str = Field(examples=["linked"])
    linked_on: date
    placed_on: date | None
    children: int = Field(description="How many children the match is for.")

    @staticmethod
    def resolve_children(match):
        return len(match.children.all())


class CarerDetailOut(CarerOut):
    matches: list[CarerMatchOut]

    @staticmethod
    def resolve_matches(carer):
        return list(selectors.carer_matches(carer))


class CarerFilters(Schema):
    q: Text(100) = Field("", description="Part of the name or the reference.")
    kind: Codes(CARER_KINDS) | None = Field(None, description="The kind of carer on the case record.")
    approval_type: Codes(choices.APPROVAL_TYPES) | None = Field(
        None, description="Register entries of this approval type."
    )
    status: Codes(choices.CARER_STATUSES) | None = Field(None, description="Register entries with this status.")
    district: Codes(places.CHOICES) | None = None
    on_register: bool | None = Field(
        None, description="Only carers on the family-finding register (or only those not)."
    )


class RegisterEntryIn(Schema):
    approval_type: Codes(choices.APPROVAL_TYPES) = Field(examples=["adopter"])
    status: Codes(choices.CARER_STATUSES) | None = Field(None, description="Available when first added.")
    on_hold_reason: Text(200) = Field("", description="Needed when the status is on_hold.")
    needs: Needs = Field(
        {}, examples=[NEEDS_EXAMPLE], description="Need area -> the highest level they can meet (0-3)."
    )
    district: Codes(places.CHOICES) | None = Field(None, examples=["TB2"])
    ethnicity: Codes(ETHNICITY) = "NOBT"
    children_cared_for: int = Field(0, ge=0, le=SMALLINT)
    open_to_siblings: bool = False
    preferred_age_min: Age | None = None
    preferred_age_max: Age | None = None
    preferences: Text(LONG_TEXT) = Field("", description="Their own preferences, in their words.")


class RegisterEntryPatch(Schema):
    approval_type: Codes(choices.APPROVAL_TYPES) | None = None
    status: Codes(choices.CARER_STATUSES) | None = None
    on_hold_reason: Text(200) | None = None
    needs: Needs | None = Field(
        None, examples=[NEEDS_EXAMPLE], description="Replaces the needs they can meet, as a whole."
    )
    district: Codes(places.CHOICES) | None = None
    ethnicity: Codes(ETHNICITY) | None = None
    children_cared_for: int | None = Field(None, ge=0, le=SMALLINT)
    open_to_siblings: bool | None = None
    preferred_age_min: Age | None = None
    preferred_age_max: Age | None = None
    preferences: Text(LONG_TEXT) | None = None


NOT_NULL = (
    "approval_type",
    "status",
    "on_hold_reason",
    "needs",
    "ethnicity",
    "children_cared_for",
    "open_to_siblings",
    "preferences",
)


def _carer(carer_id):
    carer = Carer.objects.select_related("matching_profile").filter(pk=carer_id).first()
    if carer is None:
        raise ApiError(404, f"No carer with id {carer_id}.")
    return carer


def _register(carer, values):
    services.carer_profile_record(carer=carer, **values)
    return _carer(carer.pk)  # read back with the entry just saved


@router.get("/carers", response=READ(list[CarerOut]), summary="The carer register")
@paginate(Pagination)
def list_carers(request, filters: Query[CarerFilters]):
    need(request, matrix.MEETINGS)
    return selectors.carer_register(
        q=filters.q,
        kind=filters.kind or "",
        approval_type=filters.approval_type or "",
        status=filters.status or "",
        district=filters.district or "",
        on_register=filters.on_register,
    )


@router.get("/carers/{carer_id}", response=READ(CarerDetailOut), summary="A carer, their register entry and matches")
def get_carer(request, carer_id: Id):
    need(request, matrix.MEETINGS)
    return _carer(carer_id)


@router.post(
    "/carers/{carer_id}/register",
    response={**WRITE(CREATED, CarerOut), 409: Error},
    summary="Add a carer to the family-finding register",
)
def add_to_register(request, carer_id: Id, payload: RegisterEntryIn):
    need(request, matrix.MEETINGS)
    carer = _carer(carer_id)
    if getattr(carer, "matching_profile", None) is not None:
        raise ApiError(409, f"{carer.name} are already on the register: change the entry with PATCH.")
    values = payload.dict()
    values["district"] = values["district"] or ""
    return Status(201, _register(carer, values))


@router.patch(
    "/carers/{carer_id}/register",
    response=WRITE(200, CarerOut),
    summary="Change a carer's register entry (status, needs they can meet, preferences)",
    description="Send only the fields to change, with `If-Match` (the entry's `version`, as an ETag): an entry "
    "changed since you read it answers 412 with the other change, and is left as it was.",
)
def update_register(request, carer_id: Id, payload: RegisterEntryPatch):
    need(request, matrix.MEETINGS)
    carer = _carer(carer_id)
    entry = getattr(carer, "matching_profile", None)
    if entry is None:
        raise ApiError(404, f"{carer.name} are not on the family-finding register: add them with POST.")
    version = _if_match(request)
    changes = payload.dict(exclude_unset=True)
    for field in NOT_NULL:
        if field in changes and changes[field] is None:
            raise ApiError(422, "Nothing was saved.", fields={field: ["This field cannot be null."]})
    if "district" in changes:
        changes["district"] = changes["district"] or ""
    changes.setdefault("approval_type", entry.approval_type)
    try:
        with versions.editing(record=entry, version=version, by=request.user):
            return _register(carer, changes)
    except versions.StaleRecord as refused:
        _stale(refused)


# --- a child's family finding --------------------------------------------------------------------


class FamilyFindingIn(Schema):
    started: Day = Field(description="The date family finding started (as soon as adoption is under consideration).")
    needs: Needs = Field({}, examples=[NEEDS_EXAMPLE], description="Need area -> the child's level of need (0-3).")
    district: Codes(places.CHOICES) | None = Field(None, examples=["TB1"], description="The child's community.")
    min_km: Km | None = Field(None, description="At least this far from the community (safety).")
    max_km: Km | None = Field(None, description="At most this far from the community (school, contact).")
    location_notes: Text(300) = Field("", description="Why the location matters.")
    contact_needs: Text(LONG_TEXT) = ""
    identity: Text(LONG_TEXT) = Field("", description="Heritage, culture, faith, language.")
    wishes: Text(LONG_TEXT) = Field("", description="The child's wishes about a new family.")


class FamilyFindingOut(Schema):
    started: date
    status: str = Field(examples=["searching"], description="searching, linked, matched, placed or paused.")
    needs: dict[str, int]
    district: str
    min_km: int | None
    max_km: int | None
    location_notes: str
    contact_needs: str
    identity: str
    wishes: str


class PartOut(Schema):
    name: str = Field(examples=["Distance to the child's community"])
    points: float
    out_of: float
    reason: str = Field(examples=["Same district as Ava"])
    counted: bool = Field(
        True,
        description="False when the part carries no information here (nothing recorded, or the same for every "
        "household listed): shown with its reason, not counted in the total.",
    )


class ScoreOut(Schema):
    total: float
    out_of: float
    ethnicity: str = Field(description="Always shown, with whether it counted under the policy.")
    parts: list[PartOut]


class MatchOut(Schema):
    id: int
    stage: str = Field(examples=["linked"])
    stage_name: str = Field(examples=["Linked"])
    carer_id: int
    carer: str = Field(examples=["Jo and Sam Hill"])
    child_ids: list[int] = Field(description="The children to be placed together with the household.")
    linked_on: date
    introductions_start: date | None
    placed_on: date | None
    ended_reason: str
    score: ScoreOut | None = Field(None, description="The score and its reasons when the link was made.")

    @staticmethod
    def resolve_stage_name(match):
        return stages.name(match.stage)

    @staticmethod
    def resolve_carer(match):
        return match.carer.name

    @staticmethod
    def resolve_child_ids(match):
        return sorted(child.pk for child in match.children.all())

    @staticmethod
    def resolve_score(match):
        return match.score or None


class MatchChildOut(Schema):
    id: int
    name: str = Field(alias="full_name")


class MatchEventOut(Schema):
    from_stage: str
    to_stage: str
    date: date
    note: str
    by: str | None = None

    @staticmethod
    def resolve_by(event):
        return staff_name(event.by)


class MatchVisitOut(Schema):
    id: int
    date: date
    notes: str


class MatchDetailOut(MatchOut):
    children: list[MatchChildOut]
    report: str
    introductions_plan: str
    what_next: str
    events: list[MatchEventOut]
    visits: list[MatchVisitOut]

    @staticmethod
    def resolve_children(match):
        return list(match.children.all())

    @staticmethod
    def resolve_what_next(match):
        return stages.WHAT_NEXT[match.stage]

    @staticmethod
    def resolve_events(match):
        return list(match.events.all())

    @staticmethod
    def resolve_visits(match):
        return list(match.visits.all())


class LinkIn(Schema):
    carer: RefId = Field(examples=[7], description="The carer's id: an available household on the register.")
    date: Day | None = Field(None, description="The date of the link; today when empty.")
    note: Text(1000) = ""


class ShortlistRowOut(Schema):
    rank: int
    carer_id: int
    carer: str = Field(examples=["Jo and Sam Hill"])
    approval_type: str
    district: str
    total: float
    out_of: float
    percent: int
    ethnicity: str
    parts: list[PartOut]


class ShortlistOut(Schema):
    child_id: int
    waiting: bool = Field(
        description="Whether the child is waiting for a new family: their plan needs one and they are not already "
        "in the home intended to be permanent. No household is listed for a child who is not waiting."
    )
    waiting_reason: str = Field(description="Why the child is waiting, or why not, in words.")
    waiting_since: date | None = Field(None, description="The decision that the child needs a new family.")
    held_back: str = Field(
        description="Why the child cannot be linked on their own (brothers and sisters they live with are not "
        "waiting), or empty."
    )
    placed_together: list[int] = Field(description="The children to be placed together (the child and any siblings).")
    excluded: int = Field(description="How many available households do not fit (a hard constraint fails).")
    carers: list[ShortlistRowOut]


class ShortlistFilters(Schema):
    on: Day | None = Field(None, description="The date to score on; today when empty.")
    size: int | None = Field(None, ge=1, le=50, description="How many carers; the policy's shortlist size when empty.")


def _profile_or_404(child):
    profile = ChildProfile.objects.filter(child=child).first()
    if profile is None:
        raise ApiError(
            404, f"Family finding has not started for {child.first_name}.", code="family_finding_not_started"
        )
    return profile


def _matches():
    return Match.objects.select_related("carer").prefetch_related("children")


@router.get(
    "/children/{child_id}/family-finding", response=READ(FamilyFindingOut), summary="The child's family-finding profile"
)
def get_family_finding(request, child_id: Id):
    return _profile_or_404(child_for(request, child_id))


@router.post(
    "/children/{child_id}/family-finding",
    response=WRITE(CREATED, FamilyFindingOut),
    summary="Start family finding for a child",
)
def start_family_finding(request, child_id: Id, payload: FamilyFindingIn):
    child = child_for(request, child_id, edit=True)
    values = payload.dict()
    values["district"] = values["district"] or ""
    return Status(
        201, services.family_finding_start(child=child, date=values.pop("started"), by=request.user, **values)
    )


@router.get(
    "/children/{child_id}/shortlist",
    response=READ(ShortlistOut),
    summary="Ranked households for the child, each part of the score with its reason",
)
def get_shortlist(request, child_id: Id, filters: Query[ShortlistFilters]):
    child = child_for(request, child_id)
    _profile_or_404(child)
    found = selectors.shortlist_for(child, today=filters.on, size=filters.size)
    verdict = found["verdict"]
    listed = found["rows"] if verdict.waiting and not found["held"] else []
    return {
        "child_id": child.pk,
        "waiting": verdict.waiting,
        "waiting_reason": verdict.reason,
        "waiting_since": verdict.since,
        "held_back": found["held"],
        "placed_together": list(found["unit"].ids),
        "excluded": found["excluded"],
        "carers": [
            {
                "rank": rank,
                "carer_id": entry.carer_id,
                "carer": entry.carer.name,
                "approval_type": entry.approval_type,
                "district": entry.district,
                "total": score.total,
                "out_of": score.out_of,
                "percent": score.percent,
                "ethnicity": score.ethnicity,
                "parts": list(score.parts),
            }
            for rank, (entry, score) in enumerate(listed, start=1)
        ],
    }


@router.get("/children/{child_id}/matches", response=READ(list[MatchOut]), summary="The child's links and matches")
def list_child_matches(request, child_id: Id):
    child = child_for(request, child_id)
    return _matches().filter(children=child).order_by("-linked_on", "-pk")


@router.post(
    "/children/{child_id}/matches",
    response=WRITE(CREATED, MatchOut),
    summary="Link the child (and siblings placed together) with an available household",
)
def create_match(request, child_id: Id, payload: LinkIn):
    child = child_for(request, child_id, edit=True)
    carer = Carer.objects.filter(pk=payload.carer).first()
    if carer is None:
        raise ApiError(422, "Nothing was saved.", fields={"carer": [f"No carer has id {payload.carer}."]})
    match = services.link_record(
        child=child, carer=carer, date=payload.date or date.today(), by=request.user, note=payload.note
    )
    return Status(201, _matches().get(pk=match.pk))


@router.get(
    "/matches/{match_id}",
    response=READ(MatchDetailOut),
    summary="A match: its children, stage history, visits and score",
)
def get_match(request, match_id: Id):
    need(request, matrix.MEETINGS)
    if not Match.objects.filter(pk=match_id).exists():
        raise ApiError(404, f"No match with id {match_id}.")
    match = selectors.match_detail(match_id)
    for child in match.children.all():
        child_for(request, child.pk)  # every child of the match must be in case access (and the read is audited)
    return match
