"""The three live trackers that replace the permanence spreadsheets (Camden §5).

Where each comes from is the running pack's (`trackers:` in the pack, docs/policy-packs.md): the
England baseline cites the law and the Knowledge and Skills Statement, with Camden's spreadsheets
labelled as the practice guidance they are; Camden's own pack cites its procedure.

- PLO pre-proceedings: cases in the Public Law Outline where the child may be removed.
- Care proceedings: the week number against 26 weeks, extensions, hearings, the ADM decision.
- Permanence: every child looked after or on the edge of care, with plan, stage and next step.

Each tracker is a population (which children), a list of columns and a row builder. Rows are
read in bulk (a fixed number of queries whatever the number of children) and the status
comes from the timescales engine, so a tracker and the child's own page always agree.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.db.models import Q

from permanence.access.pseudonyms import applies_to
from permanence.access.pseudonyms import pseudonymise as hide
from permanence.access.rules import visible_children
from permanence.children.models import (
    Allocation,
    Child,
    Episode,
    Extension,
    Hearing,
    LegalOrder,
    Proceedings,
    Relationship,
)
from permanence.children.orders import ORDER_NAMES
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.obligations.selectors import obligations_for_children
from permanence.planning.models import CarerBriefing, Decision, Meeting, PermanencePlan, PlanStep
from permanence.planning.options import OPTION_NAMES, STAGE_NAMES
from permanence.timescales.kinds import no_file_name
from permanence.timescales.obligations import DUE_SOON, OVERDUE, UPCOMING
from permanence.timescales.policy import pack_section

WEEK = 7
PROCEEDINGS_WEEKS = 26
STATUS_ORDER = {OVERDUE: 0, DUE_SOON: 1, UPCOMING: 2}
# Orders that make a home legally secure, most secure first.
SECURING_ORDERS = (
    "adoption_order",
    "special_guardianship_order",
    "child_arrangements_order",
    "placement_order",
    "care_order",
)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str = "text"  # text, date, number
    width: int = 14  # characters, for the spreadsheet


@cache
def _sources(pack: str) -> dict[str, str]:
    """{tracker key: where it comes from}, as the pack's `trackers:` section says (merged down `extends`)."""
    sources = {}
    for key, entry in pack_section(pack, "trackers").items():
        source = (entry or {}).get("source", "") if isinstance(entry, dict) else ""
        no_file_name(source, f"trackers: {key}: source")
        sources[key] = source
    return sources


@dataclass
class Tracker:
    key: str
    title: str
    summary: str
    columns: tuple
    status_rule: str = ""  # the obligation whose status the row shows; "" = the most urgent open one

    @property
    def source(self):
        """Where the tracker comes from, as the council's pack cites it."""
        return _sources(settings.PERMANENCE_POLICY).get(self.key, "")

    def column(self, key):
        return next((c for c in self.columns if c.key == key), None)


CHILD_COLUMNS = (
    Column("child", "Child", width=24),
    Column("reference", "Council reference", width=12),
    Column("worker", "Social worker", width=22),
    Column("team", "Team", width=20),
    Column("iro", "IRO", width=22),
)

