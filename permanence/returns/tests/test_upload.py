"""A service manager uploads a council's return on the web: the files are checked and imported by
a background job, off the request; the page shows how far it has got, then what it found, with the
problem list on screen and as a CSV file."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from permanence.accounts.models import User
from permanence.children.models import Child
from permanence.demo.loader import delete_demo_data
from permanence.jobs.testing import run_queued_jobs
from permanence.returns.export import export_903
from permanence.returns.models import ReturnUpload

from .conftest import YEAR


@pytest.fixture
def files(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    delete_demo_data()
    manager = User.objects.create_user(
        username="service.manager", password="a-long-password-2026", role="service_manager", first_name="Sam"
    )
    return tmp_path, manager


def _upload(client, folder, **extra):
    chosen = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="text/csv") for p in sorted(folder.glob("*.csv"))]
    return client.post(reverse("return-903-import"), {"year": YEAR, "files": chosen, **extra})


def test_an_upload_is_imported_off_the_request_and_its_page_shows_the_outcome(files, client):
    folder, manager = files
    client.force_login(manager)
    response = _upload(client, folder)
    upload = ReturnUpload.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("return-903-upload", args=[upload.pk])
    assert upload.status == ReturnUpload.WAITING and not Child.objects.exists()  # nothing done on the request
    page = client.get(response["Location"]).content.decode()
    assert "Waiting" in page and 'hx-trigger="every 2s"' in page
    run_queued_jobs()
    upload.refresh_from_db()
    assert upload.status == ReturnUpload.IMPORTED and upload.created_by == manager
    assert Child.objects.count() == upload.counts["children added"] > 100
    page = client.get(response["Location"]).content.decode()
    assert "Return imported" in page and "hx-trigger" not in page
    assert Child.objects.filter(created_by=manager).exists()


def test_files_with_problems_are_refused_and_the_problems_are_listed_on_screen_and_as_csv(files, client):
    folder, manager = files
    rows = list(csv.reader(io.StringIO((folder / "Header.csv").read_text())))
    rows[1][4] = "=HYPERLINK(1)"
    rows[2][2] = "31/02/2015"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "Header.csv").write_text(out.getvalue())
    client.force_login(manager)
    location = _upload(client, folder)["Location"]
    run_queued_jobs()
    upload = ReturnUpload.objects.get()
    assert upload.status == ReturnUpload.REFUSED and upload.problem_count >= 2 and not Child.objects.exists()
    page = client.get(location).content.decode()
    assert "Nothing was imported" in page and "is not a date written dd/mm/YYYY" in page
    download = client.get(reverse("return-903-upload-file", args=[upload.pk, "problems"]))
    text = b"".join(download.streaming_content).decode()
    assert download["Content-Disposition"].startswith("attachment")
    listed = list(csv.reader(io.StringIO(text)))
    assert listed[0] == ["file", "row", "column", "value", "problem"]
    assert ["Header.csv", "2", "UPN", "'=HYPERLINK(1)"] in [r[:4] for r in listed]
    assert ",=HYPERLINK" not in text  # formula-like text never reaches the CSV as a formula


def test_an_upload_over_the_size_limit_or_of_the_wrong_year_is_refused_on_the_form(files, client, settings):
    folder, manager = files
    client.force_login(manager)
    settings.PERMANENCE_903_UPLOAD_MB = 0
    response = _upload(client, folder)
    assert response.status_code in (400, 413) and "at most 0 MB" in response.content.decode()
    settings.PERMANENCE_903_UPLOAD_MB = 200
    response = client.post(reverse("return-903-import"), {"year": 2019, "files": []})
    assert response.status_code == 400 and not ReturnUpload.objects.exists()


def test_only_those_who_may_import_see_an_upload(files, client):
    folder, manager = files
    client.force_login(manager)
    location = _upload(client, folder)["Location"]
    analyst = User.objects.create_user(username="analyst", password="a-long-password-2026", role="performance_analyst")
    client.force_login(analyst)
    assert client.get(location).status_code == 403
