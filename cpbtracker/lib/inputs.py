"""One way to read input: query, form and path parameters and stored texts.

Every parameter a view reads goes through a parser here (whole numbers in ASCII digits with
bounds, codes, dates, identifiers); a value that does not parse raises :class:`InputError`,
which :class:`InputMiddleware` answers with a 400 naming the field. Every text the product
stores passes :func:`clean_text`: NUL and the other C0 control characters (all but tab, line
feed and carriage return) are refused, as they break spreadsheets (XLSX cannot hold them)
and PostgreSQL (text cannot hold NUL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.problems import Problem, ProblemsError

# The largest whole number any parameter takes: a signed 32-bit integer, which every database
# column of the product holds (revisions, cycles, years and page numbers stay far below).
MAX_WHOLE_NUMBER = 2**31 - 1
MAX_PARAMETER_LENGTH = 200  # codes, identifiers and other short parameters

ASCII_DIGITS = re.compile(r"[0-9]+")
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._()-]*")
# Record identifiers travel in paths: no "/", no spaces, no control characters.
IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
# C0 controls but tab, line feed and carriage return; DEL is left alone (XLSX holds it).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class InputError(ProblemsError):
    """A parameter or text that cannot be read: answered with a 400."""

    MESSAGES = {
        "input.not_whole_number": _(
            "%(field)s must be a whole number written with the digits 0-9, not “%(value)s”."
        ),
        "input.out_of_range": _("%(field)s must be between %(minimum)s and %(maximum)s."),
        "input.not_code": _("%(field)s is not a valid code: “%(value)s”."),
        "input.not_identifier": _(
            "%(field)s is not a valid identifier (letters, digits, “.”, “_”, “:” and “-”): "
            "“%(value)s”."
        ),
        "input.not_date": _("%(field)s must be a date written YYYY-MM-DD, not “%(value)s”."),
        "input.not_choice": _("%(field)s must be one of %(choices)s, not “%(value)s”."),
        "input.too_long": _("%(field)s is longer than %(maximum)s characters."),
        "input.control_character": _(
            "%(field)s holds a control character (%(character)s), which cannot be stored."
        ),
        "input.nul": _("The address holds a NUL character (%%00), which no page accepts."),
    }


def _shown(value: str) -> str:
    """A refused value as a message may quote it: short, without control characters."""
    value = CONTROL_CHARACTERS.sub("\ufffd", value)
    return value if len(value) <= 40 else value[:40] + "…"


def _problem(code: str, field: str, **params: Any) -> InputError:
    return InputError(Problem(code, {"field": field, **params}, key=field))


def whole_number(
    raw: str | int | None,
    *,
    field: str,
    minimum: int = 0,
    maximum: int = MAX_WHOLE_NUMBER,
) -> int:
    """``raw`` as a whole number written in ASCII digits, between the bounds (inclusive)."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        number = raw
    else:
        text = raw.strip() if isinstance(raw, str) else ""
        digits = text.removeprefix("-")
        if not ASCII_DIGITS.fullmatch(digits):
            raise _problem("input.not_whole_number", field, value=_shown(str(raw or "")))
        if len(digits) > len(str(MAX_WHOLE_NUMBER)):
            raise _problem("input.out_of_range", field, minimum=minimum, maximum=maximum)
        number = int(text)
    if not minimum <= number <= maximum:
        raise _problem("input.out_of_range", field, minimum=minimum, maximum=maximum)
    return number


def optional_whole_number(
    raw: str | None, *, field: str, minimum: int = 0, maximum: int = MAX_WHOLE_NUMBER
) -> int | None:
    """:func:`whole_number`, or None when the parameter is absent or empty."""
    if raw is None or not raw.strip():
        return None
    return whole_number(raw, field=field, minimum=minimum, maximum=maximum)


def code(raw: str | None, *, field: str, pattern: re.Pattern[str] = CODE) -> str:
    """A short code (a Party's ISO code, a region, a plan element): "" when absent."""
    text = (raw or "").strip()
    if not text:
        return ""
    if len(text) > MAX_PARAMETER_LENGTH or not pattern.fullmatch(text):
        raise _problem("input.not_code", field, value=_shown(text))
    return text


def identifier(raw: str | None, *, field: str, maximum: int = MAX_PARAMETER_LENGTH) -> str:
    """An identifier that can travel in a path segment (a record's)."""
    text = raw or ""
    if len(text) > maximum:
        raise _problem("input.too_long", field, maximum=maximum)
    if not IDENTIFIER.fullmatch(text):
        raise _problem("input.not_identifier", field, value=_shown(text))
    return text


def text(raw: str | None, *, field: str, maximum: int = MAX_PARAMETER_LENGTH) -> str:
    """A short free text parameter (a label, a search term): "" when absent."""
    value = (raw or "").strip()
    if len(value) > maximum:
        raise _problem("input.too_long", field, maximum=maximum)
    return clean_text(value, field=field)


