"""Signing in, and resetting a forgotten password by e-mail where e-mail is configured: without
an SMTP server the reset pages answer 404 and the sign-in page offers no link to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponseBase
from django.urls import path, reverse_lazy

from cpbtracker.accounts.signin import password_reset_enabled


class SignInView(auth_views.LoginView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "password_reset": password_reset_enabled()}


def _with_email(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not password_reset_enabled():
            raise Http404("password reset needs e-mail")
        return view(request, *args, **kwargs)

    return gated


urlpatterns = [
    path("login/", SignInView.as_view(), name="login"),
    path(
        "password_reset/",
        _with_email(
            auth_views.PasswordResetView.as_view(success_url=reverse_lazy("password_reset_done"))
        ),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        _with_email(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        _with_email(
            auth_views.PasswordResetConfirmView.as_view(
                success_url=reverse_lazy("password_reset_complete")
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        _with_email(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
