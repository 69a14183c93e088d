from django import forms
from django.db.models import Q

from permanence.accounts import roles
from permanence.accounts.models import Team, User
from permanence.govuk.forms import GovukForm
from permanence.obligations.selectors import current_pack
from permanence.planning.options import STAGES
from permanence.timescales.kinds import KIND_NAMES, PROMPT_KIND

from . import selectors
from .trackers import TrackerFilters


class DriftFilterForm(GovukForm):
    scope = forms.ChoiceField(label="Show", required=False)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False, empty_label="All teams")
    worker = forms.ModelChoiceField(
        label="Social worker",
        queryset=User.objects.filter(role=roles.SOCIAL_WORKER),
        required=False,
        empty_label="All workers",
    )
    rule = forms.ChoiceField(label="Obligation", required=False)
    show = forms.ChoiceField(
        choices=[*selectors.DRIFT_VIEWS, selectors.PROMPTS_VIEW], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        pack = current_pack()
        # Only the views this person can see whole: a choice that would quietly show less is not offered.
        self.fields["scope"].choices = selectors.scope_names(user)
        self.fields["scope"].error_messages["invalid_choice"] = (
            "That view is not open to your role; showing "
            + dict(selectors.scope_names(user))[selectors.default_scope(user)].lower()
            + " instead"
        )
        # Someone who works in one team is not offered other teams (nor their workers).
        if user.role not in (roles.SERVICE_MANAGER, roles.PERFORMANCE_ANALYST):
            own = Team.objects.filter(Q(manager=user) | Q(pk=user.team_id))
            if own.count() <= 1:
                del self.fields["team"]
            else:
                self.fields["team"].queryset = own
            self.fields["worker"].queryset = User.objects.filter(role=roles.SOCIAL_WORKER, team__in=own)
        # Prompts are never drift, so they are not a filter here (they have their own list).
        self.fields["rule"].choices = [("", "All duties and local rules")] + [
            (r.id, f"{r.title} ({KIND_NAMES[r.kind].lower()})") for r in pack.rules if r.kind != PROMPT_KIND
        ]

    def cleaned_filters(self):
        # Keep the filters that make sense; the page names the ones that do not.
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        scope = data.get("scope") or self.initial.get("scope") or selectors.default_scope(self.user)
        team = data.get("team")
        if scope == "team" and team is None:
            team = self.user.team
        if scope == "mine":
            team = None  # my own cases, wherever they are allocated
        worker = data.get("worker")
        if self.is_bound and "scope" in self.errors:
            # The select shows the view the page applied, not the one refused.
            self.data = self.data.copy()
            self.data["scope"] = scope
        return {
            "scope": scope,
            "team": team.pk if team else None,
            "worker": worker.pk if worker else None,
            "rule": data.get("rule") or None,
            "show": data.get("show") or "overdue",
        }


class TrackerFilterForm(GovukForm):
    """Filters for the three trackers: every field optional; a value that makes no sense is named."""

    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False, empty_label="All teams")
    worker = forms.ModelChoiceField(
        label="Social worker",
        queryset=User.objects.filter(role=roles.SOCIAL_WORKER),
        required=False,
        empty_label="All workers",
    )
    iro = forms.ModelChoiceField(
        label="IRO", queryset=User.objects.filter(role=roles.IRO), required=False, empty_label="All IROs"
    )
    stage = forms.ChoiceField(label="Plan stage", choices=[("", "All stages"), *STAGES], required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)
    order = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")], required=False, widget=forms.HiddenInput)

    def filters(self, tracker):
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        sort = data.get("sort") or "child"
        return TrackerFilters(
            team=data["team"].pk if data.get("team") else None,
            worker=data["worker"].pk if data.get("worker") else None,
            iro=data["iro"].pk if data.get("iro") else None,
            stage=data.get("stage") or "",
            overdue_only=bool(data.get("overdue")),
            sort=sort if tracker.column(sort) else "child",
            descending=data.get("order") == "desc",
        )

    def describe(self):
        """The filters in words, for the spreadsheet's title row."""
        if not (self.is_bound and self.is_valid()):
            return ""
        parts = [
            f"{self.fields[name].label}: {value}"
            for name, value in self.cleaned_data.items()
            if value and name in ("team", "worker", "iro")
        ]
        if self.cleaned_data.get("stage"):
            parts.append(f"Plan stage: {dict(STAGES)[self.cleaned_data['stage']]}")
        if self.cleaned_data.get("overdue"):
            parts.append("overdue only")
        return "; ".join(parts)
