from django.conf import settings


def navigation(request):
    return {"council_name": settings.PERMANENCE_COUNCIL_NAME}
