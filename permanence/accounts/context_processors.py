from django.conf import settings


def navigation(request):
    from permanence.access import matrix

    role = getattr(getattr(request, "user", None), "role", None)
    return {"council_name": settings.PERMANENCE_COUNCIL_NAME,
            "can_restrict": matrix.has(role, matrix.RESTRICT)}
