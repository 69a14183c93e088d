from django.contrib import admin

from .models import Allocation, Carer, Child, Episode, Extension, Hearing, LegalOrder, Person, Proceedings, Relationship, Review, Visit


class EpisodeInline(admin.TabularInline):
    model = Episode
    extra = 0
    fields = ["start", "end", "reason_new", "legal_status", "category_of_need", "placement", "carer", "reason_ceased"]
    raw_id_fields = ["carer"]


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ["council_reference", "first_name", "last_name", "date_of_birth", "sex", "ethnicity", "uasc"]
    search_fields = ["council_reference", "first_name", "last_name", "upn"]
    list_filter = ["sex", "uasc", "ethnicity"]
    inlines = [EpisodeInline]


@admin.register(Carer)
class CarerAdmin(admin.ModelAdmin):
    list_display = ["reference", "name", "kind", "provider", "postcode", "approval_date", "capacity"]
    list_filter = ["kind", "provider"]
    search_fields = ["reference", "name", "postcode"]


class HearingInline(admin.TabularInline):
    model = Hearing
    extra = 0


class ExtensionInline(admin.TabularInline):
    model = Extension
    extra = 0


@admin.register(Proceedings)
class ProceedingsAdmin(admin.ModelAdmin):
    list_display = ["child", "issued", "concluded", "final_order"]
    raw_id_fields = ["child"]
    inlines = [HearingInline, ExtensionInline]


for model, fields in (
    (Person, ["first_name", "last_name", "postcode"]),
    (Relationship, ["child", "person", "relationship", "parental_responsibility"]),
    (LegalOrder, ["child", "order_type", "made", "ended"]),
    (Review, ["child", "date", "iro", "participation"]),
    (Visit, ["child", "date", "by"]),
    (Allocation, ["child", "role", "worker", "team", "start", "end"]),
    (Episode, ["child", "start", "end", "legal_status", "placement", "reason_ceased"]),
):
    admin.site.register(model, list_display=fields, raw_id_fields=[f for f in ("child", "person", "carer") if f in {x.name for x in model._meta.fields}])
