"""Who owns which fact: the product as the case record, or the council's case system beside it."""

from datetime import UTC, datetime

import pytest

from permanence.children import ownership


@pytest.fixture
def beside_mosaic(settings, monkeypatch):
    settings.PERMANENCE_CASE_RECORD = "case_system"
    settings.PERMANENCE_CASE_SYSTEM_NAME = "Mosaic"
    monkeypatch.setattr(ownership, "_as_at_provider", None)  # no feed has run


def test_as_the_case_record_every_fact_is_recorded_here(settings):
    settings.PERMANENCE_CASE_RECORD = "product"
    assert all(ownership.may_edit_here(fact) for fact in ownership.FACTS)
    assert ownership.source_for_child(1) is None and ownership.source_of("episode") is None


def test_beside_a_case_system_its_facts_are_read_only_and_the_permanence_records_stay_editable(beside_mosaic):
    for fact in ("child", "allocation", "episode", "order", "pre_proceedings", "review", "visit", "health", "missing"):
        assert not ownership.may_edit_here(fact), fact
    for fact in ("plan", "decision", "options_analysis", "meeting", "panel", "match", "child_views", "contact_plan"):
        assert ownership.may_edit_here(fact), fact


def test_what_the_ssd_does_not_carry_is_still_recorded_here_beside_a_case_system(beside_mosaic):
    # The SSD has no court dates, no adults of the family network and no carer register.
    for fact in ("proceedings", "family", "carer", "placement"):
        assert ownership.may_edit_here(fact), fact
    # ... but the pre-proceedings dates on a proceedings record come from the case system.
    kept = ownership.fields_kept_elsewhere("proceedings", ["issued", "pre_proceedings_start"])
    assert list(kept) == ["pre_proceedings_start"] and "Mosaic" in kept["pre_proceedings_start"]


def test_a_read_only_fact_says_where_it_comes_from_and_how_fresh_it_is(beside_mosaic, monkeypatch):
    assert str(ownership.source_of("review")) == "from Mosaic, not yet synchronised"
    synced = datetime(2026, 11, 24, 3, 15, tzinfo=UTC)
    monkeypatch.setattr(ownership, "_as_at_provider", lambda child_id: synced)
    assert str(ownership.source_for_child(7)) == "from Mosaic, as at 03:15 on 24 November 2026"
    assert ownership.source_of("plan") is None  # the product's own record has no outside source


def test_a_refusal_tells_the_person_where_to_make_the_change(beside_mosaic):
    assert ownership.refusal("episode") == (
        "Episodes of care are kept in Mosaic and arrive here with each sync: record the change there, not here."
    )


def test_a_misspelt_kind_of_fact_is_an_error_not_a_silent_yes(beside_mosaic):
    with pytest.raises(ValueError, match="Unknown kind of fact 'episodes'"):
        ownership.may_edit_here("episodes")


def test_an_unknown_mode_is_refused_with_the_setting_named(settings):
    settings.PERMANENCE_CASE_RECORD = "mosaic"
    with pytest.raises(ValueError, match="PERMANENCE_CASE_RECORD"):
        ownership.runs_beside_case_system()
