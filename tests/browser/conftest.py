"""Chromium through Playwright against pytest-django's live server.

The Debian chromium is launched directly (never `playwright install`, which downloads a
browser). Playwright's sync API runs an event loop in the test thread, so Django's
async-safety check would refuse database access from fixtures: we switch it off here.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from permanence.demo import load_demo
from permanence.web.tests.builders import small_council

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Waits are generous so a journey on a busy CI machine waits for the page instead of failing;
# a journey that passes takes no longer for it.
WAIT_MS = 30_000
expect.set_options(timeout=WAIT_MS)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
USERNAME = "social.worker"
PASSWORD = "demo-permanence-2026"


def load_council():
    """The data most journeys start from: `social.worker`'s caseload of 30, built through the services
    (quicker than the demo generator, which `demo_council` loads for the journeys that need it)."""
    return small_council(children=30)


@pytest.fixture(scope="session")
def assets():
    """The pages load CSS and JS from static/build/: built once, and only when a browser test runs,
    so `pytest -m "not browser"` works on a clone that has not installed the front-end packages."""
    if not (ROOT / "static" / "build" / ".built").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_assets.py")], check=True, cwd=ROOT)


@pytest.fixture(scope="session")
def browser(assets):
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run `make chromium` (the Debian package).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def council(transactional_db):
    return load_council()


@pytest.fixture
def demo_council(transactional_db):
    """The synthetic demo council that `make run` serves, small: 60 children, seed 1."""
    return load_demo(children=60, seed=1)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, bypass_csp=True
    )  # lets the tests inject axe-core; the app itself never relies on it
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    yield page
    context.close()


@pytest.fixture
def signed_in_page(page, council):
    sign_in(page)
    return page


def sign_in(page, username=USERNAME, password=PASSWORD):
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def fill_date(page, legend, value):
    """Type a date into the GOV.UK date input whose legend is `legend` (day, month, year)."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def screenshot(page, name):
    """Full-page screenshot into $PERMANENCE_SCREENSHOTS (for example /tmp/screens) when set."""
    folder = os.environ.get("PERMANENCE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
        # Tall pages are also cut into screen-sized parts, legible when reviewed one by one.
        height = page.evaluate("document.documentElement.scrollHeight")
        for part, top in enumerate(range(0, height, 1200), start=1):
            clip = {"x": 0, "y": top, "width": 1280, "height": min(1200, height - top)}
            page.screenshot(path=str(Path(folder) / f"{name}-part{part}.png"), full_page=True, clip=clip)
