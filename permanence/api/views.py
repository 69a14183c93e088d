"""A person's own API tokens: issue one (the secret is shown once), see them, revoke them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from permanence.govuk.forms import GovukForm

from .models import ApiToken
from .tokens import DEFAULT_DAYS, MAX_DAYS, token_issue, token_revoke


class TokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?",
        max_length=120,
        help_text="For example 'My weekly caseload report'.",
        error_messages={"required": "Enter what the token is for."},
    )
    days = forms.IntegerField(
        label="Days until it stops working",
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        help_text=f"Between 1 and {MAX_DAYS}.",
        error_messages={
            "required": "Enter how many days the token should work for.",
            "min_value": f"Enter a number of days between 1 and {MAX_DAYS}.",
            "max_value": f"Enter a number of days between 1 and {MAX_DAYS}.",
            "invalid": "Enter the number of days as a whole number, like 90.",
        },
    )
    read_only = forms.BooleanField(label="Read only: the token cannot change any record", required=False, initial=True)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form, secret = TokenForm(), None
    if request.method == "POST" and request.POST.get("action") == "revoke":
        token = ApiToken.objects.filter(user=request.user, prefix=request.POST.get("prefix", "")).first()
        if token:
            token_revoke(token=token)
            messages.success(request, f"The token '{token.name}' no longer works.")
        return redirect("api-tokens")
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                issued = token_issue(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    days=form.cleaned_data["days"],
                    read_only=form.cleaned_data["read_only"],
                    by=request.user,
                )
            except ValidationError as problem:
                for field, errors in problem.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                secret, form = issued.secret, TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "default_days": DEFAULT_DAYS,
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True).order_by("-created_at"),
        },
    )
