"""The plan's terminology in six languages (``data/glossary.yaml``), each wording with its
source in the BCH's own texts, and the check that a translation uses it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.content import PLAN_LANGUAGES, PlanDataError, PlanDocument

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.yaml"
# Where a wording was found: a BCH format or schema, else the plan itself, a UN document (its
# symbol) or our translation.
SOURCE_KINDS = ("nr5", "nr4", "schemas", "plan", "un", "translation")


@dataclass(frozen=True)
class Wording:
    language: str
    term: str
    forms: tuple[str, ...]  # other forms that count as using the term (plural, cases, acronym)
    source: str
    abbreviation: str = ""  # the language's short form ("STAR", "СПРР"); none in some languages

    @property
    def source_kind(self) -> str:
        return self.source.split(" ", 1)[0]

    def used_in(self, text: str) -> bool:
        """Whether ``text`` has the term or one of its forms as whole words ("transit", not
        "transition"); Chinese has no spaces, Arabic attaches prefixes such as "and"."""
        forms = [self.term, *self.forms, *([self.abbreviation] if self.abbreviation else [])]
        return self._has(forms, text)

    def abbreviated_in(self, text: str) -> bool:
        """Whether ``text`` has this language's abbreviation as a whole word."""
        return bool(self.abbreviation) and self._has([self.abbreviation], text)

    def _has(self, forms: list[str], text: str) -> bool:
        start = "" if self.language in ("zh", "ar") else r"(?<!\w)"
        end = "" if self.language == "zh" else r"(?!\w)"
        pattern = "|".join(re.escape(_normalize(f)) for f in forms)
        return re.search(f"{start}(?:{pattern}){end}", _normalize(text)) is not None


@dataclass(frozen=True)
class Term:
    key: str
    wordings: dict[str, Wording]  # content language -> wording


def _normalize(text: str) -> str:
    """Compare words, not spelling accidents: case, Arabic vowel marks, apostrophes, spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'")
    text = re.sub("[\u064b-\u0652]", "", text)  # Arabic harakat (the BCH writes some, not all)
    return re.sub(r"\s+", " ", text)


def parse_glossary(raw: object) -> tuple[Term, ...]:
    """The glossary's terms; each needs a term and a source in each of the six languages."""
    if not isinstance(raw, dict) or not isinstance(raw.get("terms"), list):
        raise PlanDataError("glossary.not-a-list", where=GLOSSARY_FILE.name)
    terms = []
    for n, entry in enumerate(raw["terms"], start=1):
        key = entry.get("key") if isinstance(entry, dict) else None
        if not key:
            raise PlanDataError("glossary.term-without-key", where=GLOSSARY_FILE.name, number=n)
        wordings = {}
        for language in PLAN_LANGUAGES:
            value = entry.get(language)
            if not isinstance(value, dict) or not str(value.get("term", "")).strip():
                raise PlanDataError(
                    "glossary.no-term", where=GLOSSARY_FILE.name, key=key, language=language
                )
            source = str(value.get("source", "")).strip()
            if source.split(" ", 1)[0] not in SOURCE_KINDS:
                raise PlanDataError(
                    "glossary.source",
                    where=GLOSSARY_FILE.name,
                    key=key,
                    language=language,
                    kinds=str(SOURCE_KINDS),
                )
            wordings[language] = Wording(
                language=language,
                term=str(value["term"]).strip(),
                forms=tuple(str(f) for f in value.get("forms", [])),
                source=source,
                abbreviation=str(value.get("abbreviation", "")).strip(),
            )
        terms.append(Term(key=key, wordings=wordings))
    return tuple(terms)


@lru_cache(maxsize=1)
def packaged_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    with path.open(encoding="utf-8") as fh:
        return parse_glossary(load_yaml(fh))


def plan_text_pairs(document: PlanDocument, language: str) -> list[tuple[str, str]]:
    """(English, ``language``) of every plan text that has ``language``."""
    contents = [document.document.get("title", {})]
    contents += [a.text for a in document.areas]
    for s in document.capacity_sets:
        contents += [i.text for i in s.areas + s.activities]
    for g in document.goals:
        contents += [g.title.text, g.outcome.text]
        contents += [i.text for i in g.objectives + g.indicators]
    for n in document.narrative:
        contents += [n.title, n.text]
    return [(c["en"], c[language]) for c in contents if c.get(language)]


def unused_terms(
    pairs: Iterable[tuple[str, str]], language: str, glossary: tuple[Term, ...]
) -> list[str]:
    """Keys of the terms the English texts use but none of their translations into
    ``language`` does (a translation should use the glossary's wording), and of the terms
    whose English abbreviation a text uses where its translation has not the language's own
    (its abbreviation, or without one the term): "СТАР" for STAR where Russian says "СПРР"."""
    pairs = list(pairs)
    translated = " | ".join(text for _, text in pairs)
    return [
        term.key
        for term in glossary
        if (
            any(term.wordings["en"].used_in(english) for english, _ in pairs)
            and not term.wordings[language].used_in(translated)
        )
        or any(_abbreviation_off(term, language, english, text) for english, text in pairs)
    ]


def _abbreviation_off(term: Term, language: str, english: str, translation: str) -> bool:
    """The English text abbreviates the term and the translation has not the language's form."""
    if not term.wordings["en"].abbreviated_in(english):
        return False
    wording = term.wordings[language]
    if wording.abbreviation:
        return not wording.abbreviated_in(translation)
    return not wording.used_in(translation)
