"""A record that cannot be is refused in the same words whether a social worker types it into a page
or it arrives in the council's SSDA903 return: both ask the one set of rules (children/rules.py).

Each story records the impossible fact through the page, then imports a return holding the same
fact with the same dates, and compares the page's message with the import's, word for word. The
page changes nothing; the import writes nothing.
"""

import html
from datetime import date

import pytest
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import services
from permanence.children.models import Allocation, Child, Episode, MissingEpisode, Review
from permanence.returns.importer import import_903_files
from permanence.returns.tables import COLUMNS

from .test_recording import as_user, day_fields

YEAR = 2026  # the collection year 1 April 2025 to 31 March 2026
BORN = date(2015, 5, 1)
ENTERED = date(2025, 6, 2)
EPISODE = {"legal_status": "C1", "category_of_need": "N1", "placement": "U6", "provider": "PR1"}


def d(day):
    return day.strftime("%d/%m/%Y")


@pytest.fixture
def people(db):
    sam = User.objects.create_user("sam", first_name="Sam", last_name="Worker", role=roles.SOCIAL_WORKER)
    irene = User.objects.create_user("irene", first_name="Irene", last_name="Reviewer", role=roles.IRO)
    return {"sam": as_user(sam), "irene": as_user(irene)}


def allocated(child):
    """Sam's case, with Irene its IRO: the people who record its facts."""
    for role, username in ((Allocation.SOCIAL_WORKER, "sam"), (Allocation.IRO, "irene")):
        services.allocation_assign(child=child, role=role, worker=User.objects.get(username=username), start=ENTERED)
    return child


def in_care(reference="R1", born=BORN, entered=ENTERED, **details):
    child = services.child_create(
        first_name="Rosa",
        last_name="Example",
        date_of_birth=born,
        sex="2",
        ethnicity="WBRI",
        council_reference=reference,
        **details,
    )
    services.care_start(child=child, start=entered, **EPISODE)
    return allocated(child)


def page_says(response):
    assert response.status_code == 200, "refused on the page, not saved"
    return html.unescape(response.content.decode())


def episode_row(child, start, rne="S", end=None, rec=""):
    return {"CHILD": child, "DECOM": d(start), "RNE": rne, "LS": "C1", "CIN": "N1", "PLACE": "U6"} | (
        {"PLACE_PROVIDER": "PR1", "DEC": d(end) if end else "", "REC": rec}
    )


def imported(header, **tables):
    """Import a return of `tables` ({name: [row dicts]}) and return its problems as
    {(file, column): message}; it must write nothing."""

    def csv(name, rows):
        columns = COLUMNS[name]
        lines = [",".join(columns)] + [",".join(row.get(c, "") for c in columns) for row in rows]
        return ("\n".join(lines) + "\n").encode()

    files = {"Header.csv": csv("Header", header)} | {f"{name}.csv": csv(name, rows) for name, rows in tables.items()}
    before = (Child.objects.count(), Episode.objects.count(), Review.objects.count(), MissingEpisode.objects.count())
    result = import_903_files(files, year=YEAR, today=date(2026, 6, 1))
    assert not result.written
    after = (Child.objects.count(), Episode.objects.count(), Review.objects.count(), MissingEpisode.objects.count())
    assert after == before
    return {(p.file, p.column): p.message for p in result.problems}


def header(child, born):
    return {"CHILD": child, "SEX": "2", "DOB": d(born), "ETHNIC": "WBRI"}


def test_a_date_of_birth_after_the_child_came_into_care_is_refused_in_the_same_words(people):
    rosa = in_care()
    later = date(2025, 7, 1)
    url = reverse("correct-child", args=[rosa.pk, rosa.pk])
    form = {
        "version": rosa.version,
        "first_name": "Rosa",
        "last_name": "Example",
        "sex": "2",
        "ethnicity": "WBRI",
        "first_language": "English",
        "reason": "Birth certificate seen",
        **day_fields("date_of_birth", later),
    }
    page = page_says(people["sam"].post(url, form))
    rosa.refresh_from_db()
    assert rosa.date_of_birth == BORN
    found = imported([header("X1", later)], Episodes=[episode_row("X1", ENTERED)])
    message = found[("Header.csv", "DOB")]
    assert message.startswith("The date of birth (01/07/2025) is after the child became looked after (02/06/2025)")
    assert message in page
    # And the episode that starts before that birth, in the words of the page that records care starting.
    assert (
        "The episode cannot start (02/06/2025) before the child's date of birth (01/07/2025)."
        == (found[("Episodes.csv", "DECOM")])
    )


def test_care_starting_before_birth_is_refused_in_the_same_words(people):
    child = services.child_create(
        first_name="Noor", last_name="Example", date_of_birth=date(2025, 7, 1), council_reference="R2", sex="2"
    )
    allocated(child)
    form = {"legal_status": "C1", "category_of_need": "N1", "placement": "U6", **day_fields("start", ENTERED)}
    page = page_says(people["sam"].post(reverse("record-care_start", args=[child.pk]), form))
    assert not Episode.objects.filter(child=child).exists()
    found = imported([header("X2", date(2025, 7, 1))], Episodes=[episode_row("X2", ENTERED)])
    assert found[("Episodes.csv", "DECOM")] in page


