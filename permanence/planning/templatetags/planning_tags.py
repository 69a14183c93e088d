"""Template helpers for the planning forms: GOV.UK date inputs and checked boxes."""

from django import template

register = template.Library()


@register.simple_tag
def date_parts(bound_field):
    """{'day': .., 'month': .., 'year': ..} for a GovukDateField, from its initial or typed value."""
    return bound_field.field.parts(bound_field.value())


@register.filter
def is_chosen(value, bound_field):
    """Whether a radio or checkbox value is the one chosen (checkboxes: one of them)."""
    chosen = bound_field.value()
    if isinstance(chosen, (list, tuple)):
        return str(value) in [str(c) for c in chosen]
    return chosen is not None and str(value) == str(chosen)
