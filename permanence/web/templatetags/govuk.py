"""Template helpers in the GOV.UK style: dates as people write them, status tags, ages.

`{% load govuk %}` then `{{ review.date|govuk_date }}` gives "5 January 2026".
"""

from datetime import date, datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from permanence.codes.ethnicity import ETHNICITY
from permanence.codes.placement import PLACEMENT, group
from permanence.codes.sex import SEX
from permanence.text import counts
from permanence.timescales.dates import age_in_months, age_on

register = template.Library()

# Tag colours by the first letter of the SSDA903 legal status code. Colour only decorates:
# the tag's text always says the status in words.
LEGAL_STATUS_COLOURS = {
    "C": "blue",  # care orders
    "D": "purple",  # freeing order
    "E": "purple",  # placement order
    "J": "orange",  # youth justice
    "L": "red",  # emergency: police protection, EPO, child assessment order
    "V": "grey",  # accommodated under section 20 or short breaks
}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@register.filter(expects_localtime=True)
def govuk_date(value):
    """5 January 2026: no leading zero, month in full (GOV.UK style guide: dates). A moment in time
    is dated in the council's time (TIME_ZONE), as staff saw the clock: 00:30 on a summer morning
    in London is that morning, not the evening before in UTC."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


@register.filter(expects_localtime=True)
def short_date(value):
    """5 Jan 2026: what {{ value|date:"j M Y" }} writes, without building a formatter for each date
    (the child page writes dozens). Local time for a moment in time, as the date filter does."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {MONTHS[value.month - 1][:3]} {value.year}"


@register.filter(expects_localtime=True)
def iso_date(value):
    """2026-01-05, for a datetime attribute: what {{ value|date:"Y-m-d" }} writes, more cheaply."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat()


@register.filter
def age_words(child, today=None):
    """A child's age as a social worker says it: '7 months' under 2, otherwise whole years."""
    today = today or date.today()
    if child.date_of_birth is None:
        if child.expected_date_of_birth:
            return f"Unborn (due {govuk_date(child.expected_date_of_birth)})"
        return "Not known"
    years = age_on(child.date_of_birth, today)
    if years < 2:
        months = age_in_months(child.date_of_birth, today)
        return "1 month" if months == 1 else f"{max(months, 0)} months"
    return f"{years} years"


@register.filter
def legal_status_tag(label):
    """'C2 Full care order' as a GOV.UK tag; empty when the child is not looked after."""
    if not label:
        return ""
    colour = LEGAL_STATUS_COLOURS.get(label[:1], "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{} app-tag">{}</strong>', colour, label)


@register.simple_tag
def status_tag(text, colour="grey"):
    """Any short status ('Current', 'Superseded') as a GOV.UK tag."""
    return format_html('<strong class="govuk-tag govuk-tag--{} app-tag">{}</strong>', colour, text)


# An obligation's status as a tag: (colour, words). Anything else reads "Not applicable".
DUE_STATUS_TAGS = {
    "overdue": ("red", "Overdue"),
    "due_soon": ("yellow", "Due soon"),
    "upcoming": ("blue", "Upcoming"),
    "met": ("green", "Met"),
    "prompt": ("grey", "Suggested"),
}


@register.filter
def due_status_tag(status):
    """'overdue' -> a red "Overdue" tag: what is due, as the child page and the trackers show it."""
    colour, words = DUE_STATUS_TAGS.get(status, ("grey", "Not applicable"))
    return mark_safe(f'<strong class="govuk-tag govuk-tag--{colour}">{words}</strong>')


@register.filter
def day_count(value):
    """'1 day', '3,649 days': a count of days with thousands separated (every page says days this way)."""
    if value is None or value == "":
        return ""
    return counts.days(int(value))


@register.filter
def lower_first(value):
    """'Adoption plan (for the Agency Decision Maker)' -> 'adoption plan (for the Agency Decision Maker)':
    only the first letter, so names and acronyms inside the text keep their capitals."""
    text = str(value or "")
    if len(text) > 1 and text[1].isupper():
        return text  # an acronym first ('ADM', 'IRO')
    return text[:1].lower() + text[1:]


@register.filter
def yes_no(value):
    return "Yes" if value else "No"


@register.simple_tag(takes_context=True)
def page_url(context, number):
    """The current URL with ?page= set, keeping the other query parameters (such as q)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()


@register.simple_tag
def page_numbers(page):
    """Page numbers around the current page with ellipses, as GOV.UK pagination shows them."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.filter
def code_meaning(code, list_name):
    """The words for an SSDA903 code: {{ child.sex|code_meaning:"sex" }} gives "Female"."""

    code_list = {"sex": SEX, "ethnicity": ETHNICITY}[list_name]
    return code_list.meanings.get(code, "") if code else ""


@register.filter
def placement_kind(label):
    """'U6 Foster placement with ...' -> 'Foster care': the short form a caseload table needs."""

    code = label.split(" ", 1)[0] if label else ""
    return group(code) if code in PLACEMENT else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current URL's query with some parameters changed (and back to page 1), for sort links."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


@register.filter
def cell(value):
    """A tracker cell: dates the GOV.UK way, blanks as blanks, counts with thousands separated."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return govuk_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return counts.number(value)
    return value
