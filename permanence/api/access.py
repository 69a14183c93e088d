"""The web app's access rules, applied to API requests: the role matrix says what, case scope says whom."""

from permanence.access import matrix
from permanence.access.rules import is_restricted, visible_children
from permanence.audit import chain
from permanence.children.models import Child

from .errors import ApiError


def need(request, capability):
    role = getattr(request.user, "role", None)
    if not matrix.has(role, capability):
        raise ApiError(403, f"The role '{role}' cannot do this ({capability.replace('_', ' ')}).")


def recorded_view(child_id):
    """A look at a child's record through the API, in the same audit trail as a page view."""
    chain.append(action="view", child_id=child_id, **(chain.actor.get() or {}))


def child_for(request, child_id, *, edit=False):
    """The child, if the token's owner may see it (and change it, with `edit`); a read is audited."""
    need(request, matrix.EDIT_CHILD if edit else matrix.VIEW_CHILD)
    child = visible_children(request.user).filter(pk=child_id).first()
    if child is None:
        if not Child.objects.filter(pk=child_id).exists():
            raise ApiError(404, f"No child with id {child_id}.")
        if is_restricted(child_id):
            raise ApiError(403, "This child's record is restricted.", code="restricted")
        raise ApiError(
            403, "This child is not in your case access (allocation, team or role).", code="not_in_case_access"
        )
    if not edit:
        recorded_view(child.pk)
    return child


def item_for(request, model, item_id, *, edit=False, child_field="child"):
    """An item that belongs to a child (an episode, a plan ...), checked through its child."""
    child_id = model.objects.filter(pk=item_id).values_list(f"{child_field}_id", flat=True).first()
    if child_id is None:
        raise ApiError(404, f"No {model._meta.verbose_name} with id {item_id}.")
    child_for(request, child_id, edit=edit)
    return model.objects.get(pk=item_id)
