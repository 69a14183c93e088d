"""Permanence plans and the decisions that make and change them.

History is kept: a change of plan is a new PermanencePlan and the old one is marked
superseded, never overwritten.
"""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned

from . import options, procedures


class PlanningVersion(Versioned):
    """The version of a child's permanence planning as a whole. A planning form carries the one it
    was opened on, and every save moves it on in one conditional update (children.versions), so a
    form opened before someone else changed any of the child's planning is refused, never saved
    over their change. One row a child, made with the first save."""

    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="planning_version")

    def __str__(self):
        return f"Planning of child {self.child_id}, version {self.version}"


class PermanencePlan(models.Model):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="plans")
    primary_option = models.CharField(max_length=30, choices=options.OPTIONS)
    parallel_option = models.CharField(
        max_length=30, choices=options.OPTIONS, blank=True, help_text="The twin-track (parallel) plan, if any."
    )
    concurrent = models.BooleanField(default=False, help_text="Concurrent planning or fostering for adoption.")
    stage = models.CharField(max_length=20, choices=options.STAGES, default="exploring")
    recorded = models.DateField(help_text="The date the plan was recorded, for example in the IRO decisions report.")
    forum = models.CharField(max_length=30, choices=options.FORUMS, default="review")
    rationale = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "recorded"]
        indexes = [models.Index(fields=["child", "superseded_on"])]

    def __str__(self):
        return f"{self.get_primary_option_display()} ({self.recorded:%d/%m/%Y})"


class Decision(models.Model):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=30, choices=options.DECISION_KINDS)
    forum = models.CharField(max_length=30, choices=options.FORUMS)
    date = models.DateField()
    decided_by = models.CharField(max_length=160, blank=True)
    rationale = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="Assessments relied on and research cited.")
    analysis = models.ForeignKey(
        "OptionsAnalysis",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        help_text="The options analysis the decision was made on, if any.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"


class Meeting(models.Model):
    """A meeting about a child's permanence: clinic, planning meeting, panel, tracking, FGC."""

    KINDS = [
        ("clinic_referral", "Referral to the permanence planning clinic"),
        ("clinic", "Permanence planning clinic"),
        ("permanence_planning_meeting", "Permanence planning meeting"),
        ("permanence_panel", "Permanence panel"),
        ("tracking_meeting", "Permanence tracking meeting"),
        ("family_group_conference", "Family group conference"),
        ("pathway_plan", "Pathway plan review"),
        ("family_finding_started", "Family finding started"),
    ]
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=30, choices=KINDS)
    date = models.DateField()
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"


class PlanStageChange(models.Model):
    """A plan moving from one stage to another on a date: the plan's stage history."""

    plan = models.ForeignKey(PermanencePlan, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=options.STAGES)
    to_stage = models.CharField(max_length=20, choices=options.STAGES)
    date = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, help_text="Why; required when the plan goes back.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "date", "pk"]
        indexes = [models.Index(fields=["plan", "date"])]

    def __str__(self):
        return f"{self.get_from_stage_display()} to {self.get_to_stage_display()} ({self.date:%d/%m/%Y})"


class OptionsAnalysis(models.Model):
    """The analysis of the realistic permanence options for a child, ending in a recommendation."""

    DRAFT = "draft"
    COMPLETE = "complete"
    STATUSES = [(DRAFT, "Draft"), (COMPLETE, "Complete")]

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="options_analyses")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=STATUSES, default=DRAFT)
    recommended_option = models.CharField(max_length=30, choices=options.OPTIONS, blank=True)
    recommendation_rationale = models.TextField(blank=True)
    recommended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "date", "pk"]
        verbose_name_plural = "options analyses"
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"Options analysis for {self.child} ({self.date:%d/%m/%Y})"

    @property
    def is_complete(self):
        return self.status == self.COMPLETE


class OptionAssessment(models.Model):
    """One option considered in an analysis: what it offers this child, its risks, and views.

    `answers` holds the answers to Camden's assessment questions by key (prompts.QUESTIONS);
    `checklist` and `prompts_adopted` the keys of the policy statements the worker ticked.
    """

    analysis = models.ForeignKey(OptionsAnalysis, on_delete=models.CASCADE, related_name="assessments")
    option = models.CharField(max_length=30, choices=options.OPTIONS)
    realistic = models.BooleanField(default=True)
    not_realistic_reason = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    risks = models.TextField(blank=True)
    support = models.TextField(blank=True)
    legal_order = models.CharField(max_length=200, blank=True)
    child_views = models.TextField(blank=True)
    parent_views = models.TextField(blank=True)
    carer_views = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)
    checklist = models.JSONField(default=list, blank=True)
    prompts_adopted = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["analysis", "pk"]
        constraints = [models.UniqueConstraint(fields=["analysis", "option"], name="one_assessment_per_option")]

    def __str__(self):
        return self.get_option_display()


