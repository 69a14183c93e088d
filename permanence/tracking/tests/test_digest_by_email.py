"""The nightly digest reaches each social worker through a real SMTP server (aiosmtpd, run by the
test on this machine, standing in for the council's mail relay), with their own overdue and
due-soon items and no one else's."""

import email
import socket
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from permanence.accounts import roles
from permanence.jobs import registry, scheduler
from permanence.jobs.testing import run_queued_jobs
from permanence.tracking.selectors import drift
from permanence.web.tests.builders import person

from .test_obligations_from_the_record import record_case

DIGEST_MORNING = datetime(2026, 11, 23, 6, 45, tzinfo=ZoneInfo("Europe/London"))


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def mail_relay(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    relay = Controller(inbox, hostname="127.0.0.1", port=port)
    relay.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.DEFAULT_FROM_EMAIL = "Permanence Planner <permanence-planner@thornbury.example>"
    yield inbox
    relay.stop()


@pytest.fixture
def workers(db):
    sam = person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER)
    omar = person("omar", "Omar", "Other-Worker", roles.SOCIAL_WORKER)
    nina = person("nina", "Nina", "No-Email", roles.SOCIAL_WORKER)
    sam.email, omar.email = "sam@thornbury.example", "omar@thornbury.example"
    sam.save()
    omar.save()
    return sam, omar, nina


def test_the_nightly_digest_arrives_at_the_mail_relay_with_each_workers_own_items(mail_relay, workers, settings):
    sam, omar, nina = workers
    avas = record_case("S1", worker=sam)
    omars = record_case("O1", worker=omar)
    record_case("N1", worker=nina)

    others = [job.name for job in registry.nightly_jobs() if job.name != "digest"]
    settings.PERMANENCE_NIGHTLY = ",".join(f"{name}=off" for name in others)  # this test is about the digest
    assert scheduler.tick(now=DIGEST_MORNING) == ["digest"]
    run_queued_jobs()

    received = {tuple(to): message for to, message in mail_relay.messages}
    assert set(received) == {("sam@thornbury.example",), ("omar@thornbury.example",)}  # Nina has no address
    today = date(2026, 11, 23)
    for worker, child, other in ((sam, avas, omars), (omar, omars, avas)):
        message = received[(worker.email,)]
        body = message.get_payload(decode=True).decode()
        found = drift([child.pk], today=today)
        overdue = [o for row in found.overdue for o in row.obligations]
        soon = [o for row in found.due_soon for o in row.obligations]
        assert overdue, "the case has overdue work on 23 November 2026"
        assert message["From"] == "Permanence Planner <permanence-planner@thornbury.example>"
        assert message["Subject"] == f"Permanence Planner: {len(overdue)} overdue, {len(soon)} due in the next 14 days"
        assert f"your cases on 23/11/2026, {worker.get_full_name()}" in body
        assert f"Overdue: {len(overdue)}" in body and f"Due in the next 14 days: {len(soon)}" in body
        for o in overdue + soon:
            assert f"{child} ({child.council_reference}): {o.title}, due {o.due:%d/%m/%Y} [{o.kind_name}: " in body
        # By hand: looked after since 5 January, first review 28 January, so the second review is due
        # three months on, 28 April (reg 33); no permanence plan recorded by 23 November: a duty, overdue.
        plan = next(o for o in overdue if o.title == "Permanence plan by the second review")
        assert plan.kind_name == "Duty" and "reg 5(a)" in plan.source and plan.due == date(2026, 4, 28)
        assert other.council_reference not in body  # never another worker's child
        assert "Practice prompt:" not in body
