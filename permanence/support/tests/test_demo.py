"""The demo council carries contact, support plans and disruption, and some early warnings fire."""

from datetime import date

import pytest

from permanence.demo import load_demo, loader
from permanence.support import selectors
from permanence.support.models import ContactPlan, ContactSession, DisruptionMeeting, Lesson, SupportPlan

# Loads the demo council (slow; `make test` runs it).
pytestmark = pytest.mark.slow

TODAY = date(2026, 6, 15)


def test_demo_data_fires_some_indicators_and_fills_the_learning_report(db, monkeypatch):
    # Only this app's extension: the others are tested by their own apps.
    monkeypatch.setattr(
        loader, "EXTENSIONS", [e for e in loader.EXTENSIONS if e[1] == "permanence.support.demo.extend"]
    )
    counts = load_demo(children=80, seed=3, today=TODAY)
    assert counts["support.ContactPlan"] == ContactPlan.objects.count() > 0
    assert ContactSession.objects.filter(outcome="cancelled").exists() and SupportPlan.objects.exists()
    assert DisruptionMeeting.objects.count() == 2 and Lesson.objects.count() == 4
    rows = selectors.homes_under_strain(today=TODAY)
    fired = {i.id for row in rows for i in row.fired}
    assert "contact_cancelled" in fired and len(fired) >= 3
    report = selectors.learning_report()
    assert report.lessons == 4 and len(report.by_route) == 2
