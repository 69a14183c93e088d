"""Named people and children for the planning tests, built through the services.

Sam Social-Worker holds Ava Example (looked after since 5 January 2026) and Ben Other.
"""

from datetime import date

import pytest

from permanence.web.tests.builders import child_in_care

AVA_ENTERED = date(2026, 1, 5)


@pytest.fixture
def ava(sam):
    """Ava Example, born 10 March 2020, looked after since 5 January 2026; Sam's."""
    return child_in_care(
        "Ava", "Example", reference="C1001", born=date(2020, 3, 10), entered=AVA_ENTERED, social_worker=sam
    )


@pytest.fixture
def ben(sam):
    return child_in_care(
        "Ben", "Other", reference="C1002", born=date(2018, 7, 1), entered=date(2025, 9, 1), social_worker=sam
    )
