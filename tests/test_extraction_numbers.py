"""Session ordinals and cardinals in words."""

from __future__ import annotations

import re

import pytest

from mandates.extraction.numbers import cardinal_to_int, ordinal_pattern, ordinal_to_int


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("first", 1),
        ("twenty-ninth", 29),
        ("Fifty-fifth", 55),
        ("seventy-seventh", 77),
        ("eighty-first", 81),
        ("hundredth", None),
        ("one hundredth", 100),
        ("one hundred and twelfth", 112),
        ("one hundred twelfth", 112),
        ("31st", 31),
        ("session", None),
    ],
)
def test_ordinal_words_become_numbers(words, number):
    assert ordinal_to_int(words) == number


def test_ordinal_pattern_finds_compound_ordinals_in_text():
    regex = re.compile(rf"at its ({ordinal_pattern()}) session", re.I)
    assert regex.search("to report at its one hundred and fifth session").group(1) == "one hundred and fifth"
    assert ordinal_to_int(regex.search("at its sixty-third session").group(1)) == 63


def test_cardinals_in_words_and_digits():
    assert cardinal_to_int("four") == 4
    assert cardinal_to_int("twenty-one") == 21
    assert cardinal_to_int("5") == 5
