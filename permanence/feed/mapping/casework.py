"""Casework from the SSD: allocations (involvements), reviews, visits, pre-proceedings and the case
system's permanence dates. Pure: no Django."""

from permanence.children import rules
from permanence.codes.participation import PARTICIPATION

from .care import order
from .facts import IRO, SOCIAL_WORKER, Fact, readers
from .orders import permanence_order


def involvements(out, rows, lookups, dob):
    """Allocations (social worker, IRO) from involvements; other roles are left aside."""
    allocations = []
    for r in readers(rows, "ssd_involvements", out.person, out.problems):
        role = lookups.role_of(r.raw("invo_professional_role_id"))
        if role is None:
            out.ignored["involvements in roles the product does not allocate"] += 1
            continue
        start = r.date("invo_involvement_start_date", required=True)
        end = r.date("invo_involvement_end_date")
        professional = r.raw("invo_professional_id").strip()
        if not professional:
            r.problem("invo_professional_id", "is blank: an allocation needs the worker")
            continue
        if professional not in lookups.professionals:
            r.problem("invo_professional_id", "is not in ssd_professionals")
            continue
        team = r.raw("invo_professional_team").strip()
        if team and team not in lookups.departments:
            r.problem("invo_professional_team", "is not in ssd_department")
            continue
        if start and end and end < start:
            r.problem("invo_involvement_end_date", "is before the involvement started")
            continue
        if start and dob and end is not None and end < dob:
            r.problem("invo_involvement_end_date", "is before the child's date of birth")
            continue
        if start is None:
            continue
        values = {"role": role, "start": start, "end": end, "_professional": professional, "_team": team}
        fact = Fact("allocation", r.raw("invo_involvements_id"), values, r.table, r.row)
        allocations.append(fact)
    out.facts.extend(allocations)
    return allocations


def _holder_on(allocations, role, day):
    """The professional allocated in `role` on `day` (the latest to start, if several)."""
    found = None
    for a in allocations:
        v = a.values
        if v["role"] == role and v["start"] <= day and (v["end"] is None or day <= v["end"]):
            if found is None or v["start"] >= found["start"]:
                found = v
    return found["_professional"] if found else None


# --- reviews and visits ---------------------------------------------------------------------------


def reviews(out, rows, dob, first_start, allocations):
    for r in readers(rows, "ssd_cla_reviews", out.person, out.problems):
        if r.flag("clar_cla_review_cancelled"):
            out.ignored["reviews cancelled"] += 1
            continue
        day = r.date("clar_cla_review_date")
        if day is None:
            if r.raw("clar_cla_review_date").strip() == "":
                out.ignored["reviews due but not yet held"] += 1
            continue
        participation = r.code(
            "clar_cla_review_participation", PARTICIPATION, required=False, what="participation code (PN0-PN7)"
        )
        values = {"date": day, "participation": participation, "_iro": _holder_on(allocations, IRO, day)}
        for field_name, message in rules.review_problems(
            values, date_of_birth=dob, first_episode_start=first_start
        ).items():
            r.problem(
                {"date": "clar_cla_review_date", "participation": "clar_cla_review_participation"}[field_name], message
            )
        out.facts.append(Fact("review", r.raw("clar_cla_review_id"), values, r.table, r.row))


def visits(out, rows, dob, allocations, today=None):
    for r in readers(rows, "ssd_cla_visits", out.person, out.problems):
        day = r.date("clav_cla_visit_date", required=True)
        if r.flag("clav_cla_visit_seen") is False:
            out.ignored["visits where the child was not seen"] += 1
            continue
        if day is None:
            continue
        found = rules.visit_problems({"date": day}, date_of_birth=dob, today=today)
        for message in found.values():
            r.problem("clav_cla_visit_date", message)
        if found:
            continue
        seen_alone = r.flag("clav_cla_visit_seen_alone")
        values = {"date": day, "seen_alone": bool(seen_alone), "_by": _holder_on(allocations, SOCIAL_WORKER, day)}
        out.facts.append(Fact("visit", r.raw("clav_cla_visit_id"), values, r.table, r.row))


