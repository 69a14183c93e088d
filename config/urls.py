from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("permanence.api.urls")),
    path("", include("permanence.web.urls")),
    path("", include("permanence.access.urls")),
    path("", include("permanence.audit.urls")),
    path("", include("permanence.accounts.urls")),
    path("", include("permanence.tracking.urls")),
    path("", include("permanence.siblings.urls")),
    path("", include("permanence.voice.urls")),
    path("", include("permanence.meetings.urls")),
    path("", include("permanence.planning.urls")),
    path("", include("permanence.matching.urls")),
    path("", include("permanence.returns.urls")),
    path("", include("permanence.support.urls")),
    path("", include("permanence.feed.urls")),
    path("", include("permanence.jobs.urls")),
]