class PlanCarer(models.Model):
    """Who the plan names to care for the child for good: the proposed special guardian, the
    long-term carers, the adopters once matched. History is kept: naming someone else ends the
    earlier naming on that day. The child's "My plan" letter and family finding read this.
    """

    PLAN = "plan"
    MATCH = "match"
    HOW = [(PLAN, "Named in the plan"), (MATCH, "Match approved")]

    plan = models.ForeignKey(PermanencePlan, on_delete=models.CASCADE, related_name="named_carers")
    carer = models.ForeignKey(
        "children.Carer", null=True, blank=True, on_delete=models.PROTECT, related_name="named_in_plans"
    )
    person = models.ForeignKey(
        "children.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="named_in_plans",
        help_text="Someone in the child's family network, for example a proposed special guardian.",
    )
    named_on = models.DateField()
    how = models.CharField(max_length=10, choices=HOW, default=PLAN)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "named_on", "pk"]
        indexes = [models.Index(fields=["plan", "ended_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(carer__isnull=True) & models.Q(person__isnull=False))
                | (models.Q(carer__isnull=False) & models.Q(person__isnull=True)),
                name="plan_carer_names_one_household_or_person",
            )
        ]

    def __str__(self):
        return f"{self.carer or self.person} ({self.get_how_display()}, {self.named_on:%d/%m/%Y})"

    @property
    def name(self):
        return str(self.carer) if self.carer_id else f"{self.person.first_name} {self.person.last_name}"


class PlacementConsent(models.Model):
    """Consent to the child being placed for adoption (Adoption and Children Act 2002 s19),
    given by a parent or guardian and witnessed by a Cafcass officer; it may be withdrawn."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="placement_consents")
    given_by = models.CharField(max_length=160, help_text="Who gave consent, for example the mother.")
    given_on = models.DateField()
    witnessed_by = models.CharField(max_length=160, blank=True, help_text="The Cafcass officer who witnessed it.")
    advance_consent = models.BooleanField("Also consented in advance to adoption (s20)", default=False)
    withdrawn_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "given_on", "pk"]

    def __str__(self):
        return f"Consent to placement by {self.given_by} ({self.given_on:%d/%m/%Y})"


class PlanStep(models.Model):
    """A procedural step the plan asks for, taken on a date: the Child's Permanence Report, the
    referral to the regional adoption agency, Form E, the pre-birth assessment (procedures.STEPS)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="plan_steps")
    kind = models.CharField(max_length=30, choices=procedures.STEP_CHOICES)
    date = models.DateField()
    note = models.TextField(blank=True, help_text="For example who it went to, or where the document is kept.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date", "pk"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%d/%m/%Y})"


class CarerBriefing(models.Model):
    """What prospective carers were told of the child's known and foreseeable risks and
    anticipated needs, when, and when they acknowledged it (Part 6: duty of care to carers)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="carer_briefings")
    carers = models.CharField(max_length=200, help_text="Who it was shared with, for example the prospective adopters.")
    shared_on = models.DateField()
    known_risks = models.TextField(blank=True)
    foreseeable_risks = models.TextField(blank=True)
    anticipated_needs = models.TextField(blank=True)
    support = models.TextField(blank=True, help_text="The planning and support offered to meet them.")
    acknowledged_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "shared_on", "pk"]

    def __str__(self):
        return f"Shared with {self.carers} ({self.shared_on:%d/%m/%Y})"


class ParentContribution(models.Model):
    """A parent's own contribution to planning for their child, recorded as evidence (Part 6:
    duty of care to parents)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="parent_contributions")
    parent = models.CharField(max_length=160, help_text="Which parent, for example the mother.")
    date = models.DateField()
    way = models.CharField(max_length=30, choices=procedures.CONTRIBUTION_WAYS)
    contribution = models.TextField()
    support = models.TextField(blank=True, help_text="How the parent was helped to contribute.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date", "pk"]

    def __str__(self):
        return f"{self.parent} ({self.date:%d/%m/%Y})"
