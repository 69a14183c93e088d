"""Reads for clinics, tracking meetings, panels and the action log."""

from django.db.models import Count, Prefetch, Q

from . import choices
from .models import Action, Clinic, Panel, PanelItem, Referral, TrackingMeeting


def next_panels(ids, today):
    """The next panel each child is listed for, on or after `today`: {child id: date}, one query."""
    found = {}
    for child_id, when in (
        PanelItem.objects.filter(child_id__in=ids, panel__date__gte=today)
        .order_by("panel__date")
        .values_list("child_id", "panel__date")
    ):
        found.setdefault(child_id, when)
    return found


def open_actions_for(user):
    return Action.objects.filter(owner=user, done_on__isnull=True).select_related("child").order_by("due")


def open_actions_for_child(child):
    return Action.objects.filter(child=child, done_on__isnull=True).select_related("owner").order_by("due")


def waiting_referrals():
    return Referral.objects.filter(status=choices.WAITING).select_related("child", "referred_by").order_by("date")


def clinics():
    return (
        Clinic.objects.select_related("chair")
        .annotate(children=Count("items"), recorded_items=Count("items", filter=Q(items__recorded=True)))
        .order_by("-date")
    )


def clinic_items(clinic):
    return clinic.items.select_related("child", "referral", "referral__referred_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )


def tracking_meetings():
    return (
        TrackingMeeting.objects.select_related("chair")
        .annotate(children=Count("items"), discussed_items=Count("items", filter=Q(items__discussed=True)))
        .order_by("-date")
    )


def agenda(meeting):
    return (
        meeting.items.select_related("child")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
        .order_by("child__last_name", "child__first_name")
    )


def panels():
    return Panel.objects.select_related("chair").annotate(children=Count("items")).order_by("-date")


def panel_members(panel):
    """The panel's members and advisers: chair first, then members, then advisers."""
    order = {role: n for n, (role, _) in enumerate(choices.PANEL_ROLES)}
    return sorted(panel.members.select_related("person"), key=lambda m: (order.get(m.role, 99), m.pk))


def present_for(item):
    """Who took part in the item, as the minutes record them (chair first)."""
    minutes = getattr(item, "minutes", None)
    if minutes is None:
        return []
    order = {role: n for n, (role, _) in enumerate(choices.PANEL_ROLES)}
    return sorted(minutes.present.select_related("person"), key=lambda m: (order.get(m.role, 99), m.pk))


def panel_items(panel):
    return panel.items.select_related("child", "minutes", "adm_decision", "adm_decision__decided_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )


def awaiting_adm():
    """Items whose minutes have gone to the Agency Decision Maker and wait for their decision."""
    return (
        PanelItem.objects.filter(needs_adm=True, adm_decision__isnull=True, minutes__isnull=False)
        .exclude(minutes__outcome=choices.DEFERRED)
        .select_related("panel", "child", "minutes")
        .order_by("minutes__recorded_on", "pk")
    )


def child_meetings(child):
    """What the clinic, tracking meetings and panels have said and asked about one child."""
    return {
        "actions": list(Action.objects.filter(child=child).select_related("owner").order_by("done_on", "due")),
        "referrals": list(Referral.objects.filter(child=child).select_related("referred_by").order_by("-date")),
        "agenda_items": list(
            child.tracking_items.filter(discussed=True).select_related("meeting").order_by("-meeting__date")
        ),
        "panel_items": list(child.panel_items.select_related("panel", "adm_decision").order_by("-panel__date")),
        "reviews": list(child.reviews.select_related("decisions_report", "iro").order_by("-date")[:6]),
    }
