from django import forms

from permanence.accounts import roles
from permanence.accounts.models import Team, User
from permanence.planning.options import STAGES

from . import selectors

SCOPE_CHOICES = [("mine", "My cases"), ("team", "My team"), ("service", "Whole service")]


class DriftFilterForm(forms.Form):
    scope = forms.ChoiceField(label="Show", choices=SCOPE_CHOICES, required=False)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False, empty_label="All teams")
    worker = forms.ModelChoiceField(
        label="Social worker", queryset=User.objects.filter(role=roles.SOCIAL_WORKER), required=False, empty_label="All workers"
    )
    rule = forms.ChoiceField(label="Obligation", required=False)
    show = forms.ChoiceField(choices=selectors.DRIFT_VIEWS, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        pack = selectors.current_pack()
        self.fields["rule"].choices = [("", "All obligations")] + [(r.id, r.title) for r in pack.rules]

    def cleaned_filters(self):
        # Keep the filters that make sense; the page names the ones that do not.
        data = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        scope = data.get("scope") or self.initial.get("scope", "mine")
        team = data.get("team")
        if scope == "team" and team is None:
            team = self.user.team
        worker = data.get("worker")
        return {
            "scope": scope,
            "team": team.pk if team else None,
            "worker": worker.pk if worker else None,
            "rule": data.get("rule") or None,
            "show": data.get("show") or "overdue",
        }


class TrackerFilterForm(forms.Form):
    """Filters for the three trackers: every field optional; a value that makes no sense is named."""

    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False, empty_label="All teams")
    worker = forms.ModelChoiceField(
        label="Social worker", queryset=User.objects.filter(role=roles.SOCIAL_WORKER), required=False, empty_label="All workers"
    )
    iro = forms.ModelChoiceField(label="IRO", queryset=User.objects.filter(role=roles.IRO), required=False, empty_label="All IROs")
    stage = forms.ChoiceField(label="Plan stage", choices=[("", "All stages")] + STAGES, required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)
    order = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")], required=False, widget=forms.HiddenInput)

    def filters(self, tracker):
        from .trackers import TrackerFilters

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
        parts = [f"{self.fields[name].label}: {value}" for name, value in self.cleaned_data.items()
                 if value and name in ("team", "worker", "iro")]
        if self.cleaned_data.get("stage"):
            parts.append(f"Plan stage: {dict(STAGES)[self.cleaned_data['stage']]}")
        if self.cleaned_data.get("overdue"):
            parts.append("overdue only")
        return "; ".join(parts)
