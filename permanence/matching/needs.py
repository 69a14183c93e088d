"""The needs a child may have and a carer may meet, each at a level (pure: no Django).

The areas follow Link Maker, the national adoption matching service, where adopters say which
needs they can meet at a low, medium or high level (KSS §3: child and carer profiles).
"""

NONE, LOW, MEDIUM, HIGH = 0, 1, 2, 3
LEVELS = [(NONE, "None"), (LOW, "Low"), (MEDIUM, "Medium"), (HIGH, "High")]
LEVEL_NAMES = dict(LEVELS)

NEEDS = [
    ("developmental_delay", "Developmental delay"),
    ("disability", "Disability"),
    ("health", "Health needs"),
    ("emotional_behavioural", "Emotional and behavioural needs"),
    ("birth_family_contact", "Contact with the birth family"),
    ("uncertain_future", "Uncertain future (for example, an unknown genetic or medical history)"),
]
NEED_NAMES = dict(NEEDS)
NEED_KEYS = tuple(NEED_NAMES)


def level_name(level: int | str | None) -> str:
    return LEVEL_NAMES.get(int(level or 0), str(level))


def clean_needs(raw):
    """{area: level} with only known areas and levels 0-3; unknown keys are refused."""
    out = {}
    for key, value in (raw or {}).items():
        if key not in NEED_NAMES:
            raise ValueError(f"{key!r} is not a need area; known: {', '.join(NEED_KEYS)}")
        level = int(value or 0)
        if level not in LEVEL_NAMES:
            raise ValueError(f"{NEED_NAMES[key]}: the level must be none, low, medium or high")
        if level:
            out[key] = level
    return out
