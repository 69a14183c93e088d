"""Writes of the returns app: a council's SSDA903 upload, queued for the background import."""

import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from .models import ReturnUpload
from .tables import year_problem

if TYPE_CHECKING:
    from permanence.accounts.models import User

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.()-]{0,99}$")


class UploadRefused(ValueError):
    """The upload cannot be taken: the message says why (too large, no files, a bad name ...)."""


def upload_limit_bytes() -> int:
    return int(getattr(settings, "PERMANENCE_903_UPLOAD_MB", 200)) * 1_000_000


def upload_folder(upload_id: int) -> Path:
    return Path(settings.VAR_DIR) / "uploads" / "903" / str(upload_id)


def return_upload_create(
    *, by: "User | None", year: int, files: Sequence[UploadedFile], clean_children_only: bool = False
) -> ReturnUpload:
    """Keep the uploaded files in the upload's own folder and queue their import (one transaction:
    the queued job commits with the upload). `files`: Django UploadedFile objects."""
    from .tasks import import_return_upload  # tasks.py imports this module (upload_folder): here, no cycle

    problem = year_problem(year)
    if problem:
        raise UploadRefused(problem)
    if not files:
        raise UploadRefused("Choose the return's CSV files to upload.")
    names = [Path(f.name or "").name for f in files]
    for name in names:
        if not SAFE_NAME.match(name):
            raise UploadRefused(f"The file name {name[:60]!r} has characters a file name here cannot have.")
    if len({n.lower() for n in names}) != len(names):
        raise UploadRefused("Two of the files have the same name: upload each table once.")
    size = sum(f.size or 0 for f in files)
    if size > upload_limit_bytes():
        raise UploadRefused(
            f"The files come to {size / 1_000_000:.0f} MB; an upload can be at most "
            f"{upload_limit_bytes() // 1_000_000} MB."
        )
    with transaction.atomic():
        upload = ReturnUpload.objects.create(
            created_by=by, year=year, clean_children_only=clean_children_only, file_names=names, size=size
        )
        folder = upload_folder(upload.pk)
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "files").mkdir(parents=True)
        try:
            for name, uploaded in zip(names, files, strict=True):
                with open(folder / "files" / name, "wb") as out:
                    for chunk in uploaded.chunks():
                        out.write(chunk)
            import_return_upload.enqueue(upload_id=upload.pk)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return upload
