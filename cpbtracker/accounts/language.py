"""Which language a request is served in.

The order: ``?lang=<code>`` on the URL (a link shared in a given language) > the signed-in
user's saved preference > the language cookie > the browser's Accept-Language > English.
Django's LocaleMiddleware settles the last three; :class:`LanguageMiddleware`, placed after
it and after authentication, lets the first two override them.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from cpbtracker.accounts.models import Preference


def supported_language(code: str | None) -> str | None:
    """The site's language for ``code`` (``zh`` and ``zh-Hans`` give ``zh-hans``), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code.strip().lower())
    except LookupError:
        return None


def saved_language(user: User | AnonymousUser) -> str | None:
    """The signed-in user's saved language, if any."""
    if not user.is_authenticated:
        return None
    language = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    return supported_language(language)


def save_language(user: User, language: str) -> None:
    """Remember ``language`` as the user's choice (kept across sign-ins and devices)."""
    Preference.objects.update_or_create(user=user, defaults={"language": language})


class LanguageMiddleware:
    """``?lang=`` and the user's preference over the cookie and the browser's languages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = supported_language(request.GET.get("lang")) or saved_language(request.user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The language depends on the session (user), the cookie and the browser's languages.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The header's language switch: Django's cookie, plus the user's preference when signed in."""
    response = django_set_language(request)
    if not isinstance(response, HttpResponseRedirect):
        return response
    # The page came back with the new language; a ?lang= it had would override the choice.
    response["Location"] = _without_lang(response["Location"])
    language = supported_language(request.POST.get("language"))
    if language and request.user.is_authenticated:
        save_language(request.user, language)
    return response


def _without_lang(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "lang"]
    return urlunsplit(parts._replace(query=urlencode(query)))
