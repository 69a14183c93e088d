from django.contrib import admin

from . import ownership
from .models import (
    Allocation,
    Carer,
    Child,
    Episode,
    Extension,
    Hearing,
    LegalOrder,
    Person,
    Proceedings,
    Relationship,
    Review,
    Visit,
)


class CaseSystemFact:
    """Beside a case system the facts it owns are read-only here too (children/ownership.py)."""

    fact = ""

    def _here(self):
        return ownership.may_edit_here(self.fact)

    def has_add_permission(self, request, *args):
        return self._here() and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._here() and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._here() and super().has_delete_permission(request, obj)


class EpisodeInline(CaseSystemFact, admin.TabularInline):
    fact = "episode"
    model = Episode
    extra = 0
    fields = ["start", "end", "reason_new", "legal_status", "category_of_need", "placement", "carer", "reason_ceased"]
    raw_id_fields = ["carer"]


@admin.register(Child)
class ChildAdmin(CaseSystemFact, admin.ModelAdmin):
    fact = "child"
    list_display = ["council_reference", "first_name", "last_name", "date_of_birth", "sex", "ethnicity", "uasc"]
    search_fields = ["council_reference", "first_name", "last_name", "upn"]
    list_filter = ["sex", "uasc", "ethnicity"]
    inlines = [EpisodeInline]


@admin.register(Carer)
class CarerAdmin(admin.ModelAdmin):
    list_display = ["reference", "name", "kind", "provider", "postcode", "approval_date", "capacity"]
    list_filter = ["kind", "provider"]
    search_fields = ["reference", "name", "postcode"]


class HearingInline(CaseSystemFact, admin.TabularInline):
    fact = "proceedings"
    model = Hearing
    extra = 0


class ExtensionInline(CaseSystemFact, admin.TabularInline):
    fact = "proceedings"
    model = Extension
    extra = 0


@admin.register(Proceedings)
class ProceedingsAdmin(CaseSystemFact, admin.ModelAdmin):
    fact = "proceedings"
    list_display = ["child", "issued", "concluded", "final_order"]
    raw_id_fields = ["child"]
    inlines = [HearingInline, ExtensionInline]


for model, fact, fields in (
    (Person, "family", ["first_name", "last_name", "postcode"]),
    (Relationship, "family", ["child", "person", "relationship", "parental_responsibility"]),
    (LegalOrder, "order", ["child", "order_type", "made", "ended"]),
    (Review, "review", ["child", "date", "iro", "participation"]),
    (Visit, "visit", ["child", "date", "by"]),
    (Allocation, "allocation", ["child", "role", "worker", "team", "start", "end"]),
    (Episode, "episode", ["child", "start", "end", "legal_status", "placement", "reason_ceased"]),
):
    admin.site.register(
        model,
        type(f"{model.__name__}Admin", (CaseSystemFact, admin.ModelAdmin), {"fact": fact}),
        list_display=fields,
        raw_id_fields=[f for f in ("child", "person", "carer") if f in {x.name for x in model._meta.fields}],
    )
