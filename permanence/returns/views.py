"""The performance page, the SSDA903 download and the upload of a council's existing return. Thin:
the figures come from measures.py, the files from export.py and importer.py."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from permanence.access import matrix

from . import charts
from .export import collection_year, export_zip
from .forms import FilterForm, UploadForm
from .measures import compute, default_year
from .models import ReturnUpload
from .selectors import SHOWN, recent_uploads, upload_file, upload_rows
from .services import UploadRefused, return_upload_create, upload_limit_bytes
from .spreadsheet import measures_csv, measures_workbook
from .tables import FIRST_YEAR, LAST_YEAR, year_problem


def _filters(request):
    form = FilterForm(request.GET or None)
    year, team = default_year(), None
    if form.is_bound and form.is_valid():
        year = int(form.cleaned_data["year"] or year)
        team = form.cleaned_data["team"] or None
    return form, year, team


@login_required
def performance(request):
    form, year, team = _filters(request)
    measures = compute(year=year, team=team.pk if team else None)
    for ms in measures:
        ms.chart = charts.bar_chart(ms.rows, threshold=ms.threshold, unit=ms.unit)
    start, end = collection_year(year)
    return render(
        request,
        "returns/performance.html",
        {
            "form": form,
            "measures": measures,
            "year": year,
            "team": team,
            "start": start,
            "end": end,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def performance_download(request, fmt):
    _, year, team = _filters(request)
    measures = compute(year=year, team=team.pk if team else None)
    name = f"measures-{year}{'-' + team.name.lower().replace(' ', '-') if team else ''}"
    if fmt == "xlsx":
        title = f"Performance measures, year ending 31 March {year}" + (f", {team.name}" if team else "")
        response = HttpResponse(
            measures_workbook(measures, title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(measures_csv(measures), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _return_page(request, form, status=200):
    can_import = matrix.has(getattr(request.user, "role", None), matrix.IMPORT_RETURN)
    return render(
        request,
        "returns/return.html",
        {
            "years": list(range(LAST_YEAR, FIRST_YEAR - 1, -1)),
            "upload": form,
            "can_import": can_import,
            "can_submit": matrix.has(getattr(request.user, "role", None), matrix.SUBMIT_RETURN),
            "uploads": recent_uploads() if can_import else [],
            "limit_mb": upload_limit_bytes() // 1_000_000,
        },
        status=status,
    )


@login_required
def return_home(request):
    return _return_page(request, UploadForm())


@login_required
def return_download(request, year):
    if year_problem(year):
        raise Http404("There is no return for that year")
    response = HttpResponse(export_zip(year), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}.zip"'
    return response


@login_required
def return_import(request):
    if request.method != "POST":
        return redirect("return-903")
    # Refused before the body is read: an upload far over the limit is not stored even for a moment.
    if int(request.META.get("CONTENT_LENGTH") or 0) > upload_limit_bytes() + 1_000_000:
        form = UploadForm()
        form.add_error(
            None, f"The files are too large: an upload can be at most {upload_limit_bytes() // 1_000_000} MB."
        )
        return _return_page(request, form, status=413)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload = return_upload_create(
                by=request.user,
                year=form.cleaned_data["year"],
                files=form.cleaned_data["files"],
                clean_children_only=form.cleaned_data["clean_children_only"],
            )
        except UploadRefused as refused:
            form.add_error("files", str(refused))
        else:
            return redirect("return-903-upload", pk=upload.pk)
    return _return_page(request, form, status=400)


@login_required
def return_upload(request, pk):
    upload = get_object_or_404(ReturnUpload.objects.select_related("created_by"), pk=pk)
    context = {
        "upload": upload,
        "problems": upload_rows(upload, "problems") if upload.finished else [],
        "kept": upload_rows(upload, "kept") if upload.finished else [],
        "changes": [(label, n) for label, n in upload.counts.items() if n],
        "shown": SHOWN,
    }
    template = "returns/_upload_status.html" if request.headers.get("HX-Request") else "returns/upload.html"
    return render(request, template, context)


@login_required
def return_upload_file(request, pk, kind):
    upload = get_object_or_404(ReturnUpload, pk=pk)
    path = upload_file(upload, kind) if kind in ("problems", "kept") else None
    if path is None:
        raise Http404("That list is not there (yet)")
    name = f"ssda903-{upload.year}-upload-{upload.pk}-{kind}.csv"
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name, content_type="text/csv")
