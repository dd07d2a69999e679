"""No interface text escapes translation: with a pseudo catalogue that wraps every message as
⟦…⟧, every page of the site, walked as the public, a focal point and the Secretariat, shows no
text outside the marks but data (names, plan and question texts, answers, codes, numbers)."""

from __future__ import annotations

import html
import json
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import get_month_names
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client, override_settings
from django.utils.dates import MONTHS, MONTHS_AP

from cpbtracker.evaluation.overview import STATUS_ICONS
from cpbtracker.lib.languages import UN_LANGUAGES
from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.tests.browser.test_accessibility import PUBLIC_PAGES
from cpbtracker.tests.browser.test_small_screens import PAGES as SMALL_SCREEN_PAGES

PACKAGE = Path(__file__).resolve().parents[1]
CATALOGUES = ("locale", "records/locale", "capacity/locale")
SIGNED_IN_PAGES = [
    "/reports/KE/5/edit/",
    "/reports/KE/5/edit/Article2/",
    "/reports/KE/5/edit/Article17/",
    "/reports/KE/5/submit/",
    "/parties/ke/",
    "/records/consistency/",
    "/records/new/database/",
    "/capacity/initiatives/new/",
]
SECRETARIAT_PAGES = [
    "/reports/tracker/",
    "/audit/?party=KE",
    "/audit/?party=KE&cycle=5",
    "/capacity/initiatives/tag/",
]
# Words on the pages that are neither interface text nor data the test can read: the product's
# name, the names of formats and standards, and Django's own messages (Django translates them).
# The language switch names each language in its own name.
NAMES = {"cpbtracker", "CSV", "XLSX", "JSON", "BCH JSON", "PDF", "DOCX", "HTML", "SDMX", "API"}
NAMES |= {language.own_name for language in UN_LANGUAGES}
# Dates are written by Django, whose catalogues name the months in each language, and by
# Babel from CLDR ("Sep 13, 2025").
NAMES |= {str(m).strip(".") for months in (MONTHS, MONTHS_AP) for m in months.values()}
NAMES |= {
    m for width in ("abbreviated", "wide") for m in get_month_names(width, locale="en").values()
}


def _raw_message(lines: list[str], keyword: str) -> str:
    """The quoted text of ``keyword`` (msgid, msgid_plural) in a catalogue entry, as written."""
    parts, inside = [], False
    for line in lines:
        if line.startswith(keyword + " "):
            inside = True
            line = line[len(keyword) + 1 :]
        elif not line.startswith('"'):
            inside = False
        if inside:
            parts.append(line.strip()[1:-1])
    return "".join(parts)


def pseudo_catalogue(target: Path) -> None:
    """Every message of the three catalogues, its translation ``⟦message⟧``, compiled into
    ``target/en/LC_MESSAGES/django.mo``."""
    entries: dict[str, str] = {}
    for catalogue in CATALOGUES:
        po = PACKAGE / catalogue / "zh_Hans" / "LC_MESSAGES" / "django.po"
        for block in po.read_text(encoding="utf-8").split("\n\n"):
            lines = block.strip().splitlines()
            msgid, plural = _raw_message(lines, "msgid"), _raw_message(lines, "msgid_plural")
            if not msgid or msgid in entries:
                continue
            if plural:
                entries[msgid] = (
                    f'msgid "{msgid}"\nmsgid_plural "{plural}"\n'
                    f'msgstr[0] "⟦{msgid}⟧"\nmsgstr[1] "⟦{plural}⟧"\n'
                )
            else:
                entries[msgid] = f'msgid "{msgid}"\nmsgstr "⟦{msgid}⟧"\n'
    header = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    )
    folder = target / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text("\n".join([header, *entries.values()]), encoding="utf-8")
    subprocess.run(
        ["msgfmt", "-o", str(folder / "django.mo"), str(folder / "django.po")], check=True
    )


