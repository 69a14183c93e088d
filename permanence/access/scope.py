"""Which requests concern one child: read from the resolved URL, for every app's pages."""

# URL kwargs that carry a child's id directly.
CHILD_KWARGS = ("pk", "child_pk", "child_id")
# Child-scoped routes start with one of these (the `pk` of other routes is not a child).
CHILD_ROUTE_PREFIXES = ("children/<int:pk>", "children/<int:child_pk>", "children/<int:child_id>",
                        "family-finding/children/<int:pk>")
# Pages about one item that belongs to a child: URL name -> (app_label.Model, kwarg).
ITEM_PAGES = {
    "clinic-item": ("meetings.ClinicItem", "item_pk"),
    "agenda-item": ("meetings.AgendaItem", "item_pk"),
    "panel-item": ("meetings.PanelItem", "item_pk"),
}


def child_scoped(route, url_name=None):
    route = route or ""
    if url_name in ITEM_PAGES:
        return True
    if any(route.startswith(prefix) for prefix in CHILD_ROUTE_PREFIXES):
        return True
    return any(f"<int:{kwarg}>" in route for kwarg in ("child_pk", "child_id"))


def child_id_for(match):
    """The child a resolved URL is about, or None. Raises LookupError for a missing item."""
    if match.url_name in ITEM_PAGES:
        from django.apps import apps

        label, kwarg = ITEM_PAGES[match.url_name]
        model = apps.get_model(label)
        child_id = model.objects.filter(pk=match.kwargs.get(kwarg)).values_list("child_id", flat=True).first()
        if child_id is None:
            raise LookupError(label)
        return child_id
    if not child_scoped(match.route, match.url_name):
        return None
    for kwarg in ("child_pk", "child_id", "pk"):
        if kwarg in match.kwargs:
            return int(match.kwargs[kwarg])
    return None
