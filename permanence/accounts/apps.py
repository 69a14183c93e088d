from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "permanence.accounts"
    verbose_name = "Accounts and teams"

    def ready(self):
        from . import (
            lockout,  # noqa: F401  (records failed sign-ins)
            middleware,  # noqa: F401  (a sign-in starts the session's renewal minute)
        )
