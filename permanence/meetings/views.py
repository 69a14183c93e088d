"""Pages for the clinic, the monthly tracking meeting, the panel and ADM, and the action log. Thin:
forms validate, services write, selectors read."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from permanence.access import matrix, policy
from permanence.access.middleware import denied
from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import versions
from permanence.children.models import Child, Review

from . import agenda_rules, choices, forms, quorum, selectors, services
from .models import Action, AgendaItem, Clinic, ClinicItem, Escalation, Panel, PanelItem, Referral, TrackingMeeting


def _seen(request, items):
    """The items about children the person may see, and how many were left out (never which)."""
    return policy.partition(request.user, items)


def _posted(request):
    """The form's data when posted, even if empty (an empty form must be refused, never ignored)."""
    return request.POST if request.method == "POST" else None


def _apply(form, write, *, request=None, record=None):
    """Run a service write; its ValidationError becomes field errors on the form. True when it worked.

    With `record`: an edit of that record, made on the version the form carries. Someone else's
    save since then refuses it (`form.stale` says whose, when and what) and nothing is written."""
    try:
        if record is None:
            return write() or True
        with versions.editing(record=record, version=request.POST.get("version"), by=request.user):
            return write() or True
    except versions.StaleRecord as refused:
        form.stale = refused
        return False
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return False


def _edit_page(request, template, context, *, form, record):
    """An edit page: the form carries the record's version, and a refused stale save shows the
    other person's change (HTTP 409) with what this person typed still in the form."""
    stale = getattr(form, "stale", None)
    context = {**context, "stale": stale, "version": versions.form_version(request, record, stale)}
    return render(request, template, context, status=409 if stale else 200)


def _action_form(request, *, child, forum, set_on, redirect_to, **source):
    """Handle the 'add an action' form shared by every meeting page. Returns (form, response)."""
    if request.method == "POST" and request.POST.get("form") == "action":
        form = forms.ActionForm(request.POST, prefix="action")
        if form.is_valid() and _apply(
            form,
            lambda: services.action_create(
                child=child, forum=forum, set_on=set_on, by=request.user, **form.cleaned_data, **source
            ),
        ):
            messages.success(request, f"Action added for {form.cleaned_data['owner']}.")
            return form, redirect(redirect_to)
        return form, None
    return forms.ActionForm(
        prefix="action",
        initial={
            "owner": child.allocations.filter(end__isnull=True, role="social_worker")
            .values_list("worker", flat=True)
            .first()
        },
    ), None


@login_required
def home(request):
    return render(
        request,
        "meetings/home.html",
        {
            "waiting": selectors.waiting_referrals().count(),
            "clinic": selectors.clinics().first(),
            "meeting": selectors.tracking_meetings().first(),
            "panel": selectors.panels().first(),
            "awaiting_adm": selectors.awaiting_adm().count(),
            "actions": selectors.open_actions_for(request.user).count(),
            "escalations": len(selectors.escalations(request.user)),
        },
    )


# --- clinic -------------------------------------------------------------------------------------


