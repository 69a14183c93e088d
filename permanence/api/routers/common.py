"""Response maps shared by every endpoint, so each documents the one error shape."""

from ..errors import Error

CREATED = 201
_ERRORS = {400: Error, 401: Error, 403: Error, 429: Error}


def staff_name(user):
    """A member of staff as the API names them (None when nobody is recorded)."""
    return user.get_full_name() if user else None


def READ(schema):
    return {200: schema, 404: Error, 422: Error, **_ERRORS}


def WRITE(status, schema):
    return {status: schema, 404: Error, 422: Error, **_ERRORS}
