"""Demo data for family finding: the carer register, children's profiles, a few links and matches.

Registered in permanence.demo.loader.EXTENSIONS. Reads the loaded council in bulk, writes with
bulk_create, and is deterministic for the seed.
"""

import random
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from permanence.children.models import Carer, Child
from permanence.planning.models import Decision, Meeting, PermanencePlan

from . import choices, places, selectors, stages
from .models import CarerProfile, ChildProfile, Match, MatchEvent
from .needs import NEED_KEYS

KIND_TO_APPROVAL = {
    "adopter": choices.ADOPTER,
    "ffa_carer": choices.FFA_CARER,
    "foster_carer": choices.LONG_TERM_FOSTER_CARER,
    "connected_person": choices.CONNECTED_PERSON,
    "special_guardian": choices.SPECIAL_GUARDIAN,
    "childrens_home": choices.CHILDRENS_HOME,
}
FAMILY_FINDING_OPTIONS = ("adoption", "long_term_fostering", "special_guardianship")
ETHNICITIES = ("WBRI",) * 6 + ("WOTH", "MWBC", "MWBA", "BAFR", "BCRB", "APKN", "AIND")
FIRST = "Amira Ben Carys Dev Ellen Femi Grace Hamza Isla Jon Kemi Liam Maya Nia Owen Priti Rhys Sana Tom Una".split()
LAST = "Abbott Bakewell Chowdhury Dale Eastwood Foster Greaves Hussain Ireland Jowett Kaur Lumb Mensah Nuttall Oyelaran".split()


# What children say they want of a new family: as varied as the children are.
WISHES = (
    "",
    "",
    "Wants a family with a dog.",
    "Wants to stay at the same school and keep his football team.",
    "Would like brothers or sisters to play with.",
    "Wants to keep seeing her nan every month.",
    "Hopes for a garden and somewhere quiet to do homework.",
    "Wants a family who will take him to the mosque on Fridays.",
    "Says she would like a mum who likes baking.",
    "Wants to stay near his friends in Armley.",
    "Too young to say; her carer says she is happiest outdoors.",
    "Would like to keep her name.",
)


def _district(rng, carer):
    locality = (carer.household or "").removeprefix("Lives in ").strip()
    return places.BY_LOCALITY.get(locality) or rng.choice(places.LOCAL)


def _needs(rng, chance, weights):
    return {need: rng.choices((1, 2, 3), weights)[0] for need in NEED_KEYS if rng.random() < chance}


