"""The synthetic council: deterministic, possible by the case-record rules, and shaped like a real one."""

import itertools
from collections import Counter
from datetime import timedelta

from permanence.children import rules
from permanence.codes.ethnicity import BROAD_GROUPS
from permanence.codes.placement import group
from permanence.demo.generator import DEMO_LOGINS, generate
from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.dates import age_on

from .conftest import TODAY, by_child, looked_after_today
from .snapshots import snapshots


def share(counter, total):
    return {key: 100 * value / total for key, value in counter.items()}


def test_the_same_seed_gives_the_same_council_and_another_seed_a_different_one():
    first, again = generate(300, 7, TODAY).everything(), generate(300, 7, TODAY).everything()
    other = generate(300, 8, TODAY).everything()
    assert first.counts() == again.counts()
    for kind in ("children", "episodes", "reviews", "allocations", "plans", "carers"):
        assert getattr(first, kind) == getattr(again, kind)
    assert first.children != other.children


def test_streaming_in_chunks_gives_the_same_records_as_all_at_once(council, records):
    streamed = [child["id"] for chunk in council.chunks(150) for child in chunk.children]
    assert streamed == [child["id"] for child in records.children]
    assert len(streamed) == 2000 == len(set(streamed))


def test_every_record_passes_the_case_record_rules(records):
    children = {c["id"]: c for c in records.children}
    episodes = by_child(records.episodes)
    problems = []
    for child in records.children:
        problems += [(child["id"], p) for p in rules.child_problems(child).items()]
    for child_id, rows in episodes.items():
        dob = children[child_id]["date_of_birth"]
        for episode in rows:
            others = [(o["start"], o["end"]) for o in rows if o is not episode]
            found = rules.episode_problems(episode, date_of_birth=dob, other_episodes=others)
            problems += [(child_id, p) for p in found.items()]
    first_start = {child_id: min(e["start"] for e in rows) for child_id, rows in episodes.items()}
    for review in records.reviews:
        child = children[review["child_id"]]
        found = rules.review_problems(
            review, date_of_birth=child["date_of_birth"], first_episode_start=first_start.get(child["id"])
        )
        problems += [(child["id"], p) for p in found.items()]
    for order in records.orders:
        found = rules.order_problems(order, date_of_birth=children[order["child_id"]]["date_of_birth"])
        problems += [(order["child_id"], p) for p in found.items()]
    assert problems == []


def test_episodes_chain_end_to_start_and_only_the_last_one_is_open(records):
    for rows in by_child(records.episodes).values():
        rows.sort(key=lambda e: e["start"])
        for before, after in itertools.pairwise(rows):
            if before["reason_ceased"] == "X1":
                assert after["start"] == before["end"] and after["reason_new"] != "S"
            else:
                assert after["start"] > before["end"] and after["reason_new"] == "S"
        assert all(e["end"] is not None for e in rows[:-1])
        assert rows[0]["reason_new"] == "S"


def test_adoptions_follow_a_placement_for_adoption_under_a_placement_order(records):
    for rows in by_child(records.episodes).values():
        last = max(rows, key=lambda e: e["start"])
        if last["reason_ceased"] in ("E11", "E12"):
            assert last["placement"] in ("A5", "A6") and last["legal_status"] == "E1"


def test_youth_justice_statuses_only_for_children_of_ten_and_over(records):
    children = {c["id"]: c for c in records.children}
    for episode in records.episodes:
        if episode["legal_status"] in ("J1", "J2", "J3"):
            assert age_on(children[episode["child_id"]]["date_of_birth"], episode["start"]) >= 10


def test_every_looked_after_child_has_an_allocated_social_worker_and_an_iro(records):
    open_allocations = {(a["child_id"], a["role"]) for a in records.allocations if a["end"] is None}
    for child, _ in looked_after_today(records):
        assert (child["id"], "social_worker") in open_allocations
        assert (child["id"], "iro") in open_allocations


def test_every_open_case_on_the_edge_of_care_is_allocated_and_has_no_iro(records):
    open_allocations = {(a["child_id"], a["role"]) for a in records.allocations if a["end"] is None}
    for child in records.children:
        if child["_status"] in ("edge", "unborn"):
            assert (child["id"], "social_worker") in open_allocations
            assert (child["id"], "iro") not in open_allocations


def test_the_record_holds_children_in_care_care_leavers_the_edge_of_care_and_unborn_children(records):
    statuses = Counter(child["_status"] for child in records.children)
    assert set(statuses) == {"looked_after", "ceased", "edge", "unborn"}
    unborn = [c for c in records.children if c["_status"] == "unborn"]
    assert all(c["date_of_birth"] is None and c["expected_date_of_birth"] > TODAY for c in unborn)


