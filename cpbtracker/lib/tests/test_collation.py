"""Names sorted in the reader's alphabetical order (ICU collation with CLDR tailorings)."""

from __future__ import annotations

from cpbtracker.lib.collation import collation_key, sorted_by_name


def test_accents_and_case_come_after_the_letters_in_french():
    names = ["Zambie", "état", "Eswatini", "Égypte", "Allemagne"]
    assert sorted(names) == ["Allemagne", "Eswatini", "Zambie", "Égypte", "état"]  # by code point
    assert sorted_by_name(names, language="fr") == [
        "Allemagne",
        "Égypte",
        "Eswatini",
        "état",
        "Zambie",
    ]


def test_each_language_has_its_own_alphabet():
    # Spanish: ñ is a letter after n; Chinese: by pinyin (a-fu-han, ba-xi, de-guo, zhong-guo)
    assert sorted_by_name(["Oman", "Ñandú", "Noruega"], language="es") == [
        "Noruega",
        "Ñandú",
        "Oman",
    ]
    assert sorted_by_name(["中国", "德国", "巴西", "阿富汗"], language="zh-hans") == [
        "阿富汗",
        "巴西",
        "德国",
        "中国",
    ]
    assert collation_key("Ёж", "ru") < collation_key("Жук", "ru")  # Ё with the Е's


def test_items_are_sorted_by_the_name_given():
    rows = [("KE", "Kenya"), ("DE", "Allemagne"), ("CN", "Chine")]
    assert sorted_by_name(rows, lambda row: row[1], language="fr") == [
        ("DE", "Allemagne"),
        ("CN", "Chine"),
        ("KE", "Kenya"),
    ]
