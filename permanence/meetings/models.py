"""Where permanence is discussed and decided, and what each meeting asks people to do.

- The permanence planning clinic (weekly) and the referrals to it (Camden §4).
- The monthly permanence tracking meeting, its agenda and what it decided per child (Camden §5).
- The permanence panel and the Agency Decision Maker (Leeds §5; Camden §6).
- The IRO decisions report after each looked-after review (Leeds §5).
- The action log: every meeting, clinic and panel can set actions with an owner and a date.
"""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned
from permanence.planning.options import OPTIONS

from . import choices


class Referral(models.Model):
    """A referral to the permanence planning clinic, as soon as alternative permanent care is considered."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="clinic_referrals")
    date = models.DateField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referrer_role = models.CharField(max_length=20, choices=choices.REFERRER_ROLES)
    reason = models.TextField()
    status = models.CharField(max_length=20, choices=choices.REFERRAL_STATUSES, default=choices.WAITING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self):
        return f"Referral of {self.child} ({self.date:%d/%m/%Y})"


class Sitting(models.Model):
    """A meeting held on one date, at most one a day, with a chair: a clinic or a panel."""

    date = models.DateField(unique=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-date"]


class Clinic(Sitting):
    """One weekly permanence planning clinic."""

    def __str__(self):
        return f"Permanence planning clinic {self.date:%d/%m/%Y}"


class ClinicItem(Versioned):
    """A child discussed at a clinic: who came, the options discussed, the plan agreed."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="items")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="clinic_items")
    iro_or_chair_present = models.BooleanField(null=True)
    worker_or_manager_present = models.BooleanField(null=True)
    attendees = models.TextField(blank=True)
    options_discussed = models.JSONField(default=list, blank=True)
    agreed_plan = models.CharField(max_length=30, choices=OPTIONS, blank=True)
    notes = models.TextField(blank=True)
    recorded = models.BooleanField(default=False)

    class Meta:
        ordering = ["clinic", "pk"]
        constraints = [models.UniqueConstraint(fields=["clinic", "child"], name="one_clinic_item_per_child")]


class TrackingMeeting(models.Model):
    """The monthly permanence tracking meeting."""

    date = models.DateField(unique=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendees = models.TextField(blank=True)
    since = models.DateField(help_text="The agenda covers what changed since this date (the last meeting).")
    closed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Permanence tracking meeting {self.date:%d/%m/%Y}"


class AgendaItem(Versioned):
    meeting = models.ForeignKey(TrackingMeeting, on_delete=models.CASCADE, related_name="items")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="tracking_items")
    reasons = models.JSONField(default=list, help_text="Why the child is on the agenda, in words.")
    rules = models.JSONField(default=list, help_text="The agenda rules the child meets (agenda_rules keys).")
    risk_rank = models.PositiveSmallIntegerField(
        default=99, help_text="The rank of the most serious rule the child meets (1 is the most serious)."
    )
    risk_since = models.DateField(null=True, blank=True, help_text="Since when the most serious rule has held.")
    discussion = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    discussed = models.BooleanField(default=False)

    class Meta:
        ordering = ["meeting", "risk_rank", "risk_since", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "child"], name="one_agenda_item_per_child")]


class Panel(Sitting):
    """A sitting of the permanence panel: a date, a chair and members (PanelMember)."""

    def __str__(self):
        return f"Permanence panel {self.date:%d/%m/%Y}"


class PanelMember(models.Model):
    """Someone sitting on one panel, as a member (counted for quorum) or an adviser (not counted)."""

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    role = models.CharField(max_length=20, choices=choices.PANEL_ROLES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["panel", "pk"]
        constraints = [models.UniqueConstraint(fields=["panel", "person"], name="one_seat_per_person_per_panel")]

    def __str__(self):
        return f"{self.person.get_full_name() or self.person} ({self.get_role_display()})"

    @property
    def is_member(self):
        return self.role in choices.MEMBER_ROLES


class PanelItem(Versioned):
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="items")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="panel_items")
    matter = models.CharField(max_length=30, choices=choices.PANEL_MATTERS)
    papers = models.TextField(
        blank=True, help_text="The papers before the panel: options analysis, matching report ..."
    )
    recommendation = models.TextField(blank=True)
    recommended_option = models.CharField(max_length=30, choices=OPTIONS, blank=True)
    needs_adm = models.BooleanField(default=False, help_text="An adoption plan or adoption match goes to the ADM.")

    class Meta:
        ordering = ["panel", "pk"]


