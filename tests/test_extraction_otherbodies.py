"""Grammar classes met in the texts of bodies other than the General Assembly plenary (HRC decisions,
commissions of inquiry, functional commissions, ECOSOC); each test uses its own sentence."""

from __future__ import annotations

from mandates.extraction import extract_text
from mandates.extraction.names import HRC


def test_a_narrative_hrc_decision_with_lettered_items_is_segmented():
    text = (
        "Decision adopted by the Human Rights Council on 3 October 2025\n\n"
        "60/117. Panel discussion on the rights of older persons\n\n"
        "        At its 40th meeting, on 3 October 2025, the Human Rights Council, recalling its resolution 52/8, "
        "in which it requested the Secretary-General to report, decided, without a vote:\n\n"
        "        (a) To hold a panel discussion on the rights of older persons;\n\n"
        "        (b) To request the Advisory Committee to prepare a study on the panel and to present it to the "
        "Council at its sixty-third session.\n"
    )
    result = extract_text(text)
    assert [(i.adopting_body, i.title) for i in result.instruments] == [
        (HRC, "Panel discussion on the rights of older persons")
    ]
    assert [(m.paragraph, m.due_body, m.due_session) for m in result.mandates] == [("(b)", HRC, 63)]


def test_a_recurrence_adverb_with_a_starting_session_keeps_its_cycle():
    text = (
        "Draft resolution\n\nThe Commission for Social Development,\n\n"
        "1. Requests the Secretary-General to report triennially to the Commission on the follow-up to the present "
        "resolution, beginning at its sixty-fifth session.\n"
    )
    [m] = extract_text(text).mandates
    assert (m.due_session, m.recurrence) == (65, "every 3 years")


def test_a_product_presented_to_a_body_is_a_report():
    text = (
        "Draft resolution\n\nThe Commission on Crime Prevention and Criminal Justice,\n\n"
        "1. Requests the Office to revise its manual on victim support and to present it to the Commission at its "
        "thirty-fifth session.\n"
    )
    [m] = extract_text(text).mandates
    assert (m.category, m.due_session) == ("report", 35)


def test_a_contribution_to_a_forum_in_a_year_is_information_due_that_year():
    text = (
        "Draft resolution\n\nThe Economic and Social Council,\n\n"
        "1. Invites the functional commissions to contribute to the high-level political forum on sustainable "
        "development in 2027 on the goals under review.\n"
    )
    [m] = extract_text(text).mandates
    assert (m.responsible_entity, m.category, m.due_body, m.due_event) == (
        "functional commissions of the Economic and Social Council",
        "information",
        "high-level political forum on sustainable development",
        "2027",
    )


def test_a_lower_case_commission_of_inquiry_is_named_in_full_and_owns_its_reports():
    text = (
        "Resolution adopted by the Human Rights Council on 9 October 2025\n\n"
        "60/21. Situation of human rights in a country\n\n"
        "The Human Rights Council,\n\n"
        "1. Decides to renew the mandate of the independent international commission of inquiry on the "
        "situation in the northern provinces for a further period of one year;\n\n"
        "2. Requests the commission to transmit its reports to the General Assembly at its eighty-first session.\n"
    )
    [m] = extract_text(text).mandates
    assert m.responsible_entity == (
        "independent international commission of inquiry on the situation in the northern provinces"
    )
    assert (m.due_body, m.due_session) == ("General Assembly", 81)


def test_a_written_report_as_second_object_stays_a_report_despite_a_dialogue():
    text = (
        "Draft resolution\n\nThe Human Rights Council,\n\n"
        "1. Requests the Special Rapporteur to present an oral update to the Council at its sixty-first session, "
        "and a comprehensive report at its sixty-second session in an interactive dialogue.\n"
    )
    assert [(m.category, m.due_session) for m in extract_text(text).mandates] == [("oral", 61), ("report", 62)]


def test_input_to_an_entity_takes_the_recipient_and_deadline_of_the_report_it_feeds():
    text = (
        "Draft resolution\n\nThe Commission for Social Development,\n\n"
        "1. Requests the Secretary-General to prepare a study on youth employment and to submit it to the "
        "Commission at its sixty-fifth session;\n\n"
        "2. Invites Member States to provide views to the Secretary-General for the preparation of the study "
        "referred to in paragraph 1 above.\n"
    )
    found = [(m.paragraph, m.category, m.delivered_to, m.due_session) for m in extract_text(text).mandates]
    assert ("2", "information", "Commission for Social Development", 65) in found


def test_information_for_inclusion_in_a_report_is_kept_and_follows_that_report():
    text = (
        "Draft resolution\n\nThe Economic and Social Council,\n\n"
        "1. Invites the specialized agencies to submit data on rural connectivity to the Secretary-General for "
        "inclusion in his report referred to in paragraph 2 below;\n\n"
        "2. Requests the Secretary-General to submit a report on rural connectivity to the Economic and Social "
        "Council at its 2027 session.\n"
    )
    found = [(m.paragraph, m.category, m.delivered_to, m.due_event) for m in extract_text(text).mandates]
    assert ("1", "information", "Economic and Social Council", "2027") in found


def test_input_for_the_report_of_an_officer_follows_that_report():
    text = (
        "Draft resolution\n\nThe General Assembly,\n\n"
        "1. Requests the Secretary-General to submit to the General Assembly at its eighty-second session a report "
        "on the implementation of the present resolution;\n\n"
        "2. Invites the Director-General of the International Labour Organization to provide input for the report "
        "of the Secretary-General.\n"
    )
    found = [(m.paragraph, m.category, m.delivered_to, m.due_session) for m in extract_text(text).mandates]
    assert ("2", "information", "General Assembly", 82) in found
