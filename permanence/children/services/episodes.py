"""Becoming looked after, moves, changes of legal status and leaving care, as SSDA903 episodes.

Each operation writes the episodes the standard expects (a move ends the current episode with
X1 and starts the next the same day with the reason for the change) and checks the child's
whole run of episodes with `rules.episodes_problems`, the function the 903 import uses, so a
page, the API and an imported return refuse the same incoherent record with the same words.
The person says which episode they saw and at which version (`episode`, `version`): a move
recorded on a stale page is refused with StaleRecord, never applied over someone else's change.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from permanence.accounts.models import User

from .. import rules
from ..models import Carer, Child, Episode, Person
from ..refusals import refuse
from ..versions import check_version, versioned_update
from .common import recorded, refuse_if, refuse_unless_editable_here, today_or

Values = Mapping[str, Any]
FIELDS = (
    "start",
    "end",
    "reason_new",
    "legal_status",
    "category_of_need",
    "placement",
    "provider",
    "reason_ceased",
    "reason_place_change",
    "carer_id",
    "placed_with_id",
    "home_postcode",
    "placement_postcode",
    "placement_la",
    "urn",
)


# A move, a change of legal status and leaving care are recorded as one day ("date"): the end of the
# current episode and the start of the next.
DAY_OF_CHANGE = {"end": "date", "start": "date"}


def _lock(child: Child) -> None:
    # One writer of a child's episodes at a time (PostgreSQL row lock; SQLite's transactions
    # already take the write lock when they begin).
    Child.objects.select_for_update().filter(pk=child.pk).first()


def _run(child: Child) -> list[dict[str, Any]]:
    return list(Episode.objects.filter(child=child).order_by("start", "pk").values("pk", *FIELDS))


def check_run(
    child: Child,
    episodes: list[dict[str, Any]],
    *,
    focus: set[int],
    today: date | None = None,
    renames: Mapping[str, str] | None = None,
) -> None:
    """Refuse if the child's episodes as they would be have problems. Problems of the episodes in
    `focus` (indexes) come back on their fields (`renames`: an episode field to the form's, as the
    day of a move is both the end of one episode and the start of the next); others' above the
    form, naming the episode."""
    found = rules.episodes_problems(episodes, date_of_birth=child.date_of_birth, today=today_or(today))
    renames = renames or {}
    problems: dict[str, str] = {}
    for index, fields in found.items():
        if index in focus:
            for field, message in fields.items():
                problems.setdefault(renames.get(field, field), message)
        else:
            other = episodes[index]
            for message in fields.values():
                problems.setdefault(
                    "__all__", f"The episode from {other['start']:%d/%m/%Y} would no longer be right: {message}"
                )
    refuse_if(problems)


def check_new(child: Child, new: dict[str, Any], *, today: date | None = None) -> None:
    """Refuse if the child's episodes with `new` added would have problems (its own on its fields)."""
    episodes = [*_run(child), new]
    check_run(child, episodes, focus={len(episodes) - 1}, today=today)


def current_episode(child: Child) -> Episode | None:
    return Episode.objects.filter(child=child, end__isnull=True).order_by("-start").first()


def _seen_current(child: Child, episode: Episode | None, version: int | str, field: str = "date") -> Episode:
    """The open episode, if it is the one the person saw at `version`; else StaleRecord (someone
    ended or changed it since) or a refusal (the child is not looked after)."""
    if episode is not None:
        check_version(record=episode, version=version)
    current = current_episode(child)
    if current is None:
        refuse(field, "The child is not looked after now: record the start of care first.")
    if episode is None:
        check_version(record=current, version=version)
    elif current.pk != episode.pk:
        refuse_if({"__all__": "The episode you saw is no longer the current one: open the child's record again."})
    return current


def _changing(child: Child, episode: Episode | None, version: int | str) -> Episode:
    """The open episode a move, a change of legal status or leaving care ends, with the child's
    episodes locked: refused beside a case system that keeps episodes, or when it is not the one
    the person saw at `version`."""
    refuse_unless_editable_here("episode")
    _lock(child)
    return _seen_current(child, episode, version)


