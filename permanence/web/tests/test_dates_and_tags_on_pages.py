"""The child page writes dozens of dates and status tags: the short filters it uses write exactly
what Django's date filter and the status tag partial write, so a page reads the same everywhere."""

from datetime import UTC, date, datetime

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.utils import timezone as dj_timezone

from permanence.web.templatetags.govuk import due_status_tag, iso_date, short_date

EVERY_MONTH = [date(2026, month, day) for month in range(1, 13) for day in (1, 9, 28)]


def render(source, **context):
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize("day", EVERY_MONTH)
def test_a_due_date_reads_as_the_date_filter_writes_it(day):
    assert short_date(day) == django_date(day, "j M Y")
    assert iso_date(day) == django_date(day, "Y-m-d")


def test_a_missing_date_writes_nothing_so_a_default_can_say_so():
    assert short_date(None) == "" and iso_date(None) == ""
    assert render("{% load govuk %}{{ d|short_date|default:'No date yet' }}", d=None) == "No date yet"


def test_a_moment_late_on_a_summer_evening_is_dated_in_london_time():
    moment = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in London
    with dj_timezone.override("Europe/London"):
        assert render("{% load govuk %}{{ m|short_date }} {{ m|iso_date }}", m=moment) == "1 Jul 2026 2026-07-01"
        assert render("{{ m|date:'j M Y' }} {{ m|date:'Y-m-d' }}", m=moment) == "1 Jul 2026 2026-07-01"


def test_a_correction_made_just_after_midnight_in_summer_is_dated_that_morning():
    made = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 July in London
    with dj_timezone.override("Europe/London"):
        assert render("{% load govuk %}{{ m|govuk_date }}", m=made) == "2 July 2026"
    assert render("{% load govuk %}{{ d|govuk_date }}", d=date(2026, 7, 1)) == "1 July 2026"


@pytest.mark.parametrize(
    "status, tag",
    [
        ("overdue", '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'),
        ("due_soon", '<strong class="govuk-tag govuk-tag--yellow">Due soon</strong>'),
        ("upcoming", '<strong class="govuk-tag govuk-tag--blue">Upcoming</strong>'),
        ("met", '<strong class="govuk-tag govuk-tag--green">Met</strong>'),
        ("prompt", '<strong class="govuk-tag govuk-tag--grey">Suggested</strong>'),
        ("not_applicable", '<strong class="govuk-tag govuk-tag--grey">Not applicable</strong>'),
    ],
)
def test_each_status_of_what_is_due_has_its_words_and_colour(status, tag):
    assert due_status_tag(status) == tag
    assert render('{% include "tracking/_status_tag.html" %}', status=status).strip() == tag
