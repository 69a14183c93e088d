"""The council's policy pack is checked when the product starts: a name that is not a pack, or a
pack the loader refuses, stops `runserver`, `migrate` and the worker with the loader's message,
rather than the first page that works out what is due."""

from django.conf import settings
from django.core import checks

from permanence.timescales import PolicyError, load_pack


@checks.register()
def policy_pack(app_configs, **kwargs):
    name = getattr(settings, "PERMANENCE_POLICY", "england")
    try:
        load_pack(name)
    except PolicyError as error:
        return [
            checks.Error(
                f"PERMANENCE_POLICY={name!r}: {error}",
                hint="Set PERMANENCE_POLICY to a policy pack: england, leeds, camden, birmingham or the council's own "
                "(found in PERMANENCE_POLICY_DIRS). See docs/policy-packs.md.",
                id="permanence.E001",
            )
        ]
    return []
