"""Every way out, for every role, with a restricted child and a child outside the person's case
scope sitting everywhere a child can sit: on the tracking agenda and in its pack, at a clinic,
with meeting actions, in family finding, beside a brother or sister, in every tracker and
download, and in every list the API serves.

A restricted record (naming nobody) is never named to anyone: not its name, reference, date of
birth or UPN. The out-of-scope child is named only to the roles whose case scope holds him (the
service manager). The analyst is named no child at all. Item pages (meeting actions, clinic and
agenda items) are checked by the child they are about.

The pages are walked from the URL resolver, the API from its own URL patterns, so a page or an
operation added later is swept too.
"""

import io
import re
import zipfile
from datetime import date

import pytest
from django.test import Client

from permanence.access import matrix, scope
from permanence.access.models import RestrictedRecord
from permanence.access.tests.test_access_matrix import all_patterns
from permanence.api.tokens import token_issue
from permanence.children import services as children
from permanence.children.models import Episode, Proceedings, Review
from permanence.matching import services as matching
from permanence.meetings import services as meetings
from permanence.meetings.models import Action, AgendaItem, Clinic, ClinicItem, TrackingMeeting
from permanence.planning import services as planning
from permanence.tracking.trackers import TRACKERS
from permanence.web.tests.builders import child_in_care, sign_in

ENTERED = date(2025, 11, 3)

# What would name each child: first and last name, reference, date of birth as pages write it, UPN.
RESTRICTED = (
    "Zephyrine",
    "Quillfeather",
    "ZQRESTRICT9",
    "13/02/2017",
    "13 February 2017",
    "13 Feb 2017",
    "Z801200001017",
)
OUT_OF_SCOPE = ("Oberon", "Vasquezzo", "OVOUTSCOPE7", "21/06/2016", "21 June 2016", "21 Jun 2016", "V801200001016")

# The roles whose case scope holds Oberon (Omar's, in the other team).
SEES_OUT_OF_SCOPE = {matrix.SERVICE_MANAGER}


def _child(first, last, ref, born, upn, *, worker, iro=None):
    child = child_in_care(first, last, reference=ref, born=born, entered=ENTERED, social_worker=worker, iro=iro)
    children.child_update(child=child, version=child.version, upn=upn)
    return child


@pytest.fixture
def sweep(council):
    people = council["people"]
    sam, irene, omar = people[matrix.SOCIAL_WORKER], people[matrix.IRO], council["omar"]
    restricted = _child(
        "Zephyrine", "Quillfeather", "ZQRESTRICT9", date(2017, 2, 13), "Z801200001017", worker=sam, iro=irene
    )
    RestrictedRecord.objects.create(child=restricted, reason=RestrictedRecord.STAFF_RELATED)
    outside = _child("Oberon", "Vasquezzo", "OVOUTSCOPE7", date(2016, 6, 21), "V801200001016", worker=omar)
    mine = council["mine"]

    # Everywhere a child can sit. The restricted child's plan is adoption and she is on the panel,
    # so the family finder, the panel member and the ADM would each see her but for the restriction.
    planning.plan_record(
        child=restricted, primary_option="adoption", recorded=ENTERED, by=people[matrix.SERVICE_MANAGER]
    )
    meetings.panel_item_add(
        panel=mine.panel_items.first().panel, child=restricted, matter="adoption_plan", today=date(2026, 3, 1)
    )
    # Family finding open for all three, so the waiting list and the suggested plan would name each.
    for child in (mine, restricted, outside):
        matching.family_finding_start(child=child, date=date(2026, 2, 1), today=date(2026, 2, 1))
    meeting = TrackingMeeting.objects.create(date=date(2026, 2, 12), since=date(2026, 1, 12))
    clinic = Clinic.objects.create(date=date(2026, 2, 10))
    items = {}
    for label, child in (("mine", mine), ("restricted", restricted), ("outside", outside)):
        agenda = AgendaItem.objects.create(
            meeting=meeting, child=child, reasons=["Review overdue"], discussion=f"Talked about {child.first_name}"
        )
        clinic_item = ClinicItem.objects.create(clinic=clinic, child=child)
        action = Action.objects.create(
            child=child,
            description=f"Chase the assessment for {child.first_name}",
            owner=sam,
            due=date(2026, 3, 1),
            forum="tracking",
            set_on=date(2026, 2, 12),
            agenda_item=agenda,
        )
        items[label] = {"agenda": agenda, "clinic_item": clinic_item, "action": action}
    # Brothers and sisters: the restricted child and Oberon share a mother with Mina.
    mother = children.person_create(first_name="Marta", last_name="Mother")
    for child in (mine, restricted, outside):
        children.relationship_add(child=child, person=mother, relationship="mother", parental_responsibility=True)
    return {
        "council": council,
        "people": people,
        "mine": mine,
        "restricted": restricted,
        "outside": outside,
        "meeting": meeting,
        "clinic": clinic,
        "items": items,
    }


