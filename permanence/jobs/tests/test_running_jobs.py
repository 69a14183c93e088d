"""Nightly jobs run from the scheduler through the worker, and administrators see how they went."""

import os
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from permanence.accounts import roles
from permanence.jobs import heartbeat, registry, scheduler
from permanence.jobs.models import Heartbeat
from permanence.jobs.testing import run_queued_jobs
from permanence.jobs.tests.probe import note_run, refuse
from permanence.jobs.worker import run_worker
from permanence.web.tests.builders import child_in_care, person

MORNING = datetime(2026, 11, 24, 7, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def backups_here(settings, tmp_path):
    settings.PERMANENCE_BACKUP_DIR = tmp_path / "backups"
    return settings.PERMANENCE_BACKUP_DIR


@pytest.mark.django_db(transaction=True)  # the backup reads the database from outside the test's transaction
def test_the_nightly_jobs_run_through_the_worker_and_show_on_the_administrators_page(admin_client, backups_here):
    from datetime import date

    sam = person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, password=None)
    sam.email = "sam@example.org"
    sam.save()
    child_in_care(
        "Ava", "Example", reference="T1001", born=date(2019, 4, 2), entered=date(2026, 1, 5), social_worker=sam
    )

    queued = scheduler.tick(now=MORNING)
    run_queued_jobs()

    results = {row.task_path: row for row in DBTaskResult.objects.all()}
    for name in queued:
        row = results[registry.get_job(name).task_path]
        assert row.status == "SUCCESSFUL", (name, row.traceback)
    day_passed = results[registry.get_job("day-passed").task_path]
    assert (
        day_passed.return_value.startswith("Worked out ") and "for 1 children on 24/11/2026" in day_passed.return_value
    )
    assert results[registry.get_job("digest").task_path].return_value == "Sent 1 digest"
    assert (backups_here / f"permanence-2026-11-24.{'sqlite3' if connection.vendor == 'sqlite' else 'dump'}").exists()

    page = admin_client.get(reverse("jobs")).content.decode()
    for name in queued:
        assert registry.get_job(name).title in page
    assert page.count("Succeeded") >= len(queued)
    assert "Sent 1 digest" in page and "Worked out" in page


@pytest.mark.django_db
def test_a_failed_job_shows_why_and_when_it_last_succeeded(admin_client):
    registry.register_job(refuse, name="case-sync-probe", title="Case system sync (probe)", nightly_at="01:00")
    try:
        refuse.enqueue(day="2026-11-24")
        run_queued_jobs()
        page = admin_client.get(reverse("jobs")).content.decode()
        assert "Failed" in page and "RuntimeError: The case system did not answer" in page
    finally:
        registry._JOBS.pop("case-sync-probe")


@pytest.mark.django_db
def test_an_administrator_runs_a_nightly_job_now(admin_client):
    response = admin_client.post(reverse("job-run", args=["day-passed"]), follow=True)
    assert "The job is queued" in response.content.decode()
    assert DBTaskResult.objects.filter(task_path=registry.get_job("day-passed").task_path, status="READY").exists()
    response = admin_client.post(reverse("job-run", args=["no-such-job"]), follow=True)
    assert "No job called &#x27;no-such-job&#x27;" in response.content.decode()


@pytest.mark.django_db
def test_only_administrators_see_the_jobs_page(client, admin_client):
    client.force_login(person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER))
    assert client.get(reverse("jobs")).status_code == 403
    assert client.post(reverse("job-run", args=["digest"])).status_code == 403
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_the_page_says_when_no_worker_is_running(admin_client):
    page = admin_client.get(reverse("jobs")).content.decode()
    assert "No worker has reported" in page and "No scheduler has reported" in page
    assert "No job has run yet" in page


@pytest.mark.django_db(transaction=True)
def test_a_worker_reports_while_it_runs_and_leaves_when_it_stops(tmp_path):
    """The real worker (not the tests' in-process helper): it reports before its first job."""
    probe = tmp_path / "runs.txt"
    note_run.enqueue(path=str(probe), n=1)
    note_run.enqueue(path=str(probe), n=2)

    seen = []
    original = heartbeat.beat

    def beat(**kwargs):
        original(**kwargs)
        seen.append(list(Heartbeat.objects.values_list("kind", flat=True)))

    with mock.patch.object(heartbeat, "beat", beat):
        run_worker(batch=True, verbosity=0)
    assert seen[0] == ["worker"]
    assert [line.split()[0] for line in probe.read_text().splitlines()] == ["1", "2"]
    assert not Heartbeat.objects.exists()  # it said goodbye


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"), reason="PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_three_workers_side_by_side_run_every_job_exactly_once(tmp_path):
    """Sixty jobs, three worker processes on PostgreSQL: each job runs exactly once."""
    log = tmp_path / "runs.txt"
    for n in range(60):
        note_run.enqueue(path=str(log), n=n)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="config.settings")
    command = [str(Path(sys.executable).parent / "permanence"), "worker", "--batch", "--quiet", "--interval", "0.05"]
    workers = [subprocess.Popen(command, env=env) for _ in range(3)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0
    runs = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert sorted(runs) == sorted(str(n) for n in range(60))
    assert set(runs.values()) == {1}, "a job ran twice"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 60
