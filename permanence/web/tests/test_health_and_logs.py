"""The health check the load balancer asks, and logs that carry a request id and no personal data."""

import io
import json
import logging
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from permanence.accounts import roles
from permanence.jobs import heartbeat
from permanence.jobs.models import Heartbeat
from permanence.web.requestlog import JsonFormatter, RequestIdFilter

from .builders import child_in_care, person


def _alive(kind):
    heartbeat.beat(kind=kind, process_id=f"{kind}:test", started_at=timezone.now())


@pytest.mark.django_db
def test_healthy_when_the_database_answers_migrations_are_applied_and_the_processes_report(client):
    _alive(Heartbeat.WORKER)
    _alive(Heartbeat.SCHEDULER)
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "scheduler": "ok"},
    }
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_failing_when_no_worker_has_reported_lately(client, settings):
    _alive(Heartbeat.SCHEDULER)
    Heartbeat.objects.create(
        process_id="worker:old",
        kind=Heartbeat.WORKER,
        hostname="app1",
        pid=1,
        started_at=timezone.now() - timedelta(hours=1),
        seen_at=timezone.now() - timedelta(seconds=settings.PERMANENCE_HEARTBEAT_STALE_SECONDS + 30),
    )
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["worker"].startswith("no worker has reported for ")
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_the_health_check_needs_no_sign_in_and_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    assert client.get(reverse("health")).status_code == 503  # answered (no processes here), not 301 or 302


@pytest.fixture
def captured_logs():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    loggers = [logging.getLogger(name) for name in ("permanence", "django")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.INFO)
    yield stream
    for lg, level in zip(loggers, levels, strict=True):
        lg.removeHandler(handler)
        lg.setLevel(level)


@pytest.mark.django_db
def test_each_request_is_logged_with_its_id_and_no_names(client, captured_logs):
    sam = person("sam.worker", "Sam", "Social-Worker", roles.SOCIAL_WORKER)
    ava = child_in_care(
        "Ava", "Example", reference="T1001", born=date(2019, 4, 2), entered=date(2026, 1, 5), social_worker=sam
    )
    client.force_login(sam)
    page = client.get(reverse("child-detail", args=[ava.pk]), HTTP_X_REQUEST_ID="lb-0f3a9c2e7d")
    search = client.get(reverse("child-search"), {"q": "Example"})
    client.get("/no-such-page/?name=Ava+Example")

    lines = [json.loads(line) for line in captured_logs.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "permanence.request"]
    assert page["X-Request-ID"] == "lb-0f3a9c2e7d"  # the proxy's id carried through
    assert requests[0] == requests[0] | {
        "request_id": "lb-0f3a9c2e7d",
        "method": "GET",
        "route": "/children/<int:pk>/",
        "status": 200,
        "role": "social_worker",
    }
    assert requests[1]["request_id"] == search["X-Request-ID"] and len(search["X-Request-ID"]) == 32
    text = captured_logs.getvalue()
    for personal in ("Ava", "Example", "T1001", "sam.worker", "Social-Worker", "2019-04-02"):
        assert personal not in text, personal


def test_an_exception_is_logged_by_its_type_and_stack_never_its_message():
    formatter = JsonFormatter()
    child = {"name": "Ava Example", "born": "02/04/2019"}
    try:
        raise ValueError(f"{child['name']}, born {child['born']}")
    except ValueError:
        record = logging.getLogger("permanence").makeRecord(
            "permanence", logging.ERROR, __file__, 1, "import failed", (), __import__("sys").exc_info()
        )
    line = json.loads(formatter.format(record))
    assert line["exception"] == "ValueError" and "raise ValueError" in line["stack"]
    assert "Ava" not in json.dumps(line)