TRACKERS = {
    "plo": Tracker(
        key="plo",
        title="PLO pre-proceedings",
        summary="Children in the Public Law Outline pre-proceedings steps, where removal from their parents' care is possible.",
        columns=(
            *CHILD_COLUMNS,
            Column("pre_proceedings_start", "Pre-proceedings started", "date"),
            Column("letter", "Letter before proceedings", "date"),
            Column("ppm", "Pre-proceedings meeting", "date"),
            Column("weeks_pre", "Weeks in pre-proceedings", "number", 10),
            Column("fgc", "Family group conference held", "date"),
            Column("connected_identified", "Connected persons identified", "number", 10),
            Column("connected_assessed", "Connected persons assessed", "number", 10),
            Column("next_step", "Next step", width=40),
        ),
    ),
    "proceedings": Tracker(
        key="proceedings",
        title="Care proceedings",
        summary="Children in care proceedings: the week against 26 weeks, extensions, hearings and the decisions still needed.",
        columns=(
            *CHILD_COLUMNS,
            Column("issued", "Issued", "date"),
            Column("week", "Week number", "number", 8),
            Column("extensions", "Extensions (weeks)", "number", 10),
            Column("due", "26 weeks ends", "date"),
            Column("cmh", "Case management hearing", "date"),
            Column("irh", "Issues resolution hearing", "date"),
            Column("final_hearing", "Final hearing", "date"),
            Column("next_hearing", "Next hearing", "date"),
            Column("next_panel", "Next panel", "date"),
            Column("plan", "Plan", width=24),
            Column("parallel_plan", "Parallel plan", width=24),
            Column("adm_needed", "ADM decision needed", width=10),
            Column("adm_made", "ADM decision made", "date"),
            Column("final_evidence", "Final evidence due", "date"),
            Column("final_evidence_filed", "Final evidence filed", "date"),
        ),
        status_rule="proceedings-26-weeks",
    ),
    "permanence": Tracker(
        key="permanence",
        title="Permanence",
        summary="Every child looked after or on the edge of care: the plan, its stage, and what is next.",
        columns=(
            *CHILD_COLUMNS,
            Column("legal_status", "Legal status", width=22),
            Column("entered_care", "Entered care", "date"),
            Column("days_in_care", "Days in care", "number", 8),
            Column("plan", "Plan", width=24),
            Column("stage", "Stage", width=18),
            Column("plan_agreed", "Plan recorded", "date"),
            Column("days_since_plan", "Days since plan", "number", 8),
            Column("next_obligation", "Next obligation", width=30),
            Column("next_due", "Next due", "date"),
            Column("next_review", "Next review", "date"),
            Column("next_panel", "Next panel", "date"),
            Column("next_hearing", "Next hearing", "date"),
            Column("carer", "Carer", width=22),
            Column("legal_security", "Legal security", width=24),
            # Camden section 6: the report and the referral that follow an adoption or long-term fostering plan.
            Column("profile_done", "Child's Permanence Report or Form E", "date"),
            Column("referred", "Referred for family finding", "date"),
            Column("carers_told", "Risks shared with carers", "date"),
        ),
    ),
}


@dataclass
class TrackerRow:
    child: Child
    values: dict
    status: str = ""  # overdue, due_soon, upcoming, met, not_applicable or ""
    status_title: str = ""
    worker_id: int | None = None
    team_id: int | None = None
    iro_id: int | None = None
    stage: str = ""

    def cells(self, tracker):
        return [self.values.get(column.key) for column in tracker.columns]


@dataclass
class TrackerFilters:
    team: int | None = None
    worker: int | None = None
    iro: int | None = None
    stage: str = ""
    overdue_only: bool = False
    sort: str = "child"
    descending: bool = False


@dataclass
class TrackerResult:
    tracker: Tracker
    today: date
    rows: list = field(default_factory=list)
    total: int = 0  # before filters


# --- populations ------------------------------------------------------------------------


def _open_proceedings(today):
    return Proceedings.objects.filter(Q(concluded__isnull=True) | Q(concluded__gt=today))


def population(key, today):
    """Ids of the children a tracker covers on this date."""
    if key == "plo":
        qs = _open_proceedings(today).filter(pre_proceedings_start__isnull=False, pre_proceedings_start__lte=today)
        return list(
            qs.filter(Q(issued__isnull=True) | Q(issued__gt=today)).values_list("child_id", flat=True).distinct()
        )
    if key == "proceedings":
        return list(_open_proceedings(today).filter(issued__lte=today).values_list("child_id", flat=True).distinct())
    looked_after = Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values_list(
        "child_id", flat=True
    )
    edge = (
        _open_proceedings(today)
        .filter(Q(issued__lte=today) | Q(pre_proceedings_start__lte=today))
        .values_list("child_id", flat=True)
    )
    return sorted(set(looked_after) | set(edge))


# --- rows -------------------------------------------------------------------------------


def _people(ids):
    workers, iros = {}, {}
    for a in Allocation.objects.filter(child_id__in=ids, end__isnull=True).select_related("worker", "team"):
        (workers if a.role == Allocation.SOCIAL_WORKER else iros)[a.child_id] = a
    return workers, iros


