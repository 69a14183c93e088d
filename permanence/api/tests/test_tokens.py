"""Administrators issue tokens from the command line; a token expires, can be revoked, is stored
only as a hash, and is rate limited."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from permanence.access import matrix
from permanence.api.api import api
from permanence.api.cli import token_main
from permanence.api.models import ApiToken
from permanence.api.tokens import token_for, token_issue


def test_an_administrator_issues_a_token_for_the_finance_system_and_sees_the_secret_once(council, capsys):
    manager = council["people"][matrix.SERVICE_MANAGER]
    assert (
        token_main(
            [
                "create",
                "--user",
                manager.username,
                "--name",
                "Finance payments feed",
                "--integration",
                "--read-only",
                "--days",
                "90",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    secret = printed.strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert secret.startswith(f"pp_{token.prefix}_") and secret not in token.key_hash
    assert token.kind == ApiToken.INTEGRATION and token.read_only and "read-only" in printed
    assert token_for(secret) == token

    assert token_main(["list"]) == 0
    listing = capsys.readouterr().out
    assert token.prefix in listing and "Finance payments feed" in listing and secret not in listing

    assert token_main(["revoke", token.prefix]) == 0
    assert token_for(secret) is None


def test_the_command_names_the_problem_with_bad_input(council, capsys):
    assert token_main(["create", "--user", "nobody", "--name", "x"]) == 2
    assert "no account is called 'nobody'" in capsys.readouterr().err
    manager = council["people"][matrix.SERVICE_MANAGER]
    assert token_main(["create", "--user", manager.username, "--name", "Feed", "--days", "5000"]) == 2
    assert "--days: A token lasts between 1 and 730 days." in capsys.readouterr().err
    assert not ApiToken.objects.exists()


def test_an_expired_token_or_a_left_member_of_staffs_token_stops_working(council):
    sam = council["people"][matrix.SOCIAL_WORKER]
    issued = token_issue(user=sam, name="Sam's reports", days=1)
    assert token_for(issued.secret) is not None
    assert token_for(issued.secret, now=timezone.now() + timedelta(days=2)) is None
    sam.is_active = False
    sam.save()
    assert token_for(issued.secret) is None
    assert token_for("pp_nothing_here") is None and token_for("Basic abc") is None


def test_a_busy_integration_is_slowed_down_not_the_service(council, api_as, monkeypatch):
    cache.clear()
    for throttle in api.throttle:
        monkeypatch.setattr(throttle, "num_requests", 3)
    client = api_as(council["people"][matrix.SERVICE_MANAGER])
    statuses = [client.get("/children").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/children")
    assert refused.json()["error"]["code"] == "too_many_requests" and int(refused["Retry-After"]) > 0
    # Another token has its own allowance.
    assert api_as(council["people"][matrix.SERVICE_MANAGER]).get("/children").status_code == 200
