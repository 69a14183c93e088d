"""Beside a case system the child page says which facts come from it, as at when, read-only;
as the case record it says nothing of the kind."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from permanence.children import ownership


@pytest.fixture
def beside_mosaic(settings, monkeypatch):
    settings.PERMANENCE_CASE_RECORD = "case_system"
    settings.PERMANENCE_CASE_SYSTEM_NAME = "Mosaic"
    monkeypatch.setattr(ownership, "_as_at_provider", lambda child_id: datetime(2026, 11, 24, 3, 15, tzinfo=UTC))


def test_beside_mosaic_the_child_page_shows_the_case_facts_as_from_mosaic_as_at_the_last_sync(
    client, sam, ava_with_history, beside_mosaic
):
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava_with_history.pk])).content.decode()
    assert "come from Mosaic" in html and "as at 03:15 on 24 November 2026" in html
    # Under the case summary, about the child, legal orders, care and placements, reviews, visits,
    # health and plans, missing episodes and allocation (placement law and proceedings are the product's).
    assert html.count("data-fact-source") == 9
    assert "Plans, decisions, options analyses, meetings" in html


def test_as_the_case_record_the_child_page_names_no_outside_source(client, sam, ava_with_history, settings):
    settings.PERMANENCE_CASE_RECORD = "product"
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava_with_history.pk])).content.decode()
    assert "data-fact-source" not in html and "case-system-facts" not in html