@login_required
def refer(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = forms.ReferralForm(_posted(request), initial={"date": date.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.referral_create(child=child, by=request.user, **form.cleaned_data))
    ):
        messages.success(request, f"{child.full_name} has been referred to the permanence planning clinic.")
        return redirect("child-detail", pk)
    return render(request, "meetings/refer.html", {"child": child, "form": form})


@login_required
def clinic_list(request):
    form = forms.ClinicForm(_posted(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.clinic_create(**form.cleaned_data))
    ):
        clinic = Clinic.objects.get(date=form.cleaned_data["date"])
        return redirect("clinic-detail", clinic.pk)
    page = Paginator(selectors.clinics(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/clinic_list.html",
        {"form": form, "page": page, "waiting": _seen(request, selectors.waiting_referrals())},
    )


@login_required
def clinic_detail(request, pk):
    clinic = get_object_or_404(Clinic, pk=pk)
    if request.method == "POST":
        referral = get_object_or_404(Referral, pk=request.POST.get("referral"))
        try:
            services.clinic_list(clinic=clinic, referral=referral)
            messages.success(request, f"{referral.child.full_name} is on this clinic's list.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("clinic-detail", pk)
    items = _seen(request, selectors.clinic_items(clinic))
    return render(
        request,
        "meetings/clinic_detail.html",
        {
            "clinic": clinic,
            "items": [(item, services.attendance_warnings(item)) for item in items],
            "hidden": items.hidden_text,
            "waiting": _seen(request, selectors.waiting_referrals()),
        },
    )


@login_required
def clinic_item(request, pk, item_pk):
    item = get_object_or_404(ClinicItem.objects.select_related("clinic", "child", "referral"), pk=item_pk, clinic_id=pk)
    url = reverse("clinic-item", args=[pk, item_pk])
    action_form, done = _action_form(
        request, child=item.child, forum="clinic", set_on=item.clinic.date, redirect_to=url, clinic_item=item
    )
    if done:
        return done
    initial = {
        "iro_or_chair_present": "" if item.iro_or_chair_present is None else str(item.iro_or_chair_present),
        "worker_or_manager_present": ""
        if item.worker_or_manager_present is None
        else str(item.worker_or_manager_present),
        "attendees": item.attendees,
        "options_discussed": item.options_discussed,
        "agreed_plan": item.agreed_plan,
        "notes": item.notes,
    }
    posted = request.method == "POST" and request.POST.get("form") == "record"
    form = forms.ClinicItemForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        warnings = []
        if _apply(
            form,
            lambda: warnings.extend(services.clinic_item_record(item=item, **form.cleaned_data)),
            request=request,
            record=item,
        ):
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, f"The clinic's discussion of {item.child.full_name} has been recorded.")
            return redirect(url)
    return _edit_page(
        request,
        "meetings/clinic_item.html",
        {
            "item": item,
            "form": form,
            "action_form": action_form,
            "warnings": services.attendance_warnings(item),
            "actions": item.actions.select_related("owner"),
        },
        form=form,
        record=item,
    )


# --- monthly tracking meeting --------------------------------------------------------------------


@login_required
def tracking_list(request):
    form = forms.TrackingMeetingForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        created = []
        if _apply(form, lambda: created.append(services.tracking_meeting_create(**form.cleaned_data))):
            messages.success(
                request, f"The agenda has {created[0].items.count()} children on it, built from the record."
            )
            return redirect("tracking-detail", created[0].pk)
    page = Paginator(selectors.tracking_meetings(), 20).get_page(request.GET.get("page"))
    return render(request, "meetings/tracking_list.html", {"form": form, "page": page})


@login_required
def tracking_detail(request, pk):
    meeting = get_object_or_404(TrackingMeeting, pk=pk)
    if request.method == "POST":
        if request.POST.get("do") == "refresh":
            added = services.agenda_refresh(meeting, today=max(date.today(), meeting.date))
            messages.success(
                request, f"Agenda brought up to date: {added} {'child' if added == 1 else 'children'} added."
            )
        elif request.POST.get("do") == "close":
            try:
                services.tracking_meeting_close(meeting)
                messages.success(request, "The meeting is closed. Its record and actions are kept.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        return redirect("tracking-detail", pk)
    filter_form = forms.AgendaFilterForm(request.GET or None)
    rows, hidden, last = selectors.agenda_rows(meeting, request.user, **filter_form.filters())
    return render(
        request,
        "meetings/tracking_detail.html",
        {
            "meeting": meeting,
            "filter_form": filter_form,
            "filtered": filter_form.is_bound and filter_form.is_valid() and any(filter_form.filters().values()),
            "query": request.GET.urlencode(),
            "rows": rows,
            "hidden": hidden,
            "last": last,
            "counts": selectors.agenda_counts(rows),
            "discussed": sum(row.item.discussed for row in rows),
            "rules": agenda_rules.RULES,
        },
    )


@login_required
def agenda_item(request, pk, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "child"), pk=item_pk, meeting_id=pk)
    url = reverse("agenda-item", args=[pk, item_pk])
    action_form, done = _action_form(
        request, child=item.child, forum="tracking_meeting", set_on=item.meeting.date, redirect_to=url, agenda_item=item
    )
    if done:
        return done
    posted = request.method == "POST" and request.POST.get("form") == "record"
    form = forms.AgendaItemForm(
        request.POST if posted else None, initial={"discussion": item.discussion, "decision": item.decision}
    )
    if (
        posted
        and form.is_valid()
        and _apply(
            form, lambda: services.agenda_item_record(item=item, **form.cleaned_data), request=request, record=item
        )
    ):
        messages.success(request, f"Recorded for {item.child.full_name}.")
        following = next_item(item, request.user)
        return redirect(
            reverse("agenda-item", args=[pk, following.pk]) if following and "next" in request.POST else url
        )
    return _edit_page(
        request,
        "meetings/agenda_item.html",
        {
            "item": item,
            "form": form,
            "action_form": action_form,
            "actions": item.actions.select_related("owner"),
            "next_item": next_item(item, request.user),
        },
        form=form,
        record=item,
    )


def next_item(item, user):
    """The next child on the agenda not yet discussed."""
    return next((i for i in selectors.agenda(item.meeting, user) if not i.discussed and i.pk != item.pk), None)


@login_required
def tracking_pack(request, pk):
    meeting = get_object_or_404(TrackingMeeting, pk=pk)
    filter_form = forms.AgendaFilterForm(request.GET or None)
    filters = filter_form.filters()
    rows, hidden, last = selectors.agenda_rows(meeting, request.user, **filters)
    return render(
        request,
        "meetings/tracking_pack.html",
        {
            "meeting": meeting,
            "only": filter_form.cleaned_data if any(filters.values()) else None,
            "rows": rows,
            "hidden": hidden,
            "last": last,
            "counts": selectors.agenda_counts(rows),
            "rules": agenda_rules.RULES,
        },
    )


# --- panel and ADM ---------------------------------------------------------------------------------


@login_required
def panel_list(request):
    page = Paginator(selectors.panels(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/panel_list.html",
        {
            "page": page,
            "awaiting_adm": _seen(request, selectors.awaiting_adm()),
            "can_arrange": matrix.has(request.user.role, matrix.PANEL_ARRANGE),
        },
    )


def _panel_candidates():
    """Who may sit on a panel: the people whose role is the permanence panel's (chair, members, advisers)."""
    return User.objects.filter(is_active=True, role=roles.PANEL_MEMBER).order_by("last_name", "first_name")


@login_required
def panel_new(request):
    form = forms.PanelForm(_posted(request), candidates=_panel_candidates())
    created = []
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: created.append(services.panel_create(**form.service_values())))
    ):
        messages.success(request, f"The panel on {created[0].date:%d %B %Y} is set up.")
        return redirect("panel-detail", created[0].pk)
    return render(request, "meetings/panel_new.html", {"form": form})


@login_required
def panel_detail(request, pk):
    panel = get_object_or_404(Panel, pk=pk)
    members = list(selectors.panel_members(panel))
    return render(
        request,
        "meetings/panel_detail.html",
        {
            "panel": panel,
            "items": (items := _seen(request, selectors.panel_items(panel))),
            "hidden": items.hidden_text,
            "members": members,
            "quorum": quorum.quorum([m.role for m in members]),
            "quorum_source": quorum.SOURCE,
        },
    )


@login_required
def add_to_panel(request, pk):
    child = get_object_or_404(Child, pk=pk)
    panels = Panel.objects.filter(date__gte=date.today()).order_by("date")
    form = forms.PanelItemForm(_posted(request))
    panel_id = request.POST.get("panel") if request.method == "POST" else None
    if request.method == "POST":
        panel = panels.filter(pk=panel_id).first()
        if panel is None:
            form.add_error(None, "Choose a panel date")
        elif form.is_valid() and _apply(
            form,
            lambda: services.panel_item_add(
                panel=panel, child=child, matter=form.cleaned_data["matter"], papers=form.cleaned_data["papers"]
            ),
        ):
            messages.success(request, f"{child.full_name} is on the agenda of the panel on {panel.date:%d %B %Y}.")
            return redirect("panel-detail", panel.pk)
    return render(
        request, "meetings/add_to_panel.html", {"child": child, "form": form, "panels": panels, "panel_id": panel_id}
    )


def _item(pk, item_pk):
    return get_object_or_404(
        PanelItem.objects.select_related("panel", "child", "minutes__recorded_by", "adm_decision__decided_by"),
        pk=item_pk,
        panel_id=pk,
    )


# Why a form cannot be used: NOT_YOURS (403) for the person, NOT_NOW (409) for where the item has got to.
NOT_YOURS, NOT_NOW = 403, 409


def _may_record(user, item):
    """(None, "") when the person may record the item's minutes now, else (status, the real reason)."""
    if not matrix.has(user.role, matrix.PANEL_RECORD):
        return NOT_YOURS, "The panel's minutes are recorded by its chair, a vice chair or its agency adviser."
    if services.recording_seat(item.panel, user) is None:
        return NOT_YOURS, (
            f"You are not the chair, a vice chair or the agency adviser of the panel on {item.panel.date:%d %B %Y}: "
            "they record its minutes and recommendation."
        )
    if item.panel.date > date.today():
        return NOT_NOW, (
            f"The panel on {item.panel.date:%d %B %Y} has not met yet: its minutes are recorded after it meets."
        )
    if hasattr(item, "minutes"):
        return NOT_NOW, f"The minutes for this item were recorded on {item.minutes.recorded_on:%d %B %Y}."
    return None, ""


def _may_decide(user, item):
    """(None, "") when the person may record the decision now, else (status, the real reason)."""
    if not matrix.has(user.role, matrix.ADM_DECIDE):
        return NOT_YOURS, "Only the Agency Decision Maker decides on the panel's recommendation."
    if not item.needs_adm:
        return NOT_NOW, "The panel decides this matter itself: its decision is in its minutes."
    minutes = getattr(item, "minutes", None)
    if minutes is None:
        return (
            NOT_NOW,
            "The panel has not recorded its minutes and recommendation yet: you decide having considered them.",
        )
    if minutes.outcome == choices.DEFERRED:
        return NOT_NOW, "The panel deferred this item: there is no recommendation to decide on."
    if hasattr(item, "adm_decision"):
        return NOT_NOW, f"The decision was recorded on {item.adm_decision.date:%d %B %Y}."
    return None, ""


@login_required
def panel_item(request, pk, item_pk):
    item = _item(pk, item_pk)
    url = reverse("panel-item", args=[pk, item_pk])
    action_form, done = _action_form(
        request, child=item.child, forum="panel", set_on=item.panel.date, redirect_to=url, panel_item=item
    )
    if done:
        return done
    may_record = _may_record(request.user, item)[0] is None
    may_decide = _may_decide(request.user, item)[0] is None
    return render(
        request,
        "meetings/panel_item.html",
        {
            "item": item,
            "minutes": getattr(item, "minutes", None),
            "present": selectors.present_for(item),
            "adm_decision": getattr(item, "adm_decision", None),
            "may_record": may_record,
            "may_decide": may_decide,
            "can_add_actions": matrix.has(request.user.role, matrix.EDIT_CHILD),
            "action_form": action_form,
            "actions": item.actions.select_related("owner"),
            "analyses": item.child.options_analyses.order_by("-date", "-pk"),
            "earlier": services.earlier_should_be_placed(item),
            "panel_source": choices.PANEL_SOURCE,
            "adm_source": choices.ADM_SOURCE,
        },
    )


def _cannot(request, item, status, reason):
    # A save refused because someone else got there first also shows what they saved, and when.
    stale = (
        versions.stale_since(record=item, version=request.POST.get("version"))
        if request.method == "POST" and status == NOT_NOW
        else None
    )
    return render(
        request, "meetings/panel_cannot.html", {"item": item, "reason": reason, "stale": stale}, status=status
    )


@login_required
def panel_minutes(request, pk, item_pk):
    item = _item(pk, item_pk)
    status, reason = _may_record(request.user, item)
    if status:
        return _cannot(request, item, status, reason)
    members = list(selectors.panel_members(item.panel))
    form = forms.PanelMinutesForm(_posted(request), panel=item.panel, initial={"present": [m.pk for m in members]})
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.panel_minutes_record(item=item, by=request.user, **form.cleaned_data),
            request=request,
            record=item,
        )
    ):
        messages.success(request, f"The panel's minutes for {item.child.full_name} are recorded.")
        return redirect("panel-item", pk, item_pk)
    return _edit_page(
        request,
        "meetings/panel_minutes.html",
        {
            "item": item,
            "form": form,
            "quorum_source": quorum.SOURCE,
            "panel_source": choices.PANEL_SOURCE,
            "leeds_source": choices.LEEDS_PANEL_SOURCE,
        },
        form=form,
        record=item,
    )


