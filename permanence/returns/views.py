"""The performance page, the SSDA903 download and the upload of a council's existing return. Thin:
the figures come from measures.py, the files from export.py and importer.py."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from . import charts
from .export import collection_year, export_zip
from .forms import FilterForm, UploadForm
from .importer import import_903_files
from .measures import compute, default_year
from .spreadsheet import measures_csv, measures_workbook


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
    return render(request, "returns/performance.html", {
        "form": form, "measures": measures, "year": year, "team": team, "start": start, "end": end,
        "query": request.GET.urlencode(),
    })


@login_required
def performance_download(request, fmt):
    _, year, team = _filters(request)
    measures = compute(year=year, team=team.pk if team else None)
    name = f"measures-{year}{'-' + team.name.lower().replace(' ', '-') if team else ''}"
    if fmt == "xlsx":
        title = f"Performance measures, year ending 31 March {year}" + (f", {team.name}" if team else "")
        response = HttpResponse(measures_workbook(measures, title),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(measures_csv(measures), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
def return_home(request):
    year = default_year()
    return render(request, "returns/return.html", {
        "years": [year - n for n in range(0, 4)], "upload": UploadForm()})


@login_required
def return_download(request, year):
    if not 2000 <= year <= date.today().year + 1:
        raise Http404("There is no return for that year")
    response = HttpResponse(export_zip(year), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="ssda903-{year}.zip"'
    return response


@login_required
def return_import(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        files = {f.name: f.read() for f in request.FILES.getlist("files")}
        result = import_903_files(files)
    return render(request, "returns/return.html", {
        "years": [default_year() - n for n in range(0, 4)], "upload": form, "result": result})

