"""The performance figures, checked against a recount straight from the episodes."""

from collections import Counter
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from permanence.accounts.models import Team, User
from permanence.children.models import Carer, Child, Episode
from permanence.demo.loader import delete_demo_data
from permanence.jobs.testing import run_queued_jobs
from permanence.returns.export import export_903
from permanence.returns.importer import import_903_folder
from permanence.returns.measures import compute
from permanence.returns.models import AdoptionDetail, Motherhood

from .conftest import YEAR

START, END = date(YEAR - 1, 4, 1), date(YEAR, 3, 31)


def _by_code(measures):
    return {m.code: m for m in measures}


def _episodes_by_child():
    grouped = {}
    for e in Episode.objects.order_by("child_id", "start"):
        grouped.setdefault(e.child_id, []).append(e)
    return grouped


def test_a1_is_the_average_from_entering_care_to_moving_in_with_adopters_recounted_from_episodes(council):
    a1 = _by_code(compute(year=YEAR))["A1"]
    days = []
    for eps in _episodes_by_child().values():
        last = eps[-1]
        if last.reason_ceased in ("E11", "E12") and last.end and date(YEAR - 3, 4, 1) <= last.end <= END:
            # walk back to the episode that started the period of care
            i = len(eps) - 1
            while i > 0 and eps[i].reason_new != "S":
                i -= 1
            placed = next(e.start for e in eps[i:] if e.placement.startswith("A"))
            days.append((placed - eps[i].start).days)
    assert days, "the demo council should have adoptions in three years"
    assert a1.headline.startswith(f"{round(sum(days) / len(days)):,} days")
    assert a1.threshold == 426


def test_three_or_more_placements_recounted_from_episodes(council):
    s1 = dict(_by_code(compute(year=YEAR))["S1"].rows)
    counts = Counter()
    for eps in _episodes_by_child().values():
        if not any(e.start <= END and (e.end is None or e.end > END) for e in eps):
            continue
        in_year = [e for e in eps if e.start <= END and (e.end is None or e.end >= START)]
        moves = sum(1 for e in in_year[1:] if e.reason_new in ("S", "P", "B"))
        counts[min(1 + moves, 3)] += 1
    assert (s1["1 placement"], s1["2 placements"], s1["3 or more"]) == (counts[1], counts[2], counts[3])


def test_children_leaving_care_by_reason_recounted_from_episodes(council):
    rows = _by_code(compute(year=YEAR))["EX"].rows
    recount = Counter(
        e.reason_ceased for e in Episode.objects.filter(end__range=(START, END)).exclude(reason_ceased__in=("", "X1"))
    )
    assert {label.split()[0]: n for label, n in rows} == dict(recount)


def test_a_team_filter_counts_only_that_teams_children(council):
    team = Team.objects.get(name="Children in Care 1")
    everyone = dict(_by_code(compute(year=YEAR))["S1"].rows)
    one_team = dict(_by_code(compute(year=YEAR, team=team.pk))["S1"].rows)
    assert 0 < sum(one_team.values()) <= sum(everyone.values())


def test_the_performance_page_shows_every_measure_with_a_chart_and_its_table(council, client):
    client.force_login(User.objects.get(username="analyst"))
    page = client.get("/performance/", {"year": YEAR}).content.decode()
    for code in ("A1", "A2", "A10", "TP", "PP", "S1", "S2", "CP", "EX", "RV", "PN"):
        assert f'id="measure-{code}"' in page
    assert page.count("<svg") >= 8 and page.count('<table class="govuk-table">') == 11
    csv_download = client.get("/performance/download.csv", {"year": YEAR})
    assert csv_download["Content-Type"] == "text/csv" and b"A1," in csv_download.content
    xlsx = client.get("/performance/download.xlsx", {"year": YEAR})
    assert xlsx.content[:2] == b"PK"


