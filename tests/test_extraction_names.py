"""Canonical names and short references resolved in the context of an instrument."""

from __future__ import annotations

from mandates.extraction.names import CCPCJ, ECOSOC, GA, HC, HRC, UNODC, UNODC_ED, Resolver


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


def test_a_definite_short_form_is_the_full_name_printed_last_before_it():
    text = (
        "Welcoming the work of the Preparatory Committee for the World Summit for Social Development, and of the "
        "Preparatory Committee for the Fourth World Conference on Women,\n"
        "Requests the Preparatory Committee to report to the Council."
    )
    resolver = Resolver(adopting_body=ECOSOC, context_text=text)
    resolver.cursor = len(text)
    assert (
        resolver.resolve("the Preparatory Committee")
        == "Preparatory Committee for the Fourth World Conference on Women"
    )
    resolver.cursor = text.index(", and of")
    assert (
        resolver.resolve("the Preparatory Committee")
        == "Preparatory Committee for the World Summit for Social Development"
    )


def test_an_officer_of_a_short_named_organ_takes_the_organs_full_name():
    resolver = Resolver(
        adopting_body=GA,
        context_text="Recalling the statute of the International Atomic Energy Agency, and the Agency’s",
    )
    assert resolver.resolve("the Director-General of the Agency") == (
        "Director-General of the International Atomic Energy Agency"
    )
    assert resolver.resolve("the Agency") == "International Atomic Energy Agency"
    assert resolver.resolve("the Board of Governors of the Agency") == (
        "Board of Governors of the International Atomic Energy Agency"
    )


def test_next_and_current_are_not_part_of_a_title():
    resolver = Resolver(
        adopting_body=GA,
        context_text="the Special Envoy of the Secretary-General on Yemen, and decides to appoint a Special Envoy on Yemen,",
    )
    assert resolver.resolve("the next Special Envoy") == "Special Envoy of the Secretary-General on Yemen"
    assert resolver.resolve("the current Special Envoy") == "Special Envoy of the Secretary-General on Yemen"
    rights = Resolver(adopting_body=HRC, context_text="the Special Rapporteur of the Council on the right to food,")
    assert rights.resolve("the Special Rapporteur") == "Special Rapporteur on the right to food"


def test_the_office_and_the_commission_fall_back_to_the_full_name_printed():
    resolver = Resolver(
        adopting_body=GA,
        context_text="Welcoming the work of the Office for the Coordination of Humanitarian Affairs of the Secretariat, "
        "and of the Independent International Commission of Inquiry on the Syrian Arab Republic,",
    )
    assert resolver.resolve("the Office") == "Office for the Coordination of Humanitarian Affairs"
    assert resolver.resolve("the Commission") == (
        "Independent International Commission of Inquiry on the Syrian Arab Republic"
    )


def test_a_country_is_not_a_short_form():
    resolver = Resolver(
        adopting_body=GA, context_text="the situation of minorities in Myanmar in the Rakhine State, and Israel Defense"
    )
    assert resolver.resolve("Myanmar") == "Myanmar"
    assert resolver.resolve("Israel") == "Israel"


def test_an_advisers_full_title_runs_through_to_the_secretary_general():
    resolver = Resolver(
        adopting_body=GA,
        context_text="Welcoming the appointment of the Special Adviser to the Secretary-General on Cyprus, and the report "
        "of the Committee to the General Assembly",
    )
    assert resolver.resolve("the Special Adviser") == "Special Adviser to the Secretary-General on Cyprus"
    assert resolver.resolve("the Committee") == "Committee"
