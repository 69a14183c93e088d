"""The web pages. Thin: each view reads through a selector and renders a template."""

import re
from datetime import date

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from permanence.access import matrix
from permanence.accounts import oidc
from permanence.children.models import Child
from permanence.meetings.selectors import open_actions_for

from . import selectors
from .forms import SearchForm, SignInForm


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            provider=oidc.provider_name() if oidc.enabled() else None,
            **kwargs,
        )


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


# What a person who looks after the service (not children's records) starts from: (label, what it
# is for, URL name); each shown only when the access matrix lets their role open it.
ADMINISTRATION = (
    ("Background jobs", "The nightly recalculation, backups and the return's jobs: when each last ran.", "jobs"),
    ("Case system feed", "The nightly feed from the council's case system: its runs and problems.", "ssd-feed"),
    ("Import SSDA903 files", "Read a council's SSDA903 return files into the record.", "return-903-import"),
    ("Records due for retention review", "Children's records whose retention period ends soon.", "retention-report"),
)


@login_required
def home(request):
    role = request.user.role
    if not matrix.works_with_children(role):
        tasks = [
            (label, words, reverse(name))
            for label, words, name in ADMINISTRATION
            if matrix.allows(role, name, child_scoped=False)
        ]
        if matrix.has(role, matrix.ADMIN_SITE):
            tasks.insert(
                0,
                (
                    "Staff accounts, teams and roles",
                    "Add staff, name team managers, give roles.",
                    reverse("admin:index"),
                ),
            )
        return render(request, "web/administration.html", {"tasks": tasks})
    caseload = selectors.home_caseload(request.user, page_number=request.GET.get("page", 1))
    return render(
        request,
        "web/home.html",
        {
            "caseload": caseload,
            "search_form": SearchForm(),
            "actions": list(open_actions_for(request.user)),
            "today": date.today(),
        },
    )


@login_required
def child_search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = (
        selectors.search_results(query, user=request.user, page_number=request.GET.get("page", 1)) if query else None
    )
    return render(request, "web/child_search.html", {"form": form, "query": query, "results": results})


@login_required
def child_detail(request, pk):
    child = get_object_or_404(Child, pk=pk)
    page = selectors.for_person(selectors.child_page(child), request.user)
    return render(
        request,
        "web/child_detail.html",
        {
            "page": page,
            "child": child,
            "obligations": page.obligations,
            "meetings": page.meetings,
            "case_system": page.case_system,
            "may_escalate": matrix.has(request.user.role, matrix.RECORD_REVIEW),
            # What this person may record on this child now, and which recorded facts they may change.
            **selectors.recording_options(request.user, page),
        },
    )


@login_required
def print_css(request):
    """The print style sheet of packs and documents: A4 pages with the protective marking at the
    top and bottom of every page and the page number and count (a style sheet of our own origin,
    so the content security policy allows it)."""
    return render(
        request,
        "web/print.css",
        {"marking": re.sub(r"[^\w \-]", "", settings.PROTECTIVE_MARKING)},
        content_type="text/css",
    )
