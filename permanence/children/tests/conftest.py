"""Named people and a child in care, built through the services, for the case record tests."""

from datetime import date

import pytest

from permanence.children import services


@pytest.fixture
def ava(db):
    """Ava, born 10 March 2020."""
    return services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), sex="2", council_reference="C1001"
    )


EPISODE = {"reason_new": "S", "legal_status": "C1", "category_of_need": "N1", "placement": "U6", "provider": "PR1"}


@pytest.fixture
def ava_in_care(ava):
    """Ava became looked after on 5 January 2026 on an interim care order, with foster carers."""
    services.episode_create(child=ava, start=date(2026, 1, 5), **EPISODE)
    return ava
