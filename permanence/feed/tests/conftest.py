import itertools

import pytest

from permanence.feed.sync import ssd_sync

from . import extracts


@pytest.fixture
def sync(tmp_path, db):
    """sync(tables, as_at) -> SyncRun: writes the extract in a fresh folder and syncs it."""
    numbers = itertools.count(1)

    def run(tables, as_at, **options):
        folder = extracts.write(tmp_path / f"extract-{next(numbers)}", tables, as_at=as_at)
        return ssd_sync(source=folder, **options)

    return run


@pytest.fixture
def october():
    return extracts.at("2026-10-01")
