"""`make prod-check`: the production configuration of docs/deploy.md, run on this machine.

PostgreSQL (its own database, PROD_CHECK_DATABASE_URL, default permanence_prodcheck), gunicorn,
`permanence worker` and `permanence scheduler` as the systemd units run them, with settings from
the environment (DEBUG off, TLS settings on, JSON logs). It checks `manage.py check --deploy`,
waits for /health/, signs in as a social worker through the proxy's headers, lets the scheduler
queue every nightly job (the sync too, once the feed registers it) a minute after start and waits
for the worker to run each one, checks the digest reached a mail relay (aiosmtpd, standing in for
the council's), then backs the database up and restores it into a second database (the drill).
Bounded: every wait has a limit, and every process it starts is stopped at the end.
"""

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
VAR = ROOT / "var" / "prod-check"
DATABASE_URL = os.environ.get("PROD_CHECK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/permanence_prodcheck")
RESTORE_URL = DATABASE_URL + "_restore"

# The commands docs/deploy.md gives, word for word (tests/test_deploy_doc.py holds them together).
CHECK_DEPLOY = "manage.py check --deploy --fail-level WARNING"
MIGRATE = "manage.py migrate --noinput"
COLLECTSTATIC = "manage.py collectstatic --noinput"
GUNICORN = "gunicorn config.wsgi --workers 2 --timeout 60 --bind"
WORKER = "permanence worker"
SCHEDULER = "permanence scheduler"
BACKUP = "permanence backup"
RESTORE = "permanence restore"
DOC_COMMANDS = (CHECK_DEPLOY, MIGRATE, COLLECTSTATIC, GUNICORN, WORKER, SCHEDULER, BACKUP, RESTORE)