def strings_in(value: object) -> Iterator[str]:
    """Every string in a JSON-like value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def data_strings() -> set[str]:
    """Every text the pages may show as data: each text and JSON field of the database, and
    the texts of the packaged data files (plan, formats, methods, records, areas)."""
    found: set[str] = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("cpbtracker") and config.name != "django.contrib.auth":
            continue
        for model in config.get_models():
            fields = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
            ]
            for row in model._default_manager.values_list(*fields):
                found.update(strings_in(list(row)))
    for path in PACKAGE.glob("*/data/**/*"):
        if path.suffix == ".json":
            found.update(strings_in(json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix in {".yaml", ".yml"}:
            found.update(strings_in(load_yaml(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".csv":
            found.update(re.split(r"[,\n]", path.read_text(encoding="utf-8")))
    # As the pages show them: with the markup as formatting, or as text where a page quotes it.
    shown = {plain(s) for s in found if s.strip()} | {" ".join(s.split()) for s in found}
    # Lists of names joined by commas ("Bolivia, Plurinational State of, Brazil"): each part.
    return shown | {part.strip() for s in shown if ", " in s for part in s.split(", ")}


INLINE = re.compile(r"</?(?:a|b|i|u|em|strong|sup|sub|bdi|span|abbr|small|code|mark|time)\b[^>]*>")


def plain(text: str) -> str:
    """Text as a reader sees it: no inline markup, entities resolved, spaces collapsed."""
    return " ".join(html.unescape(INLINE.sub("", text)).split())


class VisibleText(HTMLParser):
    """The text nodes a reader sees (not scripts, styles or hidden templates)."""

    SKIPPED = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


# A message, or a translated format around a translated label ("⟦⟦Source⟧:⟧", the label's colon
# through gettext); a message cut short (truncated) loses its ⟧.
MARKED = re.compile(r"⟦(?:⟦[^⟦⟧]*⟧|.)*?(?:⟧|$)", re.S)
WORD = re.compile(r"[^\W\d_]{2,}")
# Codes (A.1(a), Q007, KE, AFR, CBD/SBI/3/18), numbers and dates are not words to translate.
CODE = re.compile(r"\S*\d\S*|[A-Z]+[.,:;)]*|\(?[a-z]\)|[a-z]\.?|[a-z]+(?:\.[a-z_]+)+")


def without_codes(text: str) -> set[str]:
    """``text`` without the codes before it (a question's number), after it (a Party's code),
    or both."""
    tokens = text.split()
    start, end = 0, len(tokens)
    while start < end and CODE.fullmatch(tokens[start]):
        start += 1
    while end > start and CODE.fullmatch(tokens[end - 1]):
        end -= 1
    return {" ".join(tokens[start:]), " ".join(tokens[:end]), " ".join(tokens[start:end])}


# and the icons beside the evaluation's progress statuses (told in words beside them too), the
# chart's markers, the analyzer's arrows and the records' marks
PUNCTUATION = " :;,.·|—–-›◣◤◥●■◆▲▼✓✗" + "".join(STATUS_ICONS.values())
# Data is checked whole, then split at ever finer separators (an option with its details in
# parentheses, a list of answers, a code before its title).
SEPARATORS = [r"[;|·›*\[\]]", r"[()]", r"\s[—–-]\s", r":", r",", r"/"]


def is_data(text: str, data: set[str], level: int = 0) -> bool:
    """Whether ``text`` (no marks in it) is data, codes or names: whole, or piece by piece."""
    whole = text.strip()
    candidates = {whole, whole.strip(PUNCTUATION)}
    candidates |= {variant for c in candidates for variant in without_codes(c)}
    candidates |= {c.strip(PUNCTUATION) for c in candidates}
    if any(not WORD.search(c) for c in candidates) or candidates & (data | NAMES):
        return True
    if ", " in whole and all(name.strip() in data for name in whole.split(", ")):
        return True  # a list of names, some with their own brackets or dashes ("Congo - Kinshasa")
    # Data cut short by the page, with or without an ellipsis.
    cut = [c.rstrip("…").rstrip() for c in candidates if c.endswith("…") or len(c) > 60]
    if cut and any(d.startswith(c) for d in data for c in cut):
        return True
    if level == len(SEPARATORS):
        return False
    pieces = [p for p in re.split(SEPARATORS[level], whole) if p.strip()]
    return all(is_data(piece, data, level + 1) for piece in pieces)


def escaped(texts: list[str], data: set[str]) -> list[str]:
    """The texts that show a word neither marked as translated nor data."""
    return [
        text
        for text in texts
        if not all(is_data(part, data) for part in MARKED.split(text) if part.strip())
    ]


@pytest.fixture
def pseudo_locale(tmp_path: Path) -> Iterator[None]:
    pseudo_catalogue(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        yield


@pytest.mark.django_db
def test_no_interface_text_escapes_translation(demo_database, pseudo_locale):
    # the demo's users: ke-nfp (Kenya's focal point), secretariat
    data = data_strings()
    walks = {
        None: sorted({*PUBLIC_PAGES, *SMALL_SCREEN_PAGES} - {*SIGNED_IN_PAGES, *SECRETARIAT_PAGES}),
        "ke-nfp": SIGNED_IN_PAGES,
        "secretariat": SECRETARIAT_PAGES,
    }
    found = {}
    for username, urls in walks.items():
        client = Client()
        if username is not None:
            client.force_login(get_user_model().objects.get(username=username))
            client.post("/reports/KE/5/edit/")  # the focal point's draft (refused to others)
        for url in urls:
            response = client.get(url, {"lang": "en"} if "?" not in url else None)
            assert response.status_code == 200, url
            assert response["Content-Type"].startswith("text/html"), url
            parser = VisibleText()
            parser.feed(INLINE.sub("", response.content.decode()))
            assert any("⟦" in t for t in parser.texts), url  # the pseudo catalogue is in use
            found[url] = escaped(parser.texts, data)
    escapes = [f"{url}: {text}" for url, texts in found.items() for text in texts]
    assert escapes == [], "\n".join(escapes)
