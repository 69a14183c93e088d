"""A member of staff makes a token for their own script, sees the secret once, and revokes it."""

from django.urls import reverse

from permanence.access import matrix
from permanence.api.models import ApiToken
from permanence.api.tokens import token_for, token_issue
from permanence.web.tests.builders import sign_in


def test_a_social_worker_makes_a_read_only_token_sees_it_once_and_revokes_it(client, council):
    sam = council["people"][matrix.SOCIAL_WORKER]
    sign_in(client, sam)
    assert "You have no API tokens." in client.get(reverse("api-tokens")).content.decode()
    page = client.post(reverse("api-tokens"), {"name": "My weekly report", "days": "30", "read_only": "on"})
    secret = page.context["secret"]
    token = ApiToken.objects.get(user=sam)
    assert secret in page.content.decode() and token.read_only and token_for(secret) == token
    assert secret not in client.get(reverse("api-tokens")).content.decode()  # shown once
    client.post(reverse("api-tokens"), {"action": "revoke", "prefix": token.prefix})
    assert token_for(secret) is None


def test_the_page_names_the_problem_and_makes_nothing(client, council):
    sign_in(client, council["people"][matrix.SOCIAL_WORKER])
    page = client.post(reverse("api-tokens"), {"name": "", "days": "9999"}).content.decode()
    assert "Enter what the token is for." in page and "between 1 and 730" in page
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token(client, council):
    issued = token_issue(user=council["people"][matrix.SERVICE_MANAGER], name="Finance feed")
    sign_in(client, council["people"][matrix.SOCIAL_WORKER])
    client.post(reverse("api-tokens"), {"action": "revoke", "prefix": issued.token.prefix})
    assert token_for(issued.secret) is not None
