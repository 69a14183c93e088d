"""Who is acting and from where (for change events), and every view of a child's record."""

from . import chain


def client_ip(request):
    # Behind the council's proxy, set PERMANENCE_TRUSTED_PROXY so X-Forwarded-For is believed.
    from django.conf import settings

    if getattr(settings, "PERMANENCE_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


class AuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = bool(user and user.is_authenticated)
        token = chain.actor.set(
            {
                "user_id": user.pk if signed_in else None,
                "username": user.get_username() if signed_in else "",
                "ip": client_ip(request),
                "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
                "path": request.get_full_path()[:500],
            }
        )
        try:
            response = self.get_response(request)
            child_id = getattr(request, "child_id", None)
            if signed_in and child_id and request.method == "GET" and response.status_code == 200:
                chain.append(action="view", child_id=child_id, **chain.actor.get())
            return response
        finally:
            chain.actor.reset(token)
