"""The SSDA903 tables and their columns, exactly as the standard (and the DfE validator's config) names them."""

COLUMNS = {
    "Header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "Episodes": [
        "CHILD",
        "DECOM",
        "RNE",
        "LS",
        "CIN",
        "PLACE",
        "PLACE_PROVIDER",
        "DEC",
        "REC",
        "REASON_PLACE_CHANGE",
        "HOME_POST",
        "PL_POST",
        "URN",
    ],
    "Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "UASC": ["CHILD", "SEX", "DOB", "DUC"],
    "OC2": [
        "CHILD",
        "DOB",
        "SDQ_SCORE",
        "SDQ_REASON",
        "CONVICTED",
        "HEALTH_CHECK",
        "IMMUNISATIONS",
        "TEETH_CHECK",
        "HEALTH_ASSESSMENT",
        "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ],
    "OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "AD1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "PlacedAdoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "PrevPerm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "Missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "SWEpisodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
    # Deprivation of liberty orders, collected from 2026-27.
    "DoLo": ["CHILD", "DOB", "DOLO_START", "DOLO_END"],
}
TABLES = list(COLUMNS)
FILE_NAMES = {table: f"{table}.csv" for table in TABLES}
DATE_FORMAT = "%d/%m/%Y"

# The collection years the product writes and reads, named by the 31 March they end on: from
# 2024-25 (SEX as M/F, the supported accommodation and Z1x placement codes) to 2026-27 (DoLo).
FIRST_YEAR = 2025
LAST_YEAR = 2027
# The first collection year each table is part of (absent: every year the product claims).
FIRST_YEAR_OF = {"DoLo": 2027}


def tables_for(year):
    """The tables of the return for a collection year, in the standard's order."""
    return [table for table in TABLES if FIRST_YEAR_OF.get(table, 0) <= year]


def year_problem(year):
    """Why the product cannot write or read a collection year, or None."""
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return (
            f"The product writes and reads the SSDA903 return for the years ending 31 March {FIRST_YEAR} "
            f"to 31 March {LAST_YEAR} ({FIRST_YEAR - 1}-{str(FIRST_YEAR)[2:]} to "
            f"{LAST_YEAR - 1}-{str(LAST_YEAR)[2:]}); {year} is not one of them."
        )
    return None


def year_label(year):
    """2026 -> '2025-26'."""
    return f"{year - 1}-{str(year)[2:]}"


def file_name(table):
    return FILE_NAMES[table]


def table_for_columns(columns):
    """Which table a file is, from its header row (the validator identifies uploads the same way)."""
    for table, expected in COLUMNS.items():
        if [c.strip() for c in columns] == expected:
            return table
    return None


# The widest value each column holds in the record (the standard's field widths); any other
# column holds at most DEFAULT_WIDTH characters. Longer values are reported, never truncated.
DEFAULT_WIDTH = 20
WIDTHS = {
    "UPN": 13,
    "MOTHER": 1,
    "HOME_POST": 10,
    "PL_POST": 10,
    "URN": 8,
    "SDQ_SCORE": 2,
    "SDQ_REASON": 4,
    "CONVICTED": 1,
    "HEALTH_CHECK": 1,
    "IMMUNISATIONS": 1,
    "TEETH_CHECK": 1,
    "HEALTH_ASSESSMENT": 1,
    "SUBSTANCE_MISUSE": 1,
    "INTERVENTION_RECEIVED": 1,
    "INTERVENTION_OFFERED": 1,
    "IN_TOUCH": 4,
    "ACTIV": 2,
    "ACCOM": 2,
    "FOSTER_CARE": 1,
    "NB_ADOPTR": 1,
    "SEX_ADOPTR": 2,
    "LS_ADOPTR": 3,
    "REASON_PLACED_CEASED": 3,
    "PREV_PERM": 2,
    "LA_PERM": 3,
    "DATE_PERM": 10,
    "SW_ID": 12,
    "SW_REASON": 8,
}
