"""What a process spawned by the nightly job runs: Django set up, then the batches it takes.

Kept apart from nightly.py, which imports models: a spawned process unpickles the function it
runs (importing its module) before anything else, and models can be imported only once Django
is set up.
"""

_taken = None


def setup(taken, database: str) -> None:
    """Set Django up in this fresh process, on the database the job's own process reads (the one
    the settings name, or the test database), sharing its count of batches taken."""
    global _taken
    import django

    django.setup()
    from django.db import connections

    connections["default"].settings_dict["NAME"] = database
    _taken = taken


def run_batches(args):
    # Imported here, once Django is set up in this process (see the module's docstring).
    from django.db import connections

    from .nightly import run_batches as run

    work, batches, today = args
    try:
        return run(work, batches, today, _taken)
    finally:
        connections.close_all()
