"""GET /health/ for the load balancer and monitoring: the database answers, every migration is
applied, and a worker and the scheduler have reported lately. 200 when all hold, 503 naming what
does not. No personal data, no sign-in, nothing written."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from permanence.jobs import heartbeat
from permanence.jobs.models import Heartbeat
from permanence.jobs.selectors import latest_heartbeat

_migrated = False  # once every migration is applied, this process need not ask again


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _migrations() -> str:
    global _migrated
    if _migrated:
        return "ok"
    executor = MigrationExecutor(connection)
    waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if waiting:
        return f"{len(waiting)} migration{'s' if len(waiting) != 1 else ''} not applied"
    _migrated = True
    return "ok"


def _process(kind: str) -> str:
    seen = latest_heartbeat(kind)
    if seen is None:
        return f"no {kind} has reported"
    if not heartbeat.is_recent(seen):
        return f"no {kind} has reported for {int((timezone.now() - seen).total_seconds())} seconds"
    return "ok"


@never_cache
@require_GET
def health(request):
    checks: dict[str, str] = {}
    try:
        checks["database"] = _database()
    except Exception as problem:  # the database being down is exactly what this reports
        checks["database"] = f"unreachable ({type(problem).__name__})"
        return JsonResponse({"status": "failing", "checks": checks}, status=503)
    checks["migrations"] = _migrations()
    checks["worker"] = _process(Heartbeat.WORKER)
    checks["scheduler"] = _process(Heartbeat.SCHEDULER)
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": checks}, status=200 if healthy else 503)
