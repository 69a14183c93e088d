"""The `matching:` section of a policy pack: which carers fit which plan, the weights of the
match score, and how ethnicity is treated (pure: no Django). Format: docs/policy-packs.md.

A pack inherits its parent's section (`extends:`) and replaces only the keys it gives, one
level deep (a pack may change one weight and keep the others).
"""

from dataclasses import dataclass
from functools import cache

import yaml

from permanence.timescales.policy import PolicyError, search_dirs

COMPONENTS = ("distance", "identity", "language", "experience", "preferences", "waiting")
ETHNICITY_USES = ("show", "weigh")
ETHNICITY_SOURCE = "Children and Families Act 2014 s3 (repealing Adoption and Children Act 2002 s1(5))"


@dataclass(frozen=True)
class MatchingPolicy:
    pack: str
    source: str
    approval_fits: dict[str, frozenset[str]]  # permanence option -> approval types that may care for the child
    weights: dict[str, float]  # component -> points (they need not sum to 100; scores are scaled)
    ideal_km: float  # at or within this distance, full points for distance
    far_km: float  # at or beyond, no points
    waiting_full_days: int  # a child waiting this long gets full points for waiting
    experience_full_years: float
    ethnicity: dict[str, str]  # permanence option (or "default") -> "show" or "weigh"
    one_family: frozenset[str]  # approval types that take one child or sibling group at a time
    shortlist_size: int

    def ethnicity_use(self, option: str) -> str:
        return self.ethnicity.get(option, self.ethnicity.get("default", "show"))

    @property
    def total_weight(self) -> float:
        return sum(self.weights.values())


def _read_section(name, seen=()):
    if name in seen:
        raise PolicyError(f"policy pack {name!r} extends itself through {' -> '.join(seen)}")
    for folder in search_dirs():
        path = folder / f"{name}.yaml"
        if path.is_file():
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            break
    else:
        raise PolicyError(f"unknown policy pack {name!r}")
    section = {}
    if data.get("extends"):
        section = _read_section(data["extends"], (*seen, name))
    for key, value in (data.get("matching") or {}).items():
        section[key] = (
            {**section[key], **value} if isinstance(value, dict) and isinstance(section.get(key), dict) else value
        )
    return section


@cache
def load_matching_policy(name):
    """The pack's matching section, checked; PolicyError names what is wrong."""
    raw = _read_section(name)
    where = f"{name}: matching"
    if not raw:
        raise PolicyError(f"{where}: the pack (or the pack it extends) needs a `matching:` section")
    for key in ("approval_fits", "weights", "distance_km", "ethnicity", "source"):
        if key not in raw:
            raise PolicyError(f"{where}: `{key}` is required")
    weights = raw["weights"]
    unknown = set(weights) - set(COMPONENTS)
    if unknown:
        raise PolicyError(
            f"{where}.weights: unknown component {', '.join(sorted(unknown))}; known: {', '.join(COMPONENTS)}"
        )
    if any(not isinstance(v, (int, float)) or v < 0 for v in weights.values()) or not sum(weights.values()):
        raise PolicyError(f"{where}.weights: each weight is a number of points, 0 or more, and not all 0")
    ethnicity = raw["ethnicity"]
    for option, use in ethnicity.items():
        if use not in ETHNICITY_USES:
            raise PolicyError(
                f"{where}.ethnicity.{option}: {use!r} is not allowed; use one of {', '.join(ETHNICITY_USES)} "
                "(ethnicity is never a hard constraint)"
            )
    if ethnicity.get("adoption", "show") != "show":
        raise PolicyError(
            f"{where}.ethnicity.adoption: for adoption, ethnicity is shown but never weighed or required "
            f"({ETHNICITY_SOURCE})"
        )
    ethnicity = {**ethnicity, "adoption": "show"}
    distance = raw["distance_km"]
    if not 0 <= distance.get("ideal", 0) < distance.get("far", 0):
        raise PolicyError(f"{where}.distance_km: needs `ideal` and `far` with 0 <= ideal < far")
    return MatchingPolicy(
        pack=name,
        source=raw["source"],
        approval_fits={k: tuple(v) for k, v in raw["approval_fits"].items()},
        weights={c: float(weights.get(c, 0)) for c in COMPONENTS},
        ideal_km=float(distance["ideal"]),
        far_km=float(distance["far"]),
        waiting_full_days=int(raw.get("waiting_full_days", 365)),
        experience_full_years=float(raw.get("experience_full_years", 5)),
        ethnicity=ethnicity,
        one_family=frozenset(raw.get("one_family", ())),
        shortlist_size=int(raw.get("shortlist_size", 10)),
    )
