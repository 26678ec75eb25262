"""Whole documents in the shapes the product meets: PDF text of an adopted resolution, a Markdown export of
an HRC resolution with footnotes, a committee report holding several drafts."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from mandates.extraction import extract_text
from mandates.extraction.names import GA, HRC, OHCHR

PDF = Path(__file__).resolve().parent.parent / "fixtures" / "pdf"


def pdf_text(name: str) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(PDF / name).pages)


def test_adopted_general_assembly_resolution_from_pdf_text():
    text = pdf_text("A_RES_78_292.pdf")
    result = extract_text(text)
    assert [(i.label, i.adopting_body, i.session_number, i.is_draft) for i in result.instruments] == [
        ("A/RES/78/292", GA, 78, False)
    ]
    found = [(m.responsible_entity, m.due_body, m.due_session) for m in result.mandates]
    assert ("Secretary-General", GA, 81) in found
    for m in result.mandates:
        assert text[m.start : m.end] == m.text


def test_a_resolution_with_no_reporting_request_yields_nothing():
    assert extract_text(pdf_text("A_RES_78_9.pdf")).mandates == []


MARKDOWN_HRC = """---
symbol: A/HRC/RES/56/7
---

# Resolution adopted by the Human Rights Council on 10 July 2024

**56/7. Human rights and climate change**

*The Human Rights Council*,

*Recalling* its resolution 50/9, in which it requested the Office of the High Commissioner to submit a report
to the Council at its fifty-third session,[^1]

*Noting* the report of the Special Rapporteur on the promotion and protection of human rights in the context of
climate change,²

1. *Welcomes* the work of the Special Rapporteur;

2. *Requests* the Office of the United Nations High Commissioner for Human Rights to prepare a report on the
impact of climate change on the rights of older persons, and to present it to the Human Rights Council at its
fifty-ninth session, followed by an interactive dialogue;

3. *Also requests* the Special Rapporteur to report annually to the Council and to the General Assembly;

4. *Decides* to continue its consideration of this issue at its fifty-ninth session.

[^1]: See A/HRC/53/34.
"""


def test_markdown_hrc_resolution_with_footnotes_and_wrapped_lines():
    result = extract_text(MARKDOWN_HRC)
    assert [(i.label, i.title, i.adopting_body, i.session_number) for i in result.instruments] == [
        ("A/HRC/RES/56/7", "Human rights and climate change", HRC, 56)
    ]
    found = sorted(
        (m.paragraph, m.category, m.responsible_entity, m.delivered_to, m.due_session, m.recurrence)
        for m in result.mandates
    )
    rapporteur = "Special Rapporteur on the promotion and protection of human rights in the context of climate change"
    assert found == [
        ("2", "report", OHCHR, HRC, 59, None),
        ("3", "report", rapporteur, GA, None, "annual"),
        ("3", "report", rapporteur, HRC, None, "annual"),
    ]
    for m in result.mandates:
        assert MARKDOWN_HRC[m.start : m.end] == m.text


COMMITTEE_REPORT = """Report of the Third Committee

1. At its 40th meeting, the Committee requested the Secretariat to report to it at its next session.

III. Recommendations of the Third Committee

2. The Third Committee recommends to the General Assembly the adoption of the following draft resolutions:

Draft resolution I

Rights of persons with albinism

The General Assembly,

Recalling its resolution 76/1,

1. Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on the
implementation of the present resolution.

Draft resolution II

Right to food

The General Assembly,

Recalling its earlier resolutions,

1. Requests the Special Rapporteur on the right to food to submit an interim report to the General Assembly at its
seventy-ninth session.

3. The Third Committee also recommends to the General Assembly the adoption of the following draft decision:

Draft decision

The General Assembly takes note of the report of the Secretary-General.
"""


def test_committee_report_with_several_drafts_and_narrative():
    result = extract_text(COMMITTEE_REPORT)
    assert [i.label for i in result.instruments] == ["Draft resolution I", "Draft resolution II", "Draft decision"]
    assert [(m.instrument, m.responsible_entity, m.due_session) for m in result.mandates] == [
        ("Draft resolution I", "Secretary-General", 80),
        ("Draft resolution II", "Special Rapporteur on the right to food", 79),
    ]


HRC_SESSION_REPORT = """Report of the Human Rights Council on its fifty-fifth session

I. Resolutions

55/1. Situation of human rights in a country

The Human Rights Council,

Guided by the Charter of the United Nations,

1. Requests the High Commissioner to present an oral update to the Council at its fifty-seventh session, and a
comprehensive report at the main part of its fifty-eighth session;

55/2. Freedom of opinion and expression

The Human Rights Council,

Reaffirming its resolutions,

1. Requests the Special Rapporteur on the promotion and protection of the right to freedom of opinion and
expression to submit a report to the Council at its fifty-ninth session and to the General Assembly at the
eightieth session of the Assembly;

II. Decisions

55/101. Outcome of the universal periodic review: a State

The Human Rights Council,

Having conducted the review,

Decides to adopt the outcome of the review.
"""


def test_session_report_with_numbered_resolutions_and_decisions():
    result = extract_text(HRC_SESSION_REPORT)
    assert [(i.label, i.kind, i.session_number) for i in result.instruments] == [
        ("A/HRC/RES/55/1", "resolution", 55),
        ("A/HRC/RES/55/2", "resolution", 55),
        ("A/HRC/DEC/55/101", "decision", 55),
    ]
    assert [(m.instrument, m.category, m.delivered_to, m.due_session) for m in result.mandates] == [
        ("A/HRC/RES/55/1", "oral", HRC, 57),
        ("A/HRC/RES/55/1", "report", HRC, 58),
        ("A/HRC/RES/55/2", "report", HRC, 59),
        ("A/HRC/RES/55/2", "report", GA, 80),
    ]


HRC_DRAFT = """United Nations A/HRC/56/L.21