def test_siblings_share_parents_with_parental_responsibility_and_some_are_placed_apart(records):
    mothers = by_child([r for r in records.relationships if r["relationship"] == "mother"])
    assert all(r["parental_responsibility"] for rows in mothers.values() for r in rows)
    children_of_mother = Counter(r["person_id"] for rows in mothers.values() for r in rows)
    assert sum(1 for n in children_of_mother.values() if n >= 2) > 50
    fathers = {r["child_id"]: r["person_id"] for r in records.relationships if r["relationship"] == "father"}
    mother_of = {child_id: rows[0]["person_id"] for child_id, rows in mothers.items()}
    half = sum(
        1
        for a in fathers
        for b in fathers
        if a < b and mother_of.get(a) == mother_of.get(b) and fathers[a] != fathers[b]
    )
    assert half > 5  # half-siblings: same mother, different fathers
    carers_now = {}
    for child, episode in looked_after_today(records):
        carers_now[child["id"]] = episode["carer_id"]
    together = apart = 0
    groups = by_child([{"child_id": m, "kid": c} for c, m in mother_of.items() if c in carers_now])
    for rows in groups.values():
        if len(rows) >= 2:
            kids = [r["kid"] for r in rows]
            if len({carers_now[k] for k in kids}) == 1 and carers_now[kids[0]]:
                together += 1
            else:
                apart += 1
    assert together > 10 and apart > 10


def test_looked_after_children_match_the_national_mix(records):
    lac = looked_after_today(records)
    n = len(lac)
    assert 0.66 < n / len(records.children) < 0.78

    def band(child):
        age = age_on(child["date_of_birth"], TODAY)
        return "<1" if age < 1 else "1-4" if age < 5 else "5-9" if age < 10 else "10-15" if age < 16 else "16+"

    ages = share(Counter(band(c) for c, _ in lac), n)
    for name, target in {"<1": 5, "1-4": 14, "5-9": 18, "10-15": 39, "16+": 25}.items():
        assert abs(ages.get(name, 0) - target) <= 4, (name, ages)
    assert abs(share(Counter(c["sex"] for c, _ in lac), n)["1"] - 57) <= 4
    assert abs(share(Counter(c["uasc"] for c, _ in lac), n)[True] - 8.5) <= 2.5
    broad = {code: name for name, codes in BROAD_GROUPS.items() for code in codes}
    ethnicity = share(Counter(broad.get(c["ethnicity"], "Unknown") for c, _ in lac), n)
    for name, target in {"White": 71, "Mixed": 11, "Black": 7, "Asian": 5, "Other": 5}.items():
        assert abs(ethnicity.get(name, 0) - target) <= 3.5, (name, ethnicity)
    legal = share(Counter(e["legal_status"] for _, e in lac), n)
    assert abs(legal.get("C1", 0) + legal.get("C2", 0) - 76) <= 5, legal
    assert abs(legal.get("V2", 0) - 19) <= 4, legal
    assert 2 <= legal.get("E1", 0) <= 8, legal
    placement = share(Counter(group(e["placement"]) for _, e in lac), n)
    foster = placement["Foster care"] + placement["Foster care with relatives or friends"]
    assert 66 <= foster <= 76, placement
    assert 11 <= placement["Foster care with relatives or friends"] <= 17, placement
    assert 10 <= placement["Residential"] <= 18, placement
    assert 4 <= placement["Placed with parents"] <= 10, placement
    assert 1.5 <= placement["Placed for adoption"] <= 5, placement
    assert 2 <= placement["Independent living"] <= 6, placement


def test_children_leave_care_for_the_reasons_they_do_nationally(records):
    episodes = by_child(records.episodes)
    reasons = Counter(
        max(episodes[c["id"]], key=lambda e: e["start"])["reason_ceased"]
        for c in records.children
        if c["_status"] == "ceased"
    )
    total = sum(reasons.values())
    pct = share(reasons, total)
    sgo = sum(pct.get(code, 0) for code in ("E45", "E46", "E47", "E48"))
    adopted = pct.get("E11", 0) + pct.get("E12", 0)
    home = pct.get("E4A", 0) + pct.get("E4B", 0)
    assert 8 <= sgo <= 17 and 5 <= adopted <= 13 and 22 <= home <= 36, pct
    sgo_to_family = sum(reasons.get(code, 0) for code in ("E45", "E47")) / max(
        1, sum(reasons.get(code, 0) for code in ("E45", "E46", "E47", "E48"))
    )
    assert sgo_to_family >= 0.8


