"""Recording wishes and feelings, the views check from the record, the letter's life, and the pages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from permanence.planning import services as planning
from permanence.voice import selectors, services
from permanence.voice.models import MyPlanLetter, PlanContents, WishesAndFeelings

WISHES = {
    "date": "2026-03-01",
    "how": "direct_work",
    "said": "I want to stay with Pat and Chris.",
    "understanding": "Understands she will not go home.",
    "for_current_plan": "on",
}


@pytest.fixture
def plan(ava, sam):
    return planning.plan_record(child=ava, primary_option="long_term_fostering", recorded=date(2026, 2, 10), by=sam)


def test_wishes_are_recorded_with_the_age_derived(ava, sam, plan):
    wishes = services.wishes_record(child=ava, date=date(2026, 3, 1), how="advocate", said="Stay here", by=sam)
    assert wishes.age_at_time == 5 and wishes.plan == plan
    summary = selectors.child_voice_summary(ava)
    assert summary["plan_records_views"] is True and summary["wishes"] == [wishes]


def test_bad_wishes_are_refused_field_by_field(ava, sam):
    with pytest.raises(ValidationError) as error:
        services.wishes_record(child=ava, date=date(2019, 1, 1), how="other", said=" ", by=sam)
    assert set(error.value.message_dict) == {"date", "how_other", "said"}
    assert not WishesAndFeelings.objects.exists()


def test_a_plan_without_views_says_so_until_a_reason_is_given(ava, sam, plan):
    summary = selectors.child_voice_summary(ava)
    assert summary["plan_records_views"] is False and not summary["ok"]
    assert "views" in [m.key for m in selectors.plan_still_needs(ava)]
    services.views_not_recorded_record(child=ava, reason="Ava asked to wait until after the school play", by=sam)
    summary = selectors.child_voice_summary(ava)
    assert summary["ok"] and "school play" in summary["reason"]


def test_views_for_an_old_plan_do_not_count_for_a_new_one(ava, sam, plan):
    services.wishes_record(child=ava, date=date(2026, 3, 1), how="review", said="Stay", by=sam)
    planning.plan_record(
        child=ava, primary_option="special_guardianship", recorded=date(2026, 4, 1), by=sam, reason="Carers applying"
    )
    assert selectors.child_voice_summary(ava)["plan_records_views"] is False


def test_plan_contents_fill_the_leeds_checklist(ava, sam, plan):
    assert [m.key for m in selectors.plan_still_needs(ava)] == [
        "introductions",
        "life_story_work",
        "contact_arrangements",
        "views",
    ]
    services.plan_contents_record(
        child=ava,
        staying_with_current_carers=True,
        life_story_work="Weekly with Sam",
        contact_arrangements="Mum monthly, supervised",
        by=sam,
    )
    services.wishes_record(child=ava, date=date(2026, 3, 1), how="review", said="Stay", by=sam)
    assert selectors.plan_still_needs(ava) == []


def test_the_letter_goes_draft_reviewed_shared_and_an_edit_needs_a_new_review(ava, sam, tara, irene, plan):
    letter = services.letter_start(child=ava, by=sam, today=date(2026, 3, 5))
    assert letter.status == "draft" and letter.age_band == "under_8" and "Dear Ava," in letter.text
    assert not letter.printable
    with pytest.raises(ValidationError):
        services.letter_share(letter=letter, by=sam)
    with pytest.raises(ValidationError, match="reviewed by the team manager or the child's IRO"):
        services.letter_review(letter=letter, by=sam)
    services.letter_review(letter=letter, by=tara)
    assert letter.printable
    services.letter_edit(letter=letter, text="Dear Ava, a new word.", by=tara)
    assert letter.status == "draft" and letter.reviewed_by is None
    with pytest.raises(ValidationError, match="You wrote or last changed this letter"):
        services.letter_review(letter=letter, by=tara)
    services.letter_review(letter=letter, by=irene)
    services.letter_share(letter=letter, by=sam)
    with pytest.raises(ValidationError):
        services.letter_edit(letter=letter, text="Too late", by=sam)


def test_no_plan_no_letter(ava, sam):
    with pytest.raises(ValidationError):
        services.letter_start(child=ava, by=sam)
    assert not MyPlanLetter.objects.exists()


# --- pages --------------------------------------------------------------------------------


def test_the_voice_pages_need_sign_in(client, ava):
    for name in ("voice-wishes-new", "voice-views-reason", "voice-plan-contents", "voice-letters"):
        response = client.get(reverse(name, args=[ava.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_recording_wishes_through_the_page_shows_them_on_the_child_page(client, ava, sam, plan):
    client.force_login(sam)
    response = client.post(reverse("voice-wishes-new", args=[ava.pk]), WISHES)
    assert response.status_code == 302 and response["Location"].endswith("#child-views")
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "I want to stay with Pat and Chris." in html and "Views recorded in the plan" in html
    assert 'id="child-views"' in html and 'id="plan-needs"' in html and "Direct work with the child" in html


def test_bad_wishes_show_the_error_summary_and_keep_what_was_typed(client, ava, sam):
    client.force_login(sam)
    html = client.post(
        reverse("voice-wishes-new", args=[ava.pk]), WISHES | {"date": "2026-13-01", "how": ""}
    ).content.decode()
    assert "There is a problem" in html and 'href="#id_date-day"' in html and 'href="#id_how"' in html
    assert "Select how the views were obtained" in html and "I want to stay with Pat and Chris." in html
    html = client.post(reverse("voice-wishes-new", args=[ava.pk]), WISHES | {"said": ""}).content.decode()
    assert "Enter what the child said" in html
    assert not WishesAndFeelings.objects.exists()


def test_the_plan_needs_section_lists_the_gaps_with_citations(client, ava, sam, plan):
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "What the plan still needs" in html and "A timetable for introductions" in html
    assert "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §5" in html
    response = client.post(
        reverse("voice-plan-contents", args=[ava.pk]),
        {
            "staying_with_current_carers": "on",
            "life_story_work": "Sam, fortnightly",
            "contact_arrangements": "Mum monthly",
        },
    )
    assert response.status_code == 302
    assert PlanContents.objects.get().staying_with_current_carers is True


def test_the_letter_can_be_printed_only_once_reviewed(client, ava, sam, tara, plan):
    client.force_login(sam)
    response = client.post(reverse("voice-letters", args=[ava.pk]))
    letter = MyPlanLetter.objects.get()
    assert response.status_code == 302
    print_url = reverse("voice-letter-print", args=[ava.pk, letter.pk])
    assert client.get(print_url).status_code == 403
    letter_url = reverse("voice-letter", args=[ava.pk, letter.pk])

    def opened():  # the letter's version a page opened now carries
        return client.get(letter_url).context["version"]

    client.post(
        letter_url, {"action": "save", "text": "Dear Ava,\n\nYou will stay with Pat and Chris.", "version": opened()}
    )
    assert "Mark as reviewed" not in client.get(letter_url).content.decode()
    client.post(letter_url, {"action": "review", "version": opened()})
    assert client.get(print_url).status_code == 403  # the author cannot review their own letter
    client.force_login(tara)
    assert "Mark as reviewed" in client.get(letter_url).content.decode()
    client.post(letter_url, {"action": "review", "version": opened()})
    printed = client.get(print_url)
    assert printed.status_code == 200 and "You will stay with Pat and Chris." in printed.content.decode()
    letter.refresh_from_db()
    assert letter.status == "reviewed" and letter.reviewed_by == tara


def test_starting_a_letter_without_a_plan_says_what_to_do(client, ava, sam):
    client.force_login(sam)
    html = client.post(reverse("voice-letters", args=[ava.pk])).content.decode()
    assert "Record the plan first" in html and not MyPlanLetter.objects.exists()