General Assembly

Distr.: limited
8 July 2024

Human Rights Council
Fifty-sixth session
18 June–12 July 2024
Agenda item 3

Albania, Chile and Ghana: draft resolution

56/... Rights of older persons

The Human Rights Council,

Recalling its resolution 54/1,

1. Requests the Independent Expert on the enjoyment of all human rights by older persons to submit a report
to the Human Rights Council at its fifty-ninth session;

2. Requests the Secretary-General to report to the Security Council within sixty days on the situation.
"""


def test_human_rights_council_draft_takes_the_symbol_as_label_and_the_cover_session():
    result = extract_text(HRC_DRAFT)
    assert [(i.label, i.title, i.is_draft, i.session_number) for i in result.instruments] == [
        ("A/HRC/56/L.21", "Rights of older persons", True, 56)
    ]
    assert [(m.responsible_entity, m.due_body, m.due_session, m.due_event) for m in result.mandates] == [
        ("Independent Expert on the enjoyment of all human rights by older persons", HRC, 59, None),
        ("Secretary-General", "Security Council", None, "within sixty days"),
    ]


def test_a_body_name_used_as_a_heading_does_not_open_an_instrument():
    text = (
        "Chapter III\n\nThe Commission on the Status of Women\n\n"
        "1. The Commission held its session in March. The Secretariat requests the Commission to report to the "
        "Council at its sixty-ninth session.\n"
    )
    result = extract_text(text)
    assert result.instruments == []
    assert result.mandates == []


def test_paragraphs_without_printed_numbers_are_numbered_from_the_first_operative_verb():
    text = (
        "Draft resolution\n\nThe General Assembly,\n\nRecalling its resolution 77/1,\n\n"
        "Noting with concern the situation,\n\nWelcomes the report of the Secretary-General;\n\n"
        "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on "
        "the implementation of the present resolution.\n"
    )
    result = extract_text(text)
    assert [(p.number, p.kind) for p in result.instruments[0].paragraphs] == [
        ("", "preambular"),
        ("", "preambular"),
        ("1", "operative"),
        ("2", "operative"),
    ]
    assert [(m.paragraph, m.due_session) for m in result.mandates] == [("2", 80)]


# --- whole documents that must not be lost (issue 8): generic shapes, any reader ----------------------

NUMBERED = (
    "A/RES/78/996\n"
    "Resolution adopted by the General Assembly on 7 December 2023\n"
    "78/996. A topic of international law\n"
    "The General Assembly,\n"
    "Recalling its resolution 75/143 of 15 December 2020,\n"
    "1. Takes note of the articles;\n"
    "2. Requests the Secretary-General to submit a report to the General Assembly at its eighty-first session;\n"
    "3. Decides to include the item in the provisional agenda of its eighty-first session.\n"
)


def _keys(text: str) -> list[tuple]:
    return [(m.paragraph, m.responsible_entity, m.due_body, m.due_session) for m in extract_text(text).mandates]


def test_numbers_on_lines_of_their_own_with_blank_lines_give_the_same_mandates():
    # Another PDF reader: number alone on its line, blank lines between paragraphs, trailing spaces.
    spread = re.sub(r"\n(\d)\. ", r" \n \n\1. \n", NUMBERED).replace("\n", " \n")
    assert "\n2. \nRequests" in spread.replace(" \n", "\n")
    assert _keys(spread) == _keys(NUMBERED) == [("2", "Secretary-General", "General Assembly", 81)]


def test_a_resolution_without_its_the_general_assembly_line_is_found():
    text = NUMBERED.replace("The General Assembly,\n", "")
    result = extract_text(text)
    (instrument,) = result.instruments
    assert (instrument.symbol, instrument.adopting_body, instrument.title) == (
        "A/RES/78/996",
        "General Assembly",
        "A topic of international law",
    )
    assert _keys(text) == [("2", "Secretary-General", "General Assembly", 81)]


def test_a_lone_numbered_title_over_a_preamble_is_a_resolution_of_the_symbols_body():
    text = NUMBERED.replace("The General Assembly,\n", "").replace(
        "Resolution adopted by the General Assembly on 7 December 2023\n", ""
    )
    assert _keys(text) == [("2", "Secretary-General", "General Assembly", 81)]


def test_a_single_unnumbered_operative_paragraph_is_operative():
    text = (
        "A/RES/78/995\nResolution adopted by the General Assembly on 22 December 2023\n"
        "78/995. Report of an office\nThe General Assembly,\n"
        "Recalling its resolutions 60/254 of 8 May 2006 and 77/278 of 18 April 2023, and having considered\n"
        "the report of the Office,\n"
        "Requests the Secretary-General to submit a report to the General Assembly at its eightieth session.\n"
    )
    (instrument,) = extract_text(text).instruments
    operative = [(p.number, p.text[:8]) for p in instrument.paragraphs if p.kind == "operative"]
    assert operative == [("1", "Requests")]
    assert _keys(text) == [("1", "Secretary-General", "General Assembly", 80)]


def test_split_ordinals_keep_their_session():
    for split in ("eighty -first", "eighty- first", "eighty - first"):
        text = NUMBERED.replace(
            "report to the General Assembly at its eighty-first", f"report to the General Assembly at its {split}"
        )
        result = extract_text(text)
        assert [m.due_session for m in result.mandates] == [81], split
        assert split in result.mandates[0].text  # offsets still point into the original text
