"""The IRO's desk: the reviews to chair, the decisions report in its parts, and escalation under
the dispute resolution process, seen by the team manager and the service manager."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from permanence.accounts import roles
from permanence.children.models import Review
from permanence.meetings import selectors, services
from permanence.meetings.models import Action, Escalation
from permanence.web.tests.builders import child_in_care, person


@pytest.fixture
def reviewed(ava, irene):
    """Ava's first review, held on 28 January 2026 with Irene in the chair; Ava attended (PN1)."""
    return Review.objects.create(child=ava, date=date(2026, 1, 28), iro=irene, participation="PN1")


def test_the_iro_sees_the_reviews_they_chair_the_soonest_first_with_the_childs_part_so_far(irene, ava, reviewed):
    rows = selectors.iro_desk(irene, iro=irene, today=date(2026, 3, 1))
    assert [row.child for row in rows] == [ava]
    row = rows[0]
    # The second review is due within three months of the first (28 April 2026): CPPCR 2010 reg 33.
    assert row.next_review == date(2026, 4, 28) and not row.overdue
    assert row.reviews == [(date(2026, 1, 28), "PN1", row.reviews[0][2])] and row.reviews[0][2]
    assert row.last_report is None


def test_a_long_stay_shows_the_latest_three_reviews_and_counts_the_earlier_ones(irene, ava):
    for day in (date(2026, 1, 28), date(2026, 4, 28), date(2026, 7, 28), date(2026, 10, 28)):
        Review.objects.create(child=ava, date=day, iro=irene, participation="PN1")
    row = selectors.iro_desk(irene, iro=irene, today=date(2026, 11, 1))[0]
    assert [day for day, _, _ in row.reviews] == [date(2026, 4, 28), date(2026, 7, 28), date(2026, 10, 28)]
    assert row.earlier == 1


def test_a_manager_looks_at_one_iros_reviews(client, ava, irene, simone, omar):
    other_iro = person("ian", "Ian", "Other-Reviewer", roles.IRO)
    child_in_care("Ben", "Other", reference="C2002", born=date(2019, 1, 1), entered=date(2026, 2, 1), iro=other_iro)
    client.force_login(simone)
    everyone = client.get(reverse("iro-desk")).content.decode()
    assert "Ava Example" in everyone and "Ben Other" in everyone and "2 children with an Independent" in everyone
    irenes = client.get(reverse("iro-desk"), {"iro": irene.pk}).content.decode()
    assert "Ava Example" in irenes and "Ben Other" not in irenes
    assert "1 child Irene Reviewer is the Independent Reviewing Officer for" in irenes
    ignored = client.get(reverse("iro-desk"), {"iro": omar.pk}).content.decode()  # a social worker, not an IRO
    assert "This filter was ignored" in ignored and "Ben Other" in ignored


def test_the_decisions_report_records_the_plan_each_decision_with_its_owner_and_date_and_the_childs_views(
    reviewed, irene, sam
):
    with pytest.raises(ValidationError) as error:
        services.iro_report_record(
            review=reviewed, issued=date(2026, 1, 30), plan_outcome="changed", child_views=" ", iro=irene
        )
    assert set(error.value.message_dict) == {"plan_change", "child_views", "decision_1"}
    assert not Action.objects.exists()

    report = services.iro_report_record(
        review=reviewed,
        issued=date(2026, 1, 30),
        plan_outcome="confirmed",
        child_views="Ava said she feels safe at Nana's and wants to stay.",
        decisions_made=[
            {"description": "Complete the connected person's assessment", "owner": sam, "due": date(2026, 3, 1)}
        ],
        iro=irene,
    )
    action = report.actions.get()
    assert (action.owner, action.due, action.forum, action.child) == (sam, date(2026, 3, 1), "review", reviewed.child)
    assert report.child_views.startswith("Ava said")


def test_the_decisions_report_page_names_each_missing_part(client, irene, reviewed, sam):
    client.force_login(irene)
    url = reverse("decisions-report", args=[reviewed.child_id, reviewed.pk])
    html = client.post(
        url,
        {
            "issued-day": "30",
            "issued-month": "1",
            "issued-year": "2026",
            "decision_1": "Book the second review",
            "child_views": "",
        },
    ).content.decode()
    for message in (
        "Say whether the review confirmed or changed the care plan",
        "Enter the child&#x27;s views, or how they were sought",
        "Choose who will carry out decision 1",
        "Enter the date decision 1 is to be done by",
    ):
        assert message in html, message


def test_an_escalation_moves_up_a_stage_at_a_time_and_closes_with_its_outcome(ava, irene):
    escalation = services.escalation_raise(
        child=ava,
        concern="No permanence plan after the second review.",
        stage="informal",
        raised_on=date(2026, 5, 1),
        respond_by=date(2026, 5, 15),
        by=irene,
    )
    with pytest.raises(ValidationError, match="higher than"):
        services.escalation_update(escalation=escalation, on=date(2026, 5, 16), note="No reply", stage="informal")
    services.escalation_update(escalation=escalation, on=date(2026, 5, 16), note="No reply", stage="team_manager")
    services.escalation_update(
        escalation=escalation, on=date(2026, 5, 30), note="Plan agreed at a meeting", outcome="resolved"
    )
    escalation.refresh_from_db()
    assert [step["stage"] for step in escalation.history] == ["informal", "team_manager"]
    assert (escalation.outcome, escalation.outcome_on) == ("resolved", date(2026, 5, 30))
    with pytest.raises(ValidationError, match="closed"):
        services.escalation_update(escalation=escalation, on=date(2026, 6, 1), note="Again", stage="director")


def test_the_team_manager_and_service_manager_see_the_open_escalation_and_cannot_record_it(
    client, ava, irene, tara, simone, omar
):
    escalation = services.escalation_raise(
        child=ava,
        concern="The plan has drifted: the final hearing has been adjourned twice.",
        stage="team_manager",
        raised_on=date(2026, 5, 1),
        respond_by=date(2026, 5, 15),
        by=irene,
    )
    for manager in (tara, simone):
        client.force_login(manager)
        assert "The plan has drifted" in client.get(reverse("iro-desk")).content.decode()
        assert "The plan has drifted" in client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    client.force_login(tara)
    url = reverse("escalation-detail", args=[ava.pk, escalation.pk])
    refused = client.post(
        url, {"step": "outcome:resolved", "note": "Sorted", "on-day": "2", "on-month": "6", "on-year": "2026"}
    )
    assert refused.status_code == 403 and Escalation.objects.get().outcome == "open"
    client.force_login(omar)  # another team's worker: Ava is not in his case scope
    assert "The plan has drifted" not in client.get(reverse("iro-desk")).content.decode()
