"""Helpers for GOV.UK form fields: the first control's id, and a date input's value."""

from datetime import date

from django import template

register = template.Library()


@register.filter
def first_input_id(field):
    """id_<name>: the single input, the day of a date, or the first radio or checkbox."""
    return field.auto_id or f"id_{field.html_name}"


@register.filter
def date_value(value):
    """A date input's value: ISO for a date, the typed text otherwise (so bad input is shown back)."""
    if isinstance(value, date):
        return value.isoformat()
    return value or ""