def test_uasc_status_ending_before_birth_is_refused_in_the_same_words(people):
    rosa = in_care(uasc=True)
    url = reverse("correct-child", args=[rosa.pk, rosa.pk])
    form = {
        "version": rosa.version,
        "first_name": "Rosa",
        "last_name": "Example",
        "sex": "2",
        "ethnicity": "WBRI",
        "first_language": "English",
        "uasc": "on",
        **day_fields("date_of_birth", BORN),
        **day_fields("uasc_ceased", date(2015, 4, 1)),
    }
    page = page_says(people["sam"].post(url, form))
    rosa.refresh_from_db()
    assert rosa.uasc_ceased is None
    found = imported(
        [header("X3", BORN)],
        Episodes=[episode_row("X3", ENTERED)],
        UASC=[{"CHILD": "X3", "SEX": "2", "DOB": d(BORN), "DUC": "01/04/2015"}],
    )
    message = found[("UASC.csv", "DUC")]
    assert (
        message == "The date UASC status ceased (01/04/2015) cannot be before the child's date of birth (01/05/2015)."
    )
    assert message in page


def test_care_ending_before_it_started_is_refused_in_the_same_words(people):
    rosa = in_care()
    current = services.current_episode(rosa)
    form = {"episode": current.pk, "version": current.version, "reason_ceased": "E13"}
    page = page_says(
        people["sam"].post(reverse("record-care_end", args=[rosa.pk]), form | day_fields("date", date(2025, 6, 1)))
    )
    current.refresh_from_db()
    assert current.end is None
    found = imported([header("X4", BORN)], Episodes=[episode_row("X4", ENTERED, end=date(2025, 6, 1), rec="E13")])
    message = found[("Episodes.csv", "DEC")]
    assert message == "The episode cannot end (01/06/2025) before it starts (02/06/2025)."
    assert message in page


def test_a_move_before_the_episode_started_is_refused_in_the_same_words(people):
    rosa = in_care()
    current = services.current_episode(rosa)
    form = {
        "episode": current.pk,
        "version": current.version,
        "placement": "U4",
        "reason_place_change": "CARPL",
        **day_fields("date", date(2025, 6, 1)),
    }
    page = page_says(people["sam"].post(reverse("record-move", args=[rosa.pk]), form))
    assert Episode.objects.filter(child=rosa).count() == 1
    # The same move as a return writes it: the episode ends with X1 the day the next one starts.
    found = imported(
        [header("X5", BORN)],
        Episodes=[
            episode_row("X5", ENTERED, end=date(2025, 6, 1), rec="X1"),
            episode_row("X5", date(2025, 6, 1), rne="P"),
        ],
    )
    message = found[("Episodes.csv", "DEC")]
    assert message == "The episode cannot end (01/06/2025) before it starts (02/06/2025)."
    assert message in page
    # On the page it is the date of the move that is wrong, and the error summary links to it.
    assert '<a href="#id_date-day">The episode cannot end (01/06/2025)' in page


def test_a_return_from_missing_before_going_missing_is_refused_in_the_same_words(people):
    rosa = in_care()
    form = {"kind": "M", **day_fields("start", date(2025, 8, 10)), **day_fields("end", date(2025, 8, 1))}
    page = page_says(people["sam"].post(reverse("record-missing", args=[rosa.pk]), form))
    assert not MissingEpisode.objects.filter(child=rosa).exists()
    found = imported(
        [header("X6", BORN)],
        Episodes=[episode_row("X6", ENTERED)],
        Missing=[{"CHILD": "X6", "DOB": d(BORN), "MISSING": "M", "MIS_START": "10/08/2025", "MIS_END": "01/08/2025"}],
    )
    message = found[("Missing.csv", "MIS_END")]
    assert message == "The date the child returned (01/08/2025) cannot be before they went missing (10/08/2025)."
    assert message in page


def test_a_review_before_the_child_came_into_care_is_refused_in_the_same_words(people):
    rosa = in_care()
    form = {"participation": "PN1", "plan_outcome": "confirmed", **day_fields("date", date(2025, 5, 1))}
    page = page_says(people["irene"].post(reverse("record-review", args=[rosa.pk]), form))
    assert not Review.objects.filter(child=rosa).exists()
    found = imported(
        [header("X7", BORN)],
        Episodes=[episode_row("X7", ENTERED)],
        Reviews=[{"CHILD": "X7", "DOB": d(BORN), "REVIEW": "01/05/2025", "REVIEW_CODE": "PN1"}],
    )
    message = found[("Reviews.csv", "REVIEW")]
    assert message == "A looked-after review cannot be held before the child became looked after (02/06/2025)."
    assert message in page
