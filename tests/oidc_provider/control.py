"""Set the test provider up, and change its people, from the tests (a separate process).

python -m tests.oidc_provider.control setup CLIENT_ID SECRET REDIRECT_URI
python -m tests.oidc_provider.control person USERNAME PASSWORD FIRST LAST EMAIL [GROUP ...]
python -m tests.oidc_provider.control groups USERNAME [GROUP ...]
"""

import os
import sys


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType, RSAKey

    action, args = argv[0], argv[1:]
    if action == "setup":
        client_id, secret, redirect_uri = args
        call_command("migrate", verbosity=0)
        if not RSAKey.objects.exists():
            call_command("creatersakey", verbosity=0)
        client, _ = Client.objects.update_or_create(
            client_id=client_id,
            defaults={
                "name": "Permanence Planner",
                "client_type": "confidential",
                "client_secret": secret,
                "jwt_alg": "RS256",
                "require_consent": False,
                "reuse_consent": True,
                "_redirect_uris": redirect_uri,
                "_scope": "openid email profile groups",
            },
        )
        client.response_types.set([ResponseType.objects.get(value="code")])
    elif action == "person":
        username, password, first, last, email, *groups = args
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name, user.email = first, last, email
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    elif action == "groups":
        username, *groups = args
        User.objects.get(username=username).groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    else:
        raise SystemExit(f"unknown action {action}")


if __name__ == "__main__":
    main(sys.argv[1:])
