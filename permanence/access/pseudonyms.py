"""Pseudonyms for performance analysts: stable, not reversible without the pseudonym key."""

import hashlib
import hmac

from django.conf import settings

from . import matrix


def _key():
    # Production refuses to start without PERMANENCE_PSEUDONYM_KEY (config/settings.py); a laptop uses SECRET_KEY.
    return (getattr(settings, "PERMANENCE_PSEUDONYM_KEY", "") or settings.SECRET_KEY).encode()


def pseudonym(child_id):
    digest = hmac.new(_key(), f"child:{child_id}".encode(), hashlib.sha256).hexdigest()
    return f"P-{digest[:10].upper()}"


def pseudonymise(child):
    """Replace a Child instance's identifying fields in memory; the instance then refuses to save."""
    if getattr(child, "_pseudonymised", False):
        return child
    name = pseudonym(child.pk)
    child.first_name, child.last_name, child.council_reference, child.upn = "Child", name, name, ""
    if child.date_of_birth:
        child.date_of_birth = child.date_of_birth.replace(day=1)  # age stays right to the month
    child._pseudonymised = True
    return child


def applies_to(user):
    return getattr(user, "is_authenticated", False) and matrix.has(getattr(user, "role", None), matrix.PSEUDONYMISED)


# Obligations whose title quotes words someone typed (a meeting action's description can name
# the child or their family): an analyst sees only what kind of obligation it is.
FREE_TEXT_RULES = ("meeting-actions",)


def obligation(found):
    """An obligation as a pseudonymised reader sees it: no typed words in its title."""
    from dataclasses import replace

    if any(found.rule == rule or found.rule.endswith(f":{rule}") for rule in FREE_TEXT_RULES):
        return replace(found, title=found.title.partition(":")[0] or "Meeting action")
    return found
