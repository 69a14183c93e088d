"""The case record written as SSD extracts: `permanence export-ssd DIR`.

One CSV file per SSD table, named as the table, with the SSD's column names, so a council can see
the shape the feed expects and the round trip (export, then sync into an empty database) can be
tested. The writer takes plain rows (dicts keyed by the record's field names), so the same code
writes the database's record and the demo generator's council; it streams a chunk of children at
a time, whatever the size of the record.
"""

from collections import defaultdict
from pathlib import Path

from permanence.children.orders import ORDER_NAMES
from permanence.children.relationships import SIBLINGS
from permanence.text.cells import csv_writer

from .mapping.casework import PERMANENCE_DATES
from .spec import TABLES

ROLE_WORDS = {"social_worker": "Allocated Social Worker", "iro": "Independent Reviewing Officer"}
SEX_WORDS = {"1": "M", "2": "F", "": "U"}
DISABILITY_CODES = {"MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"}
UASC = "Unaccompanied Asylum Seeking Child"
WRITTEN = (
    "ssd_person",
    "ssd_family",
    "ssd_disability",
    "ssd_immigration_status",
    "ssd_cla_episodes",
    "ssd_cla_placement",
    "ssd_legal_status",
    "ssd_cla_reviews",
    "ssd_cla_visits",
    "ssd_involvements",
    "ssd_professionals",
    "ssd_department",
    "ssd_pre_proceedings",
    "ssd_permanence",
    "ssd_care_leavers",
    "ssd_cla_health",
    "ssd_cla_care_plan",
    "ssd_missing",
)
HEALTH_WORDS = {"initial": "Initial Health Assessment", "review": "Review Health Assessment"}
MISSING_WORDS = {"M": "Missing", "A": "Absent"}


def _day(value):
    return value.isoformat() if value else ""