def _latest_proceedings(ids, today):
    found = {}
    for p in _open_proceedings(today).filter(child_id__in=ids).order_by("child_id", "pk"):
        found[p.child_id] = p
    return found


def _weeks(start, today):
    return (today - start).days // WEEK + 1 if start and start <= today else None


def _status(tracker, obligations):
    if tracker.status_rule:
        chosen = [o for o in obligations if o.rule == tracker.status_rule and o.status != "not_applicable"]
        return (chosen[-1].status, chosen[-1].title) if chosen else ("", "")
    open_ = sorted((o for o in obligations if o.open), key=lambda o: (STATUS_ORDER[o.status], o.due or date.max))
    return (open_[0].status, open_[0].title) if open_ else ("", "")


def _next_obligation(obligations):
    open_ = sorted((o for o in obligations if o.open and o.due), key=lambda o: o.due)
    return open_[0] if open_ else None


REVIEW_RULES = ("cla-review", "short-break-review", "adoption-review-authorised", "adoption-review-placed")


def _next_review(obligations):
    """The next review the IRO must chair: the earliest open review obligation."""
    due = sorted(o.due for o in obligations if o.rule in REVIEW_RULES and o.open and o.due)
    return due[0] if due else None


# Key dates a feature above the trackers knows (the next panel is the meetings app's): each is
# registered from that app's AppConfig.ready as fn(ids, today) -> {child id: date}, read in bulk.
KEY_DATES: dict[str, Callable[[list, date], dict]] = {}


def register_key_date(name, fn):
    KEY_DATES[name] = fn


def _next_panels(ids, today):
    """The next panel each child is listed for, on or after today (registered by meetings)."""
    fn = KEY_DATES.get("next_panel")
    return fn(ids, today) if fn else {}


def _next_hearings(ids, today):
    """The next court hearing in each child's open proceedings, on or after today."""
    found = {}
    for child_id, when in (
        Hearing.objects.filter(proceedings__child_id__in=ids, date__gte=today)
        .filter(Q(proceedings__concluded__isnull=True) | Q(proceedings__concluded__gt=today))
        .order_by("date")
        .values_list("proceedings__child_id", "date")
    ):
        found.setdefault(child_id, when)
    return found


def _plo_next_step(p, fgc, identified, assessed, weeks):
    if not p.letter_before_proceedings:
        return "Send the letter before proceedings"
    if not p.pre_proceedings_meeting:
        return "Hold the pre-proceedings meeting"
    if not fgc:
        return "Offer a family group conference"
    if identified > assessed:
        return f"Assess {identified - assessed} connected {'person' if identified - assessed == 1 else 'people'}"
    if weeks and weeks >= 16:
        return "Legal gateway: issue proceedings or step down"
    return "Review progress at the next legal planning meeting"


# Columns that can name someone outside the staff even when the child is pseudonymised (a
# connected-person carer often shares the child's family name): blank for an analyst.
IDENTIFYING_COLUMNS = ("carer",)


def build_rows(tracker, ids, today, *, pseudonymise=False):
    """One TrackerRow a child, in a fixed number of queries."""
    children = Child.objects.in_bulk(ids)
    workers, iros = _people(ids)
    obligations = obligations_for_children(ids, today=today)
    plans = {
        p.child_id: p
        for p in PermanencePlan.objects.filter(child_id__in=ids, superseded_on__isnull=True).order_by("recorded")
    }
    extra = _EXTRA[tracker.key](ids, today)
    rows = []
    for child_id in ids:
        child = children[child_id]
        worker, iro = workers.get(child_id), iros.get(child_id)
        plan = plans.get(child_id)
        status, status_title = _status(tracker, obligations.get(child_id, []))
        if pseudonymise:
            hide(child)
        values = {
            "child": child.full_name,
            "reference": child.council_reference,
            "worker": str(worker.worker) if worker else "",
            "team": str(worker.team) if worker and worker.team else "",
            "iro": str(iro.worker) if iro else "",
        }
        values.update(extra(child_id, plan, obligations.get(child_id, [])))
        if pseudonymise:
            values.update({key: "" for key in IDENTIFYING_COLUMNS if key in values})
        rows.append(
            TrackerRow(
                child=child,
                values=values,
                status=status,
                status_title=status_title,
                worker_id=worker.worker_id if worker else None,
                team_id=worker.team_id if worker else None,
                iro_id=iro.worker_id if iro else None,
                stage=plan.stage if plan else "",
            )
        )
    return rows


