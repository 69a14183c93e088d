"""Which requests concern one child: read from the resolved URL, for every app's pages."""

# URL kwargs that carry a child's id directly.
CHILD_KWARGS = ("pk", "child_pk", "child_id")
# Child-scoped routes start with one of these (the `pk` of other routes is not a child).
CHILD_ROUTE_PREFIXES = (
    "children/<int:pk>",
    "children/<int:child_pk>",
    "children/<int:child_id>",
    "family-finding/children/<int:pk>",
)
# Pages about one item that belongs to a child: URL name -> (app_label.Model, kwarg, path to the
# child's id). The page is in scope only when every child the item concerns is (a match can
# place a sibling group).
ITEM_PAGES = {
    "clinic-item": ("meetings.ClinicItem", "item_pk", "child_id"),
    "agenda-item": ("meetings.AgendaItem", "item_pk", "child_id"),
    "panel-item": ("meetings.PanelItem", "item_pk", "child_id"),
    "panel-minutes": ("meetings.PanelItem", "item_pk", "child_id"),
    "adm-decision": ("meetings.PanelItem", "item_pk", "child_id"),
    "matching-match": ("matching.Match", "pk", "children__id"),
    "support-contact-session-new": ("support.ContactPlan", "pk", "child_id"),
    "support-action-done": ("support.SupportAction", "pk", "plan__child_id"),
    "action-done": ("meetings.Action", "action_pk", "child_id"),
}


def child_scoped(route, url_name=None):
    route = route or ""
    if url_name in ITEM_PAGES:
        return True
    if any(route.startswith(prefix) for prefix in CHILD_ROUTE_PREFIXES):
        return True
    return any(f"<int:{kwarg}>" in route for kwarg in ("child_pk", "child_id"))


def child_ids_for(match):
    """Every child a resolved URL is about (usually one; a match's sibling group), or []."""
    if match.url_name in ITEM_PAGES:
        from django.apps import apps

        label, kwarg, path = ITEM_PAGES[match.url_name]
        model = apps.get_model(label)
        ids = sorted(
            set(
                model.objects.filter(pk=match.kwargs.get(kwarg))
                .exclude(**{f"{path}__isnull": True})
                .values_list(path, flat=True)
            )
        )
        if not ids and not model.objects.filter(pk=match.kwargs.get(kwarg)).exists():
            raise LookupError(label)
        return ids
    child_id = child_id_for(match)
    return [] if child_id is None else [child_id]


def child_id_for(match):
    """The child a resolved URL is about, or None. Raises LookupError for a missing item."""
    if match.url_name in ITEM_PAGES:
        ids = child_ids_for(match)
        return ids[0] if ids else None
    if not child_scoped(match.route, match.url_name):
        return None
    for kwarg in ("child_pk", "child_id", "pk"):
        if kwarg in match.kwargs:
            return int(match.kwargs[kwarg])
    return None
