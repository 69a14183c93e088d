"""The performance figures, checked against a recount straight from the episodes."""

from collections import Counter
from datetime import date

from permanence.children.models import Episode
from permanence.returns.measures import compute

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
    assert a1.headline.startswith(f"{round(sum(days) / len(days))} days")
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
    recount = Counter(e.reason_ceased for e in Episode.objects.filter(end__range=(START, END))
                      .exclude(reason_ceased__in=("", "X1")))
    assert {label.split()[0]: n for label, n in rows} == dict(recount)


def test_a_team_filter_counts_only_that_teams_children(council):
    from permanence.accounts.models import Team

    team = Team.objects.get(name="Children in Care 1")
    everyone = dict(_by_code(compute(year=YEAR))["S1"].rows)
    one_team = dict(_by_code(compute(year=YEAR, team=team.pk))["S1"].rows)
    assert 0 < sum(one_team.values()) <= sum(everyone.values())


def test_the_performance_page_shows_every_measure_with_a_chart_and_its_table(council, client):
    from permanence.accounts.models import User

    client.force_login(User.objects.get(username="analyst"))
    page = client.get("/performance/", {"year": YEAR}).content.decode()
    for code in ("A1", "A2", "A10", "TP", "PP", "S1", "S2", "CP", "EX", "RV", "PN"):
        assert f'id="measure-{code}"' in page
    assert page.count("<svg") >= 8 and page.count('<table class="govuk-table">') == 11
    csv_download = client.get("/performance/download.csv", {"year": YEAR})
    assert csv_download["Content-Type"] == "text/csv" and b"A1," in csv_download.content
    xlsx = client.get("/performance/download.xlsx", {"year": YEAR})
    assert xlsx.content[:2] == b"PK"


def test_the_analyst_downloads_the_return_and_a_service_manager_upload_with_problems_lists_them(council, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from permanence.accounts.models import User

    client.force_login(User.objects.get(username="analyst"))
    download = client.get(f"/performance/return/{YEAR}.zip")
    assert download.content[:2] == b"PK"
    bad = SimpleUploadedFile("Episodes.csv", b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
                             b"HOME_POST,PL_POST,URN\nX1,31/02/2025,S,V2,N1,U6,PR1,,,,,,\n", content_type="text/csv")
    assert client.post("/performance/return/import/", {"files": [bad]}).status_code == 403  # analysts read, never write
    bad.seek(0)
    client.force_login(User.objects.get(username="service.manager"))
    page = client.post("/performance/return/import/", {"files": [bad]}).content.decode()
    assert "Nothing was imported" in page and "is not a date written dd/mm/YYYY" in page


