"""A count of days reads the same on every page: '3,649 days', never '3649' on one page and
'3,649' on another (one template filter, one pure helper behind it)."""

import re
from datetime import date
from pathlib import Path

from permanence.text import counts
from permanence.web.templatetags.govuk import cell, day_count

ROOT = Path(__file__).resolve().parents[3]


def test_a_count_of_days_has_its_thousands_separated():
    assert counts.days(1) == "1 day"
    assert counts.days(0) == "0 days"
    assert counts.days(3649) == "3,649 days"
    assert day_count(3649) == "3,649 days"
    assert day_count(None) == ""


def test_a_tracker_cell_separates_thousands_and_leaves_dates_and_words_alone():
    assert cell(3649) == "3,649"
    assert cell(12) == "12"
    assert cell(date(2026, 1, 5)) == "5 January 2026"
    assert cell("Adoption") == "Adoption"
    assert cell(True) is True


def test_no_page_writes_a_count_of_days_without_the_filter():
    """Every template variable that holds days (days_*, *_days) goes through day_count, except
    as the value of an attribute (data-days="..." is for sorting, not for reading)."""
    bare = []
    for path in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "permanence").rglob("*.html")]:
        for expression in re.findall(r'(?<!=")(?<!=)\{\{\s*([^}]*?)\s*}}', path.read_text()):
            variable = expression.split("|")[0]
            if re.search(r"(^|\.)days_\w+|_days\b", variable) and "day_count" not in expression:
                bare.append(f"{path.relative_to(ROOT)}: {{{{ {expression} }}}}")
    assert not bare, bare
