"""`{% child_voice child as voice %}`: what the child page's voice sections show, read once."""

from django import template

from permanence.voice.selectors import voice_page

register = template.Library()


@register.simple_tag
def child_voice(child):
    # Two sections of the child page read it: keep it on the child for the request.
    if not hasattr(child, "_voice_page"):
        child._voice_page = voice_page(child)
    return child._voice_page
