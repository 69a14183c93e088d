"""The SSDA903 tables and their columns, exactly as the standard (and the DfE validator's config) names them."""

COLUMNS = {
    "Header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "Episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "UASC": ["CHILD", "SEX", "DOB", "DUC"],
    "OC2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
            "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "OC3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "AD1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "PlacedAdoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "PrevPerm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "Missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "SWEpisodes": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}
TABLES = list(COLUMNS)
FILE_NAMES = {table: f"{table}.csv" for table in TABLES}
DATE_FORMAT = "%d/%m/%Y"


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
    "UPN": 13, "MOTHER": 1, "HOME_POST": 10, "PL_POST": 10, "URN": 8,
    "SDQ_SCORE": 2, "SDQ_REASON": 4, "CONVICTED": 1, "HEALTH_CHECK": 1, "IMMUNISATIONS": 1, "TEETH_CHECK": 1,
    "HEALTH_ASSESSMENT": 1, "SUBSTANCE_MISUSE": 1, "INTERVENTION_RECEIVED": 1, "INTERVENTION_OFFERED": 1,
    "IN_TOUCH": 4, "ACTIV": 2, "ACCOM": 2,
    "FOSTER_CARE": 1, "NB_ADOPTR": 1, "SEX_ADOPTR": 2, "LS_ADOPTR": 3, "REASON_PLACED_CEASED": 3,
    "PREV_PERM": 2, "LA_PERM": 3, "DATE_PERM": 10, "SW_ID": 12, "SW_REASON": 8,
}
