"""Decisions printed as narrative ("Decision 75/512. Title" then "At its 30th plenary meeting, ..., the General
Assembly, ..., requested ..."): recognised as instruments, their narrative read as operative text (issue #8)."""

from __future__ import annotations

import pytest

from mandates.extraction import extract_text
from mandates.extraction.names import GA

SG = "Secretary-General"


def decision(narrative: str, title: str = "Decision 77/512. Oceans and the law of the sea") -> str:
    return f"{title}\n\n{narrative}\n\n(See A/77/PV.30)\n"


@pytest.mark.parametrize(
    "title",
    [
        "Decision 77/512. Oceans and the law of the sea",
        "Decision 77/512 A and B. Oceans and the law of the sea",
        "Decision 77/512 A, B and C. Oceans and the law of the sea",
        "Decision 77/512 . Oceans and the law of the sea",
        "Decision 77/512.\t\t. Oceans and the law of the sea",
    ],
)
def test_a_numbered_decision_over_narrative_is_an_instrument(title):
    text = decision(
        "At its 30th plenary meeting, on 23 November 2022, the General Assembly took note of the report of the "
        "Secretary-General (A/77/100).",
        title,
    )
    [found] = extract_text(text).instruments
    assert (found.label, found.kind, found.adopting_body, found.session_number, found.title) == (
        "Decision 77/512",
        "decision",
        GA,
        77,
        "Oceans and the law of the sea",
    )
    assert [(p.number, p.kind) for p in found.paragraphs] == [("1", "operative")]


@pytest.mark.parametrize(
    "opening",
    [
        "At its 30th plenary meeting, on 23 November 2022, the General Assembly, on the recommendation of the Second "
        "Committee,",
        "At its 41st\x7fplenary meeting, on 10\x7fDecember 2022, the General Assembly,",
        "At its 48th (resumed) plenary meeting, on 31 December 2022, the General Assembly,",
        "At its resumed 77th plenary meeting, on 8 July 2022, the General Assembly,",
        "At its 51st and 54th plenary meetings, on 12 and 14 December 2022, respectively, the General Assembly,",
        "On 14 August 2022, the General Assembly, on the proposal of its President (A/76/L.84),",
    ],
)
def test_the_narrative_request_is_operative_in_the_past_tense(opening):
    text = decision(
        f"{opening} requested the Secretary-General to submit a report on the matter to the Assembly at its "
        "seventy-eighth session."
    )
    found = extract_text(text).mandates
    assert [(m.paragraph, m.responsible_entity, m.due_body, m.due_session, m.review) for m in found] == [
        ("1", SG, GA, 78, False)
    ]


def test_lettered_items_are_paragraphs_and_their_past_verbs_are_requests():
    text = decision(
        "At its 52nd plenary meeting, on 7 December 2022, the General Assembly, on the recommendation of the Sixth "
        "Committee:\n\n"
        "\t(a)\tDecided that the session of the Commission should be postponed;\n\n"
        "\t(b)\tAlso invited the Commission to hold a session in 2023;\n\n"
        "\t(c)\tRequested the Secretary-General to report to the General Assembly at its seventy-eighth session on "
        "the arrangements;\n\n"
        "\t(d)\tEncouraged Member States to provide information to the Secretary-General by 30 June 2023.\n\n"
        "\t(e)\tTo also request the Secretary-General to report annually to the General Assembly on developments."
    )
    [found] = extract_text(text).instruments
    assert [p.number for p in found.paragraphs] == ["1", "(a)", "(b)", "(c)", "(d)", "(e)"]
    confident = [m for m in extract_text(text).mandates if not m.review]
    assert [(m.paragraph, m.responsible_entity, m.due_session, m.due_event, m.recurrence) for m in confident] == [
        ("(c)", SG, 78, None, None),
        ("(d)", "Member States", None, "30 June 2023", None),
        ("(e)", SG, None, None, "annual"),
    ]


