"""`permanence digest`: each worker's overdue and due-soon items, printed or emailed."""

import argparse
import sys
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from permanence.accounts.models import User
from permanence.children.models import Allocation

from . import selectors


def worker_digests(*, today, usernames=None):
    """[(worker, Drift)] for every worker holding open cases, in one batch of obligations."""
    allocations = Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True)
    if usernames:
        allocations = allocations.filter(worker__username__in=usernames)
    by_worker = {}
    for worker_id, child_id in allocations.values_list("worker_id", "child_id"):
        by_worker.setdefault(worker_id, []).append(child_id)
    all_ids = [i for ids in by_worker.values() for i in ids]
    found = selectors.drift(all_ids, today=today)
    workers = User.objects.in_bulk(list(by_worker))
    out = []
    for worker_id in sorted(by_worker, key=lambda w: (workers[w].last_name, workers[w].first_name)):
        mine = set(by_worker[worker_id])
        out.append(
            (
                workers[worker_id],
                [r for r in found.overdue if r.child.pk in mine],
                [r for r in found.due_soon if r.child.pk in mine],
            )
        )
    return out


def format_digest(worker, overdue, due_soon, today):
    lines = [f"Permanence Planner: your cases on {today:%d/%m/%Y}, {worker}", ""]
    for heading, rows in (("Overdue", overdue), ("Due in the next 14 days", due_soon)):
        lines.append(f"{heading}: {sum(len(r.obligations) for r in rows)}")
        for row in rows:
            for o in row.obligations:
                lines.append(
                    f"  - {row.child} ({row.child.council_reference}): {o.title}, due {o.due:%d/%m/%Y}"
                    f" [{o.kind_name}: {o.source}]"
                )
        lines.append("")
    lines.append(
        "Duties and local rules only: practice prompts are suggestions, never overdue, and are on each child's page."
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class DigestsSent:
    sent: int
    without_email: list[str]  # usernames of workers with no email address
    empty: int  # workers with nothing overdue or due soon (left out when asked)

    def summary(self) -> str:
        text = f"Sent {self.sent} digest{'s' if self.sent != 1 else ''}"
        if self.without_email:
            text += f"; {len(self.without_email)} worker{'s' if len(self.without_email) != 1 else ''} without an email address"
        if self.empty:
            text += f"; {self.empty} with nothing overdue or due soon"
        return text


def digest_subject(overdue, due_soon):
    late = sum(len(r.obligations) for r in overdue)
    soon = sum(len(r.obligations) for r in due_soon)
    return f"Permanence Planner: {late} overdue, {soon} due in the next 14 days"


def digests_send(*, today, usernames=None, skip_empty=False, connection=None) -> DigestsSent:
    """Email each worker their own digest through the council's mail relay (EMAIL_* settings),
    over one SMTP connection."""
    sent, without_email, empty = 0, [], 0
    messages = []
    for worker, overdue, due_soon in worker_digests(today=today, usernames=usernames):
        if skip_empty and not overdue and not due_soon:
            empty += 1
            continue
        if not worker.email:
            without_email.append(worker.username)
            continue
        messages.append(
            EmailMessage(
                digest_subject(overdue, due_soon),
                format_digest(worker, overdue, due_soon, today),
                settings.DEFAULT_FROM_EMAIL,
                [worker.email],
            )
        )
    if messages:
        connection = connection or get_connection()
        sent = connection.send_messages(messages) or 0
    return DigestsSent(sent=sent, without_email=without_email, empty=empty)


def digest_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence digest", description="Each worker's overdue and due-soon obligations."
    )
    parser.add_argument("--today", help="date to compute for, YYYY-MM-DD (default: today)")
    parser.add_argument("--worker", action="append", metavar="USERNAME", help="only this worker (repeatable)")
    parser.add_argument(
        "--email", action="store_true", help="email each worker through Django's mail settings instead of printing"
    )
    parser.add_argument("--skip-empty", action="store_true", help="leave out workers with nothing overdue or due soon")
    args = parser.parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"permanence digest: --today: {args.today!r} is not a date (expected YYYY-MM-DD)", file=sys.stderr)
        return 2
    if (
        args.worker
        and not Allocation.objects.filter(
            role=Allocation.SOCIAL_WORKER, end__isnull=True, worker__username__in=args.worker
        ).exists()
    ):
        print(f"permanence digest: no open cases for {', '.join(args.worker)}", file=sys.stderr)
        return 2
    if args.email:
        outcome = digests_send(today=today, usernames=args.worker, skip_empty=args.skip_empty)
        for username in outcome.without_email:
            print(f"no email address for {username}; not sent", file=sys.stderr)
        print(outcome.summary(), file=sys.stderr)
        return 0
    for worker, overdue, due_soon in worker_digests(today=today, usernames=args.worker):
        if args.skip_empty and not overdue and not due_soon:
            continue
        print(format_digest(worker, overdue, due_soon, today))
    return 0
