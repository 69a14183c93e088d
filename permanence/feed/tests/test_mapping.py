"""Reading one person's SSD rows (pure: no database): what each becomes, and what is refused."""

from datetime import date

import pytest

from permanence.feed.mapping.orders import read_status
from permanence.feed.mapping.person import Lookups, default_role_of, map_person
from permanence.feed.mapping.values import parse_date
from permanence.feed.spec import TABLES
from permanence.feed.sync import _role_reader

from . import extracts as x

TODAY = date(2026, 11, 24)


def rows_of(tables, person):
    out = {}
    for table, rows in tables.items():
        spec = TABLES[table]
        for n, row in enumerate(rows, start=2):
            if spec.person and row.get(spec.person) == person:
                out.setdefault(table, []).append((n, row))
    return out


def mapped(tables, person="P100"):
    lookups = Lookups(
        professionals={r["prof_professional_id"]: r for r in tables.get("ssd_professionals", [])},
        departments={r["dept_team_id"]: r for r in tables.get("ssd_department", [])},
        role_of=default_role_of,
    )
    return map_person(person, rows_of(tables, person), lookups, today=TODAY)


@pytest.mark.parametrize("text", ["2026-01-05", "2026-01-05 00:00:00.000", "2026-01-05T00:00:00", "05/01/2026"])
def test_a_date_is_read_in_each_form_an_extract_uses(text):
    assert parse_date(text) == date(2026, 1, 5)


@pytest.mark.parametrize("text", ["2026-02-30", "5th January", "01/13/2026", ""])
def test_a_date_that_is_none_of_them_is_not_read(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text,read",
    [
        ("C2", ("status", "C2")),
        ("C2 - Full care order", ("status", "C2")),
        ("Special Guardianship Order", ("order", "special_guardianship_order")),
        ("Child Arrangements Order (lives with)", ("order", "child_arrangements_order_live_with")),
        ("Interim care order (s38)", ("order", "interim_care_order")),
        ("Private fostering", ("other", "Private fostering")),
        ("C9", ("unknown code", "C9")),
    ],
)
def test_a_legal_status_is_a_looked_after_status_an_order_or_something_the_product_does_not_use(text, read):
    assert read_status(text) == read


def test_the_reason_for_a_placement_change_goes_to_the_episode_that_ends_with_the_placement():
    tables = x.changed(
        x.council(),
        "ssd_cla_episodes",
        "E2",
        clae_cla_episode_ceased_date="2026-11-01",
        clae_cla_episode_ceased_reason="X1",
    )
    tables = x.changed(
        tables,
        "ssd_cla_placement",
        "PL1",
        clap_cla_placement_end_date="2026-11-01",
        clap_cla_placement_change_reason="CHILD",
    )
    facts = mapped(tables)
    assert not facts.problems
    first, second = sorted(facts.of("episode"), key=lambda e: e.values["start"])
    assert first.values["reason_place_change"] == "" and second.values["reason_place_change"] == "CHILD"


def test_the_ssd_spelling_of_chinese_is_the_ssda903_code():
    assert mapped(x.changed(x.council(), "ssd_person", "P100", pers_ethnicity="CNHE")).child["ethnicity"] == "CHNE"


def test_an_iro_is_named_on_each_review_from_who_was_allocated_that_day():
    tables = x.changed(x.council(), "ssd_involvements", "I2", invo_involvement_end_date="2026-03-01")
    tables = x.plus(tables, "ssd_involvements", x.involvement("I9", "P100", "W4", x.IRO, "2026-03-01"))
    reviews = {r.values["date"]: r.values["_iro"] for r in mapped(tables).of("review")}
    assert reviews == {date(2026, 2, 2): "W2", date(2026, 5, 1): "W4"}


def test_a_cancelled_review_and_a_visit_where_the_child_was_not_seen_are_not_recorded():
    tables = x.changed(x.council(), "ssd_cla_reviews", "R2", clar_cla_review_cancelled="Y")
    tables = x.changed(tables, "ssd_cla_visits", "V2", clav_cla_visit_seen="N")
    facts = mapped(tables)
    assert len(facts.of("review")) == 1 and len(facts.of("visit")) == 1
    assert facts.ignored == {"reviews cancelled": 1, "visits where the child was not seen": 1}


def test_overlapping_episodes_name_the_rows_and_the_field():
    tables = x.plus(x.council(), "ssd_cla_episodes", x.episode("E7", "P100", "2026-02-01", "PL1", rne="P"))
    problems = mapped(tables).problems
    assert {(p.table, p.field) for p in problems} == {("ssd_cla_episodes", "clae_cla_episode_start_date")}
    assert all("overlaps another episode of the same child" in p.message for p in problems)


def test_a_name_is_never_repeated_in_a_problem():
    problems = mapped(x.changed(x.council(), "ssd_person", "P100", pers_surname="@SUM(A1)")).problems
    assert [(p.field, p.value) for p in problems] == [("pers_surname", "(not shown)")]


def test_a_councils_own_words_for_a_role_come_before_the_ssds(settings):
    settings.PERMANENCE_SSD_ROLES = {"Key Worker": "social_worker", "Allocated Social Worker": ""}
    role_of = _role_reader()
    assert role_of("KEY WORKER") == "social_worker"
    assert role_of("Allocated Social Worker") is None  # this council's own meaning: not an allocation
    assert role_of("Independent Reviewing Officer") == "iro"
