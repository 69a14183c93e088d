"""Twenty family finders change one carer's register entry at once, each on the version they read:
exactly one change goes in, the other nineteen are told (412) and write nothing."""

import pytest

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.api.tests.conftest import ApiClient
from permanence.api.tokens import token_issue
from permanence.children.models import Carer
from permanence.children.tests.at_once import WRITERS, at_once, statuses
from permanence.children.versions import RecordChange
from permanence.matching import services
from permanence.matching.models import CarerProfile


@pytest.mark.django_db(transaction=True)
def test_twenty_stale_register_changes_at_once_exactly_one_is_accepted():
    fiona = User.objects.create_user("fiona", first_name="Fiona", last_name="Finder", role=roles.FAMILY_FINDER)
    hills = Carer.objects.create(name="The Hill family", kind="foster_carer", reference="F-2")
    entry = services.carer_profile_record(carer=hills, approval_type="adopter", status="available")
    entry.refresh_from_db()  # the version as a reader sees it
    secret = token_issue(user=fiona, name="concurrent").secret

    def write(n):
        return (
            ApiClient(secret)
            .patch(f"/carers/{hills.pk}/register", {"preferences": f"writer {n}"}, if_match=f'"{entry.version}"')
            .status_code
        )

    assert statuses(at_once(write)) == [200] + [412] * (WRITERS - 1)
    saved = CarerProfile.objects.get(pk=entry.pk)
    assert saved.preferences.startswith("writer ") and saved.version > entry.version
    assert RecordChange.objects.filter(model="matching.CarerProfile", object_id=str(entry.pk)).count() == 1
