"""The background job that imports an uploaded SSDA903 return (registered with the job system)."""

import time

from django.utils import timezone
from django_tasks import task

from permanence.jobs.registry import register_job
from permanence.text.cells import csv_writer

from .importer import KEPT_COLUMNS, PROBLEM_COLUMNS, InputProblem, import_903_folder
from .models import ReturnUpload
from .services import upload_folder

PROBLEMS_FILE = "problems.csv"
KEPT_FILE = "kept.csv"


@task()
def import_return_upload(*, upload_id: int) -> str:
    upload = ReturnUpload.objects.select_related("created_by").get(pk=upload_id)
    if upload.finished:
        return f"Upload {upload_id} was already {upload.get_status_display().lower()}"
    ReturnUpload.objects.filter(pk=upload_id).update(
        status=ReturnUpload.RUNNING, started_at=timezone.now(), progress="Starting"
    )
    folder = upload_folder(upload_id)
    said = [0.0]

    def progress(message):
        now = time.monotonic()
        if now - said[0] >= 1 or message == "Done":  # one write a second at most
            said[0] = now
            ReturnUpload.objects.filter(pk=upload_id).update(progress=message[:200])

    try:
        result = import_903_folder(
            folder / "files",
            year=upload.year,
            clean_children_only=upload.clean_children_only,
            by=upload.created_by,
            progress=progress,
        )
    except InputProblem as problem:
        _finish(upload_id, ReturnUpload.REFUSED, progress=str(problem)[:200], problem_count=1)
        with open(folder / PROBLEMS_FILE, "w", newline="", encoding="utf-8") as handle:
            csv_writer(handle).writerows([PROBLEM_COLUMNS, ["", "", "", "", str(problem)]])
        return f"Not imported: {problem}"
    except Exception:
        _finish(upload_id, ReturnUpload.FAILED, progress="Stopped by an error; nothing was imported")
        raise
    with open(folder / PROBLEMS_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv_writer(handle)
        writer.writerow(PROBLEM_COLUMNS)
        writer.writerows(p.as_row() for p in result.every_problem())
    with open(folder / KEPT_FILE, "w", newline="", encoding="utf-8") as handle:
        writer = csv_writer(handle)
        writer.writerow(KEPT_COLUMNS)
        writer.writerows([k.file, k.row, k.column, k.value, k.kept, k.message] for k in result.kept)
    status = ReturnUpload.IMPORTED if result.written else ReturnUpload.REFUSED
    _finish(
        upload_id,
        status,
        progress="Done",
        counts=result.counts,
        problem_count=result.problem_count,
        kept_count=len(result.kept),
        children_left_out=len(result.children_left_out),
    )
    if result.written:
        added = result.counts.get("children added", 0)
        return f"SSDA903 {upload.year}: imported ({added:,} children added, {result.problem_count:,} problems)"
    return f"SSDA903 {upload.year}: not imported, {result.problem_count:,} problems"


def _finish(upload_id, status, **values):
    ReturnUpload.objects.filter(pk=upload_id).update(status=status, finished_at=timezone.now(), **values)


register_job(import_return_upload, name="import-903", title="SSDA903 upload")
