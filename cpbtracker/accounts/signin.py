"""Who is signing in from where: the address that sign-in throttling counts failures for."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The connection's address; behind ``TRUSTED_PROXY_COUNT`` proxies, the address the
    outermost of them saw (that many entries from the end of X-Forwarded-For), since the
    connection then comes from a proxy and earlier entries can be forged by the client."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def password_reset_enabled() -> bool:
    """A reset link can only reach its owner where an SMTP server is configured."""
    return bool(settings.EMAIL_HOST)
