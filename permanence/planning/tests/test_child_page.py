"""The child page's plans section: the current plan's stages, the decisions, and the way in."""

from datetime import date

from django.urls import reverse

from permanence.planning import services


def test_the_child_page_shows_the_stage_history_and_links_to_planning(client, ava, sam):
    plan = services.plan_record(child=ava, primary_option="kinship", recorded=date(2026, 2, 1), by=sam)
    services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 2, 3), by=sam)
    services.decision_record(
        child=ava,
        kind="plan_agreed",
        forum="review",
        date=date(2026, 2, 3),
        decided_by="Irene Reviewer (IRO)",
        rationale="Viability positive",
        evidence="Viability assessment",
    )
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert f'href="{reverse("planning-workspace", args=[ava.pk])}"' in html
    assert "Open permanence planning" in html
    assert "Stage history of the current plan" in html and "from Being explored" in html
    assert "3 February 2026" in html and "Evidence: Viability assessment" in html
