"""The three live trackers (PLO pre-proceedings, care proceedings, permanence), read-only.

The same rows as the tracker pages: the children the token's owner may see, the status from the
timescales engine, and pseudonyms in place of names (and no record ids) for a performance analyst.
"""

from datetime import date
from typing import Annotated

from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from permanence.access import matrix
from permanence.api.pagination import Pagination
from permanence.planning.options import STAGES
from permanence.tracking import trackers

from ..access import need
from ..errors import ApiError
from ..types import Codes, Day, RefId
from .common import READ

router = Router(tags=["Trackers"])

# Every column key of every tracker; a key the chosen tracker lacks is refused naming `sort`.
COLUMN_KEYS = tuple(dict.fromkeys(c.key for t in trackers.TRACKERS.values() for c in t.columns))

TrackerKey = Annotated[str, Path(min_length=1, max_length=30, description="plo, proceedings or permanence.")]
Value = str | int | float | bool | None


class ColumnOut(Schema):
    key: str = Field(examples=["next_due"])
    header: str = Field(examples=["Next due"])
    kind: str = Field(examples=["date"], description="text, date or number.")


class TrackerOut(Schema):
    key: str = Field(examples=["permanence"])
    title: str = Field(examples=["Permanence"])
    summary: str
    source: str = Field(
        description=(
            "Where the tracker comes from, as the council's policy pack cites it: the law first; a council's own "
            "procedure as its local rule in that council's pack, otherwise labelled practice guidance."
        )
    )
    status_rule: str = Field(description="The obligation whose status a row shows; empty for the most urgent open one.")
    columns: list[ColumnOut]

    @staticmethod
    def resolve_columns(tracker):
        return list(tracker.columns)


class TrackerFilters(Schema):
    on: Day | None = Field(None, description="The date to compute the tracker for; today when empty.")
    team: RefId | None = Field(None, description="Only children allocated to a social worker in this team (id).")
    worker: RefId | None = Field(None, description="Only children allocated to this social worker (id).")
    iro: RefId | None = Field(None, description="Only children with this IRO (id).")
    stage: Codes(STAGES) | None = Field(None, description="Only children whose current plan is at this stage.")
    overdue_only: bool = Field(False, description="Only rows whose status is overdue.")
    sort: Codes(COLUMN_KEYS) = Field("child", description="A column key of the tracker; empty values sort last.")
    descending: bool = False


class TrackerRowOut(Schema):
    child_id: int | None = Field(
        examples=[42], description="The child's id; null for a performance analyst, who sees pseudonyms only."
    )
    child: str = Field(examples=["Ava Example"], description='The child\'s name, or a pseudonym ("Child P-…").')
    pseudonymised: bool
    status: str = Field(
        examples=["overdue"],
        description="overdue, due_soon, upcoming, met, not_applicable or empty (never a practice prompt).",
    )
    status_title: str = Field(examples=["Looked-after review"], description="The obligation the status is for.")
    values: dict[str, Value] = Field(
        examples=[{"child": "Ava Example", "days_in_care": 120, "next_due": "2026-04-01", "carer": None}],
        description="Each column's value by column key; dates as ISO strings.",
    )

    @staticmethod
    def resolve_child_id(row):
        return None if _hidden(row) else row.child.pk

    @staticmethod
    def resolve_child(row):
        return row.child.full_name

    @staticmethod
    def resolve_pseudonymised(row):
        return _hidden(row)

    @staticmethod
    def resolve_values(row):
        values = {key: value.isoformat() if isinstance(value, date) else value for key, value in row.values.items()}
        if _hidden(row):  # build_rows blanks what could identify someone; the API says "not shown"
            values.update({key: None for key in trackers.IDENTIFYING_COLUMNS if key in values})
        return values


def _hidden(row):
    return bool(getattr(row.child, "_pseudonymised", False))


def _tracker(key):
    tracker = trackers.TRACKERS.get(key)
    if tracker is None:
        raise ApiError(404, f"No tracker '{key}'. The trackers are: {', '.join(trackers.TRACKERS)}.")
    return tracker


@router.get("/trackers", response=READ(list[TrackerOut]), summary="The trackers and their columns")
def list_trackers(request):
    need(request, matrix.DASHBOARDS)
    return list(trackers.TRACKERS.values())


@router.get(
    "/trackers/{key}",
    response=READ(list[TrackerRowOut]),
    summary="A tracker's rows: the children you may see, filtered and sorted",
)
@paginate(Pagination)
def get_tracker(request, key: TrackerKey, filters: Query[TrackerFilters]):
    need(request, matrix.DASHBOARDS)
    tracker = _tracker(key)
    if tracker.column(filters.sort) is None:
        columns = ", ".join(c.key for c in tracker.columns)
        raise ApiError(
            422,
            "The request does not match the API: see the fields named.",
            fields={"sort": [f"The {tracker.title} tracker has no column '{filters.sort}'; use one of: {columns}."]},
        )
    result = trackers.run(
        key,
        today=filters.on,
        user=request.user,
        filters=trackers.TrackerFilters(
            team=filters.team,
            worker=filters.worker,
            iro=filters.iro,
            stage=filters.stage or "",
            overdue_only=filters.overdue_only,
            sort=filters.sort,
            descending=filters.descending,
        ),
    )
    return result.rows
