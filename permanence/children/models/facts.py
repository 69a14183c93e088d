"""Facts the law distinguishes about a placement, and the dated facts of a looked-after child's
care: health, education, plans, missing episodes, changes to orders, carers' approvals.

Each is one record per event (history kept, corrections with a reason keep what it said
before) and carries a version. The timescales engine reads them through the snapshot.
"""

from django.db import models

from .case import Carer, Child, LegalOrder, Stamped


class TemporaryApproval(Stamped):
    """A connected person approved as the child's foster carer for a time, before full assessment
    (Care Planning, Placement and Case Review (England) Regulations 2010, regs 24 and 25)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="temporary_approvals")
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, related_name="temporary_approvals")
    start = models.DateField("Date temporary approval started")
    extended_to = models.DateField(
        "Temporary approval extended to",
        null=True,
        blank=True,
        help_text="Reg 25: once, by up to 8 weeks, so no more than 24 weeks in all.",
    )
    full_approval = models.DateField("Date of full approval as a foster carer", null=True, blank=True)
    ended = models.DateField("Date temporary approval ended without full approval", null=True, blank=True)

    class Meta:
        ordering = ["child", "start"]

    def __str__(self):
        return f"Temporary approval of {self.carer} from {self.start:%d/%m/%Y}"


class LongTermFosterConfirmation(Stamped):
    """A foster placement confirmed as long-term (CPPCR 2010 reg 22C, inserted by the Care
    Planning and Fostering (Miscellaneous Amendments) (England) Regulations 2015): the plan for
    permanence is long-term foster care, the carer has agreed to care for the child until they
    leave care, and the authority has confirmed it to the carer, the child and the parents."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="long_term_confirmations")
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, related_name="long_term_confirmations")
    plan_agreed = models.DateField("Date long-term foster care became the plan for permanence")
    carer_agreed = models.DateField("Date the foster carer agreed to care for the child until they leave care")
    confirmed_to_carer = models.DateField("Date the authority confirmed it to the foster carer")
    confirmed_to_child = models.DateField("Date the authority confirmed it to the child")
    confirmed_to_parents = models.DateField(
        "Date the authority confirmed it to the parents",
        null=True,
        blank=True,
        help_text="Leave empty only where the parents cannot be found or told; say why below.",
    )
    parents_not_told_reason = models.CharField("Why the parents were not told", max_length=300, blank=True)
    ended = models.DateField("Date the long-term placement ended", null=True, blank=True)

    class Meta:
        ordering = ["child", "confirmed_to_carer"]

    def __str__(self):
        return f"Long-term fostering with {self.carer}"

    @property
    def confirmed_on(self):
        """The day the last of the conditions was met: from then the placement is long-term."""
        days = [self.plan_agreed, self.carer_agreed, self.confirmed_to_carer, self.confirmed_to_child]
        if self.confirmed_to_parents:
            days.append(self.confirmed_to_parents)
        return max(days)


