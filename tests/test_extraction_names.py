"""Canonical names and short references resolved in the context of an instrument."""

from __future__ import annotations

from mandates.extraction.names import CCPCJ, GA, HC, HRC, UNODC, UNODC_ED, Resolver


def test_full_names_and_aliases_are_canonical():
    resolver = Resolver(adopting_body=GA)
    assert resolver.resolve("the Secretary-General") == "Secretary-General"
    assert resolver.resolve("UNODC") == UNODC
    assert resolver.resolve("the Assembly") == GA
    assert resolver.resolve("it") == GA
    assert resolver.resolve("the Fourteenth Congress") == (
        "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice"
    )


def test_short_references_follow_the_instrument():
    crime = Resolver(adopting_body=GA, context_text=f"the {CCPCJ} and the {UNODC} ... the {CCPCJ}")
    assert crime.resolve("the Commission") == CCPCJ
    assert crime.resolve("the Office") == UNODC
    assert crime.resolve("the Executive Director") == UNODC_ED
    rights = Resolver(adopting_body=HRC, context_text="the Special Rapporteur on the right to food, and the Council")
    assert rights.resolve("the Council") == HRC
    assert rights.resolve("the High Commissioner") == HC
    assert rights.resolve("the Special Rapporteur") == "Special Rapporteur on the right to food"


def test_the_congress_is_the_last_one_named():
    resolver = Resolver(
        adopting_body=GA, context_text="the Fourteenth Congress ... preparations for the Fifteenth Congress"
    )
    assert resolver.resolve("the Congress").startswith("Fifteenth United Nations Congress")


def test_unknown_entities_keep_their_printed_name_without_article():
    assert Resolver(adopting_body=GA).resolve("the World Tourism Organization") == "World Tourism Organization"


def test_the_executive_director_is_of_the_programme_the_instrument_names():
    unep = Resolver(
        adopting_body="United Nations Environment Assembly",
        context_text="Welcomes the work of the United Nations Environment Programme",
    )
    assert unep.resolve("the Executive Director") == "Executive Director of the United Nations Environment Programme"
    women = Resolver(adopting_body=GA, context_text="Invites the Executive Director of UN-Women and the Administrator")
    assert women.resolve("the Executive Director") == (
        "Executive Director of the United Nations Entity for Gender Equality and the Empowerment of Women"
    )
