"""Contact and support: a child's contact plans (with whom, direct or indirect, how often,
supervision, venue, purpose) and each time contact was due (happened, cancelled, not attended)."""

from datetime import date

from django.db.models import Prefetch
from ninja import Field, Router, Schema, Status

from permanence.support import choices, services
from permanence.support.models import ContactPlan, ContactSession

from ..access import child_for, item_for
from ..types import Codes, Day, Id, Required, Text
from .common import CREATED, READ, WRITE

router = Router(tags=["Contact and support"])

LONG_TEXT = 4000


class SessionOut(Schema):
    id: int
    plan_id: int
    date: date
    outcome: str = Field(examples=["cancelled"], description="happened, cancelled or not_attended.")
    who: str = Field(examples=["family"], description="Who cancelled or did not attend; empty when it happened.")
    notes: str


class ContactPlanOut(Schema):
    id: int
    with_whom: str = Field(examples=["Mia Example"])
    relationship: str = Field(examples=["mother"])
    kind: str = Field(examples=["direct"])
    frequency: str = Field(examples=["Every 2 weeks"])
    supervision: str = Field(examples=["supervised"])
    venue: str
    purposes: list[str] = Field(examples=[["identity", "reassurance"]])
    parties_agreed: bool | None
    child_views: str
    agreed: date
    review_date: date
    lifelong_links: bool
    ended: date | None
    sibling_plan_id: int | None = Field(description="With a brother or sister: the sibling contact plan it also is.")
    sessions: list[SessionOut] = Field(description="Each time contact was due, latest first.")

    @staticmethod
    def resolve_sessions(plan):
        return list(plan.sessions.all())


class ContactPlanIn(Schema):
    with_whom: Required(200) = Field(examples=["Mia Example"], description="The person (or people) contact is with.")
    relationship: Codes(choices.WITH_WHOM) = Field(examples=["mother"])
    kind: Codes(choices.CONTACT_KINDS) = Field(examples=["direct"], description="Direct or indirect.")
    frequency: Required(100) = Field(examples=["Every 2 weeks"])
    supervision: Codes(choices.SUPERVISION) = Field(examples=["supervised"])
    venue: Text(200) = Field("", examples=["Thornbury family centre"], description="Needed for direct contact.")
    purposes: list[Codes(choices.PURPOSES)] = Field(
        examples=[["identity", "reassurance"]],
        max_length=len(choices.PURPOSES),
        description="What contact is for (it must be for the child's benefit).",
    )
    parties_agreed: bool | None = Field(
        None, description="Everyone agreed before placement (needed for direct contact)."
    )
    child_views: Required(LONG_TEXT) = Field(examples=["Ava wants to see her mum but not every week."])
    agreed: Day = Field(description="The date the plan was agreed (today or earlier).")
    review_date: Day = Field(description="Reviewed at the looked-after review on or before this date.")
    lifelong_links: bool = False


class SessionIn(Schema):
    date: Day = Field(description="The date contact was due (today or earlier).")
    outcome: Codes(choices.SESSION_OUTCOMES) = Field(examples=["happened"])
    who: Codes(choices.WHO) | None = Field(
        None, examples=["family"], description="Who cancelled or did not attend (needed unless it happened)."
    )
    notes: Text(LONG_TEXT) = Field("", examples=["Mum was unwell."])


@router.get(
    "/children/{child_id}/contact-plans",
    response=READ(list[ContactPlanOut]),
    summary="The child's contact plans and sessions",
)
def list_contact_plans(request, child_id: Id):
    child = child_for(request, child_id)
    sessions = Prefetch("sessions", queryset=ContactSession.objects.order_by("-date", "-pk"))
    return ContactPlan.objects.filter(child=child).prefetch_related(sessions).order_by("-agreed", "-pk")


@router.post(
    "/children/{child_id}/contact-plans", response=WRITE(CREATED, ContactPlanOut), summary="Record a contact plan"
)
def create_contact_plan(request, child_id: Id, payload: ContactPlanIn):
    child = child_for(request, child_id, edit=True)
    return Status(201, services.contact_plan_record(child=child, by=request.user, **payload.dict()))


@router.post(
    "/contact-plans/{plan_id}/sessions",
    response=WRITE(CREATED, SessionOut),
    summary="Record a time contact was due: it happened, was cancelled, or someone did not attend",
)
def create_contact_session(request, plan_id: Id, payload: SessionIn):
    plan = item_for(request, ContactPlan, plan_id, edit=True)
    values = payload.dict()
    values["who"] = values["who"] or ""
    return Status(201, services.contact_session_record(plan=plan, by=request.user, **values))
