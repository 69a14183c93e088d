"""A task the tests queue many times: each run adds one line to a file, so a run twice shows."""

import os

from django_tasks import task


@task()
def note_run(*, path: str, n: int) -> str:
    with open(path, "a") as out:
        out.write(f"{n} {os.getpid()}\n")
    return f"noted {n}"


@task()
def refuse(*, day: str) -> str:
    raise RuntimeError("The case system did not answer")
