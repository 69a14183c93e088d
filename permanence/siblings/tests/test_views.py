"""The sibling pages: GOV.UK forms, refusals that leave the record unchanged, the child page section."""

from datetime import date

from django.urls import reverse

from permanence.siblings import services
from permanence.siblings.models import SiblingAssessment, SiblingContactPlan, SiblingDecision
from permanence.web.tests.builders import child_in_care

from .conftest import ASSESSMENT

DECISION = {
    "decision": "apart",
    "reasons": "Different needs",
    "date": "2026-03-01",
    "forum": "review",
    "contact_with_whom": "Ben",
    "contact_frequency": "Every week",
    "contact_kind": "direct",
    "contact_review_date": "2026-09-01",
}


def test_the_pages_need_sign_in(client, apart):
    ava, _ = apart
    for name in ("siblings-assessment-new", "siblings-decision-new", "siblings-contact-new"):
        response = client.get(reverse(name, args=[ava.pk]))
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_apart_without_an_assessment_shows_the_error_summary_and_saves_nothing(client, apart, sam):
    ava, ben = apart
    client.force_login(sam)
    response = client.post(reverse("siblings-decision-new", args=[ava.pk]), DECISION | {"siblings": [ben.pk]})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and 'href="#id_decision"' in html
    assert "Record the sibling assessment first" in html
    assert "<title>Error:" in html
    assert not SiblingDecision.objects.exists() and not SiblingContactPlan.objects.exists()


def test_bad_dates_are_named_at_the_field(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    html = client.post(
        reverse("siblings-decision-new", args=[ava.pk]), DECISION | {"date": "2026-02-30"}
    ).content.decode()
    assert "Date of the decision must be a real date" in html and 'id="id_date-error"' in html
    assert not SiblingDecision.objects.exists()


def test_recording_the_assessment_then_apart_shows_on_the_child_page(client, apart, sam):
    ava, ben = apart
    client.force_login(sam)
    form = client.get(reverse("siblings-assessment-new", args=[ava.pk])).content.decode()
    assert "Ben Example" in form and "BAAF sibling checklist" in form
    response = client.post(
        reverse("siblings-assessment-new", args=[ava.pk]),
        ASSESSMENT | {"children": [ava.pk, ben.pk], "date": "2026-02-20"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#sibling-decision")
    assert set(SiblingAssessment.objects.get().children.all()) == {ava, ben}
    response = client.post(reverse("siblings-decision-new", args=[ava.pk]), DECISION | {"siblings": [ben.pk]})
    assert response.status_code == 302
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert 'id="sibling-decision"' in html and "Live apart" in html and "Different needs" in html
    assert "Every week" in html and "Sibling assessment of 20 February 2026" in html


def test_a_contact_plan_can_be_added_on_its_own(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    bad = client.post(reverse("siblings-contact-new", args=[ava.pk]), {"with_whom": "", "agreed": "2026-03-01"})
    assert "Enter who the child will keep in touch with" in bad.content.decode()
    assert not SiblingContactPlan.objects.exists()
    good = client.post(
        reverse("siblings-contact-new", args=[ava.pk]),
        {
            "with_whom": "Ben",
            "frequency": "Monthly",
            "kind": "indirect",
            "agreed": "2026-03-01",
            "review_date": "2026-09-01",
        },
    )
    assert good.status_code == 302
    assert SiblingContactPlan.objects.get().kind == "indirect"


def test_a_contact_plan_saved_empty_shows_every_problem_at_once(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    empty = {
        "with_whom": "",
        "frequency": "",
        "arrangements": "",
        "agreed-day": "",
        "agreed-month": "",
        "agreed-year": "",
    }
    html = client.post(reverse("siblings-contact-new", args=[ava.pk]), empty).content.decode()
    for message in (
        "Enter the date the plan was agreed",
        "Enter who the child will keep in touch with",
        "Enter how often contact will happen",
        "Select whether contact is direct or indirect",
        "Enter the date the contact plan will be reviewed",
    ):
        assert message in html, message
    assert html.count("<title>Error:") == 1 and "Error: Error:" not in html
    assert not SiblingContactPlan.objects.exists()


def test_a_decision_to_live_apart_saved_with_gaps_shows_every_problem_at_once(client, apart, sam):
    ava, ben = apart
    client.force_login(sam)
    html = client.post(
        reverse("siblings-decision-new", args=[ava.pk]),
        {"decision": "apart", "siblings": [ben.pk], "reasons": "", "forum": ""},
    ).content.decode()
    for message in ("Enter the date of the decision", "Select where the decision was made", "Enter the reasons"):
        assert message in html, message
    assert "Record the sibling assessment first" in html
    assert not SiblingDecision.objects.exists()


def test_the_child_page_warns_about_siblings_apart_without_an_assessment(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Ava is placed apart from a brother or sister in care and no sibling assessment is recorded." in html
    assert "Sibling assessment for brothers and sisters placed apart" in html  # the engine's obligation


def test_the_child_page_of_a_child_without_siblings_says_so(client, sam, carers):
    solo = child_in_care(
        "Solo", "Child", reference="C3001", born=date(2019, 1, 1), entered=date(2026, 1, 5), social_worker=sam
    )
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[solo.pk])).content.decode()
    assert "No brothers or sisters are recorded, so there is no decision to make." in html


def test_services_are_what_the_pages_call(apart, sam):
    ava, ben = apart
    services.sibling_assessment_record(children=[ava, ben], date=date(2026, 2, 20), by=sam, **ASSESSMENT)
    assert SiblingAssessment.objects.count() == 1
