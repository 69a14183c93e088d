"""The obligations read model: each child's obligations, stored with the facts' version they
were computed from and the day they were worked out for."""

from django.db import models

from permanence.children.models import Child


class StoredObligations(models.Model):
    """One child's obligations (not-applicable rules included), as the engine gave them.

    `facts_version` goes up, inside the writing transaction, whenever a fact that can change them
    is recorded; `computed_version` is the facts' version they were computed from. The row is
    current when the two agree and `day` is today; otherwise a reader works them out afresh.
    """

    child = models.OneToOneField(Child, primary_key=True, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(help_text="The day these obligations were worked out for")
    facts_version = models.PositiveBigIntegerField(default=0)
    computed_version = models.PositiveBigIntegerField(default=0)
    items = models.TextField(help_text="The obligations, compact JSON (obligations.store)")
    digest = models.CharField(max_length=16, help_text="Of `items`: the nightly job rewrites only what moved")
    overdue = models.PositiveIntegerField(default=0)
    due_soon = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = "stored obligations"
        verbose_name_plural = "stored obligations"

    def __str__(self):
        return f"Obligations of child {self.child_id} on {self.day:%d/%m/%Y}"

    @property
    def current(self) -> bool:
        return self.facts_version == self.computed_version


class DayChecked(models.Model):
    """The nightly job went through every child for `day` and rewrote only the rows that moved.

    A row it left alone keeps the day it was worked out for, so a night writes a few hundred rows,
    not every child's. Such a row is current for `day` when it was last written before the job
    started (`started_at`): the job then compared exactly what it holds with a fresh computation.
    A row written since has its own `day`, and one behind its facts is worked out again whatever
    this says. Written when the job ends, so a day whose job has not finished vouches for nothing.
    """

    day = models.DateField(unique=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    children = models.PositiveIntegerField(default=0)
    rewritten = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "day checked"
        verbose_name_plural = "days checked"

    def __str__(self):
        return f"Obligations checked for {self.day:%d/%m/%Y}: {self.rewritten:,} of {self.children:,} rows rewritten"
