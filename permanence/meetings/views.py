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

from permanence.accounts import roles
from permanence.children.models import Child, Review

from . import choices, forms, selectors, services
from .models import Action, AgendaItem, Clinic, ClinicItem, Panel, PanelItem, Referral, TrackingMeeting


def _apply(form, write):
    """Run a service write; its ValidationError becomes field errors on the form. True when it worked."""
    try:
        return write() or True
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return False


def _action_form(request, *, child, forum, set_on, redirect_to, **source):
    """Handle the 'add an action' form shared by every meeting page. Returns (form, response)."""
    if request.method == "POST" and request.POST.get("form") == "action":
        form = forms.ActionForm(request.POST, prefix="action")
        if form.is_valid() and _apply(form, lambda: services.action_create(
            child=child, forum=forum, set_on=set_on, by=request.user, **form.cleaned_data, **source
        )):
            messages.success(request, f"Action added for {form.cleaned_data['owner']}.")
            return form, redirect(redirect_to)
        return form, None
    return forms.ActionForm(prefix="action", initial={"owner": child.allocations.filter(end__isnull=True, role="social_worker").values_list("worker", flat=True).first()}), None


@login_required
def home(request):
    return render(request, "meetings/home.html", {
        "waiting": selectors.waiting_referrals().count(),
        "clinic": selectors.clinics().first(),
        "meeting": selectors.tracking_meetings().first(),
        "panel": selectors.panels().first(),
        "awaiting_adm": selectors.awaiting_adm().count(),
        "actions": selectors.open_actions_for(request.user).count(),
    })


# --- clinic -------------------------------------------------------------------------------------

@login_required
def refer(request, pk):
    child = get_object_or_404(Child, pk=pk)
    form = forms.ReferralForm(request.POST or None, initial={"date": date.today()})
    if request.method == "POST" and form.is_valid() and _apply(
        form, lambda: services.referral_create(child=child, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"{child.full_name} has been referred to the permanence planning clinic.")
        return redirect("child-detail", pk)
    return render(request, "meetings/refer.html", {"child": child, "form": form})


@login_required
def clinic_list(request):
    form = forms.ClinicForm(request.POST or None, initial={"date": date.today(), "chair": request.user.pk})
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.clinic_create(**form.cleaned_data)):
        clinic = Clinic.objects.get(date=form.cleaned_data["date"])
        return redirect("clinic-detail", clinic.pk)
    page = Paginator(selectors.clinics(), 20).get_page(request.GET.get("page"))
    return render(request, "meetings/clinic_list.html", {"form": form, "page": page, "waiting": selectors.waiting_referrals()})


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
    items = list(selectors.clinic_items(clinic))
    return render(request, "meetings/clinic_detail.html", {
        "clinic": clinic, "items": [(item, services.attendance_warnings(item)) for item in items],
        "waiting": selectors.waiting_referrals(),
    })


@login_required
def clinic_item(request, pk, item_pk):
    item = get_object_or_404(ClinicItem.objects.select_related("clinic", "child", "referral"), pk=item_pk, clinic_id=pk)
    url = reverse("clinic-item", args=[pk, item_pk])
    action_form, done = _action_form(request, child=item.child, forum="clinic", set_on=item.clinic.date, redirect_to=url, clinic_item=item)
    if done:
        return done
    initial = {
        "iro_or_chair_present": "" if item.iro_or_chair_present is None else str(item.iro_or_chair_present),
        "worker_or_manager_present": "" if item.worker_or_manager_present is None else str(item.worker_or_manager_present),
        "attendees": item.attendees, "options_discussed": item.options_discussed, "agreed_plan": item.agreed_plan, "notes": item.notes,
    }
    posted = request.method == "POST" and request.POST.get("form") == "record"
    form = forms.ClinicItemForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        warnings = []
        if _apply(form, lambda: warnings.extend(services.clinic_item_record(item=item, **form.cleaned_data))):
            for warning in warnings:
                messages.warning(request, warning)
            messages.success(request, f"The clinic's discussion of {item.child.full_name} has been recorded.")
            return redirect(url)
    return render(request, "meetings/clinic_item.html", {
        "item": item, "form": form, "action_form": action_form, "warnings": services.attendance_warnings(item),
        "actions": item.actions.select_related("owner"),
    })


