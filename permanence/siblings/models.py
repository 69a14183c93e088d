"""Sibling assessments, together-or-apart decisions and sibling contact plans.

The presumption is that brothers and sisters in care live together (Children Act 1989
s22C(8)(c); Leeds §10.4; Camden §8). Recording "apart" needs an assessment and a contact
plan: `services.py` refuses it otherwise. History is kept: a new decision is a new row.
"""

from django.conf import settings
from django.db import models

from permanence.planning.options import FORUMS

from .choices import CONTACT_KINDS, DECISIONS, RECOMMENDATIONS


class SiblingAssessment(models.Model):
    """An assessment of a sibling group's relationships (Camden §8: the BAAF sibling checklist)."""

    children = models.ManyToManyField("children.Child", related_name="sibling_assessments")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relationship_quality = models.TextField("Quality of the relationships between the children")
    attachment = models.TextField("Attachments between the children")
    needs = models.TextField("Each child's needs")
    views = models.TextField("Each child's views")
    history = models.TextField("Shared history and family functioning")
    practicalities = models.TextField("Practical matters", blank=True)
    recommendation = models.CharField(max_length=20, choices=RECOMMENDATIONS)
    recommendation_reasons = models.TextField("Reasons for the recommendation")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"Sibling assessment ({self.date:%d/%m/%Y})"


class SiblingDecision(models.Model):
    """For one child: live together with their brothers and sisters, or apart, and why."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="sibling_decisions")
    siblings = models.ManyToManyField(
        "children.Child", related_name="+", blank=True, help_text="The brothers and sisters the decision is about."
    )
    decision = models.CharField(max_length=10, choices=DECISIONS)
    reasons = models.TextField()
    date = models.DateField()
    forum = models.CharField(max_length=30, choices=FORUMS)
    assessment = models.ForeignKey(
        SiblingAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date", "pk"]
        indexes = [models.Index(fields=["child", "date"])]

    def __str__(self):
        return f"{self.get_decision_display()} ({self.date:%d/%m/%Y})"


class SiblingContactPlan(models.Model):
    """How a child placed apart keeps in touch with a brother or sister."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="sibling_contact_plans")
    with_whom = models.CharField("With whom", max_length=200)
    frequency = models.CharField(max_length=100)
    kind = models.CharField("Direct or indirect", max_length=10, choices=CONTACT_KINDS)
    arrangements = models.TextField(blank=True)
    agreed = models.DateField("Date agreed")
    review_date = models.DateField()
    decision = models.ForeignKey(
        SiblingDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="contact_plans"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "agreed", "pk"]
        indexes = [models.Index(fields=["child", "agreed"])]

    def __str__(self):
        return f"Contact with {self.with_whom}, {self.frequency} ({self.get_kind_display()})"