# --- what a response says ---------------------------------------------------------------------------


def words(response):
    """The text a person could read from a response: HTML, JSON, CSV, or every part of a zip
    (Excel, Word and the SSDA903 return are zips of XML or CSV)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        parts = []
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                inner = archive.read(name)
                if inner[:2] == b"PK":
                    with zipfile.ZipFile(io.BytesIO(inner)) as nested:
                        parts += [nested.read(n).decode("utf-8", "replace") for n in nested.namelist()]
                else:
                    parts.append(inner.decode("utf-8", "replace"))
        return "\n".join(parts)
    return content.decode("utf-8", "replace")


def forbidden_for(role, sweep, url=""):
    """What may never appear for `role` (at `url`)."""
    forbidden = list(RESTRICTED)
    if role not in SEES_OUT_OF_SCOPE:
        forbidden += OUT_OF_SCOPE
    if role == matrix.PERFORMANCE_ANALYST:
        forbidden += [sweep["mine"].first_name]  # the analyst is named no child at all
    for (who, where), allowed in EXCEPTIONS.items():
        if who == role and url.startswith(where.format(restricted=sweep["restricted"].pk)):
            forbidden = [word for word in forbidden if word not in allowed]
    return forbidden


# The only places a child the person may not otherwise open is named, each for a reason:
EXCEPTIONS = {
    # The service manager restricts a record and names who may open it: this page says whose record.
    (matrix.SERVICE_MANAGER, "/children/{restricted}/record-access/"): RESTRICTED,
    # The SSDA903 return is a duty to report every child looked after (no names: reference, date of
    # birth, UPN); only the service manager who submits it downloads it.
    (matrix.SERVICE_MANAGER, "/performance/return/2026.zip"): RESTRICTED,
    # The retention report gives the administrator the reference of a record due for review (never a
    # name, never a restricted record's reference): deleting it is their job.
    (matrix.ADMINISTRATOR, "/records/retention/"): OUT_OF_SCOPE,
}


def named(text, forbidden, query=""):
    """The forbidden words in `text` (what the person typed into a search box is not a leak)."""
    if query:
        text = text.replace(query, "")
    found = []
    for word in forbidden:
        match = re.search(rf"(?<![\w/]){re.escape(word)}(?![\w/])", text)
        if match:
            found.append(f"{word}: ...{text[max(0, match.start() - 60) : match.end() + 20]!r}...")
    return found


# --- the pages ------------------------------------------------------------------------------------------

PAGES = sorted({(route, name) for route, name in all_patterns() if name and not route.startswith(("admin/", "api/"))})
SKIP = {"logout", "login", "oidc_authentication_init", "oidc_authentication_callback", "health", "job-run"}


def _ids_for(child):
    """Real ids of the things about `child` the URL patterns ask for."""
    review = Review.objects.filter(child=child).first()
    episode = Episode.objects.filter(child=child).first()
    proceedings = Proceedings.objects.filter(child=child).first()
    return {
        "review_pk": review.pk if review else 1,
        "item": episode.pk if episode else 1,
        "proceedings_id": proceedings.pk if proceedings else 1,
        "episode_id": episode.pk if episode else 1,
    }


def page_urls(route, name, sweep):
    """The URLs to try for a pattern: one per child for child pages and item pages."""
    items = sweep["items"]
    per_item = {
        "agenda-item": lambda label: {"pk": sweep["meeting"].pk, "item_pk": items[label]["agenda"].pk},
        "clinic-item": lambda label: {"pk": sweep["clinic"].pk, "item_pk": items[label]["clinic_item"].pk},
        "action-done": lambda label: {"action_pk": items[label]["action"].pk},
    }
    fixed = {
        "tracking-detail": {"pk": sweep["meeting"].pk},
        "tracking-pack": {"pk": sweep["meeting"].pk},
        "clinic-detail": {"pk": sweep["clinic"].pk},
        "tracker": {"key": "permanence"},
        "performance-download": {"fmt": "csv"},
        "return-903-download": {"year": 2026},
    }
    labels = ("mine", "restricted", "outside")
    if name in per_item:
        choices = [(label, sweep[label], per_item[name](label)) for label in labels]
    elif scope.child_scoped(route, name):
        choices = [(label, sweep[label], {}) for label in labels]
    else:
        choices = [("mine", sweep["mine"], fixed.get(name, {}))]
    urls = []
    for label, child, values in choices:
        values = _ids_for(child) | values

        def fill(match, child=child, values=values):
            converter, kwarg = match.group(1) or "str", match.group(2)
            if kwarg in values:
                return str(values[kwarg])
            if kwarg in scope.CHILD_KWARGS and scope.child_scoped(route, name):
                return str(child.pk)
            return "1" if converter == "int" else "x"

        urls.append((label, "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)))
    return urls


EXTRA = [f"/trackers/{key}/?format={fmt}" for key in TRACKERS for fmt in ("xlsx", "csv")] + [
    "/performance/download.xlsx",
    "/performance/download.csv",
    "/children/?q=Zephyrine",
    "/children/?q=ZQRESTRICT9",
    "/children/?q=Oberon",
    "/children/?q=OVOUTSCOPE7",
    "/records/retention/?within=36500",
]


@pytest.mark.slow  # every page, for every role, for three children
@pytest.mark.parametrize("role", matrix.ALL_ROLES)
def test_no_page_or_download_names_a_child_the_person_may_not_see(role, sweep):
    client = sign_in(Client(), sweep["people"][role])
    client.raise_request_exception = False
    leaks, swept = [], 0
    urls = [url for route, name in PAGES if name not in SKIP for _label, url in page_urls(route, name, sweep)]
    for url in urls + EXTRA:
        response = client.get(url)
        swept += 1
        if response.status_code >= 500:
            leaks.append((url, f"HTTP {response.status_code}"))
            continue
        query = url.partition("?q=")[2]
        found = named(words(response), forbidden_for(role, sweep, url), query)
        if found:
            leaks.append((url, found))
    assert swept > 150
    assert leaks == [], f"{role} was shown: {leaks}"


@pytest.mark.slow
@pytest.mark.parametrize("role", matrix.ALL_ROLES)
def test_no_item_page_opens_for_a_child_the_person_may_not_see(role, sweep):
    """A meeting action, a clinic item and an agenda item are checked by the child they are about."""
    client = sign_in(Client(), sweep["people"][role])
    items = sweep["items"]
    for label in ("restricted",) + (() if role in SEES_OUT_OF_SCOPE else ("outside",)):
        for url in (
            f"/actions/{items[label]['action'].pk}/done/",
            f"/meetings/tracking/{sweep['meeting'].pk}/items/{items[label]['agenda'].pk}/",
            f"/meetings/clinics/{sweep['clinic'].pk}/items/{items[label]['clinic_item'].pk}/",
        ):
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, {"done_on": "2026-02-20"}).status_code == 403, (role, url)
    for label in ("restricted", "outside"):
        items[label]["action"].refresh_from_db()
        assert items[label]["action"].done_on is None


# --- the API ------------------------------------------------------------------------------------------------

API = sorted({route for route, name in all_patterns() if route.startswith("api/v1/") and name})


def api_urls(route, sweep):
    labels = ("mine", "restricted", "outside") if "<" in route else ("mine",)
    urls = []
    for label in labels:
        child = sweep[label]
        values = _ids_for(child) | {"child_id": child.pk, "key": "permanence"}

        def fill(match, values=values):
            converter, kwarg = match.group(1) or "str", match.group(2)
            return str(values.get(kwarg, 1 if converter != "str" else "x"))

        urls.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route))
    return urls


@pytest.mark.slow
@pytest.mark.parametrize("role", matrix.ALL_ROLES)
def test_no_api_answer_names_a_child_the_person_may_not_see(role, sweep):
    token = token_issue(user=sweep["people"][role], name="sweep").secret
    client = Client(headers={"Authorization": f"Bearer {token}"})
    forbidden = forbidden_for(role, sweep)
    leaks, swept = [], 0
    for route in API:
        if route.startswith(("api/v1/openapi", "api/v1/docs")):
            continue  # the API's own description: examples, no child
        for url in api_urls(route, sweep):
            for query in ("", "?limit=500", "?q=Zephyrine", "?search=ZQRESTRICT9"):
                response = client.get(url + query)
                swept += 1
                if response.status_code >= 500:
                    leaks.append((url + query, f"HTTP {response.status_code}"))
                    continue
                found = named(words(response), forbidden, query.partition("=")[2])
                if found:
                    leaks.append((url + query, found))
    assert swept > 100
    assert leaks == [], f"{role} was shown by the API: {leaks}"