class CarerApproval(Stamped):
    """An approval of a carer household and its terms (how many children, what ages, for what)."""

    FOSTER_CARER = "foster_carer"
    CONNECTED_PERSON = "connected_person"
    ADOPTER = "adopter"
    FFA = "ffa"
    KINDS = [
        (FOSTER_CARER, "Foster carer (Fostering Services (England) Regulations 2011, reg 27)"),
        (CONNECTED_PERSON, "Connected person, fully approved for a named child"),
        (ADOPTER, "Prospective adopter (Adoption Agencies Regulations 2005, reg 30B)"),
        (FFA, "Foster carer also approved as prospective adopter (fostering for adoption)"),
    ]
    carer = models.ForeignKey(Carer, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField("Approved as", max_length=20, choices=KINDS)
    approved = models.DateField("Date of approval")
    children = models.PositiveSmallIntegerField("Number of children", default=1)
    age_min = models.PositiveSmallIntegerField("Youngest age", default=0)
    age_max = models.PositiveSmallIntegerField("Oldest age", default=17)
    terms = models.CharField(
        "Other terms",
        max_length=300,
        blank=True,
        help_text="For example: short breaks only; long-term; brothers and sisters together.",
    )
    named_child = models.ForeignKey(
        Child,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carer_approvals",
        help_text="An approval for one named child (a connected person).",
    )
    next_review = models.DateField("Date of the next review of approval", null=True, blank=True)
    ended = models.DateField("Date approval ended", null=True, blank=True)

    class Meta:
        ordering = ["carer", "approved"]

    def __str__(self):
        return f"{self.carer}: {self.get_kind_display()} from {self.approved:%d/%m/%Y}"


class OrderChange(Stamped):
    """A legal order varied, extended or discharged by the court (the order keeps its history)."""

    VARIED = "varied"
    EXTENDED = "extended"
    DISCHARGED = "discharged"
    KINDS = [(VARIED, "Varied"), (EXTENDED, "Extended"), (DISCHARGED, "Discharged")]
    order = models.ForeignKey(LegalOrder, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField("What the court did", max_length=12, choices=KINDS)
    date = models.DateField("Date of the court's decision")
    extended_to = models.DateField("Extended to", null=True, blank=True)
    court = models.CharField(max_length=120, blank=True)
    detail = models.CharField("What changed", max_length=300, blank=True)

    class Meta:
        ordering = ["order", "date"]

    def __str__(self):
        return f"{self.order} {self.get_kind_display().lower()} {self.date:%d/%m/%Y}"


class HealthAssessment(Stamped):
    """A statutory health assessment (CPPCR 2010 reg 7): the initial one by a registered medical
    practitioner, then reviews every six months under 5 and every year from 5."""

    INITIAL = "initial"
    REVIEW = "review"
    KINDS = [(INITIAL, "Initial health assessment"), (REVIEW, "Review health assessment")]
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="health_assessments")
    kind = models.CharField("Which assessment", max_length=10, choices=KINDS)
    date = models.DateField("Date of the assessment")
    by = models.CharField("Carried out by", max_length=160, blank=True, help_text="Name and role.")

    class Meta:
        ordering = ["child", "date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class DentalCheck(Stamped):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="dental_checks")
    date = models.DateField("Date of the dental check")

    class Meta:
        ordering = ["child", "date"]

    def __str__(self):
        return f"Dental check {self.date:%d/%m/%Y}"


class EducationPlan(Stamped):
    """A personal education plan (PEP), part of the care plan (CPPCR 2010 reg 5(b)(ii))."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="education_plans")
    date = models.DateField("Date of the personal education plan meeting")
    school = models.CharField("School or setting", max_length=160, blank=True)

    class Meta:
        ordering = ["child", "date"]

    def __str__(self):
        return f"Personal education plan {self.date:%d/%m/%Y}"


class StatutoryPlan(Stamped):
    """The care plan (CPPCR 2010 regs 4 and 5), the pathway plan for an eligible young person
    (reg 43) and the assessment of their needs that comes first (reg 42)."""

    CARE_PLAN = "care_plan"
    NEEDS_ASSESSMENT = "needs_assessment"
    PATHWAY_PLAN = "pathway_plan"
    KINDS = [
        (CARE_PLAN, "Care plan"),
        (NEEDS_ASSESSMENT, "Needs assessment (eligible young person)"),
        (PATHWAY_PLAN, "Pathway plan"),
    ]
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="statutory_plans")
    kind = models.CharField("Which plan", max_length=20, choices=KINDS)
    date = models.DateField("Date completed or last updated")

    class Meta:
        ordering = ["child", "date"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class MissingEpisode(Stamped):
    """Missing from placement, or away without authorisation (SSDA903 Missing table), and the
    return interview (Statutory guidance on children who run away or go missing from home or
    care, 2014). The 903 import and export read and write this one model."""

    MISSING = "M"
    AWAY = "A"
    KINDS = [(MISSING, "Missing"), (AWAY, "Away from placement without authorisation")]
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="missing_episodes")
    kind = models.CharField("Missing or away", max_length=1, choices=KINDS, default=MISSING)
    start = models.DateField("Date the child went missing")
    end = models.DateField("Date the child returned", null=True, blank=True)
    return_interview = models.DateField("Date of the return interview", null=True, blank=True)
    interview_declined = models.BooleanField("The child declined a return interview", default=False)

    class Meta:
        ordering = ["child", "start"]
        constraints = [
            models.UniqueConstraint(fields=["child", "start", "kind"], name="one_missing_episode_per_child_start_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.start:%d/%m/%Y}"