# --- monthly tracking meeting --------------------------------------------------------------------

@login_required
def tracking_list(request):
    form = forms.TrackingMeetingForm(request.POST or None, initial={"date": date.today(), "chair": request.user.pk})
    if request.method == "POST" and form.is_valid():
        created = []
        if _apply(form, lambda: created.append(services.tracking_meeting_create(**form.cleaned_data))):
            messages.success(request, f"The agenda has {created[0].items.count()} children on it, built from the record.")
            return redirect("tracking-detail", created[0].pk)
    page = Paginator(selectors.tracking_meetings(), 20).get_page(request.GET.get("page"))
    return render(request, "meetings/tracking_list.html", {"form": form, "page": page})


@login_required
def tracking_detail(request, pk):
    meeting = get_object_or_404(TrackingMeeting, pk=pk)
    if request.method == "POST":
        if request.POST.get("do") == "refresh":
            added = services.agenda_refresh(meeting, today=max(date.today(), meeting.date))
            messages.success(request, f"Agenda brought up to date: {added} {'child' if added == 1 else 'children'} added.")
        elif request.POST.get("do") == "close":
            try:
                services.tracking_meeting_close(meeting)
                messages.success(request, "The meeting is closed. Its record and actions are kept.")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        return redirect("tracking-detail", pk)
    items = list(selectors.agenda(meeting))
    return render(request, "meetings/tracking_detail.html", {
        "meeting": meeting, "items": items, "discussed": sum(i.discussed for i in items),
    })


@login_required
def agenda_item(request, pk, item_pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "child"), pk=item_pk, meeting_id=pk)
    url = reverse("agenda-item", args=[pk, item_pk])
    action_form, done = _action_form(request, child=item.child, forum="tracking_meeting", set_on=item.meeting.date, redirect_to=url, agenda_item=item)
    if done:
        return done
    posted = request.method == "POST" and request.POST.get("form") == "record"
    form = forms.AgendaItemForm(request.POST if posted else None, initial={"discussion": item.discussion, "decision": item.decision})
    if posted and form.is_valid() and _apply(form, lambda: services.agenda_item_record(item=item, **form.cleaned_data)):
        messages.success(request, f"Recorded for {item.child.full_name}.")
        following = next_item(item)
        return redirect(reverse("agenda-item", args=[pk, following.pk]) if following and "next" in request.POST else url)
    return render(request, "meetings/agenda_item.html", {
        "item": item, "form": form, "action_form": action_form, "actions": item.actions.select_related("owner"),
        "next_item": next_item(item),
    })


def next_item(item):
    """The next child on the agenda not yet discussed."""
    return next((i for i in selectors.agenda(item.meeting) if not i.discussed and i.pk != item.pk), None)


@login_required
def tracking_pack(request, pk):
    meeting = get_object_or_404(TrackingMeeting, pk=pk)
    return render(request, "meetings/tracking_pack.html", {"meeting": meeting, "items": selectors.agenda(meeting)})


# --- panel and ADM ---------------------------------------------------------------------------------

@login_required
def panel_list(request):
    form = forms.PanelForm(request.POST or None, initial={"date": date.today()})
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.panel_create(**form.cleaned_data)):
        return redirect("panel-detail", Panel.objects.get(date=form.cleaned_data["date"]).pk)
    page = Paginator(selectors.panels(), 20).get_page(request.GET.get("page"))
    return render(request, "meetings/panel_list.html", {"form": form, "page": page, "awaiting_adm": selectors.awaiting_adm()})


@login_required
def panel_detail(request, pk):
    panel = get_object_or_404(Panel, pk=pk)
    return render(request, "meetings/panel_detail.html", {"panel": panel, "items": selectors.panel_items(panel)})


