"""`{% support_section child obligations as s %}`: what the child page's stability and support section shows."""

from django import template

from permanence.support.selectors import support_summary

register = template.Library()


@register.simple_tag
def support_section(child, obligations=None):
    return support_summary(child, obligations=obligations or None)