# --- pre-proceedings and permanence ---------------------------------------------------------------


def pre_proceedings(out, rows, dob):
    for r in readers(rows, "ssd_pre_proceedings", out.person, out.problems):
        values = {
            "pre_proceedings_start": r.date("prep_pre_pro_decision_date"),
            "letter_before_proceedings": r.date("prep_pre_pro_letter_date"),
            "pre_proceedings_meeting": r.date("prep_initial_pre_pro_meeting_date"),
        }
        if not any(
            values[f] for f in ("pre_proceedings_start", "letter_before_proceedings", "pre_proceedings_meeting")
        ):
            out.ignored["pre-proceedings rows without dates"] += 1
            continue
        names = {
            "pre_proceedings_start": "prep_pre_pro_decision_date",
            "letter_before_proceedings": "prep_pre_pro_letter_date",
        }
        for field_name, message in rules.proceedings_problems(values, date_of_birth=dob).items():
            r.problem(names.get(field_name, field_name), message)
        if dob and values["pre_proceedings_start"] and values["pre_proceedings_start"] < dob:
            pass  # pre-birth planning: pre-proceedings may start before a child is born
        out.facts.append(Fact("proceedings", r.raw("prep_table_id"), values, r.table, r.row))


PERMANENCE_DATES = {
    "adm_decision": "perm_adm_decision_date",
    "ffa_cp_decision": "perm_ffa_cp_decision_date",
    "placement_order": "perm_placement_order_date",
    "matched": "perm_matched_date",
    "placed_for_adoption": "perm_placed_for_adoption_date",
    "placed_ffa_cp": "perm_placed_ffa_cp_date",
    "decision_reversed": "perm_decision_reversed_date",
    "permanence_order": "perm_permanence_order_date",
}


def permanence(out, rows, dob, orders):
    for r in readers(rows, "ssd_permanence", out.person, out.problems):
        values = {name: r.date(column) for name, column in PERMANENCE_DATES.items()}
        values["decision_reversed_reason"] = r.code(
            "perm_decision_reversed_reason", {"RD1", "RD2", "RD3", "RD4"}, required=False, what="reason (RD1-RD4)"
        )
        values["part_of_sibling_group"] = r.flag("perm_part_of_sibling_group")
        values["siblings_placed_together"] = r.integer("perm_siblings_placed_together")
        values["siblings_placed_apart"] = r.integer("perm_siblings_placed_apart")
        order_type = permanence_order(r.raw("perm_permanence_order_type"))
        if order_type == "":
            r.problem(
                "perm_permanence_order_type", "is not adoption, special guardianship or a child arrangements order"
            )
        values["permanence_order_type"] = order_type or ""
        for name, column in PERMANENCE_DATES.items():
            if dob and values[name] and values[name] < dob and name != "placement_order":
                r.problem(column, "is before the child's date of birth")
        if (
            values["decision_reversed"]
            and values["adm_decision"]
            and values["decision_reversed"] < values["adm_decision"]
        ):
            r.problem("perm_decision_reversed_date", "is before the ADM decision it reverses")
        if values["placed_for_adoption"] and values["matched"] and values["placed_for_adoption"] < values["matched"]:
            r.problem("perm_placed_for_adoption_date", "is before the child was matched")
        key = r.raw("perm_table_id")
        if values["placement_order"]:
            order(
                out,
                orders,
                "placement_order",
                values["placement_order"],
                None,
                "perm_placement_order_date",
                r,
                True,
                dob,
            )
        if order_type and values["permanence_order"]:
            order(out, orders, order_type, values["permanence_order"], None, "perm_permanence_order_date", r, True, dob)
        out.facts.append(Fact("permanence", key, values, r.table, r.row))