class PanelMinutes(models.Model):
    """The panel's minutes for one item: who took part, whether the panel was quorate, what it
    recommended (or, for a matter the panel decides itself, decided) and why. Recorded by the
    chair, a vice chair or the agency adviser; the Agency Decision Maker decides on them.
    """

    item = models.OneToOneField(PanelItem, on_delete=models.CASCADE, related_name="minutes")
    present = models.ManyToManyField(PanelMember, related_name="items_heard")
    quorate = models.BooleanField(help_text="Whether the members present made a quorum, as the rule found it.")
    outcome = models.CharField(max_length=20, choices=choices.PANEL_OUTCOMES)
    recommendation = models.TextField("The panel's recommendation, in its words")
    recommended_option = models.CharField(max_length=30, choices=OPTIONS, blank=True)
    reasons = models.TextField("The reasons for the recommendation")
    unanimous = models.BooleanField(default=True)
    dissent = models.TextField("Views of members who did not agree", blank=True)
    advice = models.TextField("Advice given by the advisers", blank=True)
    discussion = models.TextField("Summary of the discussion", blank=True)
    recorded_on = models.DateField(help_text="The day the minutes were completed and sent on.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "panel minutes"

    def __str__(self):
        return f"Minutes: {self.item.child} at {self.item.panel}"


class ADMDecision(models.Model):
    """The Agency Decision Maker's decision on a panel recommendation, having considered the minutes."""

    item = models.OneToOneField(PanelItem, on_delete=models.CASCADE, related_name="adm_decision")
    outcome = models.CharField(max_length=20, choices=choices.ADM_OUTCOMES)
    date = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField()
    minutes_considered = models.BooleanField(
        default=False, help_text="The decision maker considered the panel's minutes and recommendation."
    )
    earlier_decision_note = models.TextField(
        blank=True, help_text="Why a new decision, where an earlier decision on the same question stands."
    )


class IRODecisionsReport(Versioned):
    """The IRO's record of the decisions of a looked-after review, in the parts the IRO Handbook
    names: whether the care plan (with the permanence plan) was confirmed or changed, each decision
    with who will carry it out and by when (kept as actions), and the child's views."""

    review = models.OneToOneField("children.Review", on_delete=models.CASCADE, related_name="decisions_report")
    issued = models.DateField()
    plan_outcome = models.CharField("The care plan", max_length=10, choices=choices.REPORT_PLAN_OUTCOMES, blank=True)
    plan_change = models.TextField("What changed in the plan, and why", blank=True)
    child_views = models.TextField("The child's views", blank=True)
    decisions = models.TextField("Anything else the review decided or noted", blank=True)
    permanence_plan_recorded = models.BooleanField(default=False)
    # Birmingham section 2: twin-track planning is considered at the first and every later review.
    twin_track_considered = models.BooleanField(
        default=False, help_text="The review considered twin-track (parallel) planning."
    )
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Action(Versioned):
    """Something a meeting asked someone to do, by a date. Open actions are obligations."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="actions")
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    forum = models.CharField(max_length=30, choices=choices.ACTION_FORUMS)
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    clinic_item = models.ForeignKey(ClinicItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    panel_item = models.ForeignKey(PanelItem, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    decisions_report = models.ForeignKey(
        IRODecisionsReport, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    set_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "done_on"]), models.Index(fields=["child", "done_on"])]

    def __str__(self):
        return self.description


class Escalation(Versioned):
    """A concern the IRO takes up under the dispute resolution process: raised at one stage, moved
    up while unresolved, and closed with its outcome. Visible to the child's team manager and the
    service manager."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="escalations")
    review = models.ForeignKey("children.Review", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    concern = models.TextField("The concern")
    raised_on = models.DateField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=20, choices=choices.ESCALATION_STAGES)
    respond_by = models.DateField("Response wanted by")
    history = models.JSONField(default=list, help_text="Each stage reached: {stage, date, note}.")
    outcome = models.CharField(max_length=20, choices=choices.ESCALATION_OUTCOMES, default=choices.ESCALATION_OPEN)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_detail = models.TextField("How it was resolved", blank=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["child", "outcome"])]

    def __str__(self):
        return f"Escalation for {self.child} ({self.raised_on:%d/%m/%Y})"
