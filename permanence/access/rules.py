"""Case access: which children a person may see. One queryset function for every list,
one yes/no for every page. The role matrix (what a role may do) is in matrix.py.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from permanence.accounts.models import Team
from permanence.children.models import Allocation, Child

from . import matrix
from .links import ON_A_PANEL, PLAN_FOR_ADOPTION, PLAN_FOR_FAMILY_FINDING, linked
from .models import BreakGlassGrant, RestrictedRecord


def _managed_team_ids(user):
    ids = list(Team.objects.filter(manager=user).values_list("pk", flat=True))
    if user.team_id:
        ids.append(user.team_id)
    return ids


def _scope(user):
    """The role's case scope as a Q on Child (before restrictions), or None for no children."""
    role = user.role
    open_alloc = Allocation.objects.filter(child=OuterRef("pk"), end__isnull=True)
    mine = Exists(open_alloc.filter(worker=user))
    if role == matrix.SOCIAL_WORKER:
        team = Exists(open_alloc.filter(role=Allocation.SOCIAL_WORKER, team_id=user.team_id)) if user.team_id else None
        return Q(mine) | Q(team) if team is not None else Q(mine)
    if role == matrix.TEAM_MANAGER:
        return Q(mine) | Q(
            Exists(open_alloc.filter(role=Allocation.SOCIAL_WORKER, team_id__in=_managed_team_ids(user)))
        )
    if role == matrix.IRO:
        return Q(Exists(open_alloc.filter(worker=user, role=Allocation.IRO)))
    if role == matrix.FAMILY_FINDER:
        return Q(mine) | Q(linked(PLAN_FOR_FAMILY_FINDING))
    if role == matrix.PANEL_MEMBER:
        return Q(linked(ON_A_PANEL))
    if role == matrix.ADM:
        return Q(linked(ON_A_PANEL)) | Q(linked(PLAN_FOR_ADOPTION))
    if role in (matrix.SERVICE_MANAGER, matrix.PERFORMANCE_ANALYST):
        return Q()
    return None


def _grants(user, now=None):
    now = now or timezone.now()
    return BreakGlassGrant.objects.filter(user=user, expires_at__gt=now).values("child_id")


def visible_children(user, *, now=None):
    """Every list of children goes through this: the person's case scope, less restricted
    records they are not named on, plus any live break-glass grant. Analysts get their
    statistical population (the pages they reach pseudonymise it)."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    scope = _scope(user)
    grants = Q(pk__in=_grants(user, now))
    restricted = RestrictedRecord.objects.filter(child=OuterRef("pk"))
    permitted = Q(Exists(restricted.filter(permitted=user)))
    if scope is None:
        return Child.objects.filter(grants | permitted)
    return Child.objects.filter((scope & ~Q(Exists(restricted))) | permitted | grants)


def can_view_child(user, child_id, *, now=None):
    """Whether `user` may open the record of child `child_id`."""
    if not matrix.has(getattr(user, "role", None), matrix.VIEW_CHILD):
        return False
    return visible_children(user, now=now).filter(pk=child_id).exists()


def can_edit_child(user, child_id, *, now=None):
    return matrix.has(getattr(user, "role", None), matrix.EDIT_CHILD) and can_view_child(user, child_id, now=now)


def is_restricted(child_id):
    return RestrictedRecord.objects.filter(child_id=child_id).exists()