def test_adopted_children_moved_in_with_adopters_about_a_year_and_a_half_after_entering_care(records):
    episodes = by_child(records.episodes)
    waits, to_order = [], []
    for rows in episodes.values():
        rows.sort(key=lambda e: e["start"])
        if rows[-1]["reason_ceased"] not in ("E11", "E12"):
            continue
        entered = [e for e in rows if e["reason_new"] == "S"][-1]["start"]
        placed = min(e["start"] for e in rows if e["placement"] in ("A5", "A6"))
        waits.append((placed - entered).days)
        to_order.append((rows[-1]["end"] - placed).days)
    assert len(waits) >= 10
    average = sum(waits) / len(waits)
    assert 400 <= average <= 700, average  # about 1 year 7 months (580 days) nationally
    assert 200 <= sum(to_order) / len(to_order) <= 400  # then about 10 months to the order


def test_most_children_had_one_placement_in_the_last_year_and_about_one_in_ten_three_or_more(records):
    episodes = by_child(records.episodes)
    year_ago = TODAY - timedelta(days=365)
    counts = []
    for child, _ in looked_after_today(records):
        rows = [e for e in episodes[child["id"]] if e["end"] is None or e["end"] > year_ago]
        placements = 1 + sum(1 for e in rows if e["start"] > year_ago and e["reason_new"] in "PTUB")
        counts.append(placements)
    n = len(counts)
    assert sum(1 for c in counts if c == 1) / n >= 0.6
    assert 0.04 <= sum(1 for c in counts if c >= 3) / n <= 0.16


def test_care_proceedings_run_about_forty_weeks_and_some_open_cases_are_past_26_weeks(records):
    concluded = [(p["concluded"] - p["issued"]).days / 7 for p in records.proceedings if p["issued"] and p["concluded"]]
    assert 30 <= sum(concluded) / len(concluded) <= 50
    open_cases = [p for p in records.proceedings if p["issued"] and not p["concluded"]]
    assert any((TODAY - p["issued"]).days > 26 * 7 for p in open_cases)
    assert records.extensions


def test_reviews_are_held_on_time_mostly_with_a_late_or_missing_minority(records):
    pack = load_pack("england")
    statuses = Counter()
    for snapshot in snapshots(records, [c["id"] for c, _ in looked_after_today(records)]):
        for o in compute_obligations(snapshot, pack, TODAY):
            if o.rule == "cla-review":
                statuses[o.status] += 1
    overdue = statuses["overdue"] / sum(statuses.values())
    assert 0 < overdue < 0.1, statuses


def test_the_demo_social_worker_has_a_caseload_of_15_to_20_with_some_overdue_items(council, records):
    sam = next(s["id"] for s in council.staff if s["username"] == "social.worker")
    mine = [
        a["child_id"]
        for a in records.allocations
        if a["worker_id"] == sam and a["role"] == "social_worker" and a["end"] is None
    ]
    assert 15 <= len(mine) <= 20
    pack = load_pack("england")
    overdue = [
        s.child.id
        for s in snapshots(records, mine)
        if any(o.status == "overdue" for o in compute_obligations(s, pack, TODAY))
    ]
    assert len(overdue) >= 2


def test_the_demo_iro_reviews_about_sixty_children_and_the_team_manager_manages_the_workers_team(council, records):
    staff = {s["username"]: s for s in council.staff}
    iro = staff["iro"]["id"]
    reviewing = {
        a["child_id"] for a in records.allocations if a["worker_id"] == iro and a["role"] == "iro" and a["end"] is None
    }
    assert 50 <= len(reviewing) <= 70
    team = next(t for t in council.teams if t["id"] == staff["social.worker"]["team_id"])
    assert team["manager_id"] == staff["team.manager"]["id"]
    assert {login[0] for login in DEMO_LOGINS} <= set(staff)
    assert staff["admin"]["is_superuser"] and staff["admin"]["is_staff"]


def test_carers_include_every_kind_and_connected_persons_have_temporary_approval(records):
    kinds = Counter(c["kind"] for c in records.carers)
    for kind in ("foster_carer", "connected_person", "adopter", "special_guardian", "childrens_home", "parent"):
        assert kinds[kind] > 0, kinds
    connected = [c for c in records.carers if c["kind"] == "connected_person"]
    assert all(c["temporary_approval_start"] for c in connected)
    assert any(c["full_approval_date"] for c in connected) and any(not c["full_approval_date"] for c in connected)


def test_plans_keep_their_history_and_each_child_has_at_most_one_current_plan(records):
    for rows in by_child(records.plans).values():
        assert sum(1 for p in rows if p["superseded_on"] is None) <= 1
        for plan in rows:
            assert plan["recorded"] <= TODAY
    changed = [p for p in records.plans if p["superseded_on"]]
    assert changed
    reasons = {p["child_id"] for p in records.plans if p["rationale"]}
    assert reasons


def test_a_twin_track_plan_never_names_the_same_route_twice():
    from datetime import date

    plans = generate(600, 7, date(2026, 11, 23)).everything().plans
    assert any(p["parallel_option"] for p in plans)
    assert all(p["parallel_option"] != p["primary_option"] for p in plans)
