"""`{% sibling_section child as s %}`: what the child page's sibling decision section shows."""

from django import template

from permanence.siblings.selectors import sibling_summary

register = template.Library()


@register.simple_tag
def sibling_section(child):
    return sibling_summary(child)
