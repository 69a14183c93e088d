"""The case record: children, their family network, legal orders, episodes of care,
carers, reviews, proceedings, visits and allocation.

Episodes follow the SSDA903 episode shape so the statutory return is a read of the record.
Rules that refuse impossible records live in `rules.py` (pure) and run in `services.py`.
"""

from django.conf import settings
from django.db import models

from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.ethnicity import ETHNICITY
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE
from permanence.codes.sex import SEX

from ..carers import CARER_KINDS
from ..orders import ORDER_TYPES
from ..relationships import RELATIONSHIP_TYPES
from ..versions import Versioned


class Stamped(Versioned):
    """Every record says when it was made and by whom, and carries a version (no lost updates)."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Child(Stamped):
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(
        null=True, blank=True, help_text="For an unborn child, until the birth is recorded."
    )
    sex = models.CharField(max_length=1, choices=SEX.choices(), blank=True)
    ethnicity = models.CharField(max_length=4, choices=ETHNICITY.choices(), default="NOBT")
    religion = models.CharField(max_length=60, blank=True)
    first_language = models.CharField(max_length=60, blank=True, default="English")
    disability = models.BooleanField(default=False)
    disability_detail = models.CharField(max_length=200, blank=True)
    upn = models.CharField("Unique pupil number", max_length=13, blank=True)
    council_reference = models.CharField(max_length=20, unique=True)
    uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    uasc_ceased = models.DateField("Date UASC status ceased", null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    referral_date = models.DateField("Date of referral", null=True, blank=True)
    involvement_reason = models.CharField(
        "Referral or reason for involvement",
        max_length=300,
        blank=True,
        help_text="Why children's services are involved, for example a referral from the midwife before birth.",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_pseudonymised(self):
        """Shown to a performance analyst under a pseudonym: no name, no link, no record id."""
        return getattr(self, "_pseudonymised", False)

    @property
    def is_unborn(self):
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class Person(Stamped):
    """Someone in a child's family network: a parent, relative, friend or connected person.

    A sibling who is also on the record as a child links to that child.
    """

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    address = models.CharField(
        max_length=300,
        blank=True,
        help_text="Only where the service needs to reach them: a parent, a person with parental responsibility, "
        "a connected person being assessed.",
    )
    email = models.CharField("Email address", max_length=254, blank=True)
    as_child = models.OneToOneField(Child, null=True, blank=True, on_delete=models.SET_NULL, related_name="as_person")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class Relationship(Stamped):
    """How a person is related to a child, and whether they hold parental responsibility."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="relationships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relationship = models.CharField(max_length=20, choices=RELATIONSHIP_TYPES)
    parental_responsibility = models.BooleanField(default=False)
    connected_person = models.BooleanField(
        default=False, help_text="Considered or assessed as a connected person to care for the child."
    )
    assessment_outcome = models.CharField(max_length=200, blank=True)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["child", "relationship"]
        constraints = [models.UniqueConstraint(fields=["child", "person", "relationship"], name="unique_relationship")]

    def __str__(self):
        return f"{self.person} ({self.get_relationship_display()} of {self.child})"


