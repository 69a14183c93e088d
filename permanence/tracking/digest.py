"""`permanence digest`: each worker's overdue and due-soon items, printed or emailed."""

import argparse
import sys
from datetime import date

from django.conf import settings
from django.core.mail import send_mail

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
        out.append((workers[worker_id], [r for r in found.overdue if r.child.pk in mine], [r for r in found.due_soon if r.child.pk in mine]))
    return out


def format_digest(worker, overdue, due_soon, today):
    lines = [f"Permanence Planner: your cases on {today:%d/%m/%Y}, {worker}", ""]
    for heading, rows in (("Overdue", overdue), ("Due in the next 14 days", due_soon)):
        lines.append(f"{heading}: {sum(len(r.obligations) for r in rows)}")
        for row in rows:
            for o in row.obligations:
                lines.append(f"  - {row.child} ({row.child.council_reference}): {o.title}, due {o.due:%d/%m/%Y} [{o.source}]")
        lines.append("")
    return "\n".join(lines)


def digest_main(argv):
    parser = argparse.ArgumentParser(prog="permanence digest", description="Each worker's overdue and due-soon obligations.")
    parser.add_argument("--today", help="date to compute for, YYYY-MM-DD (default: today)")
    parser.add_argument("--worker", action="append", metavar="USERNAME", help="only this worker (repeatable)")
    parser.add_argument("--email", action="store_true", help="email each worker through Django's mail settings instead of printing")
    parser.add_argument("--skip-empty", action="store_true", help="leave out workers with nothing overdue or due soon")
    args = parser.parse_args(argv)
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"permanence digest: --today: {args.today!r} is not a date (expected YYYY-MM-DD)", file=sys.stderr)
        return 2
    digests = worker_digests(today=today, usernames=args.worker)
    if args.worker and not digests:
        print(f"permanence digest: no open cases for {', '.join(args.worker)}", file=sys.stderr)
        return 2
    sent = skipped = 0
    for worker, overdue, due_soon in digests:
        if args.skip_empty and not overdue and not due_soon:
            continue
        text = format_digest(worker, overdue, due_soon, today)
        if not args.email:
            print(text)
            continue
        if not worker.email:
            skipped += 1
            print(f"no email address for {worker.username}; not sent", file=sys.stderr)
            continue
        send_mail(f"Permanence Planner: {len(overdue)} children with overdue items", text, settings.DEFAULT_FROM_EMAIL, [worker.email])
        sent += 1
    if args.email:
        print(f"sent {sent} digests; {skipped} workers without an email address", file=sys.stderr)
    return 0
