"""Every fact the record holds has its page, reached from the child's "Record" menu (Chromium, axe).

For each person who records facts (the social worker, the IRO, the team manager) every link in
their menu opens a page with no serious or critical accessibility problem; saving it empty is
refused with the GOV.UK error summary naming each field and its problem (itself accessible), and
nothing is written. Between them the menus offer every kind of fact the record has; a new child
and a carer household, which belong to no child yet, are reached from the home page and the
carer register the same way.
"""

import re
from datetime import date

import pytest
from django.apps import apps
from playwright.sync_api import expect

from permanence.accounts.models import User
from permanence.children import services
from permanence.children.models import Allocation, Carer
from permanence.children.recording.kinds import KINDS

from .conftest import screenshot, sign_in
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.browser


def everything():
    """How many rows each model of the case record holds: equal before and after means nothing was written."""
    return {model.__name__: model.objects.count() for model in apps.get_app_config("children").get_models()}


def try_every_menu_link(page, child):
    """Open each page the menu offers, check it, save it empty, check the refusal. Returns the kinds seen."""
    page.set_default_timeout(30_000)  # some twenty pages, each checked twice: a busy machine is slower
    page.goto(f"/children/{child.pk}/")
    links = page.locator("#record-menu a")
    expect(links.first).to_be_visible()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    seen = set()
    for href in hrefs:
        key = href.rstrip("/").rsplit("/", 1)[-1].replace("-", "_")
        seen.add(key)
        before = everything()
        page.goto(href)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Save").click()
        summary = page.locator(".govuk-error-summary")
        expect(summary, f"{href}: saving an empty form is refused").to_be_visible(timeout=30_000)
        expect(page).to_have_title(re.compile(r"^Error: "))
        assert summary.locator("a").count() >= 1, f"{href}: the summary links to the field with the problem"
        assert_accessible(page)
        screenshot(page, f"every-record-{key}-refused")
        assert everything() == before, f"{href}: nothing was written"
    return seen


def test_every_fact_has_a_page_from_the_childs_record_menu(page, council):
    ava, sam = council["ava"], council["sam"]
    # A child referred but not in care: the menu offers "Record becoming looked after".
    referred = services.child_open(
        by=sam,
        first_name="Rio",
        last_name="Example",
        date_of_birth=date(2019, 4, 2),
        council_reference="REF-RIO",
        start=date(2026, 1, 5),
    )
    assert referred.allocations.filter(role=Allocation.SOCIAL_WORKER, worker=sam).exists()
    seen = set()
    page.set_default_timeout(30_000)
    sign_in(page, "social.worker")
    seen |= try_every_menu_link(page, ava)
    seen |= try_every_menu_link(page, referred)
    page.context.clear_cookies()
    sign_in(page, "iro")
    seen |= try_every_menu_link(page, ava)
    page.context.clear_cookies()
    sign_in(page, "team.manager")
    seen |= try_every_menu_link(page, ava)
    recorded_here = {kind.key.replace("-", "_") for kind in KINDS if kind.records}
    assert seen == recorded_here, f"kinds no menu offers: {recorded_here - seen}"


def _refused_empty(page, button, href):
    before = everything()
    # The form the last click opened: wait for its button, so axe reads that page, not one in passing.
    expect(page.get_by_role("button", name=button)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    expect(page.locator(".govuk-error-summary"), f"{href}: saving it empty is refused").to_be_visible(timeout=30_000)
    assert_accessible(page)
    assert everything() == before


def test_a_new_child_and_a_carer_household_have_their_pages_too(page, council):
    page.set_default_timeout(30_000)
    sign_in(page, "social.worker")
    page.get_by_role("link", name="Open a new child's record").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _refused_empty(page, "Open the record", "child-new")
    screenshot(page, "every-record-child-new-refused")
    page.context.clear_cookies()
    sign_in(page, "team.manager")
    page.goto("/family-finding/carers/")
    page.get_by_role("link", name="Add a carer household or home").click()
    _refused_empty(page, "Add the household", "carer-new")
    screenshot(page, "every-record-carer-new-refused")
    carer = Carer.objects.create(name="Jo and Lee Carer", kind="foster_carer", reference="FC-78", postcode="TB3 3CC")
    page.goto(f"/carers/{carer.pk}/")
    page.get_by_role("link", name="Record an approval and its terms").click()
    _refused_empty(page, "Save the approval", "carer-approval-new")
    screenshot(page, "every-record-carer-approval-refused")
    assert User.objects.filter(username="team.manager").exists()