def _run_with(child: Child, episode_pk: int, values: Mapping[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """The child's episodes as they would be with `values` written to one of them, and its index."""
    episodes = _run(child)
    index = next(i for i, e in enumerate(episodes) if e["pk"] == episode_pk)
    episodes[index] = episodes[index] | dict(values)
    return episodes, index


def _carer_values(carer: Carer | None, placed_with: Person | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "carer_id": carer.pk if carer else None,
        "placed_with_id": placed_with.pk if placed_with else None,
    }
    if carer is not None:
        values.setdefault("urn", carer.urn)
    return values


@transaction.atomic
def care_start(
    *,
    child: Child,
    start: date,
    legal_status: str,
    category_of_need: str,
    placement: str,
    provider: str = "",
    carer: Carer | None = None,
    placed_with: Person | None = None,
    home_postcode: str = "",
    placement_postcode: str = "",
    by: User | None = None,
    today: date | None = None,
) -> Episode:
    """The child becomes looked after (RNE S)."""
    refuse_unless_editable_here("episode")
    _lock(child)
    new = {
        "pk": None,
        "start": start,
        "end": None,
        "reason_new": "S",
        "legal_status": legal_status,
        "category_of_need": category_of_need,
        "placement": placement,
        "provider": provider or "",
        "reason_ceased": "",
        "reason_place_change": "",
        "home_postcode": home_postcode,
        "placement_postcode": placement_postcode or (carer.postcode if carer else ""),
        "placement_la": "",
        "urn": "",
        **_carer_values(carer, placed_with),
    }
    check_new(child, new, today=today)
    new.pop("pk")
    episode = Episode.objects.create(child=child, created_by=by, **new)
    recorded(child.pk)
    return episode


def _follow_on(
    child: Child,
    *,
    current: Episode,
    version: int | str,
    date: date,
    changes: Mapping[str, Any],
    reason_new: str,
    by: User | None,
    today: date | None,
) -> Episode:
    """End `current` on `date` with X1 and start the next episode the same day with `changes`."""
    following = {field: getattr(current, field) for field in FIELDS} | {
        "start": date,
        "end": None,
        "reason_new": reason_new,
        "reason_ceased": "",
        "reason_place_change": "",
        **changes,
    }
    episodes, index = _run_with(child, current.pk, {"end": date, "reason_ceased": rules.CEASED_CONTINUES})
    episodes.append({"pk": None, **following})
    check_run(child, episodes, focus={index, len(episodes) - 1}, today=today, renames=DAY_OF_CHANGE)
    versioned_update(record=current, version=version, changes={"end": date, "reason_ceased": "X1"}, by=by)
    episode = Episode.objects.create(child=child, created_by=by, **following)
    recorded(child.pk)
    return episode


@transaction.atomic
def placement_move(
    *,
    child: Child,
    version: int | str,
    episode: Episode | None = None,
    date: date,
    placement: str,
    reason_place_change: str,
    provider: str = "",
    carer: Carer | None = None,
    placed_with: Person | None = None,
    legal_status: str = "",
    placement_postcode: str = "",
    by: User | None = None,
    today: date | None = None,
) -> Episode:
    """The child moves to a new placement on `date` (RNE P, or T with the same carer; U or B when
    the legal status changes the same day)."""
    current = _changing(child, episode, version)
    status_changes = bool(legal_status) and legal_status != current.legal_status
    same_carer = carer is not None and carer.pk == current.carer_id
    reason_new = ("U" if same_carer else "B") if status_changes else ("T" if same_carer else "P")
    if not reason_place_change:
        refuse_if({"reason_place_change": "Select the reason for the change of placement."})
    changes = {
        "placement": placement,
        "provider": provider or "",
        "legal_status": legal_status or current.legal_status,
        "reason_place_change": reason_place_change,
        "placement_postcode": placement_postcode or (carer.postcode if carer else ""),
        "urn": "",
        **_carer_values(carer, placed_with),
    }
    return _follow_on(
        child, current=current, version=version, date=date, changes=changes, reason_new=reason_new, by=by, today=today
    )


@transaction.atomic
def legal_status_change(
    *,
    child: Child,
    version: int | str,
    date: date,
    legal_status: str,
    episode: Episode | None = None,
    by: User | None = None,
    today: date | None = None,
) -> Episode:
    """Only the legal status changes (RNE L): the placement and carer continue."""
    current = _changing(child, episode, version)
    return _follow_on(
        child,
        current=current,
        version=version,
        date=date,
        changes={"legal_status": legal_status},
        reason_new="L",
        by=by,
        today=today,
    )


@transaction.atomic
def care_end(
    *,
    child: Child,
    version: int | str,
    date: date,
    reason_ceased: str,
    episode: Episode | None = None,
    by: User | None = None,
    today: date | None = None,
) -> Episode:
    """The child ceases to be looked after on `date`, for the reason given (REC)."""
    current = _changing(child, episode, version)
    if reason_ceased == rules.CEASED_CONTINUES:
        refuse_if({"reason_ceased": "X1 continues care in a new episode: record a move or a change of legal status."})
    episodes, index = _run_with(child, current.pk, {"end": date, "reason_ceased": reason_ceased})
    check_run(child, episodes, focus={index}, today=today, renames=DAY_OF_CHANGE)
    episode = versioned_update(
        record=current, version=version, changes={"end": date, "reason_ceased": reason_ceased}, by=by
    )
    recorded(child.pk)
    return episode


def episode_check(*, episode: Episode, values: Values, today: date | None = None) -> None:
    """The whole-run check for a correction of one episode (used by `record_correct`)."""
    episodes, index = _run_with(episode.child, episode.pk, values)
    check_run(episode.child, episodes, focus={index}, today=today)