@login_required
def adm_decision(request, pk, item_pk):
    item = _item(pk, item_pk)
    status, reason = _may_decide(request.user, item)
    if status:
        return _cannot(request, item, status, reason)
    form = forms.ADMDecisionForm(_posted(request), item=item)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.adm_decide(item=item, by=request.user, **form.cleaned_data),
            request=request,
            record=item,
        )
    ):
        messages.success(request, "The Agency Decision Maker's decision has been recorded.")
        return redirect("panel-item", pk, item_pk)
    return _edit_page(
        request,
        "meetings/adm_decision.html",
        {
            "item": item,
            "form": form,
            "minutes": item.minutes,
            "present": selectors.present_for(item),
            "earlier": services.earlier_should_be_placed(item),
            "adm_source": choices.ADM_SOURCE,
        },
        form=form,
        record=item,
    )


# --- IRO decisions report --------------------------------------------------------------------------


@login_required
def decisions_report(request, pk, review_pk):
    review = get_object_or_404(Review.objects.select_related("child"), pk=review_pk, child_id=pk)
    existing = getattr(review, "decisions_report", None)
    initial = (
        {
            "issued": existing.issued,
            "plan_outcome": existing.plan_outcome,
            "plan_change": existing.plan_change,
            "child_views": existing.child_views,
            "decisions": existing.decisions,
            "permanence_plan_recorded": existing.permanence_plan_recorded,
            "twin_track_considered": existing.twin_track_considered,
        }
        if existing
        else {"issued": date.today()}
    )
    form = forms.IRODecisionsReportForm(
        _posted(request), initial=initial, needs_decision=not (existing and existing.actions.exists())
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: services.iro_report_record(review=review, iro=request.user, **form.service_values()),
            request=request,
            record=existing,  # a report already written is changed on the version the IRO read
        )
    ):
        messages.success(
            request, f"The IRO decisions report for the review of {review.date:%d %B %Y} has been recorded."
        )
        return redirect("child-detail", pk)
    context = {
        "review": review,
        "child": review.child,
        "form": form,
        "existing": existing,
        "actions": existing.actions.select_related("owner") if existing else [],
        "source": choices.REPORT_SOURCE,
        "plan": selectors.plan_at_review(review.child, review.date),
    }
    if existing is None:
        return render(request, "meetings/decisions_report.html", context)
    return _edit_page(request, "meetings/decisions_report.html", context, form=form, record=existing)


