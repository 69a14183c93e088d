"""`make load`: 50 concurrent staff on a 5,000-child demo council, over loopback, bounded in time.

Each simulated member of staff (a social worker with a caseload, signed in through a real
session) loops: their caseload page, one of their children's pages, and, one time in three,
saves a note on the child (the child's wishes and feelings, a POST through the real form,
CSRF included). Reports p50/p95 latency per kind and the error rate, then checks that every
note the server accepted is in the database (no lost writes).

The app is served as a council would run it: gunicorn (config.wsgi) with production settings
(DEBUG off, static files collected and served by WhiteNoise), LOAD_WORKERS processes of
LOAD_THREADS threads each. The pages are CPU-bound Python, so on a 2-core machine two
single-threaded (sync) workers measured best: more processes or threads only share the same two
cores, and gunicorn's threaded workers accept connections greedily, so a few requests wait far
longer than the rest (a worse p95). Behind a council's reverse proxy, sync workers are the usual choice.

Two profiles: with no think time (LOAD_THINK unset: each person asks for the next page as soon as
the last one came back, the worst case) and with think time (LOAD_THINK=10-30: a pause of 10 to 30
seconds, at random, between pages, as staff reading a page do; `make load-think` runs 300 staff).

The stored obligations are worked out for every child first (`permanence obligations rebuild`,
as the nightly job leaves them), so the pages read them as they do on a working day.

Environment: DATABASE_URL (default: SQLite in var/load.sqlite3), LOAD_USERS (50),
LOAD_SECONDS (30), LOAD_CHILDREN (5000), LOAD_PORT (unset: a free port the system chooses, so two
runs at once do not collide; set it to serve on that port), LOAD_WORKERS (2), LOAD_THREADS (1),
LOAD_THINK (none; "10-30" for seconds between pages).
The server's own log is var/load-server.log.
"""

import http.client
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# This process (migrate, the demo council, the staff's sessions) is development on this machine, as
# `make load` runs it: DEBUG=1. The server it starts runs with production settings (DEBUG=0, below).
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'load.sqlite3'}")
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "30"))
CHILDREN = int(os.environ.get("LOAD_CHILDREN", "5000"))


def free_port():
    """A port nothing on this machine listens on now, chosen by the system."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = int(os.environ.get("LOAD_PORT") or free_port())
SERVER_WORKERS = int(os.environ.get("LOAD_WORKERS", "2"))
SERVER_THREADS = int(os.environ.get("LOAD_THREADS", "1"))
THINK = tuple(float(s) for s in os.environ["LOAD_THINK"].split("-")) if os.environ.get("LOAD_THINK") else None


# Production settings refuse the public default keys (config/settings.py): this run's own.
KEYS = {
    "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    "PERMANENCE_PSEUDONYM_KEY": os.environ.get("PERMANENCE_PSEUDONYM_KEY") or secrets.token_urlsafe(50),
}
# This process signs the staff's sessions (prepare) with the key the server checks them with.
os.environ.update(KEYS)


def prepare():
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True)
    # As a deployment does: static files collected into STATIC_ROOT, which WhiteNoise serves.
    # With DEBUG off, as the server runs: hashed names in a manifest, served with long cache headers.
    production = dict(os.environ, DEBUG="0", ALLOWED_HOSTS="127.0.0.1", **KEYS)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True, env=production
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "permanence.cli",
            "demo",
            "--children",
            str(CHILDREN),
            "--seed",
            "7",
            "--if-empty",
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
    )
    subprocess.run([sys.executable, "-m", "permanence.cli", "obligations", "rebuild"], cwd=ROOT, check=True)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        # The planner's statistics, as autovacuum keeps them on a council's server (it may be off on
        # a test machine, and the demo council is loaded in bulk): without them it guesses.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from permanence.access.rules import visible_children
    from permanence.accounts.models import User

    staff = []
    for user in User.objects.filter(role="social_worker", allocations__end__isnull=True).distinct().order_by("pk"):
        children = list(
            visible_children(user)
            .filter(allocations__worker=user, allocations__end__isnull=True)
            .values_list("pk", flat=True)[:30]
        )
        if not children:
            continue
        session = SessionStore()
        session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        staff.append((user.username, session.session_key, children))
        if len(staff) == USERS:
            break
    # A council with fewer social workers than simulated staff: the rest are the same people again
    # (a second device), so the think-time profile reaches its number of staff.
    return [staff[i % len(staff)] for i in range(USERS)] if staff else staff


def notes_count():
    from permanence.voice.models import WishesAndFeelings

    return WishesAndFeelings.objects.count()


class Worker(threading.Thread):
    def __init__(self, username, session_key, children, until, results):
        super().__init__(daemon=True)
        self.cookie = f"sessionid={session_key}"
        self.children, self.until, self.results = children, until, results
        self.saved = 0
        self.csrf = ""

    def request(self, kind, method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {
            "Cookie": self.cookie + (f"; csrftoken={self.csrf}" if self.csrf else ""),
            "User-Agent": "permanence-load/1",
        }
        if body is not None:
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": self.csrf,
                "Referer": f"http://127.0.0.1:{PORT}{path}",
            }
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode(errors="replace")
            status = response.status
            for name, value in response.getheaders():
                if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                    self.csrf = value.split(";")[0].split("=", 1)[1]
        except Exception as exc:  # a refused connection or timeout is an error, not a crash
            status, content = 599, str(exc)
        finally:
            connection.close()
        self.results.append((kind, time.perf_counter() - started, status))
        return status, content

    def think(self):
        """Reading the page before the next one (no pause in the no-think-time profile)."""
        if THINK is not None:
            time.sleep(min(random.uniform(*THINK), max(0.0, self.until - time.monotonic())))
        return time.monotonic() < self.until

    def run(self):
        today = date.today()
        if THINK is not None:  # people arrive over the first pause, not all in the same second
            time.sleep(random.uniform(0, THINK[0]))
        while time.monotonic() < self.until:
            self.request("caseload", "GET", "/")
            if not self.think():
                break
            child = random.choice(self.children)
            self.request("child page", "GET", f"/children/{child}/")
            if random.random() < 1 / 3:
                if not self.think():
                    break
                path = f"/children/{child}/wishes-and-feelings/new/"
                status, html = self.request("note form", "GET", path)
                match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
                if match is None:
                    continue
                body = urlencode(
                    {
                        "csrfmiddlewaretoken": match.group(1),
                        "date": today.isoformat(),
                        "how": "direct_work",
                        "said": "Load test note: I like my school and want to see my brother.",
                    }
                )
                status, _ = self.request("save note", "POST", path, body)
                if status == 302:
                    self.saved += 1
            if not self.think():
                break


def wait_until_serving(server):
    """Every worker has imported the app and answers: the sign-in page, a few times over."""
    answered, deadline = 0, time.monotonic() + 60
    while answered < 2 * SERVER_WORKERS:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode}); see var/load-server.log")
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer within 60 s; see var/load-server.log")
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        try:
            connection.request("GET", "/login/")
            if connection.getresponse().status == 200:
                answered += 1
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()


def server_cpu(server):
    """CPU seconds (user and system) spent so far by the server's worker processes (Linux /proc)."""
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if not children.exists():
        return None
    for pid in children.read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that has just stopped
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime and stime
    return total


