"""Setting up and giving the second factor (a six-digit code from an authenticator app)."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .forms import CodeForm


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@login_required
def two_factor_verify(request):
    device = two_factor.confirmed_device(request.user)
    if device is None:
        return redirect("two-factor-setup")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next(request))
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next(request)})


@login_required
def two_factor_setup(request):
    user = request.user
    existing = two_factor.confirmed_device(user)
    if existing and not user.is_verified():
        return redirect("two-factor")
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "Authenticator app"})
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save()
        otp_login(request, device)
        messages.success(request, "Two-step sign-in is set up. You will be asked for a code each time you sign in.")
        return redirect(_next(request))
    qr = segno.make(device.config_url, micro=False)
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": qr.svg_data_uri(scale=5),
            "secret": secret,
            "next": _next(request),
            "required": two_factor.required_for(user),
        },
    )
