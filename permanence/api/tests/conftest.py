"""API test fixtures: clients that carry a token (the council is in the root conftest.py)."""

import pytest
from django.test import Client

from permanence.api.tokens import token_issue


class ApiClient:
    """A test client that sends JSON with a bearer token, through the whole middleware stack."""

    def __init__(self, secret):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"}

    def get(self, path, params=None):
        return self.client.get(f"/api/v1{path}", params or {}, headers=self.headers)

    def post(self, path, data=None, *, if_match=None):
        headers = self.headers | ({"If-Match": str(if_match)} if if_match is not None else {})
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json", headers=headers)

    def patch(self, path, data=None, *, if_match=None):
        headers = self.headers | ({"If-Match": str(if_match)} if if_match is not None else {})
        return self.client.patch(f"/api/v1{path}", data or {}, content_type="application/json", headers=headers)

    def etag(self, path):
        """The ETag of the record at `path`, read as a client would before changing it."""
        return self.get(path)["ETag"]


@pytest.fixture
def api_as(db):
    """api_as(user, read_only=False) -> a client acting with a new token of that user."""

    def make(user, **kwargs):
        return ApiClient(token_issue(user=user, name=f"test token for {user.username}", **kwargs).secret)

    return make