class ExtractWriter:
    """Writes the SSD tables into `folder`; add() a chunk of children's records at a time."""

    def __init__(self, folder, *, staff, teams):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.staff, self.teams = staff, teams  # {id: {username, first_name, last_name, job_title}}, {id: name}
        self.handles, self.writers = {}, {}
        self.columns = {table: TABLES[table].column_names for table in WRITTEN}
        for table in WRITTEN:
            handle = open(self.folder / f"{table}.csv", "w", encoding="utf-8", newline="")
            self.handles[table] = handle
            self.writers[table] = csv_writer(handle)
            self.writers[table].writerow(TABLES[table].column_names)
        self.counts = defaultdict(int)
        self.workers_used, self.teams_used = set(), set()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def row(self, table, **values):
        self.writers[table].writerow([values.get(c, "") for c in self.columns[table]])
        self.counts[table] += 1

    def close(self):
        if not self.handles:
            return
        for worker in sorted(self.workers_used):
            person = self.staff.get(worker, {})
            self.row(
                "ssd_professionals",
                prof_professional_id=f"W{worker}",
                prof_staff_id=person.get("username", ""),
                prof_professional_name=f"{person.get('first_name', '')} {person.get('last_name', '')}".strip(),
                prof_professional_job_title=person.get("job_title", ""),
            )
        for team in sorted(self.teams_used):
            self.row("ssd_department", dept_team_id=f"T{team}", dept_team_name=self.teams.get(team, f"Team {team}"))
        for handle in self.handles.values():
            handle.close()
        self.handles = {}

    def add(self, chunk, families=None):
        """`chunk` has lists of dict rows: children, episodes, orders, reviews, visits, allocations,
        proceedings, permanence; `families` maps child id -> family id (brothers and sisters)."""
        ref = {c["id"]: c["council_reference"] for c in chunk.children}
        by_child = {
            kind: _group(getattr(chunk, kind, ()))
            for kind in (
                "episodes",
                "orders",
                "reviews",
                "visits",
                "allocations",
                "proceedings",
                "permanence",
                "care_leavers",
                "health",
                "dental",
                "care_plans",
                "missing",
            )
        }
        for child in chunk.children:
            self._child(child, families)
            person = ref[child["id"]]
            periods = self._episodes(person, by_child["episodes"].get(child["id"], []))
            self._orders(person, by_child["orders"].get(child["id"], []))
            for n, review in enumerate(sorted(by_child["reviews"].get(child["id"], []), key=lambda r: r["date"])):
                self.row(
                    "ssd_cla_reviews",
                    clar_cla_review_id=_id(review, f"{person}-R{n + 1}"),
                    clar_cla_person_id=person,
                    clar_cla_id=_period_of(periods, review["date"]),
                    clar_cla_review_date=_day(review["date"]),
                    clar_cla_review_cancelled="N",
                    clar_cla_review_participation=review.get("participation") or "",
                )
            for n, visit in enumerate(sorted(by_child["visits"].get(child["id"], []), key=lambda v: v["date"])):
                self.row(
                    "ssd_cla_visits",
                    clav_cla_visit_id=_id(visit, f"{person}-V{n + 1}"),
                    clav_person_id=person,
                    clav_cla_id=_period_of(periods, visit["date"]),
                    clav_cla_visit_date=_day(visit["date"]),
                    clav_cla_visit_seen="Y",
                    clav_cla_visit_seen_alone="Y" if visit.get("seen_alone") else "N",
                )
            for n, allocation in enumerate(
                sorted(by_child["allocations"].get(child["id"], []), key=lambda a: (a["role"], a["start"]))
            ):
                worker, team = allocation["worker_id"], allocation.get("team_id")
                self.workers_used.add(worker)
                if team:
                    self.teams_used.add(team)
                self.row(
                    "ssd_involvements",
                    invo_involvements_id=_id(allocation, f"{person}-A{n + 1}"),
                    invo_person_id=person,
                    invo_professional_id=f"W{worker}",
                    invo_professional_role_id=ROLE_WORDS.get(allocation["role"], allocation["role"]),
                    invo_professional_team=f"T{team}" if team else "",
                    invo_involvement_start_date=_day(allocation["start"]),
                    invo_involvement_end_date=_day(allocation.get("end")),
                )
            for n, proceedings in enumerate(by_child["proceedings"].get(child["id"], [])):
                dates = [
                    proceedings.get(f)
                    for f in ("pre_proceedings_start", "letter_before_proceedings", "pre_proceedings_meeting")
                ]
                if not any(dates):
                    continue  # the SSD carries pre-proceedings only; court stages are recorded in the product
                self.row(
                    "ssd_pre_proceedings",
                    prep_table_id=_id(proceedings, f"{person}-PP{n + 1}"),
                    prep_person_id=person,
                    prep_pre_pro_decision_date=_day(dates[0]),
                    prep_pre_pro_letter_date=_day(dates[1]),
                    prep_initial_pre_pro_meeting_date=_day(dates[2]),
                    prep_court_reference=proceedings.get("case_number") or "",
                )
            for n, dates in enumerate(by_child["permanence"].get(child["id"], [])):
                self.row(
                    "ssd_permanence",
                    perm_table_id=_id(dates, f"{person}-PM{n + 1}"),
                    perm_person_id=person,
                    **_permanence(dates),
                )
            for n, facts in enumerate(by_child["care_leavers"].get(child["id"], [])):
                suitable = facts.get("accommodation_suitable")
                self.row(
                    "ssd_care_leavers",
                    clea_table_id=_id(facts, f"{person}-CL{n + 1}"),
                    clea_person_id=person,
                    clea_care_leaver_eligibility=facts.get("eligibility") or "",
                    clea_care_leaver_in_touch=facts.get("in_touch") or "",
                    clea_care_leaver_latest_contact=_day(facts.get("latest_contact")),
                    clea_care_leaver_accommodation=facts.get("accommodation") or "",
                    clea_care_leaver_accom_suitable="" if suitable is None else ("1" if suitable else "2"),
                    clea_care_leaver_activity=facts.get("activity") or "",
                    clea_pathway_plan_review_date=_day(facts.get("pathway_plan_review")),
                    clea_care_leaver_personal_advisor=facts.get("personal_adviser") or "",
                )

            self._health(person, child["id"], by_child)

    def _health(self, person, child_id, by_child):
        """Health assessments and dental checks, care plans and missing episodes."""
        for n, assessment in enumerate(sorted(by_child["health"].get(child_id, []), key=lambda h: h["date"])):
            self.row(
                "ssd_cla_health",
                clah_health_check_id=_id(assessment, f"{person}-HA{n + 1}", prefix="HA"),
                clah_person_id=person,
                clah_health_check_type=HEALTH_WORDS.get(assessment.get("kind"), "Health Assessment"),
                clah_health_check_date=_day(assessment["date"]),
                clah_health_check_status="Completed",
            )
        for n, check in enumerate(sorted(by_child["dental"].get(child_id, []), key=lambda h: h["date"])):
            self.row(
                "ssd_cla_health",
                clah_health_check_id=_id(check, f"{person}-DC{n + 1}", prefix="DC"),
                clah_person_id=person,
                clah_health_check_type="Dental Check",
                clah_health_check_date=_day(check["date"]),
                clah_health_check_status="Completed",
            )
        plans = sorted(
            (p for p in by_child["care_plans"].get(child_id, []) if p.get("kind", "care_plan") == "care_plan"),
            key=lambda p: p["date"],
        )
        for n, plan in enumerate(plans):
            following = plans[n + 1]["date"] if n + 1 < len(plans) else None
            self.row(
                "ssd_cla_care_plan",
                lacp_table_id=_id(plan, f"{person}-CP{n + 1}", prefix="CP"),
                lacp_person_id=person,
                lacp_cla_care_plan_start_date=_day(plan["date"]),
                lacp_cla_care_plan_end_date=_day(following),
            )
        missing = sorted(by_child["missing"].get(child_id, []), key=lambda m: (m["start"], m.get("kind", "M")))
        for n, episode in enumerate(missing):
            held, declined = episode.get("return_interview"), episode.get("interview_declined")
            self.row(
                "ssd_missing",
                miss_table_id=_id(episode, f"{person}-MI{n + 1}", prefix="MI"),
                miss_person_id=person,
                miss_missing_episode_start_date=_day(episode["start"]),
                miss_missing_episode_type=MISSING_WORDS.get(episode.get("kind") or "M", "Missing"),
                miss_missing_episode_end_date=_day(episode.get("end")),
                miss_missing_rhi_offered="Y" if held or declined else "",
                miss_missing_rhi_accepted="Y" if held else ("N" if declined else ""),
            )

    def _child(self, child, families):
        person = child["council_reference"]
        self.row(
            "ssd_person",
            pers_person_id=person,
            pers_forename=child.get("first_name", ""),
            pers_surname=child.get("last_name", ""),
            pers_sex=SEX_WORDS.get(child.get("sex") or "", "U"),
            pers_ethnicity=child.get("ethnicity") or "NOBT",
            pers_dob=_day(child.get("date_of_birth")),
            pers_expected_dob=_day(child.get("expected_date_of_birth")),
            pers_death_date=_day(child.get("date_of_death")),
            pers_upn=child.get("upn") or "",
        )
        if families and child["id"] in families:
            self.row(
                "ssd_family", fami_table_id=f"{person}-F", fami_family_id=families[child["id"]], fami_person_id=person
            )
        if child.get("disability"):
            detail = child.get("disability_detail") or ""
            codes = [c.strip().upper() for c in detail.split(",") if c.strip().upper() in DISABILITY_CODES] or ["DDA"]
            for code in codes:
                self.row(
                    "ssd_disability",
                    disa_table_id=f"{person}-D{code}",
                    disa_person_id=person,
                    disa_disability_code=code,
                )
        if child.get("uasc"):
            self.row(
                "ssd_immigration_status",
                immi_immigration_status_id=f"{person}-UASC",
                immi_person_id=person,
                immi_immigration_status=UASC,
                immi_immigration_status_end_date=_day(child.get("uasc_ceased")),
            )

    def _episodes(self, person, episodes):
        """Episodes, their placements (one per run of episodes in the same placement), the periods
        of care they make, and the looked-after legal statuses they had. Returns the periods."""
        episodes = sorted(episodes, key=lambda e: e["start"])
        periods, statuses = [], []
        placement = None
        for n, episode in enumerate(episodes):
            key = _id(episode, f"{person}-E{n + 1}")
            previous = episodes[n - 1] if n else None
            continues = (
                previous is not None
                and previous.get("end") == episode["start"]
                and previous.get("reason_ceased") == "X1"
            )
            if not continues:
                periods.append([f"C{key}", episode["start"], episode.get("end")])
            periods[-1][2] = episode.get("end")
            cla = periods[-1][0]
            where = (
                *tuple(episode.get(f) or "" for f in ("placement", "provider", "urn", "placement_postcode")),
                episode.get("carer_id"),
            )
            if placement is not None and continues and episode.get("reason_new") == "L" and placement["where"] == where:
                placement["end"], placement["reason"] = episode.get("end"), episode.get("reason_place_change") or ""
            else:
                self._placement(placement)
                placement = {
                    "id": f"PL{key}",
                    "person": person,
                    "cla": cla,
                    "where": where,
                    "start": episode["start"],
                    "end": episode.get("end"),
                    "reason": episode.get("reason_place_change") or "",
                }
            if statuses and continues and statuses[-1]["code"] == episode["legal_status"]:
                statuses[-1]["end"] = episode.get("end")
            else:
                statuses.append(
                    {
                        "id": f"LS{key}",
                        "code": episode["legal_status"],
                        "start": episode["start"],
                        "end": episode.get("end"),
                    }
                )
            self.row(
                "ssd_cla_episodes",
                clae_cla_episode_id=key,
                clae_person_id=person,
                clae_cla_placement_id=placement["id"],
                clae_cla_episode_start_date=_day(episode["start"]),
                clae_cla_episode_start_reason=episode["reason_new"],
                clae_cla_primary_need_code=episode["category_of_need"],
                clae_cla_episode_ceased_date=_day(episode.get("end")),
                clae_cla_episode_ceased_reason=episode.get("reason_ceased") or "",
                clae_cla_id=cla,
            )
        self._placement(placement)
        for status in statuses:
            self.row(
                "ssd_legal_status",
                lega_legal_status_id=status["id"],
                lega_person_id=person,
                lega_legal_status=status["code"],
                lega_legal_status_start_date=_day(status["start"]),
                lega_legal_status_end_date=_day(status["end"]),
            )
        return periods

    def _placement(self, placement):
        if placement is None:
            return
        kind, provider, urn, postcode, _ = placement["where"]
        self.row(
            "ssd_cla_placement",
            clap_cla_placement_id=placement["id"],
            clap_person_id=placement["person"],
            clap_cla_id=placement["cla"],
            clap_cla_placement_start_date=_day(placement["start"]),
            clap_cla_placement_type=kind,
            clap_cla_placement_provider=provider,
            clap_cla_placement_urn=urn,
            clap_cla_placement_postcode=postcode,
            clap_cla_placement_end_date=_day(placement["end"]),
            clap_cla_placement_change_reason=placement["reason"],
        )

    def _orders(self, person, orders):
        """Each order as a legal status in the order's own words (a looked-after status already
        gives C1, C2, E1 ...; the named row says which order, and carries its end)."""
        for n, order in enumerate(sorted(orders, key=lambda o: (o["made"], o["order_type"]))):
            self.row(
                "ssd_legal_status",
                lega_legal_status_id=_id(order, f"{person}-O{n + 1}", prefix="LO"),
                lega_person_id=person,
                lega_legal_status=ORDER_NAMES.get(order["order_type"], order["order_type"]),
                lega_legal_status_start_date=_day(order["made"]),
                lega_legal_status_end_date=_day(order.get("ended")),
            )