# --- the IRO's desk and escalation -----------------------------------------------------------------


DESK_PAGE_SIZE = 50


@login_required
def iro_desk(request):
    mine = request.user.role == roles.IRO
    filter_form = None if mine else forms.IRODeskFilterForm(request.GET or None)
    chosen = filter_form.cleaned_data.get("iro") if filter_form and filter_form.is_valid() else None
    rows = selectors.iro_desk(request.user, iro=request.user if mine else chosen)
    return render(
        request,
        "meetings/iro_desk.html",
        {
            "rows": rows,
            "page": Paginator(rows, DESK_PAGE_SIZE).get_page(request.GET.get("page")),
            "filter_form": filter_form,
            "chosen": chosen,
            "mine": mine,
            "today": date.today(),
            "escalations": selectors.escalations(request.user),
            "stages": choices.ESCALATION_STAGE_NAMES,
            "source": choices.ESCALATION_SOURCE,
        },
    )


@login_required
def escalation_new(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = forms.EscalationForm(_posted(request), initial={"raised_on": date.today(), "stage": "informal"})
    created = []
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form,
            lambda: created.append(services.escalation_raise(child=child, by=request.user, **form.cleaned_data)),
        )
    ):
        messages.success(request, f"The concern about {child.full_name}'s plan is recorded as an escalation.")
        return redirect("escalation-detail", pk, created[0].pk)
    return render(
        request, "meetings/escalation_new.html", {"child": child, "form": form, "source": choices.ESCALATION_SOURCE}
    )


