from django.contrib.auth.backends import ModelBackend

from .lockout import is_locked


class LockoutModelBackend(ModelBackend):
    """The usual username and password check, refused outright while the username is locked
    (so the admin site's sign-in is covered too)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if is_locked(username or kwargs.get("username")):
            if request is not None:
                request.sign_in_locked = True
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
