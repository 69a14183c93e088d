"""The one access policy for every way out: pages, lists, searches, agendas, packs, trackers,
family finding, sibling sections, downloads, the API and the admin all ask it.

`rules.visible_children(user)` says which children a person may see. Everything that lists or
names children filters through the functions here, so a child a person may not see is left
out (and, where the meeting needs to know, counted as "N records you cannot open"), never
named. Features call these from their selectors; a new list inherits the policy by using them.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef

from permanence.children.selectors import matching

from . import matrix
from .models import BreakGlassGrant, RestrictedRecord
from .rules import can_edit_child, can_view_child, is_restricted, visible_children

__all__ = [
    "Partition",
    "can_edit_child",
    "can_view_child",
    "hidden_count",
    "is_restricted",
    "limit",
    "may_see",
    "may_write",
    "partition",
    "restricted_for",
    "search_children",
    "siblings_for",
    "visible_children",
    "visible_ids",
]


def may_see(user, *, child="child"):
    """A condition on rows about a child (`child` is the path to it): the person may see that child.

    Asked of each row's own child (EXISTS ... WHERE pk = the row's child), so a list of a few rows
    costs a few look-ups by primary key. The same test written as `child IN (every child the
    person may see)` made SQLite work out visibility for every child on the record first: 10 to
    15 ms for a social worker's eight actions on a 5,000-child council."""
    return Exists(visible_children(user).filter(pk=OuterRef(child)))


def limit(queryset, user, *, child="child"):
    """`queryset` less the rows whose child (`child` is the path to it) the person may not see."""
    return queryset.filter(may_see(user, child=child))


def search_children(user, query):
    """The children this person may see that match `query` (every word part of a name or the whole
    council reference, `children.selectors.matching`), in name order, as a queryset not yet read.

    The one search: the search page and the API's list of children both call it, so the same words
    find the same children on either, and a child the person may not see is never among them.
    """
    return matching(visible_children(user), query).order_by("last_name", "first_name", "pk")


def hidden_count(queryset, user, *, child="child"):
    """How many rows of `queryset` are about children the person may not see (never which)."""
    return queryset.exclude(may_see(user, child=child)).count()


def visible_ids(user, ids):
    """The ids among `ids` of the children the person may see."""
    ids = {int(i) for i in ids if i is not None}
    if not ids:
        return set()
    return set(visible_children(user).filter(pk__in=ids).values_list("pk", flat=True))


def restricted_for(user, ids):
    """The ids among `ids` of restricted records the person is not named on and holds no live
    emergency access to: these are never named to them, even where case scope does not matter
    (a brother or sister on this child's record, the retention report)."""
    from django.utils import timezone

    ids = {int(i) for i in ids if i is not None}
    if not ids:
        return set()
    restricted = set(RestrictedRecord.objects.filter(child_id__in=ids).values_list("child_id", flat=True))
    if not restricted or not getattr(user, "is_authenticated", False):
        return restricted
    named = set(
        RestrictedRecord.objects.filter(child_id__in=restricted, permitted=user).values_list("child_id", flat=True)
    )
    granted = set(
        BreakGlassGrant.objects.filter(user=user, child_id__in=restricted, expires_at__gt=timezone.now()).values_list(
            "child_id", flat=True
        )
    )
    return restricted - named - granted


@dataclass
class Partition:
    """What a person may see of a list, and how many items were left out for them."""

    visible: list = field(default_factory=list)
    hidden: int = 0

    def __iter__(self):
        return iter(self.visible)

    def __len__(self):
        return len(self.visible)

    @property
    def hidden_text(self):
        if not self.hidden:
            return ""
        return f"{self.hidden} record{'' if self.hidden == 1 else 's'} you cannot open"


def partition(user, items, *, child_ids=lambda item: [item.child_id]):
    """Split an evaluated list: an item is shown only when the person may see every child it is
    about (a match or a suggested placement can be about a sibling group)."""
    items = list(items)
    wanted = {i for item in items for i in child_ids(item)}
    seen = visible_ids(user, wanted)
    result = Partition()
    for item in items:
        if all(i in seen for i in child_ids(item)):
            result.visible.append(item)
        else:
            result.hidden += 1
    return result


def may_write(user):
    """Whether the person's role records anything about children (the role matrix's edit_child):
    a read-only role is shown no form it could not submit."""
    return matrix.has(getattr(user, "role", None), matrix.EDIT_CHILD)


UNSEEN_SIBLING = "A brother or sister whose record you cannot open"


def siblings_for(user, siblings):
    """A child's brothers and sisters as this person may see them: one whose record they cannot
    open (restricted, or outside their case scope) is kept, so the child's family is whole, but
    shown unnamed and unlinked."""
    ids = [s.child.pk for s in siblings if s.child is not None]
    seen = visible_ids(user, ids)
    return [
        s if s.child is None or s.child.pk in seen else replace(s, name=UNSEEN_SIBLING, child=None, person=None)
        for s in siblings
    ]


def children_for(user, children):
    """The Child records among `children` the person may see, and how many were left out."""
    return partition(user, children, child_ids=lambda child: [child.pk])
