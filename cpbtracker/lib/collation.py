"""Sorting names the way a reader of each language expects: the Unicode Collation Algorithm
with the CLDR tailoring of the reader's language (ICU, through PyICU).

"Österreich" sorts with the O's, "Ñ" after "N" in Spanish, Chinese by pinyin, and a list of
Party names is sorted by the name the reader sees, never by its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TypeVar

from icu import Collator, Locale

from cpbtracker.lib.content import cldr_locale

T = TypeVar("T")


@lru_cache(maxsize=8)
def _collator(locale: str) -> Collator:
    return Collator.createInstance(Locale(locale))


def collation_key(text: str, language: str | None = None) -> bytes:
    """The sort key of ``text`` for ``language`` (a Django code; default: the active one)."""
    return bytes(_collator(cldr_locale(language)).getSortKey(text))


def sorted_by_name(
    items: Iterable[T], name: Callable[[T], str] = str, *, language: str | None = None
) -> list[T]:
    """``items`` in the reader's alphabetical order of ``name(item)``."""
    collator = _collator(cldr_locale(language))
    return sorted(items, key=lambda item: bytes(collator.getSortKey(name(item))))
