"""The demo council has a working week of meetings: referrals, a clinic, last month's meeting, panels."""

from datetime import date

import pytest

from permanence.accounts.models import User
from permanence.demo import load_demo
from permanence.meetings import selectors
from permanence.meetings.models import ADMDecision, AgendaItem, ClinicItem, Referral

# Loads the demo council (slow; `make test` runs it).
pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 23)


def test_the_demo_council_has_referrals_a_clinic_a_tracking_meeting_and_a_panel(db):
    load_demo(children=120, seed=3, today=TODAY)
    assert Referral.objects.filter(status="waiting").exists()
    assert ClinicItem.objects.filter(recorded=True).count() >= 1
    assert AgendaItem.objects.filter(discussed=True).exists() and AgendaItem.objects.filter(discussed=False).exists()
    assert ADMDecision.objects.filter(outcome="agreed").exists() or not selectors.panels().exists()
    assert selectors.open_actions_for(User.objects.get(username="social.worker")).exists()


def test_the_same_seed_gives_the_same_meetings(db):
    load_demo(children=80, seed=4, today=TODAY)
    first = sorted(Referral.objects.values_list("child_id", "date"))
    load_demo(children=80, seed=4, today=TODAY, replace=True)
    offset = min(Referral.objects.values_list("child_id", flat=True)) - min(c for c, _ in first)
    assert sorted((c - offset, d) for c, d in Referral.objects.values_list("child_id", "date")) == first
