"""Reads of the returns app: an upload's state and the problem list its import wrote."""

import csv

from .models import ReturnUpload
from .services import upload_folder
from .tasks import KEPT_FILE, PROBLEMS_FILE

SHOWN = 500  # problems listed on the page; the CSV download has them all


def recent_uploads(limit=10):
    return list(ReturnUpload.objects.select_related("created_by")[:limit])


def upload_file(upload, kind):
    """The path of an upload's problem list ("problems") or list of kept values ("kept"), or None."""
    path = upload_folder(upload.pk) / (PROBLEMS_FILE if kind == "problems" else KEPT_FILE)
    return path if path.exists() else None


def upload_rows(upload, kind, limit=SHOWN):
    """The first `limit` rows of an upload's problem list (or kept values), without the header."""
    path = upload_file(upload, kind)
    if path is None:
        return []
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row in reader:
            # The file holds each value as a spreadsheet would show it (formula-like text quoted).
            rows.append(row)
            if len(rows) >= limit:
                break
    return rows