def _id(row, fallback, prefix=""):
    return f"{prefix}{row['id']}" if row.get("id") is not None else fallback


def _group(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row["child_id"]].append(row)
    return grouped


def _period_of(periods, day):
    for cla, start, end in periods:
        if start <= day and (end is None or day <= end):
            return cla
    return periods[-1][0] if periods else ""


def _permanence(dates):
    values = {column: _day(dates.get(name)) for name, column in PERMANENCE_DATES.items()}
    together, apart = dates.get("siblings_placed_together"), dates.get("siblings_placed_apart")
    group = dates.get("part_of_sibling_group")
    values.update(
        perm_decision_reversed_reason=dates.get("decision_reversed_reason") or "",
        perm_part_of_sibling_group="" if group is None else ("1" if group else "0"),
        perm_siblings_placed_together="" if together is None else str(together),
        perm_siblings_placed_apart="" if apart is None else str(apart),
        perm_permanence_order_type={
            "adoption_order": "Adoption",
            "special_guardianship_order": "Special Guardianship",
        }.get(
            dates.get("permanence_order_type") or "",
            "Child Arrangements Order" if dates.get("permanence_order_type") else "",
        ),
    )
    return values


def sibling_families(relationships, people_as_child):
    """{child id: family id} joining children recorded as brothers and sisters of each other.
    `relationships`: (child id, person id, relationship); `people_as_child`: {person id: child id}."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for child_id, person_id, relationship in relationships:
        other = people_as_child.get(person_id)
        if relationship in SIBLINGS and other is not None and other != child_id:
            parent[find(child_id)] = find(other)
    groups = defaultdict(list)
    for child_id in list(parent):
        groups[find(child_id)].append(child_id)
    return {c: f"F{min(members)}" for members in groups.values() if len(members) > 1 for c in members}