def main():
    staff = prepare()
    print(
        f"{len(staff)} staff with caseloads; {CHILDREN} children; {SECONDS:.0f} s; database "
        f"{os.environ['DATABASE_URL'].split('@')[-1]}; "
        + (f"{THINK[0]:.0f}-{THINK[1]:.0f} s between pages" if THINK else "no think time")
    )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} before the run")
    before = notes_count()
    print(f"server: gunicorn on port {PORT}, {SERVER_WORKERS} workers x {SERVER_THREADS} threads, DEBUG off")
    # Production settings: DEBUG off (so SECURE_COOKIES defaults on; the load's cookies are sent by
    # hand, so that does not matter over loopback), only the host the load uses, errors logged.
    env = dict(os.environ, DEBUG="0", ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="ERROR", **KEYS)
    log = open(ROOT / "var" / "load-server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(SERVER_WORKERS),
            "--threads",
            str(SERVER_THREADS),
            "--worker-class",
            "gthread" if SERVER_THREADS > 1 else "sync",
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    cpu_before = cpu_after = None
    load_cpu = 0.0
    try:
        wait_until_serving(server)
        results = []
        cpu_before, load_cpu_before = server_cpu(server), time.process_time()
        until = time.monotonic() + SECONDS
        workers = [Worker(*member, until, results) for member in staff]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(SECONDS + 60)
        cpu_after, load_cpu = server_cpu(server), time.process_time() - load_cpu_before
    finally:
        server.terminate()  # gunicorn's graceful shutdown: finishes the requests it holds
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    saved = sum(worker.saved for worker in workers)
    after = notes_count()
    print(f"{'kind':<12} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}")
    for kind in ("caseload", "child page", "note form", "save note", "all"):
        rows = [r for r in results if kind == "all" or r[0] == kind]
        if not rows:
            continue
        times = sorted(r[1] * 1000 for r in rows)
        errors = sum(1 for r in rows if r[2] >= 400)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{kind:<12} {len(rows):>8} {statistics.median(times):>8.0f} {p95:>8.0f} {errors:>7}")
    total = len(results)
    errors = sum(1 for r in results if r[2] >= 400)
    print(f"error rate {errors / max(total, 1):.2%}; {total / SECONDS:.1f} requests/s")
    print(f"load average {os.getloadavg()[0]:.1f} at the end (2 sync workers of the 2 cores are the app)")
    if cpu_before is not None and cpu_after is not None and total:
        # What a request costs the server, and what the goal allows: with USERS people asking again
        # as soon as a page comes back, the time a page takes is about USERS / throughput, so a
        # p95 of 300 ms needs the cores to serve well over USERS / 0.3 pages a second.
        per_request = (cpu_after - cpu_before) / total * 1000
        print(
            f"server CPU {per_request:.1f} ms a request; this load's own CPU {load_cpu / total * 1000:.1f} ms a "
            f"request; {os.cpu_count()} cores serve at most {os.cpu_count() * 1000 / per_request:.0f} requests/s "
            f"at that cost"
        )
    from collections import Counter

    print("statuses:", dict(Counter((r[0], r[2]) for r in results if r[2] >= 300)))
    print(
        f"notes accepted {saved}, notes in the database {after - before}: "
        f"{'no lost writes' if after - before == saved else 'LOST WRITES'}"
    )
    return 0 if after - before == saved else 1


if __name__ == "__main__":
    sys.exit(main())
