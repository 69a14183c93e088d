"""`permanence api-token`: issue, list and revoke API tokens, and `permanence api-schema`."""

import argparse
import json
import sys

from permanence.accounts.models import User

from .api import api
from .models import ApiToken
from .tokens import token_issue, token_revoke


def token_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence api-token",
        description=("API tokens act as their owner's account: the same role, the same cases, the same audit trail."),
    )
    sub = parser.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="issue a token (the secret is printed once)")
    create.add_argument("--user", required=True, help="username of the account the token acts as")
    create.add_argument("--name", required=True, help="what the token is for, e.g. 'Finance payments feed'")
    create.add_argument("--integration", action="store_true", help="the token is for a connected system, not a person")
    create.add_argument("--read-only", action="store_true", help="the token can read but not change the record")
    create.add_argument("--days", type=int, default=365, help="days until it expires (default 365, at most 730)")
    listing = sub.add_parser("list", help="tokens, newest first (never the secrets)")
    listing.add_argument("--user", help="only this account's tokens")
    revoke = sub.add_parser("revoke", help="stop a token working at once")
    revoke.add_argument("prefix", help="the token's prefix (the part after 'pp_', as 'list' shows it)")
    args = parser.parse_args(argv)

    from django.core.exceptions import ValidationError

    if args.action == "create":
        user = User.objects.filter(username=args.user).first()
        if user is None:
            print(f"permanence api-token: --user: no account is called {args.user!r}.", file=sys.stderr)
            return 2
        try:
            issued = token_issue(
                user=user,
                name=args.name,
                read_only=args.read_only,
                days=args.days,
                kind=ApiToken.INTEGRATION if args.integration else ApiToken.PERSONAL,
            )
        except ValidationError as problem:
            for field, messages in problem.message_dict.items():
                print(f"permanence api-token: --{field}: {' '.join(messages)}", file=sys.stderr)
            return 2
        token = issued.token
        print(
            f"Token {token.prefix} for {user.username} ({user.role}), '{token.name}', "
            f"{'read-only' if token.read_only else 'read and write'}, expires {token.expires_at:%d/%m/%Y}."
        )
        print("Copy it now; it is not stored and cannot be shown again:")
        print(issued.secret)
        return 0
    if args.action == "list":
        tokens = ApiToken.objects.select_related("user")
        if args.user:
            tokens = tokens.filter(user__username=args.user)
        rows = list(tokens)
        if not rows:
            print("No API tokens.")
        for token in rows:
            state = (
                "revoked"
                if token.revoked_at
                else f"expires {token.expires_at:%d/%m/%Y}"
                if token.expires_at
                else "no expiry"
            )
            used = f"last used {token.last_used_at:%d/%m/%Y %H:%M}" if token.last_used_at else "never used"
            print(
                f"{token.prefix}  {token.user.username:<16} {token.kind:<11} {'read-only ' if token.read_only else ''}"
                f"{state}, {used}  {token.name}"
            )
        return 0
    if args.action == "revoke":
        token = ApiToken.objects.filter(prefix=args.prefix).first()
        if token is None:
            print(f"permanence api-token: no token has the prefix {args.prefix!r}.", file=sys.stderr)
            return 2
        token_revoke(token=token)
        print(f"Token {token.prefix} ('{token.name}') revoked: it no longer works.")
        return 0
    return 2


def schema_document():
    return json.dumps(api.get_openapi_schema(), indent=2, sort_keys=False, default=str) + "\n"


def schema_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence api-schema", description="Print the API's OpenAPI document (docs/openapi.json is this output)."
    )
    parser.add_argument("--out", help="write to this file instead of printing")
    args = parser.parse_args(argv)
    text = schema_document()
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(text)
        print(f"Wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0
