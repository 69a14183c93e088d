"""Reading one person's SSD rows (pure: no database): what each becomes, and what is refused."""

from datetime import date

import pytest

from permanence.children import rules
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


# --- health checks, care plans, missing episodes ---------------------------------------------------


def test_a_health_assessment_that_does_not_say_which_is_the_initial_one_first_in_care_then_a_review():
    tables = x.council_with_health()
    tables = x.plus(tables, "ssd_cla_health", x.health("H8", "P100", "2026-07-15", kind="HEALTH"))
    tables = x.plus(tables, "ssd_cla_health", x.health("H9", "P100", "2026-09-01", status="Planned"))
    facts = mapped(tables)
    assert not facts.problems
    assert sorted((f.values["kind"], f.values["date"]) for f in facts.of("health")) == [
        ("initial", date(2026, 1, 20)),
        ("review", date(2026, 7, 15)),
    ]
    assert [f.values for f in facts.of("dental")] == [{"date": date(2026, 3, 3)}]
    assert facts.ignored["health checks planned, not yet held"] == 1
    ben = mapped(tables, "P200")
    assert [f.values["kind"] for f in ben.of("health")] == ["review"]  # its type says so


def test_a_health_check_is_judged_by_the_same_rule_as_the_form_and_an_unknown_type_is_named():
    tables = x.plus(x.council_with_health(), "ssd_cla_health", x.health("H7", "P100", "2019-05-01"))
    tables = x.plus(tables, "ssd_cla_health", x.health("H6", "P100", "2026-04-01", kind="Eye test"))
    problems = {(p.row, p.field): p.message for p in mapped(tables).problems}
    same_as_form = rules.health_problems({"date": date(2019, 5, 1)}, date_of_birth=date(2020, 3, 10), today=TODAY)[
        "date"
    ]
    assert problems == {
        ("5", "clah_health_check_date"): same_as_form,
        ("6", "clah_health_check_type"): "is not a health assessment or a dental check",
    }


def test_each_care_plan_is_a_care_plan_made_on_its_start_date():
    facts = mapped(x.council_with_health())
    assert sorted(f.values["date"] for f in facts.of("care_plan")) == [date(2026, 1, 5), date(2026, 2, 2)]
    assert {f.values["kind"] for f in facts.of("care_plan")} == {"care_plan"}
    bad = x.changed(x.council_with_health(), "ssd_cla_care_plan", "CP1", lacp_cla_care_plan_end_date="2025-12-01")
    assert [(p.row, p.field) for p in mapped(bad).problems] == [("2", "lacp_cla_care_plan_end_date")]


def test_a_missing_episode_says_missing_or_away_and_a_refused_return_interview_is_declined():
    facts = mapped(x.council_with_health(), "P200")
    assert not facts.problems
    assert sorted(
        (f.values["kind"], f.values["start"], f.values["interview_declined"]) for f in facts.of("missing")
    ) == [
        ("A", date(2026, 6, 14), False),
        ("M", date(2026, 4, 4), True),
    ]


def test_an_incoherent_missing_episode_is_named_by_row_and_field_with_the_forms_message():
    tables = x.changed(x.council_with_health(), "ssd_missing", "M1", miss_missing_episode_end_date="2026-04-01")
    tables = x.changed(tables, "ssd_missing", "M2", miss_missing_episode_type="Runaway")
    tables = x.plus(tables, "ssd_missing", x.missing("M3", "P200", "2026-04-04"))
    problems = sorted((p.row, p.field, p.message) for p in mapped(tables, "P200").problems)
    assert problems == [
        (
            "2",
            "miss_missing_episode_end_date",
            "The date the child returned (01/04/2026) cannot be before they went missing (04/04/2026).",
        ),
        ("3", "miss_missing_episode_type", "is not Missing or Absent"),
        (
            "4",
            "miss_missing_episode_start_date",
            "repeats the episode of row 2: one child has one missing episode starting on a day",
        ),
    ]