@login_required
def add_to_panel(request, pk):
    child = get_object_or_404(Child, pk=pk)
    panels = Panel.objects.filter(date__gte=date.today()).order_by("date")
    form = forms.PanelItemForm(request.POST or None)
    panel_id = request.POST.get("panel") if request.method == "POST" else None
    if request.method == "POST":
        panel = panels.filter(pk=panel_id).first()
        if panel is None:
            form.add_error(None, "Choose a panel date")
        elif form.is_valid() and _apply(form, lambda: services.panel_item_add(
            panel=panel, child=child, matter=form.cleaned_data["matter"], papers=form.cleaned_data["papers"]
        )):
            messages.success(request, f"{child.full_name} is on the agenda of the panel on {panel.date:%d %B %Y}.")
            return redirect("panel-detail", panel.pk)
    return render(request, "meetings/add_to_panel.html", {"child": child, "form": form, "panels": panels, "panel_id": panel_id})


@login_required
def panel_item(request, pk, item_pk):
    item = get_object_or_404(PanelItem.objects.select_related("panel", "child"), pk=item_pk, panel_id=pk)
    url = reverse("panel-item", args=[pk, item_pk])
    action_form, done = _action_form(request, child=item.child, forum="panel", set_on=item.panel.date, redirect_to=url, panel_item=item)
    if done:
        return done
    which = request.POST.get("form") if request.method == "POST" else None
    recommendation = forms.RecommendationForm(request.POST if which == "recommendation" else None,
                                              initial={"recommendation": item.recommendation, "recommended_option": item.recommended_option})
    decision = forms.ADMDecisionForm(request.POST if which == "adm" else None, initial={"date": date.today()})
    if which == "recommendation" and recommendation.is_valid() and _apply(
        recommendation, lambda: services.panel_recommend(item=item, **recommendation.cleaned_data)
    ):
        messages.success(request, "The panel's recommendation has been recorded.")
        return redirect(url)
    if which == "adm" and decision.is_valid() and _apply(decision, lambda: services.adm_decide(item=item, by=request.user, **decision.cleaned_data)):
        messages.success(request, "The Agency Decision Maker's decision has been recorded.")
        return redirect(url)
    return render(request, "meetings/panel_item.html", {
        "item": item, "recommendation_form": recommendation, "adm_form": decision, "action_form": action_form,
        "is_adm": request.user.role == roles.ADM, "actions": item.actions.select_related("owner"),
        "adm_decision": getattr(item, "adm_decision", None),
        "analyses": item.child.options_analyses.order_by("-date", "-pk"),
    })


# --- IRO decisions report --------------------------------------------------------------------------

@login_required
def decisions_report(request, pk, review_pk):
    review = get_object_or_404(Review.objects.select_related("child"), pk=review_pk, child_id=pk)
    existing = getattr(review, "decisions_report", None)
    initial = ({"issued": existing.issued, "decisions": existing.decisions, "permanence_plan_recorded": existing.permanence_plan_recorded}
               if existing else {"issued": date.today()})
    form = forms.IRODecisionsReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _apply(
        form, lambda: services.iro_report_record(review=review, iro=request.user, **form.cleaned_data)
    ):
        messages.success(request, f"The IRO decisions report for the review of {review.date:%d %B %Y} has been recorded.")
        return redirect("child-detail", pk)
    return render(request, "meetings/decisions_report.html", {"review": review, "child": review.child, "form": form, "existing": existing})


# --- actions ----------------------------------------------------------------------------------------

@login_required
def my_actions(request):
    page = Paginator(selectors.open_actions_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "meetings/actions.html", {"page": page, "today": date.today(), "forums": choices.ACTION_FORUM_NAMES})


@login_required
def action_done(request, action_pk):
    action = get_object_or_404(Action, pk=action_pk)
    form = forms.ActionDoneForm(request.POST or None, initial={"done_on": date.today()})
    if request.method == "POST" and form.is_valid() and _apply(form, lambda: services.action_complete(action=action, **form.cleaned_data)):
        messages.success(request, f"Marked as done: {action.description}")
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
        return redirect(target if target and safe else "my-actions")
    return render(request, "meetings/action_done.html", {"action": action, "form": form})
