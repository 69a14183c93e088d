"""Limit and offset for every list in the API, with an offset a database can take.

django-ninja's own LimitOffsetPagination accepts any offset; SQLite refuses one past 2**63 with
a server error. An offset past the last row is answered with an empty page, as any other.
"""

from ninja import Field, Schema
from ninja.conf import settings
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 2**31 - 1


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(settings.PAGINATION_PER_PAGE, ge=1, le=settings.PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