def say(text):
    print(f"prod-check: {text}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg(url):
    found = re.match(
        r"^postgres(?:ql)?://(?P<user>[^@/:]+)?(?::[^@]*)?@?(?P<host>[^:/]+)(?::(?P<port>\d+))?/(?P<name>\w+)$", url
    )
    if not found:
        raise SystemExit(f"prod-check: PROD_CHECK_DATABASE_URL {url!r} is not postgres://user@host:port/name")
    return found.groupdict()


def pg_args(url):
    db = pg(url)
    return ["-h", db["host"], "-p", db["port"] or "5432", "-U", db["user"] or "postgres"]


def psql(url, sql):
    out = subprocess.run(
        ["psql", *pg_args(url), "-tAc", sql, pg(url)["name"]], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def fresh_database(url):
    name = pg(url)["name"]
    subprocess.run(["dropdb", *pg_args(url), "--if-exists", name], check=True)
    subprocess.run(["createdb", *pg_args(url), name], check=True)


class Relay:
    """The council's mail relay, for this check: counts what arrives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.rcpt_tos)
        return "250 OK"


def production_env(port, relay_port):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PERMANENCE_", "EMAIL_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY=secrets.token_urlsafe(50),
        PERMANENCE_PSEUDONYM_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_TLS="1",
        PERMANENCE_VAR_DIR=str(VAR),
        PERMANENCE_BACKUP_DIR=str(VAR / "backups"),
        PERMANENCE_LOG_FORMAT="json",
        EMAIL_BACKEND="smtp",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(relay_port),
        DEFAULT_FROM_EMAIL="permanence-planner@thornbury.example",
    )
    return env


def run(command, env, **kwargs):
    """A command as docs/deploy.md writes it ('manage.py ...' or 'permanence ...'), with arguments."""
    words = command.split()
    if words[0] == "manage.py":
        argv = [str(BIN / "python"), str(ROOT / "manage.py"), *words[1:]]
    else:
        argv = [str(BIN / words[0]), *words[1:]]
    return subprocess.run(argv + kwargs.pop("extra", []), env=env, cwd=ROOT, check=True, text=True, **kwargs)


def start(command, env, log, extra=()):
    words = command.split()
    argv = [str(BIN / words[0]), *words[1:], *extra]
    return subprocess.Popen(argv, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(what, check, seconds):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise SystemExit(f"prod-check: FAILED waiting {seconds} s for {what}")
        time.sleep(1)


def nightly_times(env):
    """Every nightly job due one minute ago, so the scheduler queues them all at its first look."""
    listing = run("permanence jobs", env, capture_output=True).stdout
    names = [line.split()[0] for line in listing.splitlines() if "Every night at" in line]
    due = (datetime.now(ZoneInfo("Europe/London")) - timedelta(minutes=1)).strftime("%H:%M")
    return names, ",".join(f"{name}={due}" for name in names)


def main():
    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    port = int(os.environ.get("PROD_CHECK_PORT") or free_port())
    relay = Relay()
    controller = Controller(relay, hostname="127.0.0.1", port=free_port())
    controller.start()
    env = production_env(port, controller.port)
    processes = []
    started = time.monotonic()
    try:
        say(f"fresh databases {pg(DATABASE_URL)['name']} and {pg(RESTORE_URL)['name']}")
        fresh_database(DATABASE_URL)
        fresh_database(RESTORE_URL)
        say(CHECK_DEPLOY)
        run(CHECK_DEPLOY, env)
        say(MIGRATE)
        run(MIGRATE, env, extra=["-v0"])
        say(COLLECTSTATIC)
        run(COLLECTSTATIC, env, extra=["-v0"])
        say("the demo council (40 children), social workers given email addresses")
        run("permanence demo --children 40 --seed 2026 --quiet", env)
        psql(
            DATABASE_URL,
            "UPDATE accounts_user SET email = username || '@thornbury.example' WHERE role = 'social_worker'",
        )
        names, schedule = nightly_times(env)
        env["PERMANENCE_NIGHTLY"] = schedule
        say(f"nightly jobs, due now: {', '.join(names)}")

        logs = {name: open(VAR / f"{name}.log", "w") for name in ("gunicorn", "worker", "scheduler")}
        processes.append(start(GUNICORN, env, logs["gunicorn"], extra=[f"127.0.0.1:{port}"]))
        processes.append(start(WORKER, env, logs["worker"]))
        processes.append(start(SCHEDULER, env, logs["scheduler"], extra=["--interval", "2"]))
        base = f"http://127.0.0.1:{port}"

        def healthy():
            try:
                response = requests.get(f"{base}/health/", timeout=30)
            except requests.RequestException:  # not listening yet, or still loading the app
                return None
            return response.json() if response.status_code == 200 else None

        say(f"health: {wait_for('/health/ to answer 200', healthy, 90)}")

        say("sign in as a social worker, through the reverse proxy's headers")
        browser = requests.Session()
        browser.headers.update({"X-Forwarded-Proto": "https", "X-Request-ID": "prodcheck-signin-1"})
        browser.get(f"{base}/login/", timeout=10)
        for cookie in browser.cookies:
            cookie.secure = False  # the proxy ends TLS; this check speaks plain HTTP to gunicorn behind it
        token = browser.cookies["csrftoken"]
        username = psql(
            DATABASE_URL, "SELECT username FROM accounts_user WHERE role = 'social_worker' ORDER BY id LIMIT 1"
        )
        answer = browser.post(
            f"{base}/login/",
            data={"username": username, "password": "demo-permanence-2026", "csrfmiddlewaretoken": token},
            headers={"Referer": f"https://127.0.0.1:{port}/login/"},
            timeout=20,
            allow_redirects=False,
        )
        for cookie in browser.cookies:
            cookie.secure = False
        home = browser.get(f"{base}/", timeout=20)
        if answer.status_code != 302 or "Signed in as" not in home.text:
            raise SystemExit(f"prod-check: FAILED to sign in as {username} ({answer.status_code})")
        say(f"signed in as {username}; request id {home.headers.get('X-Request-ID')}")

        def jobs_done():
            rows = psql(
                DATABASE_URL,
                "SELECT status FROM django_tasks_database_dbtaskresult WHERE status IN ('SUCCESSFUL', 'FAILED')",
            )
            return len(rows.split()) >= len(names)

        wait_for("the worker to run every nightly job", jobs_done, 240)
        listing = run("permanence jobs", env, capture_output=True).stdout
        print(listing, end="")
        failed = psql(DATABASE_URL, "SELECT task_path FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'")
        if failed:
            raise SystemExit(f"prod-check: FAILED jobs: {failed}")
        wait_for("the digest at the mail relay", lambda: relay.messages, 30)
        say(f"the mail relay received {len(relay.messages)} digest(s)")

        gunicorn_log = (VAR / "gunicorn.log").read_text()
        if '"request_id": "prodcheck-signin-1"' not in gunicorn_log:
            raise SystemExit("prod-check: FAILED: no JSON log line with the sign-in's request id")
        if username in gunicorn_log:
            raise SystemExit("prod-check: FAILED: a username reached the log")
        say("logs: JSON lines with request ids, no usernames")

        say("backup and restore drill")
        dump = VAR / "drill.dump"
        run(BACKUP, env, extra=[str(dump)])
        run(RESTORE, dict(env, DATABASE_URL=RESTORE_URL), extra=[str(dump), "--yes"])
        # The audit trail grows while the app runs (this check's own requests): the rest stands still.
        tables = ("children_child", "children_episode", "children_allocation", "accounts_user")
        for table in tables:
            live, restored = (psql(url, f"SELECT COUNT(*) FROM {table}") for url in (DATABASE_URL, RESTORE_URL))
            if live != restored:
                raise SystemExit(f"prod-check: FAILED: {table} has {live} rows, the restored copy {restored}")
        say(f"restored copy matches ({', '.join(tables)})")
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        controller.stop()
    say(f"passed in {time.monotonic() - started:.0f} s (logs in {VAR})")


if __name__ == "__main__":
    main()
