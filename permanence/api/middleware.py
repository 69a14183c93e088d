"""Answers under /api/ that Django or the router give before the API's own handlers run (an
unknown address, a method the address does not take) in the API's one error shape."""

from django.http import JsonResponse

from .errors import body

MESSAGES = {
    404: "There is no API operation at this address; see /api/v1/docs.",
    405: "This address does not take that method; see /api/v1/docs.",
}


class ApiErrorShapeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in MESSAGES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            shaped = JsonResponse(
                body(response.status_code, MESSAGES[response.status_code]), status=response.status_code
            )
            if response.has_header("Allow"):
                shaped["Allow"] = response["Allow"]
            return shaped
        return response
