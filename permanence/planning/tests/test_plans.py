from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.children import services as children
from permanence.planning import services
from permanence.planning.models import PermanencePlan


@pytest.fixture
def ava(db):
    return children.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), council_reference="C1"
    )


def test_a_new_plan_supersedes_the_old_one_and_both_are_kept(ava):
    services.plan_record(child=ava, primary_option="return_home", parallel_option="adoption", recorded=date(2026, 2, 1))
    services.plan_record(
        child=ava, primary_option="adoption", recorded=date(2026, 5, 1), reason="Parenting assessment negative"
    )
    plans = list(PermanencePlan.objects.filter(child=ava).order_by("recorded"))
    assert [(p.primary_option, p.superseded_on) for p in plans] == [
        ("return_home", date(2026, 5, 1)),
        ("adoption", None),
    ]


def test_changing_direction_without_a_reason_is_refused(ava):
    services.plan_record(child=ava, primary_option="return_home", recorded=date(2026, 2, 1))
    with pytest.raises(ValidationError) as refused:
        services.plan_record(child=ava, primary_option="adoption", recorded=date(2026, 5, 1))
    assert "needs a reason" in refused.value.message_dict["rationale"][0]
    assert PermanencePlan.objects.get(child=ava).primary_option == "return_home"
