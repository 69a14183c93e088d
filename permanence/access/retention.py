"""Retention of children's records: the rule is data (retention.yaml); `retain_until` is pure."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from permanence.children.models import Child, LegalOrder

POLICY_FILE = Path(__file__).with_name("retention.yaml")


@lru_cache(maxsize=1)
def policy():
    return yaml.safe_load(POLICY_FILE.read_text())


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Retention:
    until: date | None  # None: not yet known (no date of birth); keep
    rule: str
    source: str


def retain_until(*, date_of_birth, date_of_death=None, adoption_order_made=None):
    rules = policy()
    if adoption_order_made:
        rule = rules["adoption"]
        return Retention(_add_years(adoption_order_made, rule["years_after_order"]), "adoption", rule["source"])
    if date_of_death and date_of_birth and date_of_death < _add_years(date_of_birth, 18):
        rule = rules["died_before_18"]
        return Retention(_add_years(date_of_death, rule["years_after_death"]), "died_before_18", rule["source"])
    rule = rules["looked_after"]
    until = _add_years(date_of_birth, rule["until_birthday"]) if date_of_birth else None
    return Retention(until, "looked_after", rule["source"])


def retention_for(child):
    order = (
        LegalOrder.objects.filter(child=child, order_type=policy()["adoption"]["order_type"])
        .order_by("made")
        .values_list("made", flat=True)
        .first()
    )
    return retain_until(date_of_birth=child.date_of_birth, date_of_death=child.date_of_death, adoption_order_made=order)


def due_for_review(*, within_days=365, today=None):
    """Children whose retention period ends within `within_days` (or has ended): for review, not deletion."""

    today = today or date.today()
    horizon = today + timedelta(days=within_days)
    orders = dict(
        LegalOrder.objects.filter(order_type=policy()["adoption"]["order_type"])
        .order_by("-made")
        .values_list("child_id", "made")
    )
    rows = []
    for pk, ref, born, died in Child.objects.values_list("pk", "council_reference", "date_of_birth", "date_of_death"):
        kept = retain_until(date_of_birth=born, date_of_death=died, adoption_order_made=orders.get(pk))
        if kept.until and kept.until <= horizon:
            rows.append(
                {
                    "child_id": pk,
                    "reference": ref,
                    "until": kept.until,
                    "rule": kept.rule,
                    "source": kept.source,
                    "ended": kept.until <= today,
                }
            )
    return sorted(rows, key=lambda row: row["until"])


class RetentionError(Exception):
    pass


def check_can_delete(child, *, today=None):
    today = today or date.today()
    kept = retention_for(child)
    if kept.until is None or kept.until > today:
        until = f"until {kept.until:%d/%m/%Y}" if kept.until else "until its retention period is known"
        raise RetentionError(
            f"This child's record must be kept {until} ({kept.source}). It cannot be deleted; "
            "if it was created in error, ask a system administrator to mark it so."
        )
