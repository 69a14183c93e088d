from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ProviderAccount, ProviderGroupRole, Team, User


@admin.register(User)
class PermanenceUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Role", {"fields": ["role", "team", "job_title"]}))


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "manager"]


@admin.register(ProviderGroupRole)
class ProviderGroupRoleAdmin(admin.ModelAdmin):
    """The table that gives people their role from the identity provider's groups."""

    list_display = ["provider_group", "role", "team", "priority"]
    list_editable = ["role", "team", "priority"]
    list_filter = ["role", "team"]
    search_fields = ["provider_group"]


@admin.register(ProviderAccount)
class ProviderAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "subject", "last_signed_in", "disabled_by_provider"]
    list_filter = ["disabled_by_provider"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "subject", "groups", "last_signed_in", "disabled_by_provider"]

    def has_add_permission(self, request):
        return False  # made by signing in through the provider
