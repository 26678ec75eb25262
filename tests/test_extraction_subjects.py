"""Mandate subjects (what the report or information is about) and the document's own symbol and title.

Sentences are written for these tests in the style of HRC, ECOSOC, GA and commission texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mandates.extraction import extract_text
from mandates.extraction.fulfilment import find_fulfilment
from mandates.extraction.names import CCPCJ, ECOSOC, GA, HRC
from mandates.extraction.subjects import MAX_LENGTH
from mandates.extraction.symbols import document_symbol, document_title
from tests.test_extraction_clauses import instrument

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted([*ROOT.glob("fixtures/seeds/*.txt"), *ROOT.glob("fixtures/ga78/docs/*.txt")])


def subjects(body: str, *paragraphs: str, title: str = "") -> list[str]:
    text = instrument(body, *paragraphs)
    if title:
        text = text.replace("Promoting the right to safe drinking water", title)
    return [m.subject for m in extract_text(text).mandates]


@pytest.mark.parametrize(
    ("body", "paragraph", "expected"),
    [
        (
            HRC,
            "Requests the Special Rapporteur on the right to food to submit a report on the impact of drought on "
            "smallholder farmers to the Human Rights Council at its sixty-first session;",
            "impact of drought on smallholder farmers",
        ),
        (
            GA,
            "Requests the Secretary-General to report to the General Assembly at its eighty-second session on the "
            "implementation of the present resolution, including on the activities of the regional centres;",
            "implementation of the present resolution",
        ),
        (
            HRC,
            "Requests the Office of the High Commissioner to present an oral update on the human rights situation in "
            "the region to the Human Rights Council at its sixtieth session;",
            "human rights situation in the region",
        ),
        (
            CCPCJ,
            "Requests the Secretariat to prepare an overview of trends in road safety for the Commission on Crime "
            "Prevention and Criminal Justice at its thirty-sixth session, within existing resources;",
            "trends in road safety",
        ),
        (
            GA,
            "Invites Member States to submit their views on ways to strengthen the protection of civilians to the "
            "Secretary-General before the eighty-first session of the General Assembly;",
            "ways to strengthen the protection of civilians",
        ),
        (
            CCPCJ,
            "Requests the United Nations Office on Drugs and Crime to keep the Commission informed of the progress "
            "made in the collection of data on femicide, in consultation with Member States, at its thirty-sixth "
            "session;",
            "progress made in the collection of data on femicide",
        ),
        (
            GA,
            "Requests the Secretary-General to submit proposals for a strengthened internal justice system to the "
            "General Assembly at its eighty-first session for consideration by the Fifth Committee;",
            "strengthened internal justice system",
        ),
        (
            GA,
            "Requests the Secretary-General to include in his report to the General Assembly at its eighty-first "
            "session information on the staffing of the regional offices;",
            "staffing of the regional offices",
        ),
    ],
)
def test_the_topic_after_the_delivery_is_the_subject(body, paragraph, expected):
    found = subjects(body, paragraph)
    assert found and all(s == expected for s in found)


def test_report_thereon_takes_the_subject_given_earlier_in_the_paragraph():
    found = subjects(
        GA,
        "Requests the Secretary-General to ensure the follow-up to the Global Forum on Migration and to report "
        "thereon to the General Assembly at its eighty-first session;",
    )
    assert found == ["follow-up to the Global Forum on Migration"]


def test_information_given_earlier_in_the_paragraph_is_what_that_information_is_about():
    found = subjects(
        GA,
        "Invites all States to inform the Secretary-General of the measures they have taken to combat illicit "
        "brokering, and requests the Secretary-General to submit a report containing that information to the "
        "General Assembly at its eighty-first session;",
    )
    assert found and all(s == "measures they have taken to combat illicit brokering" for s in found)


def test_report_thereon_with_nothing_earlier_is_the_instrument_title():
    found = subjects(
        GA,
        "Requests the Special Committee to continue to examine this question and to report thereon to the General "
        "Assembly at its eighty-first session;",
        title="Question of the Falkland Islands (Malvinas)",
    )
    assert found == ["Question of the Falkland Islands (Malvinas)"]


def test_without_a_topic_the_object_phrase_is_the_subject_without_recipient_or_session():
    found = subjects(
        GA,
        "Requests the Secretary-General to submit the final performance report of the Mission to the General "
        "Assembly during its eightieth session;",
    )
    assert found == ["final performance report of the Mission"]


def test_a_transmission_is_about_what_is_transmitted():
    found = subjects(
        ECOSOC,
        "Requests the Secretary-General to transmit the report of the expert group meeting on migrant smuggling "
        "to the Commission on Crime Prevention and Criminal Justice at its thirty-fifth session;",
    )
    assert found == ["report of the expert group meeting on migrant smuggling"]


def test_a_long_topic_is_cut_short_at_a_word():
    long_topic = ", ".join(f"the situation of group number {i} in the region" for i in range(12))
    found = subjects(
        HRC,
        f"Requests the Independent Expert to submit a report on {long_topic} to the Human Rights Council at its "
        "sixtieth session;",
    )
    assert len(found) == 1 and 20 < len(found[0]) <= MAX_LENGTH and not found[0].endswith((",", " "))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_mandate_of_any_fixture_has_an_empty_subject(path):
    result = extract_text(path.read_text(encoding="utf-8"))
    assert all(m.subject.strip() and len(m.subject) <= MAX_LENGTH for m in result.mandates)


# The document's own symbol and title.


def test_masthead_symbol_and_title_of_a_draft():
    text = (
        "United Nations A/C.3/80/L.12\n\nDistr.: Limited\n\nEightieth session\nThird Committee\n\n"
        "Mexico: draft resolution\n\nProtection of migrants\n\nThe General Assembly,\n\n"
        "Recalling its resolutions on the subject,\n\n1. Requests the Secretary-General to report to the General "
        "Assembly at its eighty-first session on the implementation of the present resolution.\n"
    )
    result = extract_text(text)
    assert (result.symbol, result.title) == ("A/C.3/80/L.12", "Protection of migrants")


def test_an_asterisk_footnote_symbol_is_not_the_document_s_own():
    text = (
        "  Summary\n\n  The present report is submitted pursuant to General Assembly resolution 79/12.\n\n"
        "__________________\n\n * A/80/50.\n\nhttp://undocs.org/A/80/50\n  I. Introduction\n\n"
        "1. As requested in document A/79/301, the report covers the period.\n"
    )
    assert document_symbol(text) == ""
    assert extract_text(text).symbol == ""
    assert find_fulfilment(text).symbol == ""


def test_a_symbol_cited_in_running_text_or_a_numbered_footnote_is_not_the_document_s_own():
    text = (
        "Commission on Narcotic Drugs\n\nReport on the sixty-ninth session\n\n"
        "For further information, see document E/CN.7/2026/2.\n\n"
        "12 See Official Records of the Economic and Social Council, 2025, Supplement No. 8 (E/2025/28).\n"
    )
    assert document_symbol(text) == ""


def test_official_records_cover_symbol_and_session_report_title():
    text = (
        "United Nations\n\nCommission on Narcotic Drugs\n\nReport on the sixty-ninth session\n(13–17 March 2026)\n\n"
        "Economic and Social Council\nOfficial Records, 2026\nSupplement No. 8 (E/2026/28)\n\nNote\n"
    )
    assert document_symbol(text) == "E/2026/28"
    assert document_title(text, "Commission on Narcotic Drugs") == (
        "Commission on Narcotic Drugs: Report on the sixty-ninth session (13–17 March 2026)"
    )


def test_a_session_report_named_by_its_addendum_under_a_cover_of_the_same_supplement():
    cover = "Economic and Social Council\nOfficial Records, 2026\nSupplement No. 8\n\nNote\n\n"
    note = "The report on the reconvened session will be issued as Supplement No. 8A (E/2026/28/Add.1).\n"
    assert document_symbol(cover + note) == "E/2026/28"
    other_year = note.replace("E/2026/28", "E/2025/28")
    assert document_symbol(cover + other_year) == ""  # not this year's records: unsure, so nothing


def test_seeds_symbols():
    def symbol(name: str) -> str:
        return extract_text((ROOT / "fixtures/seeds" / name).read_text(encoding="utf-8")).symbol

    assert symbol("000_fe94a4e9157510c7.txt") == "E/2021/30"
    assert symbol("001_1d6fc8e741c411a9.txt") == "A/C.3/76/L.9"
    assert symbol("002_eebce0b12b52e239.txt") == "E/2019/30"
    assert symbol("003_20fe633b4ed0101a.txt") == "E/2023/30"
    assert symbol("004_744464a0601c5378.txt") == ""  # only the agenda footnote "* A/76/50." is printed


def test_ga78_resolutions_take_their_masthead_symbol():
    for path in ROOT.glob("fixtures/ga78/docs/*.txt"):
        assert extract_text(path.read_text(encoding="utf-8")).symbol == path.stem.replace("_", "/")


def test_a_bare_delivery_is_about_what_the_paragraph_asked_for_before():
    found = subjects(
        HRC,
        "Decides to extend the mandate of the Special Rapporteur on the situation of human rights in Belarus for a "
        "period of one year, and requests the mandate holder to present a report to the Human Rights Council at its "
        "fifty-ninth session and to the General Assembly at its eightieth session;",
    )
    assert found == ["mandate of the Special Rapporteur on the situation of human rights in Belarus"] * 2


def test_a_bare_oral_update_with_nothing_before_is_about_the_instrument_s_title():
    found = subjects(
        HRC,
        "Requests the Office of the High Commissioner to provide an oral update to the Human Rights Council at its "
        "sixtieth session, followed by an interactive dialogue;",
        title="Situation of human rights in South Sudan",
    )
    assert found == ["Situation of human rights in South Sudan"]


def test_a_short_form_in_the_subject_is_the_entity_it_stands_for():
    found = subjects(
        CCPCJ,
        "Requests the Executive Director of the United Nations Office on Drugs and Crime to report to the "
        "Commission at its thirty-fifth session on the financial situation of the Office;",
    )
    assert found == ["financial situation of the United Nations Office on Drugs and Crime"]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("United Nations A/HRC/58/L.21\n\nGeneral Assembly\n", "A/HRC/58/L.21"),
        ("United Nations General Assembly A/RES/79/5 Distr.: General\n", "A/RES/79/5"),
        ("E/CN.6/2026/L.3 Distr.: Limited 12 March 2026\n", "E/CN.6/2026/L.3"),
        ("Human Rights Council\nFifty-eighth session\n¹ A/HRC/57/2.\n", ""),  # a numbered footnote
        ("Report of the Secretary-General\n" + "x " * 200 + "\nA/79/301\n", ""),  # after running text
    ],
)
def test_masthead_shapes(head, expected):
    assert document_symbol(head) == expected


def test_its_activities_are_the_responsible_entity_s():
    found = subjects(
        GA,
        "Requests the Secretary-General to keep the General Assembly informed at its eighty-first session of his "
        "activities to promote the rule of law;",
    )
    assert found == ["activities of the Secretary-General to promote the rule of law"]
