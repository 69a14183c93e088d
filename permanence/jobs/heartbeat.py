"""Worker and scheduler processes write a heartbeat; the health check and the jobs page read it."""

import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from .models import Heartbeat


def process_id(kind: str) -> str:
    return f"{kind}:{socket.gethostname()}:{os.getpid()}:{get_random_string(6)}"


def beat(*, kind: str, process_id: str, started_at) -> None:
    now = timezone.now()
    Heartbeat.objects.update_or_create(
        process_id=process_id,
        defaults={
            "kind": kind,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": now,
        },
    )


def forget_old(*, older_than=timedelta(days=1)) -> int:
    """Processes not seen for a day are gone; their rows only clutter the page."""
    deleted, _ = Heartbeat.objects.filter(seen_at__lt=timezone.now() - older_than).delete()
    return deleted


def stop(process_id: str) -> None:
    Heartbeat.objects.filter(process_id=process_id).delete()


def is_recent(seen_at, *, now=None) -> bool:
    now = now or timezone.now()
    return seen_at is not None and now - seen_at <= timedelta(seconds=settings.PERMANENCE_HEARTBEAT_STALE_SECONDS)


class HeartbeatThread(threading.Thread):
    """Beats every PERMANENCE_HEARTBEAT_SECONDS beside a long task, on its own connection."""

    def __init__(self, *, kind: str, process_id: str):
        super().__init__(name=f"heartbeat-{kind}", daemon=True)
        self.kind, self.process_id = kind, process_id
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def run(self):
        # The process beat once before starting this thread; from here on, every few seconds.
        while not self.stopping.wait(settings.PERMANENCE_HEARTBEAT_SECONDS):
            try:
                beat(kind=self.kind, process_id=self.process_id, started_at=self.started_at)
            except Exception:  # a database blip must not end the process; the next beat retries
                close_old_connections()
            finally:
                connection.close()

    def stop(self):
        self.stopping.set()
