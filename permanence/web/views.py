"""The web pages. Thin: each view reads through a selector and renders a template."""

from datetime import date

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from permanence.children.models import Child
from permanence.meetings.selectors import child_meetings, open_actions_for
from permanence.tracking.selectors import child_obligations

from . import selectors
from .forms import SearchForm, SignInForm


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


@login_required
def home(request):
    caseload = selectors.home_caseload(request.user, page_number=request.GET.get("page", 1))
    return render(request, "web/home.html", {
        "caseload": caseload, "search_form": SearchForm(),
        "actions": list(open_actions_for(request.user)), "today": date.today(),
    })


@login_required
def child_search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = selectors.search_results(query, user=request.user, page_number=request.GET.get("page", 1)) if query else None
    return render(request, "web/child_search.html", {"form": form, "query": query, "results": results})


@login_required
def child_detail(request, pk):
    child = get_object_or_404(Child, pk=pk)
    page = selectors.child_page(child)
    obligations = child_obligations(child)
    meetings = child_meetings(child)
    return render(request, "web/child_detail.html", {"page": page, "child": child, "obligations": obligations, "meetings": meetings})