def _plo_extra(ids, today):
    proceedings = _latest_proceedings(ids, today)
    fgcs = dict(
        Meeting.objects.filter(child_id__in=ids, kind="family_group_conference", date__lte=today)
        .order_by("date")
        .values_list("child_id", "date")
    )
    identified, assessed = defaultdict(int), defaultdict(int)
    for child_id, outcome in Relationship.objects.filter(child_id__in=ids, connected_person=True).values_list(
        "child_id", "assessment_outcome"
    ):
        identified[child_id] += 1
        assessed[child_id] += bool(outcome)

    def extra(child_id, plan, obligations):
        p = proceedings[child_id]
        weeks = _weeks(p.pre_proceedings_start, today)
        return {
            "pre_proceedings_start": p.pre_proceedings_start,
            "letter": p.letter_before_proceedings,
            "ppm": p.pre_proceedings_meeting,
            "weeks_pre": weeks,
            "fgc": fgcs.get(child_id),
            "connected_identified": identified[child_id],
            "connected_assessed": assessed[child_id],
            "next_step": _plo_next_step(p, fgcs.get(child_id), identified[child_id], assessed[child_id], weeks),
        }

    return extra


def _proceedings_extra(ids, today):
    proceedings = _latest_proceedings(ids, today)
    extension_weeks, hearings = defaultdict(int), defaultdict(dict)
    for proceedings_id, weeks in Extension.objects.filter(proceedings__child_id__in=ids).values_list(
        "proceedings_id", "weeks"
    ):
        extension_weeks[proceedings_id] += weeks
    for proceedings_id, kind, when in (
        Hearing.objects.filter(proceedings__child_id__in=ids)
        .order_by("date")
        .values_list("proceedings_id", "kind", "date")
    ):
        hearings[proceedings_id].setdefault(kind, when)
    adm = dict(
        Decision.objects.filter(child_id__in=ids, kind="adm_should_be_placed")
        .order_by("date")
        .values_list("child_id", "date")
    )
    next_hearing, next_panel = _next_hearings(ids, today), _next_panels(ids, today)

    def extra(child_id, plan, obligations):
        p = proceedings[child_id]
        extended = extension_weeks[p.pk]
        due = [o.due for o in obligations if o.rule == "proceedings-26-weeks" and o.due]
        adoption = bool(plan) and "adoption" in (plan.primary_option, plan.parallel_option)
        return {
            "issued": p.issued,
            "week": _weeks(p.issued, today),
            "extensions": extended,
            "due": due[-1] if due else None,
            "cmh": hearings[p.pk].get(Hearing.CMH),
            "irh": hearings[p.pk].get(Hearing.IRH),
            "final_hearing": hearings[p.pk].get(Hearing.FINAL),
            "next_hearing": next_hearing.get(child_id),
            "next_panel": next_panel.get(child_id),
            "plan": OPTION_NAMES.get(plan.primary_option, "") if plan else "No plan recorded",
            "parallel_plan": OPTION_NAMES.get(plan.parallel_option, "") if plan else "",
            "adm_needed": "Yes" if adoption else "No",
            "adm_made": adm.get(child_id),
            "final_evidence": p.final_evidence_due,
            "final_evidence_filed": p.final_evidence_filed,
        }

    return extra


