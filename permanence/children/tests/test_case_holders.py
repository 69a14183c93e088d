"""Who may hold a case: an allocated social worker is a social worker or a team manager, an IRO is
an IRO. The forms offer those people and no one else, the services refuse anyone else, and the
case-system feed gives a worker it first hears of a role that may hold what they hold."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.accounts import roles
from permanence.children import rules, services
from permanence.children.models import Allocation
from permanence.children.recording.kinds import AllocationForm
from permanence.children.recording.others import NewChildForm
from permanence.children.selectors import case_holders

CHILD = {
    "first_name": "Noah",
    "last_name": "Example",
    "date_of_birth": date(2021, 6, 1),
    "council_reference": "N1",
    "ethnicity": "WBRI",
}


def offered(field):
    return {person.username for person in field.queryset}


def test_the_allocation_form_offers_social_workers_team_managers_and_iros_only(council, ava):
    form = AllocationForm(child=ava, user=council["people"][roles.TEAM_MANAGER])
    assert offered(form.fields["worker"]) == {"sam", "omar", "tara", "irene"}


def test_a_new_childs_form_offers_social_workers_and_team_managers_to_hold_the_case(council):
    form = NewChildForm(user=council["people"][roles.SOCIAL_WORKER])
    assert offered(form.fields["social_worker"]) == {"sam", "omar", "tara"}
    assert {p.username for p in case_holders(Allocation.IRO)} == {"irene"}


def test_someone_who_has_left_is_offered_to_nobody(council):
    omar = council["omar"]
    omar.is_active = False
    omar.save()
    assert "omar" not in {p.username for p in case_holders()}


@pytest.mark.parametrize(
    "allocation_role, staff_role, allowed",
    [
        (Allocation.SOCIAL_WORKER, roles.SOCIAL_WORKER, True),
        (Allocation.SOCIAL_WORKER, roles.TEAM_MANAGER, True),
        (Allocation.SOCIAL_WORKER, roles.IRO, False),
        (Allocation.SOCIAL_WORKER, roles.FAMILY_FINDER, False),
        (Allocation.IRO, roles.IRO, True),
        (Allocation.IRO, roles.SOCIAL_WORKER, False),
        (Allocation.IRO, roles.SERVICE_MANAGER, False),
    ],
)
def test_the_service_allocates_only_someone_whose_role_may_hold_the_case(
    council, ava, allocation_role, staff_role, allowed
):
    person = council["people"][staff_role]
    assert rules.may_hold(staff_role, allocation_role) is allowed
    allocate = lambda: services.allocation_assign(  # noqa: E731
        child=ava, role=allocation_role, worker=person, start=date(2026, 2, 1)
    )
    if allowed:
        assert allocate().worker == person
    else:
        with pytest.raises(ValidationError) as refused:
            allocate()
        assert refused.value.message_dict == {"worker": ["Choose someone whose role lets them hold this allocation."]}


def test_a_team_manager_opening_a_record_holds_the_case_and_an_iro_does_not(council):
    tara, irene = council["people"][roles.TEAM_MANAGER], council["people"][roles.IRO]
    held = services.child_open(by=tara, **CHILD)
    assert [a.worker for a in held.allocations.all()] == [tara]
    not_held = services.child_open(by=irene, **(CHILD | {"council_reference": "N2"}))
    assert not_held.allocations.count() == 0


def test_a_case_system_worker_is_given_a_role_that_may_hold_what_they_hold():
    for allocation_role in rules.CASE_HOLDERS:
        assert rules.may_hold(rules.holder_role(allocation_role), allocation_role)
    assert rules.holder_role(Allocation.IRO) == roles.IRO
    assert rules.holder_role(Allocation.SOCIAL_WORKER) == roles.SOCIAL_WORKER