@login_required
def escalation_detail(request, pk, escalation_pk):
    escalation = get_object_or_404(
        Escalation.objects.select_related("child", "raised_by"), pk=escalation_pk, child_id=pk
    )
    form = forms.EscalationUpdateForm(_posted(request), initial={"on": date.today()}, current=escalation.stage)
    if request.method == "POST":
        if not matrix.has(request.user.role, matrix.RECORD_REVIEW):
            return denied(request, child_id=pk)
        if form.is_valid() and _apply(
            form,
            lambda: services.escalation_update(escalation=escalation, **form.service_values()),
            request=request,
            record=escalation,
        ):
            messages.success(request, "Recorded.")
            return redirect("escalation-detail", pk, escalation_pk)
    history = [
        {
            "stage": choices.ESCALATION_STAGE_NAMES.get(step["stage"], step["stage"]),
            "date": date.fromisoformat(step["date"]),
            "note": step["note"],
        }
        for step in escalation.history
    ]
    return _edit_page(
        request,
        "meetings/escalation_detail.html",
        {
            "escalation": escalation,
            "child": escalation.child,
            "history": history,
            "form": form,
            "is_open": escalation.outcome == choices.ESCALATION_OPEN,
            "may_update": matrix.has(request.user.role, matrix.RECORD_REVIEW),
            "stage_name": choices.ESCALATION_STAGE_NAMES[escalation.stage],
            "outcome_name": choices.ESCALATION_OUTCOME_NAMES[escalation.outcome],
            "source": choices.ESCALATION_SOURCE,
        },
        form=form,
        record=escalation,
    )


# --- actions ----------------------------------------------------------------------------------------


@login_required
def my_actions(request):
    page = Paginator(selectors.open_actions_for(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request, "meetings/actions.html", {"page": page, "today": date.today(), "forums": choices.ACTION_FORUM_NAMES}
    )


@login_required
def action_done(request, action_pk):
    action = get_object_or_404(Action, pk=action_pk)
    form = forms.ActionDoneForm(_posted(request), initial={"done_on": date.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(
            form, lambda: services.action_complete(action=action, **form.cleaned_data), request=request, record=action
        )
    ):
        messages.success(request, f"Marked as done: {action.description}")
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return redirect(target if target and safe else "my-actions")
    return _edit_page(request, "meetings/action_done.html", {"action": action, "form": form}, form=form, record=action)