def test_only_the_service_manager_downloads_the_return_and_an_upload_with_problems_lists_them(council, client):

    client.force_login(User.objects.get(username="analyst"))
    assert client.get(f"/performance/return/{YEAR}.zip").status_code == 403  # real identifiers: not for analysts
    assert "Upload a council" not in client.get("/performance/return/").content.decode()  # analysts read only
    bad = SimpleUploadedFile(
        "Episodes.csv",
        b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
        b"HOME_POST,PL_POST,URN\nX1,31/02/2025,S,V2,N1,U6,PR1,,,,,,\n",
        content_type="text/csv",
    )
    header = SimpleUploadedFile("Header.csv", b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nX1,M,01/01/2015,WBRI,,,\n")
    upload = {"files": [bad, header], "year": YEAR}
    assert client.post("/performance/return/import/", upload).status_code == 403  # analysts read, never write
    bad.seek(0)
    header.seek(0)
    client.force_login(User.objects.get(username="service.manager"))
    assert client.get(f"/performance/return/{YEAR}.zip").content[:2] == b"PK"
    location = client.post("/performance/return/import/", upload)["Location"]
    run_queued_jobs()
    page = client.get(location).content.decode()
    assert "Nothing was imported" in page and "is not a date written dd/mm/YYYY" in page


def test_the_measures_are_the_same_on_imported_data_as_on_the_data_typed_in(db, tmp_path):
    """A small council typed in (with the carers each placement was with), exported for two years,
    read into an empty record (no carer links come across) and measured again: the same figures."""

    fosterers = Carer.objects.create(name="The Ahmeds", kind="foster_carer", reference="C1", provider="PR1")
    adopters = Carer.objects.create(name="The Browns", kind="adopter", reference="C2", provider="PR1")
    children = []
    for n, (entered, placed_with_fosterers, placed, adopted, code) in enumerate(
        [
            (date(2024, 5, 1), None, date(2024, 12, 2), date(2026, 2, 2), "A6"),
            (date(2024, 6, 3), date(2024, 8, 1), date(2025, 3, 3), date(2026, 1, 5), "A5"),
        ]
    ):
        child = Child.objects.create(
            first_name="Child",
            last_name=str(n),
            council_reference=f"HB{n:04d}",
            date_of_birth=date(2023, 1, 1),
            sex="1",
            ethnicity="WBRI",
        )
        Motherhood.objects.create(child=child, is_mother=False)
        chain = [(entered, "S", "C1", "U6", fosterers if code == "A5" else None)]
        if placed_with_fosterers:
            chain = [(entered, "S", "C1", "U3", None), (placed_with_fosterers, "P", "C1", "U6", fosterers)]
        chain.append((placed - timedelta(days=30), "L", "E1", chain[-1][3], chain[-1][4]))
        chain.append((placed, "T" if code == "A5" else "P", "E1", code, fosterers if code == "A5" else adopters))
        for i, (start, rne, ls, place, carer) in enumerate(chain):
            last = i == len(chain) - 1
            end = adopted if last else chain[i + 1][0]
            Episode.objects.create(
                child=child,
                start=start,
                end=end,
                reason_new=rne,
                legal_status=ls,
                category_of_need="N1",
                placement=place,
                provider="PR1",
                carer=carer,
                reason_ceased="E11" if last else "X1",
                reason_place_change="" if last or chain[i + 1][1] == "L" else "CARPL",
                placement_postcode=f"LS{i + 1} 1AA",
            )
        AdoptionDetail.objects.create(
            child=child,
            date_interest=placed - timedelta(days=90),
            date_match=placed - timedelta(days=20),
            foster_care="1" if code == "A5" else "0",
            number_of_adopters="2",
            sex_of_adopters="MF",
            legal_status_of_adopters="L11",
        )
        children.append(child)
    typed = {ms.code: (ms.headline, ms.rows, ms.note) for ms in compute(year=YEAR)}
    # By hand: 1 May to 2 December 2024 is 215 days, 3 June 2024 to 3 March 2025 is 273 (A1: 244);
    # the second child came to the carers who adopted them on 1 August 2024, 59 days in (A10: 137);
    # each was matched 10 days after the placement order (A2: 10).
    assert [typed[code][0].split(" (")[0] for code in ("A1", "A10", "A2")] == ["244 days", "137 days", "10 days"]
    export_903(year=YEAR - 1, out_dir=tmp_path / "2025")
    export_903(year=YEAR, out_dir=tmp_path / "2026")
    delete_demo_data()
    Carer.objects.all().delete()
    for year in (YEAR - 1, YEAR):
        assert import_903_folder(tmp_path / str(year), year=year, today=date(2026, 11, 23)).written
    imported = {ms.code: (ms.headline, ms.rows, ms.note) for ms in compute(year=YEAR)}
    assert imported == typed
