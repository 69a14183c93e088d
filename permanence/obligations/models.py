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
