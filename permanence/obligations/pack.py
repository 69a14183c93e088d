"""The policy pack this council runs."""

from django.conf import settings

from permanence.timescales import load_pack


def current_pack():
    """The policy pack this council runs (settings.PERMANENCE_POLICY)."""
    return load_pack(settings.PERMANENCE_POLICY)
