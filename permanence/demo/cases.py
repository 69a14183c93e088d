"""One family's case records: its children, their family network, periods of care, orders,
proceedings, reviews, visits, allocations, plans, decisions and meetings. Pure Python.

A period of care is built as two timelines, legal status and placement, then cut into
SSDA903 episodes wherever either changes (X1 / L, P, T, U, B), so episodes never overlap and
each new one starts the day the last ended.
"""

from datetime import timedelta

from permanence.timescales.dates import add_years

from . import periods
from . import tables as T
from .postcodes import postcode_for, service_urn

DAY = timedelta(days=1)


def _weighted(rng, mapping):
    keys = list(mapping)
    return rng.choices(keys, weights=[mapping[k] for k in keys])[0]


def _upn(child_id):
    """A unique pupil number in the standard's format (check letter, 12 digits), fixed by the child's id."""
    return f"A{380_000_000_000 + child_id:012d}"


class Family:
    def __init__(self, rng, spec, council, ids):
        self.rng, self.spec, self.council, self.ids = rng, spec, council, ids
        self.today = council.today
        from .generator import Records  # generator.py imports this module, so Records is taken here

        self.r = Records()
        self.group = self._ethnic_group()
        self.surname = self._pick(T.UASC_LAST_NAMES if spec.uasc else T.LAST_NAMES[self.group])
        self.locality = rng.choice(T.LOCALITIES)
        self.people = {}
        self.kin = None
        self.parent_carer = None
        self.adopters = None
        self._forced = None

    # --- small helpers ----------------------------------------------------------------
    def _pick(self, names):
        return self.rng.choice(names.split() if isinstance(names, str) else names)

    def _between(self, low, high):
        """A date drawn uniformly from [low, high] (low when the span is empty)."""
        span = (high - low).days
        return low + timedelta(days=self.rng.randint(0, span)) if span > 0 else low

    def _ethnic_group(self):
        if self.spec.uasc:
            return _weighted(self.rng, T.UASC_ETHNIC_GROUPS)
        return _weighted(self.rng, T.ETHNIC_GROUPS)

    def _carer(self, kind, name, provider, person_id=None, **dates):
        carer_id = self.ids.next("carer")
        row = {
            "id": carer_id,
            "name": name,
            "kind": kind,
            "reference": f"{kind[:2].upper()}{carer_id:06d}",
            "provider": provider,
            "urn": service_urn(kind, provider),
            "capacity": 1,
            "age_min": 0,
            "age_max": 17,
            "postcode": postcode_for(
                f"{self.council.seed}:carer:{carer_id}", away_share=0 if provider in ("PR0", "PR1") else 0.15
            )[0],
            "household": f"Lives in {self.rng.choice(T.LOCALITIES)}",
            "person_id": person_id,
            "approval_date": dates.pop("approval_date", None),
            **dates,
        }
        self.r.carers.append(row)
        return row

    def _person(self, key, first, last, dob, notes=""):
        person_id = self.ids.next("person")
        row = {
            "id": person_id,
            "first_name": first,
            "last_name": last,
            "date_of_birth": dob,
            "postcode": "",
            "phone": "",
            "notes": notes,
            "as_child_id": None,
        }
        self.r.people.append(row)
        self.people[key] = row
        return row

    def _relate(self, child, person, relationship, pr=False, connected=False, outcome=""):
        self.r.relationships.append(
            {
                "child_id": child["id"],
                "person_id": person["id"],
                "relationship": relationship,
                "parental_responsibility": pr,
                "connected_person": connected,
                "assessment_outcome": outcome,
                "notes": "",
            }
        )

    # --- the family -------------------------------------------------------------------
    def build(self):
        spec = self.spec
        children = [self._child(i) for i in range(spec.size)]
        self._set_ages(children)
        if not spec.uasc:
            self._network(children)
        handler = {
            "looked_after": self._looked_after,
            "ceased": self._ceased,
            "edge": self._edge,
            "unborn": self._unborn,
        }[spec.status]
        handler(children)
        return self.r

    def _child(self, i):
        rng, spec = self.rng, self.spec
        uasc = spec.uasc
        boy = rng.random() < (T.UASC_BOYS_SHARE if uasc else T.BOYS_SHARE)
        if uasc:
            first = self._pick(T.UASC_NAMES if boy else T.GIRLS["Other"])
            ethnicity = _weighted(rng, T.UASC_ETHNIC_CODES[self.group])
        else:
            first = self._pick((T.BOYS if boy else T.GIRLS)[self.group])
            ethnicity = _weighted(rng, T.ETHNIC_CODES[self.group])
        child_id = self.ids.next("child")
        disability = rng.random() < 0.09
        row = {
            "id": child_id,
            "first_name": first,
            "last_name": self.surname,
            "date_of_birth": None,
            "expected_date_of_birth": None,
            "sex": "1" if boy else "2",
            "ethnicity": ethnicity,
            "religion": rng.choice(T.RELIGIONS[self.group]) if not uasc else rng.choice(("Muslim", "Christian", "")),
            "first_language": rng.choice(T.UASC_LANGUAGES) if uasc else ("English" if rng.random() < 0.93 else "Other"),
            "disability": disability,
            "disability_detail": rng.choice(T.DISABILITIES) if disability else "",
            "upn": _upn(child_id),
            "council_reference": f"DM{child_id:06d}",
            "uasc": uasc,
            "uasc_ceased": None,
            "date_of_death": None,
            "_status": spec.status,
            "_case_number": spec.case_numbers[i] if spec.case_numbers else None,
            "_category": T.UASC_CATEGORY if uasc else _weighted(rng, T.CATEGORY_OF_NEED_MIX),
        }
        self.r.children.append(row)
        return row

    def _birth(self, child, age, on=None):
        """Set a date of birth making the child `age` on `on` (default today)."""
        on = on or self.today
        birthday = add_years(on, -age)
        low = add_years(on, -(age + 1)) + DAY
        high = birthday - (7 * DAY if age == 0 else 0 * DAY)
        child["date_of_birth"] = self._between(low, high)
        return child["date_of_birth"]

    def _network(self, children):
        rng = self.rng
        dobs = [c["date_of_birth"] or c["expected_date_of_birth"] for c in children]
        dobs = [d for d in dobs if d]
        oldest = min(dobs) if dobs else self.today
        mother = self._person(
            "mother", self._pick(T.ADULT_WOMEN), self.surname, oldest - timedelta(days=rng.randint(18 * 365, 36 * 365))
        )
        father_count = 2 if len(children) > 1 and rng.random() < 0.45 else 1
        fathers = []
        for n in range(father_count):
            if rng.random() < 0.1:
                fathers.append(None)  # father not known
                continue
            last = self.surname if n == 0 and rng.random() < 0.5 else self._pick(T.LAST_NAMES[self.group])
            fathers.append(
                self._person(
                    f"father{n}",
                    self._pick(T.ADULT_MEN),
                    last,
                    oldest - timedelta(days=rng.randint(19 * 365, 40 * 365)),
                )
            )
        grandparent = self._person(
            "grandparent",
            self._pick(T.ADULT_WOMEN),
            self.surname,
            mother["date_of_birth"] - timedelta(days=rng.randint(19 * 365, 30 * 365)),
        )
        aunt = (
            self._person(
                "aunt",
                self._pick(T.ADULT_NAMES),
                self.surname,
                mother["date_of_birth"] + timedelta(days=rng.randint(-8 * 365, 8 * 365)),
            )
            if rng.random() < 0.45
            else None
        )
        for i, child in enumerate(children):
            self._relate(child, mother, "mother", pr=True)
            father = fathers[0 if father_count == 1 or i % 2 == 0 else 1]
            if father:
                self._relate(child, father, "father", pr=rng.random() < 0.7)
            self._relate(
                child,
                grandparent,
                "grandparent",
                connected=rng.random() < 0.3,
                outcome=rng.choice(("", "Viability assessment positive", "Viability assessment negative")),
            )
            if aunt:
                self._relate(child, aunt, "aunt_uncle", connected=rng.random() < 0.2)
        if len(children) == 1 and rng.random() < 0.15:
            adult = self._person(
                "sibling",
                self._pick(T.ADULT_NAMES),
                self.surname,
                mother["date_of_birth"] + timedelta(days=rng.randint(17 * 365, 22 * 365)),
                notes="Adult half-sibling, not looked after",
            )
            self._relate(children[0], adult, "sibling_half")

    # --- carers a family brings -------------------------------------------------------
    def kin_carer(self, since):
        """The connected person (grandparent) fostering the family's children, approved over time."""
        if self.kin is None:
            person = self.people.get("grandparent") or self._person(
                "grandparent", self._pick(T.ADULT_WOMEN), self.surname, None
            )
            temp = since
            carer = self._carer(
                "connected_person",
                f"{person['first_name']} {person['last_name']}",
                "PR1",
                person_id=person["id"],
                temporary_approval_start=temp,
                temporary_approval_extended_to=None,
                full_approval_date=None,
            )
            weeks = (self.today - temp).days / 7
            if weeks > 16:
                roll = self.rng.random()
                if roll < 0.65:
                    carer["full_approval_date"] = temp + timedelta(weeks=self.rng.randint(8, 16))
                elif roll < 1 - T.DRIFT["approval"] * 0.35 or weeks > 30:
                    carer["temporary_approval_extended_to"] = temp + timedelta(weeks=24)
                    if weeks > 24:
                        carer["full_approval_date"] = temp + timedelta(weeks=self.rng.randint(17, 24))
                # otherwise: neither approved nor extended, so the approval is overdue (drift a
                # team is still chasing: only for a placement of the last 30 weeks)
            if carer["full_approval_date"]:
                carer["approval_date"] = carer["full_approval_date"]
            self.kin = carer
        return self.kin

    def foster_carer(self):
        return self.rng.choice(self.council.pools["foster_carer"])

    def home(self, kind):
        return self.rng.choice(self.council.pools[kind])

    def parent(self):
        if self.parent_carer is None:
            mother = self.people.get("mother")
            name = f"{mother['first_name']} {mother['last_name']}" if mother else f"Parent {self.surname}"
            self.parent_carer = self._carer("parent", name, "PR0", person_id=mother and mother["id"])
        return self.parent_carer

    def adopter_carer(self, kind, approved):
        if self.adopters is None:
            names = self.rng.sample(T.ADULT_NAMES, 2)
            last = self._pick(T.LAST_NAMES["White" if self.rng.random() < 0.8 else self.group])
            self.adopters = self._carer(
                kind,
                f"{names[0]} and {names[1]} {last}",
                "PR1" if self.rng.random() < 0.7 else "PR5",
                approval_date=approved,
            )
        return self.adopters

    # --- statuses ---------------------------------------------------------------------
    _ceased = periods._ceased
    _edge = periods._edge
    _force = periods._force
    _looked_after = periods._looked_after
    _set_ages = periods._set_ages
    _unborn = periods._unborn