@pytest.mark.parametrize(
    "recalled",
    [
        "recalling its resolution 74/19, in which it had requested the Secretary-General to report to the Assembly at "
        "its seventy-seventh session,",
        "recalling its resolution 74/19, in which it requested the Secretary-General to report to the Assembly at its "
        "seventy-seventh session,",
        "noting that the report of the Secretary-General requested in paragraph 8 of resolution 74/19 was submitted "
        "to the Assembly at its seventy-seventh session,",
        "noting that the Secretary-General was requested to report to the Assembly at its seventy-seventh session,",
    ],
)
def test_a_recalled_or_participial_request_in_the_narrative_is_not_a_mandate(recalled):
    text = decision(
        f"At its 30th plenary meeting, on 23 November 2022, the General Assembly, {recalled} decided to defer "
        "consideration of the item to its seventy-eighth session."
    )
    assert [m for m in extract_text(text).mandates if not m.review] == []


def test_acts_at_several_meetings_are_numbered_and_parts_are_skipped():
    text = (
        "Decision 77/505 A and B. Organization of the session\n\nA\n\n"
        "At its 2nd plenary meeting, on 16 September 2022, the General Assembly adopted the agenda.\n\n"
        "\tAlso at the same meeting, the General Assembly decided to include an item in the agenda.\n\nB\n\n"
        "At its 49th plenary meeting, on 15 January 2023, the General Assembly decided to consider the item "
        "directly in plenary.\n\n(See A/77/PV.49)\n"
    )
    [found] = extract_text(text).instruments
    assert [p.number for p in found.paragraphs] == ["1", "2", "3"]


def test_a_narrative_line_is_not_joined_to_the_title_line_above_it():
    # the title has no full stop; hard-wrap detection must not run the narrative into it
    text = "Decision 77/404. Election of the members of the Commission\n\n" + "\n\n".join(
        f"Mr. Member NUMBER{k} (State {k})" for k in range(8)
    )
    text = text.replace(
        "\n\nMr. Member NUMBER0",
        "\n\nAt its 40th plenary meeting, on 3 November 2022, the General Assembly elected the following persons "
        "(footnote: A/77/10)\n\nMr. Member NUMBER0",
        1,
    )
    [found] = extract_text(text).instruments
    assert found.title == "Election of the members of the Commission"
    assert found.paragraphs[0].text.startswith("At its 40th plenary meeting")


@pytest.mark.parametrize(
    ("heading", "body", "label", "session"),
    [
        (
            "Decision adopted by the Human Rights Council on 4 April 2025\n\n58/115. Panel on older persons",
            "Human Rights Council",
            "Decision 58/115",
            58,
        ),
        ("Decision 58/115\n\nPanel on older persons", "Human Rights Council", "Decision 58/115", 58),
        (
            "Decision 2025/240. Panel on older persons",
            "Economic and Social Council",
            "Decision 2025/240",
            None,
        ),
    ],
)
def test_council_decisions_told_whole_in_one_narrative_sentence(heading, body, label, session):
    text = (
        f"{heading}\n\n"
        f"At its 40th meeting, on 4 April 2025, the {body}, recalling its resolution 52/8, in which it requested the "
        "Secretary-General to report, decided, without a vote, to request the Secretary-General to present a report "
        f"on the panel to the {body} at its sixtieth session.\n"
    )
    result = extract_text(text)
    [found] = result.instruments
    assert (found.label, found.adopting_body, found.session_number) == (label, body, session)
    assert found.title == "Panel on older persons"
    assert [(m.paragraph, m.responsible_entity, m.due_body, m.due_session) for m in result.mandates] == [
        ("1", SG, body, 60)
    ]


def test_past_tense_lettered_items_of_a_council_narrative_decision_are_requests():
    text = (
        "Decision adopted by the Human Rights Council on 3 October 2025\n\n"
        "60/117. Panel discussion on the rights of older persons\n\n"
        "        At its 40th meeting, on 3 October 2025, the Human Rights Council decided, without a vote:\n\n"
        "        (a) Requested the Advisory Committee to prepare a study and to present it to the Council at its "
        "sixty-third session;\n\n"
        "        (b) Invited States to provide views to the Advisory Committee.\n"
    )
    found = [m for m in extract_text(text).mandates if not m.review]
    assert [(m.paragraph, m.responsible_entity, m.due_session) for m in found][:1] == [
        ("(a)", "Advisory Committee", 63)
    ]
