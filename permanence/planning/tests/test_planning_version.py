"""Two people with the same child's planning open: the first save goes in, the second is refused
and writes nothing; a change made any other way (the API, a service) makes an open form stale too;
saving again yourself is not a conflict."""

from datetime import date

import pytest

from permanence.children.versions import StaleRecord, VersionMissing
from permanence.planning import services
from permanence.planning.models import PlanStep
from permanence.planning.selectors import planning_version

TODAY = date.today()


def step(child, kind, by):
    return lambda: services.plan_step_record(child=child, kind=kind, date=TODAY, by=by, today=TODAY)


def test_the_second_save_on_the_same_version_is_refused_and_writes_nothing(sam, tara, ava):
    opened = planning_version(ava)
    services.planning_change(child=ava, version=opened, by=tara, write=step(ava, "cpr_completed", tara))
    with pytest.raises(StaleRecord):
        services.planning_change(child=ava, version=opened, by=sam, write=step(ava, "raa_referral", sam))
    assert list(PlanStep.objects.values_list("kind", flat=True)) == ["cpr_completed"]
    # Having seen the change, on the version now shown, the save goes in.
    services.planning_change(child=ava, version=planning_version(ava), by=sam, write=step(ava, "raa_referral", sam))
    assert PlanStep.objects.count() == 2


def test_a_change_made_another_way_moves_the_version_on(sam, tara, ava):
    opened = planning_version(ava)
    step(ava, "cpr_completed", tara)()  # as the API records it: the service, no form
    assert planning_version(ava) > opened
    with pytest.raises(StaleRecord):
        services.planning_change(child=ava, version=opened, by=sam, write=step(ava, "raa_referral", sam))


def test_your_own_earlier_save_from_the_same_page_is_not_a_conflict(sam, ava):
    opened = planning_version(ava)
    services.planning_change(child=ava, version=opened, by=sam, write=step(ava, "cpr_completed", sam))
    services.planning_change(child=ava, version=opened, by=sam, write=step(ava, "raa_referral", sam))
    assert PlanStep.objects.count() == 2


@pytest.mark.parametrize("version", [None, "", " "])
def test_a_change_that_does_not_say_which_version_it_was_opened_on_is_refused_and_writes_nothing(sam, ava, version):
    opened = planning_version(ava)
    with pytest.raises(VersionMissing) as refused:
        services.planning_change(child=ava, version=version, by=sam, write=step(ava, "raa_referral", sam))
    assert refused.value.field == "opened_version" and refused.value.current == opened
    assert not PlanStep.objects.exists() and planning_version(ava) == opened
