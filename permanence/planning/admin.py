from django.contrib import admin

from .models import Decision, Meeting, OptionAssessment, OptionsAnalysis, PermanencePlan, PlanStageChange

for model, fields, raw in (
    (PermanencePlan, ["child", "primary_option", "parallel_option", "stage", "recorded", "superseded_on"], ["child"]),
    (Decision, ["child", "kind", "forum", "date"], ["child", "analysis"]),
    (Meeting, ["child", "kind", "date"], ["child"]),
    (PlanStageChange, ["plan", "from_stage", "to_stage", "date"], ["plan"]),
    (OptionsAnalysis, ["child", "date", "status", "recommended_option"], ["child"]),
    (OptionAssessment, ["analysis", "option", "realistic"], ["analysis"]),
):
    admin.site.register(model, list_display=fields, raw_id_fields=raw)
