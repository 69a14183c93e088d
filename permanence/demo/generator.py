"""The synthetic demo council, generated deterministically from (children, seed, today).

Pure Python: no Django. Every record is a plain dict whose keys are the model's field names
(foreign keys as `<name>_id`); keys starting with `_` are extra facts for tests and summaries.
Children, people, carers, proceedings, teams and staff carry ids numbered from 1 here; the
loader shifts them past any rows already in the database.

Generation runs in two phases so a national-size council streams in constant memory:
  1. a census of families (status and size only), which sizes the workforce and fixes who
     holds each case;
  2. each family's records, from its own random stream (seed and family number), yielded one
     family at a time.
Proportions come from tables.py (../shared/calibration.md).
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import tables as T
from .cases import Family
from .postcodes import postcode_for, service_urn

KINDS = (
    "children",
    "people",
    "relationships",
    "carers",
    "episodes",
    "orders",
    "reviews",
    "proceedings",
    "hearings",
    "extensions",
    "visits",
    "allocations",
    "plans",
    "decisions",
    "meetings",
)
DEMO_PASSWORD = "demo-permanence-2026"
# The demo logins, one per role; `admin` is also a superuser.
DEMO_LOGINS = (
    ("social.worker", "social_worker", "Sam", "Okafor", "Social worker, Children in Care 1"),
    ("team.manager", "team_manager", "Tara", "Hartley", "Team manager, Children in Care 1"),
    ("iro", "iro", "Irene", "Reeves", "Independent Reviewing Officer"),
    ("family.finder", "family_finder", "Fiona", "Lindley", "Family finder, Adoption and Permanence"),
    ("panel.member", "panel_member", "Priya", "Patel", "Permanence panel member"),
    ("adm", "adm", "Gareth", "Whitlow", "Agency Decision Maker"),
    ("service.manager", "service_manager", "Simone", "Ashworth", "Head of Service, Children Looked After"),
    ("analyst", "performance_analyst", "Nadia", "Rowntree", "Performance analyst"),
    ("admin", "administrator", "Alex", "Admin", "System administrator"),
)


class Records:
    """Lists of plain-dict rows, one list per kind of record."""

    def __init__(self):
        for kind in KINDS:
            setattr(self, kind, [])

    def extend(self, other):
        for kind in KINDS:
            getattr(self, kind).extend(getattr(other, kind))
        return self

    def counts(self):
        return {kind: len(getattr(self, kind)) for kind in KINDS}


@dataclass
class FamilySpec:
    index: int
    status: str  # looked_after, ceased, edge, unborn
    size: int
    uasc: bool = False
    case_numbers: tuple = ()  # per child: index among open cases of that kind (worker allocation)


@dataclass
class Council:
    children: int
    seed: int
    today: date
    teams: list = field(default_factory=list)
    staff: list = field(default_factory=list)
    carers: list = field(default_factory=list)  # the shared pool: foster carers and homes
    specs: list = field(default_factory=list)
    workforce: dict = field(default_factory=dict)  # role -> list of staff ids, in allocation order

    @property
    def pools(self):
        """The shared carers by kind (foster carers, children's homes, supported accommodation)."""
        if not hasattr(self, "_pools"):
            self._pools = {}
            for carer in self.carers:
                self._pools.setdefault(carer["kind"], []).append(carer)
        return self._pools

    def families(self):
        """Each family's Records, in a fixed order; iterating twice gives the same records."""
        ids = Ids(carer=len(self.carers))
        for spec in self.specs:
            rng = random.Random(f"{self.seed}:{spec.index}")
            yield Family(rng, spec, self, ids).build()

    def chunks(self, children_per_chunk=2000):
        """Families merged into Records of about `children_per_chunk` children each."""
        chunk = Records()
        for family in self.families():
            chunk.extend(family)
            if len(chunk.children) >= children_per_chunk:
                yield chunk
                chunk = Records()
        if chunk.children:
            yield chunk

    def everything(self):
        """The whole council in one Records (pool carers included): for tests and small councils."""
        records = Records()
        records.carers.extend(self.carers)
        for family in self.families():
            records.extend(family)
        return records


class Ids:
    """Counters for the records other records point at."""

    def __init__(self, carer=0):
        self.child = self.person = self.proceedings = 0
        self.carer = carer

    def next(self, kind):
        value = getattr(self, kind) + 1
        setattr(self, kind, value)
        return value


def weighted(rng, mapping):
    """A key of `mapping` drawn with probability proportional to its value."""
    keys = list(mapping)
    return rng.choices(keys, weights=[mapping[k] for k in keys])[0]


def generate(children, seed, today):
    """The council's census, workforce and carer pool; family records stream from `families()`."""
    if children < 1:
        raise ValueError("A demo council needs at least one child.")
    council = Council(children=children, seed=seed, today=today)
    rng = random.Random(f"{seed}:census")
    council.specs = _census(rng, children)
    _workforce(council)
    _carer_pool(random.Random(f"{seed}:carers"), council)
    return council


def _census(rng, total):
    mean_size = sum(size * p for size, p in T.FAMILY_SIZE.items())
    uasc_family = T.UASC_SHARE * mean_size / (1 - T.UASC_SHARE + T.UASC_SHARE * mean_size)
    lac_mean = uasc_family + (1 - uasc_family) * mean_size
    family_weights = {
        status: share / (1 if status == "unborn" else lac_mean if status == "looked_after" else mean_size)
        for status, share in T.STATUS_MIX.items()
    }
    specs, placed, counters = [], 0, {"looked_after": 0, "edge": 0}
    while placed < total:
        status = weighted(rng, family_weights)
        uasc = status == "looked_after" and rng.random() < uasc_family
        size = 1 if status == "unborn" or uasc else weighted(rng, T.FAMILY_SIZE)
        size = min(size, total - placed)
        pool = "edge" if status in ("edge", "unborn") else status
        numbers = ()
        if pool in counters:
            numbers = tuple(range(counters[pool], counters[pool] + size))
            counters[pool] += size
        specs.append(FamilySpec(len(specs), status, size, uasc, numbers))
        placed += size
    # A small council still shows every kind of case.
    if total >= 40 and not any(s.status == "unborn" for s in specs):
        last = specs[-1]
        if last.status == "edge" and last.size == 1:
            last.status = "unborn"
    return specs


def _staff(council, username, role, first, last, team_id=None, job_title="", login=False):
    row = {
        "id": len(council.staff) + 1,
        "username": username,
        "first_name": first,
        "last_name": last,
        "role": role,
        "team_id": team_id,
        "job_title": job_title,
        "email": "",
        "is_staff": role == "administrator",
        "is_superuser": role == "administrator",
        "_login": login,
    }
    council.staff.append(row)
    return row["id"]


def _team(council, name, service):
    council.teams.append({"id": len(council.teams) + 1, "name": name, "service": service, "manager_id": None})
    return council.teams[-1]


def _workforce(council):
    specs = council.specs
    looked_after = sum(s.size for s in specs if s.status == "looked_after")
    edge = sum(s.size for s in specs if s.status in ("edge", "unborn"))
    rng = random.Random(f"{council.seed}:staff")
    cic_workers = max(1, math.ceil(looked_after / T.CASELOAD))
    fs_workers = max(1, math.ceil(edge / T.CASELOAD))
    iros = max(1, math.ceil(looked_after / T.IRO_CASELOAD))
    cic_teams = [
        _team(council, f"Children in Care {i + 1}", "Children looked after")
        for i in range(math.ceil(cic_workers / T.TEAM_SIZE))
    ]
    fs_teams = [
        _team(council, f"Family Support and Protection {i + 1}", "Family support and protection")
        for i in range(math.ceil(fs_workers / T.TEAM_SIZE))
    ]
    permanence = _team(council, "Adoption and Permanence", "Children looked after")
    iro_team = _team(council, "Independent Reviewing Service", "Quality assurance")
    by_login = {}
    for username, role, first, last, title in DEMO_LOGINS:
        team = {
            "social_worker": cic_teams[0],
            "team_manager": cic_teams[0],
            "iro": iro_team,
            "family_finder": permanence,
        }.get(role)
        by_login[username] = _staff(council, username, role, first, last, team and team["id"], title, login=True)
    cic_teams[0]["manager_id"] = by_login["team.manager"]

    def invented(role, team, title):
        first, last = rng.choice(T.STAFF_FIRST), rng.choice(T.STAFF_LAST)
        n = len(council.staff) + 1
        return _staff(council, f"{first}.{last}.{n}".lower(), role, first, last, team and team["id"], title)

    for team in cic_teams[1:] + fs_teams + [permanence, iro_team]:
        team["manager_id"] = invented("team_manager", team, f"Team manager, {team['name']}")
    workforce = {"cic": [by_login["social.worker"]], "fs": [], "iro": [by_login["iro"]]}
    for i in range(1, cic_workers):
        team = cic_teams[i // T.TEAM_SIZE]
        workforce["cic"].append(invented("social_worker", team, f"Social worker, {team['name']}"))
    for i in range(fs_workers):
        team = fs_teams[i // T.TEAM_SIZE]
        workforce["fs"].append(invented("social_worker", team, f"Social worker, {team['name']}"))
    for _ in range(1, iros):
        workforce["iro"].append(invented("iro", iro_team, "Independent Reviewing Officer"))
    for _ in range(max(1, cic_workers // 12)):
        invented("family_finder", permanence, "Family finder")
    for _ in range(5):
        invented("panel_member", None, "Permanence panel member")
    for _ in range(max(0, len(council.teams) // 10)):
        invented("service_manager", None, "Service manager")
    team_of = {row["id"]: row["team_id"] for row in council.staff}
    workforce["team_of"] = team_of
    council.workforce = workforce


def _carer_pool(rng, council):
    looked_after = sum(s.size for s in council.specs if s.status in ("looked_after", "ceased"))
    today = council.today

    def add(kind, name, provider, urn="", capacity=1, ages=(0, 17)):
        n = len(council.carers) + 1
        locality = rng.choice(T.LOCALITIES)
        council.carers.append(
            {
                "id": n,
                "name": name,
                "kind": kind,
                "reference": f"{kind[:2].upper()}{n:06d}",
                "provider": provider,
                "urn": urn or service_urn(kind, provider),
                "approval_date": today - timedelta(days=rng.randint(200, 6000)),
                "capacity": capacity,
                "age_min": ages[0],
                "age_max": ages[1],
                "household": f"Lives in {locality}",
                "postcode": postcode_for(
                    f"{council.seed}:carer:{n}",
                    away_share=0 if provider == "PR1" or kind == "supported_accommodation" else 0.15,
                )[0],
            }
        )

    for _ in range(max(4, round(looked_after * 0.56 / 1.6))):
        group = "White" if rng.random() < 0.75 else weighted(rng, {"Mixed": 1, "Black": 1, "Asian": 1})
        names = rng.sample(T.ADULT_NAMES, 2) if rng.random() < 0.7 else [rng.choice(T.ADULT_WOMEN)]
        add(
            "foster_carer",
            f"{' and '.join(names)} {_pick(rng, T.LAST_NAMES[group])}",
            "PR1" if rng.random() < 0.6 else "PR4",
            capacity=rng.choice((1, 2, 2, 3)),
        )
    for i in range(max(2, round(looked_after * 0.10 / 3))):
        add(
            "childrens_home",
            f"{T.HOME_NAMES[i % len(T.HOME_NAMES)]}, {rng.choice(T.LOCALITIES)}",
            "PR4" if rng.random() < 0.8 else "PR1",
            urn=f"SC{rng.randint(100000, 999999)}",
            capacity=rng.randint(2, 6),
            ages=(8, 17),
        )
    for i in range(max(2, round(looked_after * 0.05 / 4))):
        add(
            "supported_accommodation",
            f"{rng.choice(T.LOCALITIES)} supported accommodation {i + 1}",
            "PR4" if rng.random() < 0.7 else "PR5",
            urn=f"2{rng.randint(1000000, 9999999)}",
            capacity=rng.randint(3, 8),
            ages=(16, 17),
        )


def _pick(rng, names):
    return rng.choice(names.split())
