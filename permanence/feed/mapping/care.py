"""Episodes of care from the SSD's episodes, placements and legal statuses, and the legal orders
the statuses (and the permanence table) stand for. Pure: no Django."""

from permanence.children import rules
from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE

from .facts import Fact, readers
from .orders import ORDER_OF_STATUS, read_status
from .values import Reader

# Where a rule's field comes from in the SSD, to name it in a problem.
EPISODE_FIELDS = {
    "start": "clae_cla_episode_start_date",
    "end": "clae_cla_episode_ceased_date",
    "reason_new": "clae_cla_episode_start_reason",
    "category_of_need": "clae_cla_primary_need_code",
    "reason_ceased": "clae_cla_episode_ceased_reason",
    "legal_status": "lega_legal_status",
    "placement": "clap_cla_placement_type",
    "provider": "clap_cla_placement_provider",
    "reason_place_change": "clap_cla_placement_change_reason",
}


def legal_statuses(out, rows, dob):
    """Looked-after legal statuses as periods [(start, end, code)], and the orders they and the
    named statuses stand for, keyed (order type, made) so one order is never recorded twice."""
    statuses, orders = [], {}
    for r in readers(rows, "ssd_legal_status", out.person, out.problems):
        kind, value = read_status(r.raw("lega_legal_status"))
        start = r.date("lega_legal_status_start_date", required=True)
        end = r.date("lega_legal_status_end_date")
        if start and end and end < start:
            r.problem("lega_legal_status_end_date", "is before the legal status started")
            continue
        if start and dob and start < dob and kind == "status":
            r.problem("lega_legal_status_start_date", "is before the child's date of birth")
            continue
        if kind == "unknown code":
            r.problem(
                "lega_legal_status", "is not an SSDA903 legal status code (C1 ... V4) or an order the product knows"
            )
            continue
        if kind == "other":
            out.ignored["legal statuses the product does not use"] += 1
            continue
        if start is None:
            continue
        if kind == "status":
            statuses.append((start, end, value, r))
            order_type = ORDER_OF_STATUS.get(value)
            named = False
        else:
            order_type, named = value, True
        if order_type:
            order(out, orders, order_type, start, end, r.raw("lega_legal_status_id"), r, named, dob)
    return statuses, orders


def order(out, orders, order_type, made, ended, key, r, named, dob):
    """One order, keyed by its type and the day it was made (stable whichever row says so)."""
    values = {"order_type": order_type, "made": made, "ended": ended}
    found = rules.order_problems(values, date_of_birth=dob)
    if found:
        columns = {"made": "lega_legal_status_start_date", "ended": "lega_legal_status_end_date"}
        for field_name, message in found.items():
            r.problem(columns.get(field_name, field_name) if r.table == "ssd_legal_status" else key, message)
        return
    held = orders.get((order_type, made))
    if held is not None:
        # The same order from two rows (a C2 status and a named care order, or the permanence
        # table's placement order date): one order, its end from whichever row knows it.
        values["ended"] = ended or held.values["ended"]
        if held.values["_named"] and not named:
            held.values["ended"] = values["ended"]
            return
    orders[(order_type, made)] = Fact(
        "order", f"{order_type}:{made.isoformat()}", values | {"_named": named}, r.table, r.row
    )


def _status_on(statuses, day):
    """The looked-after legal status in force on `day` (the one that started last, if several)."""
    found = None
    for start, end, code, _ in statuses:
        if start <= day and (end is None or day < end):
            if found is None or start >= found[0]:
                found = (start, code)
    return found[1] if found else None


# --- episodes and placements --------------------------------------------------------------------


def episodes(out, rows, placements, statuses, dob):
    episodes = []
    for r in readers(rows, "ssd_cla_episodes", out.person, out.problems):
        values = {
            "start": r.date("clae_cla_episode_start_date", required=True),
            "end": r.date("clae_cla_episode_ceased_date"),
            "reason_new": r.code("clae_cla_episode_start_reason", REASON_NEW, what="reason for new episode (RNE)"),
            "category_of_need": r.code("clae_cla_primary_need_code", CATEGORY_OF_NEED, what="category of need (N1-N8)"),
            "reason_ceased": r.code(
                "clae_cla_episode_ceased_reason", REASON_CEASED, required=False, what="reason episode ceased (REC)"
            ),
        }
        placement = placements.get(r.raw("clae_cla_placement_id")) if r.raw("clae_cla_placement_id") else None
        if placement is None and values["start"]:
            placement = _placement_on(placements.values(), values["start"])
        if placement is None:
            r.problem(
                "clae_cla_placement_id", "names no placement in ssd_cla_placement, and none covers the start date"
            )
            values.update(placement="", provider="", urn="", placement_postcode="", reason_place_change="")
        else:
            values.update(_placement_values(placement, values["end"]))
        values["legal_status"] = (_status_on(statuses, values["start"]) or "") if values["start"] else ""
        if values["start"] and not values["legal_status"]:
            r.problem(
                "clae_cla_episode_start_date",
                "has no looked-after legal status in force that day in ssd_legal_status (an SSDA903 LS code)",
                r.raw("clae_cla_episode_start_date"),
            )
        episodes.append(Fact("episode", r.raw("clae_cla_episode_id"), values, r.table, r.row))
    for i, episode in enumerate(episodes):
        if episode.values["start"] is None:
            continue
        others = [(e.values["start"], e.values["end"]) for j, e in enumerate(episodes) if j != i and e.values["start"]]
        reader = Reader(episode.table, episode.row, {}, out.person, out.problems)
        named = {(p.table, p.row, p.field) for p in out.problems}
        for field_name, message in rules.episode_problems(
            episode.values, date_of_birth=dob, other_episodes=others
        ).items():
            if field_name in ("legal_status", "placement", "provider") and not episode.values.get(field_name):
                continue  # already named where it comes from (ssd_legal_status, ssd_cla_placement)
            column = EPISODE_FIELDS.get(field_name, field_name)
            if not episode.values.get(field_name) and (episode.table, episode.row, column) in named:
                continue  # a code that could not be read is named once, not again as missing
            shown = episode.values.get(field_name)
            reader.problem(column, message, "" if shown is None else str(shown))
    out.facts.extend(episodes)
    return episodes


def _placement_on(placements, day):
    for p in placements:
        start, end = p.date("clap_cla_placement_start_date"), p.date("clap_cla_placement_end_date")
        if start and start <= day and (end is None or day < end):
            return p
    return None


def _placement_values(p, episode_end):
    end = p.date("clap_cla_placement_end_date")
    # The reason for a placement change belongs to the episode that ends with the placement.
    ends_with_it = episode_end is not None and end is not None and end == episode_end
    return {
        "placement": p.code("clap_cla_placement_type", PLACEMENT, what="placement type (PLACE)"),
        "provider": p.code(
            "clap_cla_placement_provider", PLACEMENT_PROVIDER, required=False, what="placement provider"
        ),
        "urn": p.text("clap_cla_placement_urn", max_length=8),
        "placement_postcode": p.text("clap_cla_placement_postcode", max_length=10),
        "reason_place_change": (
            p.code(
                "clap_cla_placement_change_reason",
                REASON_PLACE_CHANGE,
                required=False,
                what="reason for placement change",
            )
            if ends_with_it
            else ""
        ),
    }


# --- who works with the child ---------------------------------------------------------------------