class Carer(Stamped):
    """A carer or home: foster carers, connected persons, adopters, special guardians, homes."""

    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=30, choices=CARER_KINDS)
    reference = models.CharField(max_length=20, unique=True)
    provider = models.CharField(max_length=3, choices=PLACEMENT_PROVIDER.choices(), default="PR1")
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    approval_date = models.DateField(null=True, blank=True)
    temporary_approval_start = models.DateField(null=True, blank=True)
    temporary_approval_extended_to = models.DateField(null=True, blank=True)
    full_approval_date = models.DateField(null=True, blank=True)
    approval_ended = models.DateField(null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(default=1)
    age_min = models.PositiveSmallIntegerField(default=0)
    age_max = models.PositiveSmallIntegerField(default=17)
    languages = models.CharField(max_length=120, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    household = models.CharField(max_length=300, blank=True)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carer_records",
        help_text="For a connected person, who they are in the family network.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Episode(Stamped):
    """One SSDA903 episode: a period with the same legal status, placement and carer."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="episodes")
    start = models.DateField("Date episode started (DECOM)")
    end = models.DateField("Date episode ceased (DEC)", null=True, blank=True)
    reason_new = models.CharField("Reason for new episode (RNE)", max_length=1, choices=REASON_NEW.choices())
    legal_status = models.CharField("Legal status (LS)", max_length=2, choices=LEGAL_STATUS.choices())
    category_of_need = models.CharField("Category of need (CIN)", max_length=2, choices=CATEGORY_OF_NEED.choices())
    placement = models.CharField("Placement type (PLACE)", max_length=2, choices=PLACEMENT.choices())
    provider = models.CharField(
        "Placement provider (PLACE_PROVIDER)", max_length=3, choices=PLACEMENT_PROVIDER.choices(), blank=True
    )
    carer = models.ForeignKey(Carer, null=True, blank=True, on_delete=models.PROTECT, related_name="episodes")
    home_postcode = models.CharField(max_length=10, blank=True)
    placement_postcode = models.CharField(max_length=10, blank=True)
    placement_la = models.CharField("Placement local authority code", max_length=9, blank=True)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    reason_ceased = models.CharField(
        "Reason episode ceased (REC)", max_length=3, choices=REASON_CEASED.choices(), blank=True
    )
    reason_place_change = models.CharField(
        "Reason for placement change", max_length=5, choices=REASON_PLACE_CHANGE.choices(), blank=True
    )
    placed_with = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements_with",
        help_text="Placed with a parent (P1): which parent or person with parental responsibility.",
    )

    class Meta:
        ordering = ["child", "start"]
        indexes = [models.Index(fields=["child", "start"]), models.Index(fields=["end"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="episode_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.child} {self.start:%d/%m/%Y} {self.legal_status} {self.placement}"


class LegalOrder(Stamped):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="orders")
    order_type = models.CharField(max_length=40, choices=ORDER_TYPES)
    made = models.DateField()
    ended = models.DateField(null=True, blank=True)
    extended_to = models.DateField(null=True, blank=True)
    holder = models.CharField(max_length=160, blank=True, help_text="Who the order is in favour of.")
    court = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["child", "made"]

    def __str__(self):
        return f"{self.get_order_type_display()} made {self.made:%d/%m/%Y}"


class Review(Stamped):
    """A looked-after child review chaired by the IRO."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField()
    iro = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews_chaired"
    )
    participation = models.CharField(
        "The child's participation (PN code)", max_length=3, choices=PARTICIPATION.choices(), blank=True
    )
    PLAN_CONFIRMED = "confirmed"
    PLAN_CHANGED = "changed"
    PLAN_OUTCOMES = [(PLAN_CONFIRMED, "The care plan was confirmed"), (PLAN_CHANGED, "The care plan was changed")]
    plan_outcome = models.CharField("The care plan", max_length=10, choices=PLAN_OUTCOMES, blank=True)

    class Meta:
        ordering = ["child", "date"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"Review {self.date:%d/%m/%Y}"


class Proceedings(Stamped):
    """Care proceedings, from pre-proceedings under the PLO to the final order."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="proceedings")
    pre_proceedings_start = models.DateField(null=True, blank=True)
    letter_before_proceedings = models.DateField(null=True, blank=True)
    pre_proceedings_meeting = models.DateField(null=True, blank=True)
    issued = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=120, blank=True)
    case_number = models.CharField(max_length=30, blank=True)
    pre_proceedings_review = models.DateField(
        "Pre-proceedings review meeting",
        null=True,
        blank=True,
        help_text="The meeting that decides to issue proceedings, to continue pre-proceedings or to step down.",
    )
    final_evidence_due = models.DateField(null=True, blank=True)
    final_evidence_filed = models.DateField(
        "Date the local authority's final evidence was filed", null=True, blank=True
    )
    concluded = models.DateField(null=True, blank=True)
    final_order = models.CharField(max_length=40, choices=ORDER_TYPES, blank=True)
    ORDER_MADE = "order_made"
    NO_ORDER = "no_order"
    WITHDRAWN = "withdrawn"
    STEPPED_DOWN = "stepped_down"
    OUTCOMES = [
        (ORDER_MADE, "A final order was made"),
        (NO_ORDER, "No order was made"),
        (WITHDRAWN, "The application was withdrawn"),
        (STEPPED_DOWN, "Stepped down before proceedings were issued"),
    ]
    outcome = models.CharField(max_length=20, choices=OUTCOMES, blank=True)

    class Meta:
        ordering = ["child", "issued"]
        verbose_name_plural = "proceedings"

    def __str__(self):
        return f"Proceedings for {self.child}"


class Hearing(Versioned):
    CMH = "cmh"
    IRH = "irh"
    FINAL = "final"
    OTHER = "other"
    KINDS = [
        (CMH, "Case management hearing"),
        (IRH, "Issues resolution hearing"),
        (FINAL, "Final hearing"),
        (OTHER, "Other hearing"),
    ]
    proceedings = models.ForeignKey(Proceedings, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(max_length=10, choices=KINDS)
    date = models.DateField()

    class Meta:
        ordering = ["date"]


class Extension(Versioned):
    """An extension of the 26-week limit granted by the court (s32(5), up to 8 weeks each)."""

    proceedings = models.ForeignKey(Proceedings, on_delete=models.CASCADE, related_name="extensions")
    granted = models.DateField()
    weeks = models.PositiveSmallIntegerField(default=8)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["granted"]


class Visit(Stamped):
    """A statutory visit by the child's social worker (Care Planning Regulations 2010, reg 28)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="Visited by"
    )
    seen_alone = models.BooleanField("The child was seen alone", default=True)
    WHERE = [
        ("placement", "Where the child lives"),
        ("school", "At school or college"),
        ("contact", "At a contact or family centre"),
        ("office", "At the office"),
        ("other", "Somewhere else"),
    ]
    where = models.CharField("Where the child was seen", max_length=20, choices=WHERE, blank=True)

    class Meta:
        ordering = ["child", "date"]


class Allocation(Stamped):
    """Who holds the case: the allocated social worker (with their team) or the IRO, over time."""

    SOCIAL_WORKER = "social_worker"
    IRO = "iro"
    ROLES = [(SOCIAL_WORKER, "Allocated social worker"), (IRO, "Independent Reviewing Officer")]

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="allocations")
    role = models.CharField(max_length=20, choices=ROLES)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "role", "start"]
        indexes = [models.Index(fields=["worker", "role", "end"])]