def _permanence_extra(ids, today):
    episodes = defaultdict(list)
    for row in (
        Episode.objects.filter(child_id__in=ids, start__lte=today)
        .order_by("child_id", "start")
        .values_list("child_id", "start", "end", "legal_status", "reason_new", "carer__name")
    ):
        episodes[row[0]].append(row[1:])
    orders = defaultdict(list)
    for child_id, order_type, made in (
        LegalOrder.objects.filter(child_id__in=ids, made__lte=today)
        .filter(Q(ended__isnull=True) | Q(ended__gt=today))
        .values_list("child_id", "order_type", "made")
    ):
        orders[child_id].append((order_type, made))
    next_hearing, next_panel = _next_hearings(ids, today), _next_panels(ids, today)
    steps = defaultdict(dict)  # the first date of each step, per child
    for child_id, kind, day in (
        PlanStep.objects.filter(child_id__in=ids, date__lte=today)
        .order_by("child_id", "date")
        .values_list("child_id", "kind", "date")
    ):
        steps[child_id].setdefault(kind, day)
    told = dict(
        CarerBriefing.objects.filter(child_id__in=ids, shared_on__lte=today)
        .order_by("child_id", "shared_on")
        .values_list("child_id", "shared_on")
    )

    def first_of(child_id, *kinds):
        found = [steps[child_id][k] for k in kinds if k in steps.get(child_id, {})]
        return min(found) if found else None

    def extra(child_id, plan, obligations):
        history = episodes.get(child_id, [])
        current = history[-1] if history and (history[-1][1] is None or history[-1][1] > today) else None
        entered = None
        for start, _end, _ls, reason_new, _carer in history:  # the start of the latest period of care
            if reason_new == "S":
                entered = start
        upcoming = _next_obligation(obligations)
        securing = sorted(
            orders.get(child_id, []), key=lambda o: SECURING_ORDERS.index(o[0]) if o[0] in SECURING_ORDERS else 99
        )
        return {
            "legal_status": LEGAL_STATUS.label(current[2]) if current else "Not looked after",
            "entered_care": entered if current else None,
            "days_in_care": (today - entered).days if current and entered else None,
            "plan": OPTION_NAMES.get(plan.primary_option, "") if plan else "No plan recorded",
            "stage": STAGE_NAMES.get(plan.stage, "") if plan else "",
            "plan_agreed": plan.recorded if plan else None,
            "days_since_plan": (today - plan.recorded).days if plan else None,
            "next_obligation": upcoming.title if upcoming else "",
            "next_due": upcoming.due if upcoming else None,
            "next_review": _next_review(obligations),
            "next_panel": next_panel.get(child_id),
            "next_hearing": next_hearing.get(child_id),
            "carer": current[4] or "" if current else "",
            "legal_security": ORDER_NAMES.get(securing[0][0], securing[0][0]) if securing else "",
            "profile_done": first_of(child_id, "cpr_completed", "form_e_completed"),
            "referred": first_of(child_id, "raa_referral", "fostering_referral"),
            "carers_told": told.get(child_id),
        }

    return extra


_EXTRA = {"plo": _plo_extra, "proceedings": _proceedings_extra, "permanence": _permanence_extra}


# --- the tracker as a whole --------------------------------------------------------------


def run(key, *, today=None, filters=None, user=None):
    """The rows of one tracker, filtered and sorted; with `user`, only the children they may see
    (pseudonymised for a performance analyst)."""
    tracker = TRACKERS[key]
    today = today or date.today()
    filters = filters or TrackerFilters()
    ids = population(key, today)
    if user is not None:
        visible = set(visible_children(user).filter(pk__in=ids).values_list("pk", flat=True))
        ids = [child_id for child_id in ids if child_id in visible]

    rows = build_rows(tracker, ids, today, pseudonymise=user is not None and applies_to(user))
    result = TrackerResult(tracker=tracker, today=today, total=len(rows))
    keep = [
        row
        for row in rows
        if (filters.team is None or row.team_id == filters.team)
        and (filters.worker is None or row.worker_id == filters.worker)
        and (filters.iro is None or row.iro_id == filters.iro)
        and (not filters.stage or row.stage == filters.stage)
        and (not filters.overdue_only or row.status == OVERDUE)
    ]
    keep.sort(key=lambda r: (r.child.last_name, r.child.first_name))
    blanks = [r for r in keep if r.values.get(filters.sort) in (None, "")]
    filled = sorted(
        (r for r in keep if r.values.get(filters.sort) not in (None, "")),
        key=lambda r: r.values.get(filters.sort),
        reverse=filters.descending,
    )
    result.rows = filled + blanks if tracker.column(filters.sort) else keep
    return result
