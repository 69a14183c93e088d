"""`{% family_finding_section child as ff %}`: what the child page's family-finding section shows."""

from django import template

from permanence.matching.selectors import family_finding_section as section

register = template.Library()


@register.simple_tag
def family_finding_section(child):
    return section(child)
