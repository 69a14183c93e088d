"""Every error the API returns has one shape:

    {"error": {"status": 422, "code": "invalid", "message": "...", "fields": {"field": ["..."]}}}

`fields` names each field that was wrong and says what is wrong with it (empty otherwise).
"""

import logging

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as RequestValidationError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "changed_since_read",
    422: "invalid",
    428: "if_match_required",
    429: "too_many_requests",
    500: "server_error",
}


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class Error(Schema):
    error: ErrorBody


class ApiError(Exception):
    def __init__(self, status, message, *, code=None, fields=None):
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or CODES.get(status, "error")
        self.fields = fields or {}


def body(status, message, *, code=None, fields=None):
    return {
        "error": {
            "status": status,
            "code": code or CODES.get(status, "error"),
            "message": message,
            "fields": fields or {},
        }
    }


# Where pydantic puts the field: ("body", "payload", "first_name") -> "first_name";
# ("query", "limit") -> "limit"; ("path", "child_id") -> "child_id".
_CONTAINERS = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_name(loc, payload_names):
    parts = [str(p) for p in loc]
    while parts and (parts[0] in _CONTAINERS or parts[0] in payload_names):
        parts = parts[1:]
    return ".".join(parts) or "body"


def _friendly(error, name):
    message = error.get("msg", "is not valid")
    kind = error.get("type", "")
    if kind == "missing":
        return f"{name} is required."
    if kind == "extra_forbidden":
        return "This field is not part of the record; remove it."
    if kind.startswith("date"):
        return f"{message}. Use a date like 2026-04-01."
    return message[:1].upper() + message[1:] if message else "Not valid."


def request_fields(exc):
    """{field: [message]} from a request that did not match the schema."""
    fields = {}
    for error in exc.errors:
        name = _field_name(error.get("loc", ()), {"payload", "data", "filters"})
        fields.setdefault(name, []).append(_friendly(error, name))
    return fields


def django_fields(exc):
    if hasattr(exc, "message_dict"):
        return {
            field if field != "__all__" else "record": list(messages) for field, messages in exc.message_dict.items()
        }
    return {"record": list(exc.messages)}


def install(api):
    def respond(request, status, message, **kwargs):
        return api.create_response(request, body(status, message, **kwargs), status=status)

    @api.exception_handler(ApiError)
    def _api_error(request, exc):
        return respond(request, exc.status, exc.message, code=exc.code, fields=exc.fields)

    @api.exception_handler(RequestValidationError)
    def _request_invalid(request, exc):
        return respond(
            request, 422, "The request does not match the API: see the fields named.", fields=request_fields(exc)
        )

    @api.exception_handler(DjangoValidationError)
    def _record_invalid(request, exc):
        return respond(
            request,
            422,
            "Nothing was saved: the record would not be valid. See the fields named.",
            fields=django_fields(exc),
        )

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        response = respond(
            request, 401, "Send a valid API token: 'Authorization: Bearer pp_...'. Tokens expire and can be revoked."
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Throttled)
    def _throttled(request, exc):
        response = respond(request, 429, "Too many requests for this token: wait and try again.")
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(HttpError)
    def _http_error(request, exc):
        message = str(exc.message)
        if exc.status_code == 400 and "parse request body" in message:
            message = "The request body is not valid JSON."
        return respond(request, exc.status_code, message)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(ObjectDoesNotExist)
    def _missing(request, exc):
        return respond(request, 404, "Not found.")

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return respond(request, 403, str(exc) or "Your role or case access does not allow this.")

    @api.exception_handler(Exception)
    def _unexpected(request, exc):
        log.exception("API request failed: %s %s", request.method, request.path)
        return respond(request, 500, "Something went wrong on our side; it has been logged.")