def extend(*, seed, today, say):
    rng = random.Random(f"{seed}:matching")
    counts = {}
    # More households approved to adopt, so a waiting child has a register to search.
    start = (Carer.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    extra = []
    for k in range(40):
        kind = rng.choices(("adopter", "ffa_carer", "special_guardian"), (6, 2, 1))[0]
        names = rng.sample(FIRST, 2)
        extra.append(
            Carer(
                id=start + k,
                name=f"{names[0]} and {names[1]} {rng.choice(LAST)}",
                kind=kind,
                reference=f"RA{start + k:06d}",
                provider="PR1",
                capacity=rng.choice((1, 1, 2, 2, 3)),
                age_min=0,
                age_max=rng.choice((4, 6, 9)),
                approval_date=today - timedelta(days=rng.randint(30, 2500)),
                languages=rng.choice(("English",) * 6 + ("English, Urdu", "English, Polish")),
                religion=rng.choice(("", "", "Christian", "Muslim", "No religion")),
                household=f"Lives in {rng.choice(list(places.BY_LOCALITY))}",
            )
        )
    Carer.objects.bulk_create(extra)
    counts["children.Carer (adopters)"] = len(extra)

    carers = Carer.objects.filter(
        kind__in=KIND_TO_APPROVAL, approval_ended__isnull=True, matching_profile__isnull=True
    ).order_by("pk")
    profiles = []
    for carer in carers:
        approval = KIND_TO_APPROVAL[carer.kind]
        status = rng.choices((choices.AVAILABLE, choices.ON_HOLD), (9, 1))[0]
        profiles.append(
            CarerProfile(
                carer=carer,
                approval_type=approval,
                status=status,
                status_since=today - timedelta(days=rng.randint(0, 300)),
                on_hold_reason="Family circumstances: a new baby in the household" if status == choices.ON_HOLD else "",
                needs=_needs(rng, 0.6, (5, 3, 1)),
                district=_district(rng, carer),
                ethnicity=rng.choice(ETHNICITIES),
                children_cared_for=rng.randint(0, 8) if approval != choices.ADOPTER else rng.randint(0, 2),
                open_to_siblings=rng.random() < 0.5,
                preferred_age_min=carer.age_min,
                preferred_age_max=max(carer.age_min, carer.age_max - rng.randint(0, 2)),
                preferences=rng.choice(
                    (
                        "",
                        "Would like a child who enjoys the outdoors.",
                        "Hoping for a child who will share their faith.",
                        "Open to a child with a disability; their home is adapted.",
                    )
                ),
            )
        )
    CarerProfile.objects.bulk_create(profiles, batch_size=2000)
    counts["matching.CarerProfile"] = len(profiles)

    # Children whose plan needs a new family, or for whom adoption is under consideration.
    considered = dict(Decision.objects.filter(kind="adoption_considered").values_list("child_id", "date"))
    plans = {
        p.child_id: p
        for p in PermanencePlan.objects.filter(
            superseded_on__isnull=True, primary_option__in=FAMILY_FINDING_OPTIONS
        ).exclude(stage__in=("placed", "legally_secured", "achieved"))
    }
    ids = sorted(set(plans) | set(considered))
    children = {
        c.pk: c for c in Child.objects.filter(pk__in=ids, date_of_death__isnull=True, family_finding__isnull=True)
    }
    already = set(
        Meeting.objects.filter(child_id__in=ids, kind="family_finding_started").values_list("child_id", flat=True)
    )
    # Only children who are waiting: a child settled in a confirmed long-term or permanent home,
    # or whose plan needs no new family, has no family finding open.
    from . import homes

    found = homes.homes_for([i for i in ids if i in children], today=today)
    child_profiles, meetings = [], []
    for child_id in ids:
        if child_id not in children or not found.verdicts[child_id].waiting:
            continue
        decided = found.verdicts[child_id].since or plans[child_id].recorded
        started = min(considered.get(child_id) or decided, decided)
        started = min(today, started + timedelta(days=rng.randint(0, 10)))
        child_profiles.append(
            ChildProfile(
                child_id=child_id,
                started=started,
                needs=_needs(rng, 0.35, (4, 3, 1)),
                district=rng.choice(places.LOCAL),
                min_km=rng.choice((None,) * 6 + (15,)),
                contact_needs=rng.choice(
                    (
                        "Indirect contact with birth parents twice a year (letterbox).",
                        "Direct contact with an older brother four times a year.",
                        "",
                    )
                ),
                identity=rng.choice(
                    ("", "Goes to church with a grandparent every week.", "Speaks some Polish with his mother.")
                ),
                wishes=rng.choice(WISHES),
            )
        )
        if child_id not in already:
            meetings.append(
                Meeting(
                    child_id=child_id,
                    kind="family_finding_started",
                    date=started,
                    notes=f"Family finding started ({choices.FAMILY_FINDING_SOURCE}).",
                )
            )
    ChildProfile.objects.bulk_create(child_profiles)
    Meeting.objects.bulk_create(meetings)
    counts["matching.ChildProfile"] = len(child_profiles)
    counts["planning.Meeting (family finding started)"] = len(meetings)

    # A few links already made (long-term fostering and special guardianship), one with a first visit.
    # Children for whom adoption is the plan are left searching, so the demo shows a shortlist for them.
    pairs, used = [], set()
    for profile in (
        ChildProfile.objects.filter(child_id__in=[p.child_id for p in child_profiles])
        .select_related("child")
        .order_by("-started", "-pk")
    ):
        plan = plans.get(profile.child_id)
        if len(pairs) == 3 or plan is None or plan.primary_option == "adoption":
            continue
        shortlist = selectors.shortlist_for(profile.child, today=today)
        if shortlist["held"] or not shortlist["verdict"].waiting:
            continue
        rows = [row for row in shortlist["rows"] if row[0].pk not in used]
        if rows and len(shortlist["unit"].children) == 1:
            pairs.append((profile, rows[0][0]))
            used.add(rows[0][0].pk)
    start = (Match.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    matches, links, events = [], [], []
    for k, (profile, carer_profile) in enumerate(pairs):
        linked = max(profile.started, today - timedelta(days=40))
        match = Match(
            id=start + k,
            carer_id=carer_profile.carer_id,
            linked_on=linked,
            stage=stages.VISITS if k == 0 else stages.LINKED,
        )
        matches.append(match)
        links.append(Match.children.through(match_id=match.id, child_id=profile.child_id))
        events.append(
            MatchEvent(match=match, from_stage="", to_stage=stages.LINKED, date=linked, note="Linked at family finding")
        )
        if k == 0:
            events.append(
                MatchEvent(
                    match=match,
                    from_stage=stages.LINKED,
                    to_stage=stages.VISITS,
                    date=min(today, linked + timedelta(days=14)),
                    note="First visit",
                )
            )
    Match.objects.bulk_create(matches)
    Match.children.through.objects.bulk_create(links)
    MatchEvent.objects.bulk_create(events)
    ChildProfile.objects.filter(child_id__in=[p.child_id for p, _ in pairs]).update(status=choices.CHILD_LINKED)
    CarerProfile.objects.filter(pk__in=[c.pk for _, c in pairs]).update(status=choices.LINKED)
    made = len(matches)
    # Ids were given here (the loader gives them too): PostgreSQL's sequences must move past them.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Carer, Match]):
            cursor.execute(sql)
    counts["matching.Match"] = made
    say(
        f"Family finding: {len(profiles):,} carers on the register, {len(child_profiles)} children's profiles, {made} links"
    )
    return counts
