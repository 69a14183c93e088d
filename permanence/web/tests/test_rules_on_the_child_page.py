"""One council, one pack: the child page shows only the rules of the pack the council runs, each
with its kind and a citation a person can look up; practice prompts are apart, never overdue."""

import html as markup
import re
from datetime import date
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from permanence.timescales import load_pack

ROOT = Path(__file__).resolve().parents[3]
SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}")


def page(client, user, child):
    client.force_login(user)
    return markup.unescape(client.get(reverse("child-detail", args=[child.pk])).content.decode())


def test_the_child_page_shows_only_the_rules_of_the_councils_pack(client, sam, ava_with_history, settings):
    settings.PERMANENCE_POLICY = "england"
    html = page(client, sam, ava_with_history)
    assert 'data-rule="cla-review"' in html
    assert not re.search(r'data-rule="(leeds|camden|birmingham)-', html)
    settings.PERMANENCE_POLICY = "camden"
    html = page(client, sam, ava_with_history)
    assert "Camden permanence practice guidance" in html
    assert not re.search(r'data-rule="(leeds|birmingham)-', html)


def test_each_item_says_its_kind_and_prompts_are_apart_and_never_overdue(client, sam, ava_with_history):
    html = page(client, sam, ava_with_history)
    assert (
        re.search(r'data-kind="duty"', html) and "Duty</span>. Source: Care Planning, Placement and Case Review" in html
    )
    for item in re.findall(r'<li data-rule="[^"]+" data-kind="prompt">(.*?)</li>', html, re.S):
        assert "Overdue" not in item and "Suggested" in item


def test_no_page_shows_a_source_documents_file_name(client, sam, ava_with_history):
    assert not SEED_FILE.search(page(client, sam, ava_with_history))


def test_no_file_a_user_sees_names_a_source_document_by_its_file_name():
    """Templates, packs, code that builds pages, exports and documents, and the docs: none names
    a source document by its file name (tests may, to prove the loader refuses it)."""
    found = []
    for folder in ("permanence", "templates", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".yaml", ".md", ".txt", ".json"} or "/tests/" in str(path):
                continue
            if SEED_FILE.search(path.read_text(encoding="utf-8", errors="ignore")):
                found.append(str(path.relative_to(ROOT)))
    assert found == []


def test_an_unknown_pack_stops_the_product_at_start_with_the_loaders_message(settings):
    settings.PERMANENCE_POLICY = "atlantis"
    try:
        call_command("check")
    except SystemCheckError as error:
        assert "unknown policy pack 'atlantis'" in str(error)
    else:
        raise AssertionError("the check let an unknown pack through")


def test_every_shipped_pack_can_be_chosen(settings, sam, ava_with_history, client):
    for name in ("england", "leeds", "camden", "birmingham"):
        settings.PERMANENCE_POLICY = name
        assert load_pack(name).name == name
        assert f"under the {load_pack(name).title} rules on" in page(client, sam, ava_with_history)


def test_the_drift_dashboard_counts_duties_and_local_rules_and_lists_prompts_apart(client, sam, ava_with_history):
    client.force_login(sam)
    html = client.get(reverse("drift-dashboard")).content.decode()
    assert "Practice prompts, not counted as drift" in html
    prompts = client.get(reverse("drift-dashboard"), {"show": "prompts"}).content.decode()
    assert "Showing practice prompts" in prompts
    assert date.today().year > 2000
