from django.contrib.auth.backends import ModelBackend

from .lockout import address, is_locked
from .oidc import local_password_allowed


class LockoutModelBackend(ModelBackend):
    """The usual username and password check, refused outright while the username or the address is locked
    (so the admin site's sign-in is covered too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not local_password_allowed(username or kwargs.get("username")):
            # The council's identity provider signs people in; only break-glass administrators use a password.
            return None
        if is_locked(username or kwargs.get("username"), address(request)):
            if request is not None:
                request.sign_in_locked = True
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