def choice(raw: str | None, *, field: str, choices: Mapping[str, Any] | tuple[str, ...]) -> str:
    """One of ``choices``, or "" when absent."""
    text = (raw or "").strip()
    if text and text not in choices:
        raise _problem(
            "input.not_choice", field, value=_shown(text), choices=", ".join(sorted(choices))
        )
    return text


def iso_date(raw: str | None, *, field: str) -> dt.date | None:
    """A date written YYYY-MM-DD, or None when absent."""
    text = (raw or "").strip()
    if not text:
        return None
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _problem("input.not_date", field, value=_shown(text)) from None


def control_character_problem(text: str, *, field: str) -> Problem | None:
    """The problem with a text holding NUL or another control character, if it does."""
    found = CONTROL_CHARACTERS.search(text)
    if found is None:
        return None
    return Problem(
        "input.control_character",
        {"field": field, "character": f"U+{ord(found.group()):04X}"},
        key=field,
    )


def clean_text(text: str, *, field: str) -> str:
    """``text`` when it may be stored; :class:`InputError` naming ``field`` otherwise."""
    problem = control_character_problem(text, field=field)
    if problem is not None:
        raise InputError(problem)
    return text


def is_web_link(url: object) -> bool:
    """An http(s) address with a host: the only links the site stores and shows as links
    (``javascript:``, ``data:``, ``file:`` and the like are not)."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def json_control_character_problem(value: Any, *, field: str) -> Problem | None:
    """The first control character anywhere in a JSON value (its texts and keys), named by
    its path (``title.en``), if there is one."""
    if isinstance(value, str):
        return control_character_problem(value, field=field)
    items: list[tuple[Any, Any]] = []
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, list | tuple):
        items = list(enumerate(value))
    for key, item in items:
        path = f"{field}.{key}" if field else str(key)
        problem = control_character_problem(str(key), field=path) or (
            json_control_character_problem(item, field=path)
        )
        if problem is not None:
            return problem
    return None


def validate_no_control_characters(value: Any) -> None:
    """A Django validator (forms, admin): no NUL or other control character in a text, or
    in any text of a JSON value."""
    problem = json_control_character_problem(value, field="")
    if problem is not None:
        raise ValidationError(
            _("A control character (%(character)s) cannot be stored."),
            code="control_character",
            params={"character": problem.params["character"]},
        )


MAX_PATH_PART = 255  # bytes in one file name (NAME_MAX of the common file systems)


def cli_path(raw: str) -> Path:
    """A command's file or folder argument (argparse ``type=``): refused when no file could
    have that name (a control character, an empty name, a part longer than file systems
    allow), so that the command says so in one line instead of failing on open."""
    if not raw:
        raise argparse.ArgumentTypeError("an empty file name")
    found = CONTROL_CHARACTERS.search(raw)
    if found:
        raise argparse.ArgumentTypeError(
            f"a file name cannot hold a control character (U+{ord(found.group()):04X})"
        )
    path = Path(raw)
    if any(len(part.encode()) > MAX_PATH_PART for part in path.parts):
        raise argparse.ArgumentTypeError(
            f"a file name longer than {MAX_PATH_PART} bytes: {_shown(raw)}"
        )
    return path


def cli_input_file(raw: str) -> Path:
    """A file a command reads (argparse ``type=``): "-" for stdin, else a :func:`cli_path`
    naming an existing file, so that a folder or a missing file is refused in one line."""
    if raw == "-":
        return Path(raw)
    path = cli_path(raw)
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"a folder, not a file: {_shown(raw)}")
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"no such file: {_shown(raw)}")
    return path


def cli_text(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse ``type=`` that refuses control characters, then converts as ``convert``."""

    def read(raw: str) -> Any:
        found = CONTROL_CHARACTERS.search(raw)
        if found:
            raise argparse.ArgumentTypeError(
                f"a control character (U+{ord(found.group()):04X}) in {_shown(raw)!r}"
            )
        return convert(raw)

    read.__name__ = getattr(convert, "__name__", "value")
    return read


def refuse_control_characters_in(parser: argparse.ArgumentParser) -> None:
    """Every value argument of ``parser`` and its subcommands read through :func:`cli_text`:
    a command's texts reach the database (PostgreSQL refuses NUL) and its files."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                refuse_control_characters_in(sub)
        elif action.nargs != 0 and action.type not in (cli_path, cli_input_file):
            action.type = cli_text(action.type or str)  # type: ignore[arg-type]


def _has_nul(request: HttpRequest) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return "\x00" in request.path or "%00" in query or "\x00" in query


def _bad_request(request: HttpRequest, error: InputError) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": str(error), "problems": [p.as_data() for p in error.problems]}, status=400
        )
    return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")


class InputMiddleware:
    """A NUL anywhere in the path or query gets a 400 before any view reads it; an
    :class:`InputError` raised by a view (a parameter that does not parse) gets a 400 that
    names the field."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _has_nul(request):
            return _bad_request(request, InputError(Problem("input.nul")))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, InputError):
            return _bad_request(request, exception)
        return None
