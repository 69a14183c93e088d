"""Postcode districts of the synthetic council and where they are (pure: no Django).

Distances are straight lines between district centres on a local grid in kilometres: good
enough to say "about 12 km from Oakford", never a route. A council replaces this table with its
own districts (a district's centroid is public reference data, not personal data).
"""

import math
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class District:
    code: str
    locality: str
    x_km: float
    y_km: float


DISTRICTS = {
    d.code: d
    for d in (
        District("TB1", "Thornbury Vale", 0.0, 0.0),
        District("TB2", "Northgate", 1.5, 6.0),
        District("TB3", "Castle Lees", -4.0, 2.5),
        District("TB4", "Millbrook", 6.0, -3.0),
        District("AM1", "Ashby Marsh", 14.0, 5.0),
        District("AM2", "Sandleigh", 19.0, -2.0),
        District("KG1", "Kettlewell Green", -12.0, 11.0),
        District("KG2", "Whitmore Heath", -18.0, 4.0),
        District("OK1", "Oakford", 8.0, 18.0),
        District("OK2", "Brampton Edge", 16.0, 24.0),
        District("HX1", "Holm Cross", -9.0, -14.0),
        District("FQ1", "Fairhaven Quay", 28.0, -16.0),
        # Out of area: neighbouring councils, for placements at a distance.
        District("XA1", "Out of area (north)", 4.0, 55.0),
        District("XB1", "Out of area (south-west)", -40.0, -38.0),
    )
}
BY_LOCALITY = {d.locality: d.code for d in DISTRICTS.values()}
LOCAL = tuple(code for code in DISTRICTS if not code.startswith("X"))
CHOICES = [(d.code, f"{d.code} ({d.locality})") for d in DISTRICTS.values()]


def district_of(postcode: str | None) -> str:
    """The district part of a postcode ("TB1 4QX" -> "TB1"), upper case; "" if none."""
    return (postcode or "").strip().upper().split(" ")[0]


@lru_cache(maxsize=4096)
def distance_km(a: str | None, b: str | None) -> float | None:
    """Kilometres between two district centres, or None when either is unknown."""
    da, db = DISTRICTS.get(district_of(a)), DISTRICTS.get(district_of(b))
    if da is None or db is None:
        return None
    return math.hypot(da.x_km - db.x_km, da.y_km - db.y_km)


def label(code: str | None) -> str:
    district = DISTRICTS.get(district_of(code))
    return f"{district.locality} ({district.code})" if district else (code or "not recorded")
