"""The people who know a fact record it from the child's page, and what is due moves at once.

Each story also tries bad input and shows that nothing changed; two people editing the same fact
at once: the second is told whose change came first, and nothing is lost.
"""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from permanence.accounts.models import User
from permanence.children import services
from permanence.children.models import Carer, Episode, LegalOrder, Proceedings, RecordChange, Review, Visit
from permanence.children.recording.kinds import BY_KEY
from permanence.obligations.selectors import obligations_for_child

from .builders import small_council

TODAY = date.today()


def day_fields(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def prefilled(kind_key, record, **changes):
    """What the correction page posts when the person changes only `changes` (the rest as shown)."""
    form = BY_KEY[kind_key].correction_form()(record=record, child=getattr(record, "child", None))
    data = {}
    for name, field in form.fields.items():
        value = changes.get(name, form.initial.get(name, field.initial))
        if hasattr(value, "year") and hasattr(value, "day"):
            data.update(day_fields(name, value))
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    return data


def due(child, rule):
    """The next open occurrence of a rule for the child: (due date, status)."""
    found = [o for o in obligations_for_child(child) if o.rule == rule and o.status not in ("met", "not_applicable")]
    return (found[0].due, found[0].status) if found else None


@pytest.fixture
def council(db):
    return small_council()


@pytest.fixture
def sam(council, client):
    client.force_login(council["sam"])
    return client


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_child_page_offers_what_each_person_may_record(council):
    ava = council["ava"]
    worker = as_user(council["sam"]).get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert 'id="record-menu"' in worker and "Record a move" in worker and "Record a statutory visit" in worker
    assert "Record a review held" not in worker  # the IRO records the review they chaired
    assert "Record becoming looked after" not in worker  # Ava is looked after already
    iro = as_user(council["irene"]).get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Record a review held" in iro and "Record a move" not in iro
    manager = as_user(council["tara"]).get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Allocate a social worker or IRO" in manager


def test_a_social_worker_records_a_move_and_the_visit_falls_due_within_a_week(council, sam):
    ava = council["ava"]
    carer = Carer.objects.create(name="Jo and Lee Carer", kind="foster_carer", reference="FC-77", postcode="TB3 3CC")
    current = services.current_episode(ava)
    moved_on = TODAY - timedelta(days=1)
    url = reverse("record-move", args=[ava.pk])
    page = sam.get(url).content.decode()
    assert 'name="episode"' in page and f'value="{current.pk}"' in page

    # A move without a reason for the change is refused, and nothing changes.
    bad = sam.post(
        url,
        {
            "episode": current.pk,
            "version": current.version,
            "placement": "U4",
            "carer": carer.pk,
            **day_fields("date", moved_on),
        },
    )
    assert bad.status_code == 200 and "Select the reason for the change of placement" in bad.content.decode()
    assert Episode.objects.filter(child=ava).count() == 1

    saved = sam.post(
        url,
        {
            "episode": current.pk,
            "version": current.version,
            "placement": "U4",
            "carer": carer.pk,
            "reason_place_change": "CARPL",
            **day_fields("date", moved_on),
        },
    )
    assert saved.status_code == 302 and saved["Location"].endswith("#episodes")
    episodes = list(Episode.objects.filter(child=ava).order_by("start"))
    assert [(e.reason_new, e.reason_ceased) for e in episodes] == [("S", "X1"), ("P", "")]
    assert episodes[1].carer == carer and episodes[1].placement_postcode == "TB3 3CC"
    # CPPCR 2010 reg 28(3): a visit within one week of the start of the new placement.
    assert due(ava, "sw-visit")[0] == moved_on + timedelta(days=7)
    page = sam.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Jo and Lee Carer" in page


def test_recording_the_visit_moves_the_next_one(council, sam):
    ava = council["ava"]
    before = due(ava, "sw-visit")
    url = reverse("record-visit", args=[ava.pk])
    # A visit tomorrow cannot have happened; nothing is recorded.
    tomorrow = TODAY + timedelta(days=1)
    bad = sam.post(url, {"where": "placement", "seen_alone": "on", **day_fields("date", tomorrow)})
    assert "Date of the visit must be today or in the past" in bad.content.decode()
    assert not Visit.objects.filter(child=ava).exists()

    response = sam.post(url, {"where": "placement", "seen_alone": "on", **day_fields("date", TODAY)})
    assert response.status_code == 302
    visit = Visit.objects.get(child=ava)
    assert visit.by == council["sam"] and visit.seen_alone and visit.where == "placement"
    after = due(ava, "sw-visit")
    assert after != before and after[0] > TODAY


def test_a_care_order_made_is_recorded_and_a_date_before_birth_is_refused(council, sam):
    ava = council["ava"]
    url = reverse("record-order", args=[ava.pk])
    bad = sam.post(url, {"order_type": "care_order", **day_fields("made", ava.date_of_birth - timedelta(days=3))})
    assert "This order cannot be made before the child is born." in bad.content.decode()
    count = LegalOrder.objects.filter(child=ava).count()
    made = TODAY - timedelta(days=3)
    response = sam.post(
        url, {"order_type": "care_order", "court": "Thornbury Family Court", **day_fields("made", made)}
    )
    assert response.status_code == 302
    assert LegalOrder.objects.filter(child=ava).count() == count + 1
    assert LegalOrder.objects.filter(child=ava, order_type="care_order", made=made).exists()


def test_proceedings_issued_and_final_evidence_filed_change_the_tracker(council, sam):
    ava = council["ava"]
    proceedings = Proceedings.objects.filter(child=ava).first()
    url = reverse("correct-proceedings", args=[ava.pk, proceedings.pk])
    # Final evidence filed before the application was issued is refused.
    early = sam.post(
        url, prefilled("proceedings", proceedings, final_evidence_filed=proceedings.issued - timedelta(days=1))
    )
    assert "cannot be filed before the application was issued" in early.content.decode()
    proceedings.refresh_from_db()
    assert proceedings.final_evidence_filed is None and proceedings.version == 1

    filed = TODAY - timedelta(days=2)
    response = sam.post(url, prefilled("proceedings", proceedings, final_evidence_filed=filed))
    assert response.status_code == 302, response.content.decode()[:2000]
    proceedings.refresh_from_db()
    assert proceedings.final_evidence_filed == filed and proceedings.version == 2
    tracker = sam.get(reverse("tracker", args=["proceedings"])).content.decode()
    assert "Ava Example" in tracker


def test_the_iro_records_the_review_they_chaired_and_the_next_review_moves(council):
    ava, irene = council["ava"], council["irene"]
    client = as_user(irene)
    before = due(ava, "cla-review")
    url = reverse("record-review", args=[ava.pk])
    bad = client.post(
        url, {"participation": "PN1", "plan_outcome": "confirmed", **day_fields("date", TODAY + timedelta(days=3))}
    )
    assert "Date the review was held must be today or in the past" in bad.content.decode()
    reviews = Review.objects.filter(child=ava).count()
    assert Review.objects.filter(child=ava).count() == reviews

    held = TODAY - timedelta(days=1)
    response = client.post(
        url, {"participation": "PN1", "plan_outcome": "confirmed", "iro": irene.pk, **day_fields("date", held)}
    )
    review = Review.objects.get(child=ava, date=held)
    assert response.status_code == 302 and response["Location"] == reverse("decisions-report", args=[ava.pk, review.pk])
    assert review.iro == irene and review.plan_outcome == "confirmed"
    after = due(ava, "cla-review")
    assert after[0] > before[0]
    page = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert reverse("decisions-report", args=[ava.pk, review.pk]) in page


def test_a_social_worker_cannot_record_a_review(council, sam):
    ava = council["ava"]
    assert sam.get(reverse("record-review", args=[ava.pk])).status_code == 403
    assert sam.post(reverse("record-review", args=[ava.pk]), day_fields("date", TODAY)).status_code == 403
    assert not Review.objects.filter(child=ava, date=TODAY).exists()


def test_a_team_manager_allocates_a_child_and_it_is_on_the_workers_caseload(council):
    tara, omar = council["tara"], council["omar"]
    ava = council["ava"]
    client = as_user(tara)
    url = reverse("record-allocation", args=[ava.pk])
    bad = client.post(url, {"role": "iro", "worker": omar.pk, **day_fields("start", TODAY)})
    assert "Choose someone whose role lets them hold this allocation." in bad.content.decode()
    response = client.post(url, {"role": "social_worker", "worker": omar.pk, **day_fields("start", TODAY)})
    assert response.status_code == 302
    caseload = as_user(omar).get(reverse("home")).content.decode()
    assert "Ava Example" in caseload
    assert "Ava Example" not in as_user(council["sam"]).get(reverse("home")).content.decode()


def test_two_people_correcting_the_same_review_the_second_is_told_and_nothing_is_lost(council):
    ava, irene = council["ava"], council["irene"]
    review = Review.objects.filter(child=ava).order_by("date").first()
    url = reverse("correct-review", args=[ava.pk, review.pk])
    first, second = as_user(irene), as_user(User.objects.get(username="service.manager"))
    opened = review.version
    form = {
        "version": opened,
        "participation": review.participation,
        "plan_outcome": "confirmed",
        **day_fields("date", review.date),
    }
    assert (
        first.post(url, form | {"participation": "PN3", "reason": "The child spoke through an advocate"}).status_code
        == 302
    )
    refused = second.post(url, form | {"participation": "PN5", "reason": "Wrong code"})
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "Someone else changed this record while you had it open" in html
    assert "Irene Reviewer" in html and "PN1 → PN3" in html and "The child spoke through an advocate" in html
    assert 'value="PN5" checked' in html or 'value="PN5" selected' in html  # what they typed is kept
    review.refresh_from_db()
    assert review.participation == "PN3"
    assert html.count("<title>Error: ") == 1
    # Having seen it, they save again on the version the refusal carried.
    again = second.post(url, form | {"version": review.version, "participation": "PN5", "reason": "Wrong code"})
    assert again.status_code == 302
    review.refresh_from_db()
    assert review.participation == "PN5"
    history = RecordChange.objects.filter(model="children.Review", object_id=str(review.pk)).order_by("version")
    assert [(c.changes.get("participation"), c.reason) for c in history] == [
        (["PN1", "PN3"], "The child spoke through an advocate"),
        (["PN3", "PN5"], "Wrong code"),
    ]


def test_a_correction_needs_a_reason_and_the_earlier_value_is_shown_on_the_record(council, sam):
    ava = council["ava"]
    visit = services.visit_record(child=ava, date=TODAY - timedelta(days=3), by=council["sam"], where="school")
    url = reverse("correct-visit", args=[ava.pk, visit.pk])
    form = {
        "version": visit.version,
        "where": "school",
        "visitor": council["sam"].pk,
        **day_fields("date", TODAY - timedelta(days=2)),
    }
    refused = sam.post(url, form | {"seen_alone": "on"})
    assert "Give the reason for the correction" in refused.content.decode()
    visit.refresh_from_db()
    assert visit.date == TODAY - timedelta(days=3)
    saved = sam.post(url, form | {"reason": "Typed the wrong day"})
    assert saved.status_code == 302
    page = sam.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Corrected 1 time" in page and "Typed the wrong day" in page


def test_filling_in_what_was_not_known_is_an_update_without_a_reason(council, sam):
    ava = council["ava"]
    gone = TODAY - timedelta(days=10)
    missing = services.missing_record(child=ava, start=gone)
    url = reverse("correct-missing", args=[ava.pk, missing.pk])
    response = sam.post(
        url,
        {
            "version": missing.version,
            "kind": "M",
            **day_fields("start", gone),
            **day_fields("end", gone + timedelta(days=1)),
        },
    )
    assert response.status_code == 302
    missing.refresh_from_db()
    assert missing.end == gone + timedelta(days=1)
    assert not RecordChange.objects.filter(object_id=str(missing.pk)).exclude(reason="").exists()


def test_a_new_unborn_child_for_pre_birth_planning(council, sam):
    url = reverse("child-new")
    bad = sam.post(url, {"first_name": "Baby", "last_name": "Example", "council_reference": "C9000"})
    assert "Enter the date of birth, or the expected date of birth for an unborn child." in bad.content.decode()
    response = sam.post(
        url,
        {
            "first_name": "Baby",
            "last_name": "Example",
            "council_reference": "C9000",
            "ethnicity": "WBRI",
            "involvement_reason": "Referral from the midwife: older siblings in care",
            **day_fields("expected_date_of_birth", TODAY + timedelta(days=60)),
            **day_fields("referral_date", TODAY),
        },
    )
    assert response.status_code == 302
    page = sam.get(response["Location"]).content.decode()
    assert "Baby Example" in page and "Referral from the midwife" in page and "Record becoming looked after" in page


def test_beside_a_case_system_its_facts_are_not_recorded_here(council, sam, settings):
    settings.PERMANENCE_CASE_RECORD = "case_system"
    ava = council["ava"]
    page = sam.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Record a move" not in page and "Record a statutory visit" not in page
    assert "Record pre-proceedings or care proceedings" in page  # the product's own record
    assert sam.get(reverse("record-visit", args=[ava.pk])).status_code == 403
    assert sam.post(reverse("record-visit", args=[ava.pk]), day_fields("date", TODAY)).status_code == 403
    assert not Visit.objects.filter(child=ava, date=TODAY).exists()


MISSING = "This form did not say which version of the record it was opened on"
STALE = "Someone else changed this record while you had it open"
EPISODE_CHANGES = {
    "move": {"placement": "U4", "reason_place_change": "CARPL"},
    "legal_status": {"legal_status": "C2"},
    "care_end": {"reason_ceased": "E4A"},
}


@pytest.mark.parametrize("kind", sorted(EPISODE_CHANGES))
@pytest.mark.parametrize("sent", ["without the field", "with it blank"])
def test_a_move_a_change_of_legal_status_or_the_end_of_care_sent_without_its_version_says_so_and_changes_nothing(
    council, sam, kind, sent
):
    """The same message every other edit page gives for a form without its version, not "someone else
    changed this record" (nobody did); the form comes back carrying the episode's version, and saving
    it again goes ahead."""
    ava = council["ava"]
    current = services.current_episode(ava)
    url = reverse(f"record-{kind}", args=[ava.pk])
    data = {"episode": current.pk, **EPISODE_CHANGES[kind], **day_fields("date", TODAY - timedelta(days=1))}
    if sent == "with it blank":
        data["version"] = ""

    refused = sam.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 409, html[:3000]
    assert MISSING in html and "“version” field" in html and STALE not in html
    assert list(Episode.objects.filter(child=ava)) == [current] and Episode.objects.get(pk=current.pk).end is None

    again = sam.post(url, data | {"version": refused.context["form"].data["version"]})
    assert again.status_code == 302, again.content.decode()[:3000]
    assert Episode.objects.get(pk=current.pk).end == TODAY - timedelta(days=1)
