from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from permanence.accounts.models import User
from permanence.children.models import Child

from . import selectors


@login_required
def child_audit(request, pk):
    """Who has looked at this record, and what has changed (case access is checked centrally)."""
    child = get_object_or_404(Child, pk=pk)
    lookers = selectors.who_has_looked(child.pk)
    names = {u.pk: u for u in User.objects.filter(pk__in=[row["user_id"] for row in lookers])}
    for row in lookers:
        person = names.get(row["user_id"])
        row["name"] = (person.get_full_name() if person else "") or row["username"]
        row["role"] = person.role_name if person else ""
    return render(
        request,
        "audit/child_audit.html",
        {
            "child_id": child.pk,
            "lookers": lookers,
            "events": selectors.recent_events(child.pk),
        },
    )
