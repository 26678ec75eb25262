"""One test per clause shape: realistic sentences in the style of HRC, GA, ECOSOC and commission texts."""

from __future__ import annotations

from mandates.extraction import extract_text
from mandates.extraction.names import CCPCJ, ECOSOC, GA, HRC

CRIME_CONGRESS = "Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"


def instrument(body: str, *paragraphs: str, heading: str = "Draft resolution I", preamble: str = "") -> str:
    lines = [heading, "Promoting the right to safe drinking water", f"The {body},"]
    lines.append(preamble or "Recalling its previous resolutions on the subject,")
    lines += [f"{i}. {p}" for i, p in enumerate(paragraphs, 1)]
    return "\n\n".join(lines) + "\n"


def mandates(text: str) -> list[dict]:
    result = extract_text(text)
    for m in result.mandates:
        assert text[m.start : m.end] == m.text
    return [m.to_json() for m in result.mandates]


def due(m: dict) -> tuple:
    return (
        m["responsible_entity"],
        m["delivered_to"],
        m["channel"],
        m["due_body"],
        m["due_session"],
        m["due_event"],
        m["recurrence"],
    )


def test_report_to_a_body_at_a_numbered_session():
    found = mandates(
        instrument(
            HRC,
            "Requests the Special Rapporteur on the right to food to report to the Human Rights Council at its "
            "fifty-eighth session on the implementation of the present resolution;",
        )
    )
    assert [due(m) for m in found] == [("Special Rapporteur on the right to food", HRC, None, HRC, 58, None, None)]
    assert found[0]["category"] == "report"
    assert found[0]["paragraph"] == "1"
    assert found[0]["adopting_body"] == HRC


def test_submit_to_a_body_at_its_session_a_report():
    found = mandates(
        instrument(
            GA,
            "Takes note of the report of the Secretary-General;",
            "Requests the Secretary-General to submit to the General Assembly at its eighty-first session a report on "
            "the implementation of the present resolution.",
        )
    )
    assert [due(m) for m in found] == [("Secretary-General", GA, None, GA, 81, None, None)]
    assert found[0]["paragraph"] == "2"
    assert found[0]["subject"] == "implementation of the present resolution"


def test_submit_to_it_means_the_adopting_body():
    found = mandates(
        instrument(
            ECOSOC,
            "Also requests the Secretary-General to submit to it, at its substantive session of 2026, a report; and "
            "further requests the Secretary-General to submit to it, at its one hundred and twelfth session, a report.",
        )
    )
    assert (ECOSOC, 112) in [(m["due_body"], m["due_session"]) for m in found]


def test_report_thereon_without_a_body_goes_to_the_adopting_body():
    found = mandates(
        instrument(
            "Commission on the Status of Women",
            "Invites Member States to share their experiences in this regard, and requests the Secretariat to report "
            "thereon at its seventy-first session;",
            heading="Resolution 69/2",
        )
    )
    secretariat = [m for m in found if m["responsible_entity"] == "Secretariat"]
    assert [due(m) for m in secretariat] == [
        ("Secretariat", "Commission on the Status of Women", None, "Commission on the Status of Women", 71, None, None)
    ]


def test_channel_before_the_recipient_and_session_bound_to_the_nearest_body():
    through_first = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to report thereon, through the Commission on Narcotic Drugs, to the General "
            "Assembly at its eightieth session.",
        )
    )
    assert [due(m) for m in through_first] == [
        ("Secretary-General", GA, "Commission on Narcotic Drugs", GA, 80, None, None)
    ]
    through_last = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to report to the Economic and Social Council through the Statistical "
            "Commission at its fifty-sixth session.",
        )
    )
    assert [due(m) for m in through_last] == [
        ("Secretary-General", ECOSOC, "Statistical Commission", "Statistical Commission", 56, None, None)
    ]


def test_two_bodies_and_sessions_in_one_clause_are_two_mandates():
    found = mandates(
        instrument(
            HRC,
            "Requests the High Commissioner to submit a comprehensive report to the Human Rights Council at its "
            "sixtieth session and to the General Assembly at its eightieth session;",
        )
    )
    assert sorted(due(m) for m in found) == sorted(
        [
            ("United Nations High Commissioner for Human Rights", HRC, None, HRC, 60, None, None),
            ("United Nations High Commissioner for Human Rights", GA, None, GA, 80, None, None),
        ]
    )


def test_reiterated_and_further_requests_count_like_requests():
    found = mandates(
        instrument(
            GA,
            "Reiterates its request to the Secretary-General to submit to the General Assembly at its seventy-ninth "
            "session a report on the status of the Convention;",
            "Further requests the United Nations Development Programme to report annually to the Economic and Social "
            "Council on its activities;",
        )
    )
    assert [(m["paragraph"], m["responsible_entity"], m["due_session"], m["recurrence"]) for m in found] == [
        ("1", "Secretary-General", 79, None),
        ("2", "United Nations Development Programme", None, "annual"),
    ]


def test_requests_inside_lettered_sub_paragraphs_carry_the_sub_paragraph_label():
    text = instrument(GA, "Welcomes the report;", "Decides:") + (
        "(a) To continue its consideration of the question at its eightieth session;\n\n"
        "(b) To request the Secretary-General to submit to the General Assembly at its eightieth session a report "
        "on the rights of the child;\n"
    )
    found = mandates(text)
    assert [(m["paragraph"], due(m)) for m in found] == [("2 (b)", ("Secretary-General", GA, None, GA, 80, None, None))]


def test_recurrence_annual_biennial_every_n_years_and_ongoing():
    found = mandates(
        instrument(
            GA,
            "Requests the Independent Expert on the enjoyment of human rights by older persons to report annually to "
            "the Human Rights Council;",
            "Requests the United Nations Office on Drugs and Crime to report to the Commission on Crime Prevention and "
            "Criminal Justice on a biennial basis on global trends;",
            "Requests the Secretary-General to report to the General Assembly every four years on progress made;",
            "Requests the Secretary-General to continue to report, within existing reporting obligations, to the "
            "General Assembly on the financial situation of the Office;",
        )
    )
    assert [(m["paragraph"], m["delivered_to"], m["recurrence"]) for m in found] == [
        ("1", HRC, "annual"),
        ("2", CCPCJ, "biennial"),
        ("3", GA, "every 4 years"),
        ("4", GA, "ongoing"),
    ]


def test_oral_updates_and_briefings():
    found = mandates(
        instrument(
            HRC,
            "Requests the High Commissioner to present an oral update to the Human Rights Council at its fifty-fifth "
            "session, followed by an interactive dialogue;",
        )
    )
    assert [(m["category"], m["due_body"], m["due_session"]) for m in found] == [("oral", HRC, 55)]
    council = mandates(
        instrument(
            "Security Council",
            "Requests the Secretary-General to brief the Council every six months on the implementation of the "
            "present resolution;",
        )
    )
    assert [(m["category"], m["delivered_to"], m["recurrence"]) for m in council] == [
        ("oral", "Security Council", "every 6 months")
    ]


def test_contribution_to_another_report_is_information_for_the_final_body():
    found = mandates(
        instrument(
            GA,
            "Requests the Executive Director of the United Nations Office on Drugs and Crime to provide information on "
            "the implementation of the present resolution as a contribution to the report of the Secretary-General to "
            "the General Assembly at its eightieth session;",
        )
    )
    assert [(m["category"], due(m)) for m in found] == [
        (
            "information",
            ("Executive Director of the United Nations Office on Drugs and Crime", GA, None, GA, 80, None, None),
        )
    ]


def test_events_and_years_are_due_events():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to prepare a report on the state of crime prevention, to be submitted to "
            "the Fifteenth United Nations Congress on Crime Prevention and Criminal Justice;",
            "Invites the Commission on Crime Prevention and Criminal Justice to transmit its views to the high-level "
            "political forum on sustainable development at its meeting in 2026;",
        )
    )
    assert [(m["paragraph"], m["category"], m["due_body"], m["due_event"]) for m in found] == [
        ("1", "report", CRIME_CONGRESS, CRIME_CONGRESS),
        ("2", "action", "high-level political forum on sustainable development", "2026"),
    ]


def test_next_session_resolves_when_the_session_is_known():
    known = mandates(
        instrument(
            "Commission on Narcotic Drugs",
            "Requests the Executive Director to report to the Commission at its next session on the implementation of "
            "the present resolution.",
            heading="Resolution 66/3",
        )
    )
    assert [(m["due_body"], m["due_session"], m["due_event"]) for m in known] == [
        ("Commission on Narcotic Drugs", 67, None)
    ]
    unknown = mandates(
        instrument(
            "Commission on Narcotic Drugs",
            "Requests the Secretariat to report to the Commission at its next session.",
        )
    )
    assert [(m["due_session"], m["due_event"]) for m in unknown] == [(None, "next session")]


def test_member_states_sharing_information_with_an_office():
    found = mandates(
        instrument(
            GA,
            "Encourages Member States to share data on trafficking in cultural property with the United Nations Office "
            "on Drugs and Crime;",
        )
    )
    assert [(m["category"], m["responsible_entity"], m["delivered_to"], m["due_body"]) for m in found] == [
        ("information", "Member States", "United Nations Office on Drugs and Crime", None)
    ]


def test_preamble_annex_own_agenda_and_narrative_are_not_mandates():
    text = instrument(
        GA,
        "Decides to include in the provisional agenda of its eighty-first session the item entitled "
        '"Rights of the child".',
        preamble="Recalling its resolution 76/1, in which it requested the Secretary-General to report to it at its "
        "seventy-seventh session,",
    ) + (
        "Annex\n\nDeclaration of the Summit\n\nWe request the Secretary-General to report to the General Assembly at "
        "its eightieth session.\n"
    )
    narrative = "12. The Commission requested the Secretariat to report to it at its thirty-fifth session.\n"
    assert mandates(text) == []
    assert mandates(narrative) == []


def test_narrative_decision_transmitting_a_report():
    text = (
        "Decision 33/1\n\nReport of the Board of Trustees of the Institute\n\n"
        "4. At its 8th meeting, on 23 May 2024, the Commission on Crime Prevention and Criminal Justice decided to "
        "transmit to the Economic and Social Council the report of the Board of Trustees (E/CN.15/2024/8).\n\n"
        "Chapter II\n\nGeneral debate\n"
    )
    found = mandates(text)
    assert [
        (m["instrument"], m["paragraph"], m["category"], m["responsible_entity"], m["delivered_to"]) for m in found
    ] == [("Decision 33/1", "4", "action", CCPCJ, ECOSOC)]


def test_lettered_sub_paragraphs_continue_a_lead_in_request():
    text = instrument(GA, "Welcomes the report;", "Requests the Secretary-General:") + (
        "(a) To submit to the General Assembly at its eightieth session a report on the implementation of the "
        "present resolution;\n\n(b) To continue to support Member States in this regard;\n"
    )
    found = mandates(text)
    assert [(m["paragraph"], due(m)) for m in found] == [("2 (a)", ("Secretary-General", GA, None, GA, 80, None, None))]
    assert found[0]["text"].startswith("To submit to the General Assembly")


def test_a_pronoun_subject_is_the_entity_named_before_it():
    found = mandates(
        instrument(
            GA,
            "Expresses its appreciation to the Advisory Commission of the Agency, and requests it to keep the General "
            "Assembly informed of its activities;",
        )
    )
    assert [(m["responsible_entity"], m["delivered_to"], m["recurrence"]) for m in found] == [
        ("Advisory Commission of the Agency", GA, "ongoing")
    ]


def test_deadlines_before_a_session_dates_and_year_named_sessions():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to submit this material well in advance of its eighty-first session;",
            "Requests the Secretary-General to brief the Security Council on the situation by 30 June 2026;",
            "Requests the Secretary-General to report to the Economic and Social Council at its 2027 session;",
        )
    )
    assert [(m["paragraph"], m["due_body"], m["due_session"], m["due_event"]) for m in found] == [
        ("1", GA, 81, None),
        ("2", "Security Council", None, "30 June 2026"),
        ("3", ECOSOC, None, "2027"),
    ]


def test_adopted_resolutions_take_their_symbol_and_session_from_the_print():
    text = (
        "United Nations A/HRC/RES/55/12\n\nHuman Rights Council\n\nResolution adopted by the Human Rights Council on "
        "4 April 2024\n\n55/12. The right to food\n\nThe Human Rights Council,\n\nRecalling its resolutions,\n\n"
        "1. Requests the Special Rapporteur on the right to food to present an oral update to the Council at its "
        "next session;\n"
    )
    result = extract_text(text)
    assert [(i.label, i.title, i.adopting_body, i.session_number, i.is_draft) for i in result.instruments] == [
        ("A/HRC/RES/55/12", "The right to food", HRC, 55, False)
    ]
    assert [(m.category, m.due_body, m.due_session) for m in result.mandates] == [("oral", HRC, 56)]


def test_security_council_resolutions_and_recurring_reports():
    text = (
        "Resolution 2718 (2024)\n\nAdopted by the Security Council at its 9500th meeting, on 14 March 2024\n\n"
        "The Security Council,\n\nReaffirming its previous resolutions,\n\n1. Requests the Secretary-General to keep "
        "the Council regularly informed and to report to the Council every 90 days on the implementation of the "
        "present resolution;\n"
    )
    found = mandates(text)
    assert {(m["instrument"], m["category"], m["recurrence"]) for m in found} == {
        ("Resolution 2718 (2024)", "information", "ongoing"),
        ("Resolution 2718 (2024)", "report", "every 90 days"),
    }


def test_decides_that_an_entity_shall_report_but_not_that_an_item_shall_be_considered():
    found = mandates(
        instrument(
            ECOSOC,
            "Decides that the item shall be considered at its 2026 session;",
            "Decides that the Commission on Population and Development shall consider the report at its fifty-ninth "
            "session;",
        )
    )
    assert [(m["paragraph"], m["category"], m["responsible_entity"], m["due_session"]) for m in found] == [
        ("2", "action", "Commission on Population and Development", 59)
    ]


def test_the_commission_is_the_one_named_just_before_in_the_paragraph():
    found = mandates(
        instrument(
            ECOSOC,
            "Requests the Statistical Commission to continue its work on gender statistics;",
            "Invites the regional commissions to contribute to the work of the Commission for Social Development, "
            "including by providing inputs for the report of the Secretary-General to the Commission at its sixty-third "
            "session;",
            "Requests the Statistical Commission to report on its methods to the Council at its 2026 management segment;",
        )
    )
    assert [(m["paragraph"], m["category"], m["delivered_to"], m["due_session"], m["due_event"]) for m in found] == [
        ("2", "information", "Commission for Social Development", 63, None),
        ("3", "report", ECOSOC, None, "2026"),
    ]


def test_a_periodic_report_to_member_states_has_no_due_body():
    found = mandates(
        instrument(
            GA,
            "Requests the United Nations Office on Drugs and Crime, within its mandate, to strengthen the collection of "
            "data and to report to Member States thereon on a periodic basis;",
        )
    )
    assert [due(m) for m in found] == [
        ("United Nations Office on Drugs and Crime", "Member States", None, None, None, None, "ongoing")
    ]


def test_a_first_session_then_a_recurrence():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to report to the General Assembly at its eightieth session and biennially "
            "thereafter on the implementation of the present resolution;",
        )
    )
    assert [(m["due_session"], m["recurrence"]) for m in found] == [(80, "biennial")]


def test_decides_with_lettered_invitation_to_an_official_gives_one_oral_mandate_per_session():
    text = instrument(HRC, "Decides:", heading="Resolution 55/12").replace(
        "1. Decides:",
        "1. Decides:\n\n(a) To request the Secretary-General to bring the present resolution to the attention of all "
        "States;\n\n(b) To invite the Chair of the Committee on the Elimination of Racial Discrimination to present an "
        "oral update on the work of the Committee and to engage in an interactive dialogue with the Council at its "
        "fifty-eighth and fifty-ninth sessions;",
    )
    found = mandates(text)
    chair = "Chair of the Committee on the Elimination of Racial Discrimination"
    assert [due(m) for m in found] == [
        (chair, HRC, None, HRC, 58, None, None),
        (chair, HRC, None, HRC, 59, None, None),
    ]
    assert {(m["paragraph"], m["category"]) for m in found} == {("1 (b)", "oral")}


def test_decides_to_invite_is_a_trigger():
    found = mandates(
        instrument(
            GA,
            "Decides to invite the President of the Human Rights Council to present the annual report of the Council "
            "to the General Assembly at its eightieth session;",
        )
    )
    assert [due(m) for m in found] == [("President of the Human Rights Council", GA, None, GA, 80, None, None)]


def test_short_form_of_an_organ_named_in_the_preamble_resolves_to_its_full_name():
    found = mandates(
        instrument(
            ECOSOC,
            "Requests the Preparatory Committee to submit its report to the Economic and Social Council at its 2026 "
            "management segment;",
            "Calls upon the Director-General of the Agency to keep the Council informed of the implementation of the "
            "present resolution;",
            preamble="Recalling the work of the Preparatory Committee for the Fourth International Conference on Small "
            "Island Developing States and the cooperation of the International Atomic Energy Agency,",
        )
    )
    assert [m["responsible_entity"] for m in found] == [
        "Preparatory Committee for the Fourth International Conference on Small Island Developing States",
        "Director-General of the International Atomic Energy Agency",
    ]


def test_two_named_invitees_are_two_mandates():
    found = mandates(
        instrument(
            HRC,
            "Invites the Chair of the Committee against Torture and the Special Rapporteur on torture and other cruel, "
            "inhuman or degrading treatment or punishment to address and engage in an interactive dialogue with the "
            "Council annually;",
            "Invites the Chair of the Working Group on Arbitrary Detention and the Independent Expert to present an "
            "oral update and to engage in an interactive dialogue with the Council at its sixtieth session;",
            preamble="Recalling the work of the Independent Expert on the enjoyment of all human rights by older persons,",
        )
    )
    assert [due(m) for m in found] == [
        ("Chair of the Committee against Torture", HRC, None, HRC, None, None, "annual"),
        (
            "Special Rapporteur on torture and other cruel, inhuman or degrading treatment or punishment",
            HRC,
            None,
            HRC,
            None,
            None,
            "annual",
        ),
        ("Chair of the Working Group on Arbitrary Detention", HRC, None, HRC, 60, None, None),
        ("Independent Expert on the enjoyment of all human rights by older persons", HRC, None, HRC, 60, None, None),
    ]
    assert {m["category"] for m in found} == {"oral"}


def test_a_generic_list_of_contributors_stays_one_entity():
    found = mandates(
        instrument(
            ECOSOC,
            "Invites Member States, the regional commissions, the relevant United Nations entities and other "
            "stakeholders to provide information to the Commission for Social Development at its sixty-fourth "
            "session;",
        )
    )
    assert len(found) == 1
    assert found[0]["responsible_entity"].startswith("Member States, the regional commissions")
    mixed = mandates(
        instrument(
            GA,
            "Invites the Secretary-General, the relevant United Nations entities and the Office of the United Nations "
            "High Commissioner for Human Rights to report to the General Assembly at its eightieth session;",
        )
    )
    assert len(mixed) == 1
    one_office = mandates(
        instrument(
            GA,
            "Requests the Office on Genocide Prevention and the Responsibility to Protect to report to the General "
            "Assembly at its eightieth session;",
        )
    )
    assert [m["responsible_entity"] for m in one_office] == [
        "Office on Genocide Prevention and the Responsibility to Protect"
    ]


def test_a_year_qualifying_the_session_is_kept_with_it():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to submit a midterm review in 2027 during the eighty-second session of "
            "the General Assembly;",
            "Invites Member States to share information with the Commission for Social Development at its "
            "sixty-fifth session, in 2027;",
        )
    )
    assert [due(m) for m in found] == [
        ("Secretary-General", GA, None, GA, 82, "2027", None),
        (
            "Member States",
            "Commission for Social Development",
            None,
            "Commission for Social Development",
            65,
            None,
            None,
        ),
    ]


def test_a_session_without_a_named_body_is_the_adopting_bodys():
    found = mandates(
        instrument(
            HRC,
            "Requests the Office of the High Commissioner to submit the updated compilation well in advance of its "
            "sixty-first session;",
            "Requests the Secretary-General to submit a revised workplan by no later than the sixty-second session;",
        )
    )
    assert [due(m) for m in found] == [
        ("Office of the United Nations High Commissioner for Human Rights", HRC, None, HRC, 61, None, None),
        ("Secretary-General", HRC, None, HRC, 62, None, None),
    ]
    assert {m["category"] for m in found} == {"report"}


def test_submitted_proposals_are_a_report_and_ict_is_not_information():
    found = mandates(
        instrument(
            GA,
            "Invites the Secretary-General to submit proposals for consideration by the relevant committees at its "
            "eighty-first session;",
            "Requests the Secretary-General to submit refined elements of the information and communications "
            "technology strategy to the General Assembly at its eighty-first session;",
            "Invites Member States to submit information on their practice to the General Assembly at its "
            "eighty-first session;",
        )
    )
    assert [(m["category"], m["due_body"], m["due_session"]) for m in found] == [
        ("report", GA, 81),
        ("report", GA, 81),
        ("information", GA, 81),
    ]


def test_information_to_an_entity_that_reports_in_the_same_paragraph_flows_into_its_report():
    csw = "Commission on the Status of Women"
    found = mandates(
        instrument(
            ECOSOC,
            "Invites Member States to provide the Secretary-General with information on national measures taken, "
            "and requests the Secretary-General to submit a report containing that information to the Commission on "
            "the Status of Women at its seventieth session;",
            "Requests the Secretary-General to submit an analytical report on the implementation of the present "
            "resolution in 2026 during the seventieth session of the Commission on the Status of Women, and invites "
            "all States to contribute to the report of the Secretary-General;",
            "Requests all States to inform the Secretary-General of the steps they have taken;",
        )
    )
    assert [(m["paragraph"], m["category"], *due(m)) for m in found] == [
        ("1", "information", "Member States", csw, None, csw, 70, None, None),
        ("1", "report", "Secretary-General", csw, None, csw, 70, None, None),
        ("2", "report", "Secretary-General", csw, None, csw, 70, "2026", None),
        ("2", "information", "States", csw, None, csw, 70, "2026", None),
        ("3", "information", "States", "Secretary-General", None, None, None, None, None),
    ]


def test_an_invitation_inside_a_request_leaves_the_report_to_the_requested_entity():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to invite Member States to submit their views on the matter and to "
            "report thereon to the General Assembly at its eightieth session;",
        )
    )
    assert [due(m) for m in found] == [("Secretary-General", GA, None, GA, 80, None, None)]


def test_hrc_short_forms_take_the_full_title_printed_in_the_preamble():
    found = mandates(
        instrument(
            HRC,
            "Requests the Advisory Committee to prepare a study on the matter and to present it to the Council at its "
            "sixtieth session;",
            "Encourages the Commission of Inquiry to present an oral update to the Human Rights Council during an "
            "interactive dialogue at its fifty-ninth session;",
            heading="Resolution 57/3",
            preamble="Recalling the work of the Independent International Commission of Inquiry on Ukraine and of the "
            "Human Rights Council Advisory Committee,",
        )
    )
    assert [(m["category"], *due(m)) for m in found] == [
        ("report", "Human Rights Council Advisory Committee", HRC, None, HRC, 60, None, None),
        ("oral", "Independent International Commission of Inquiry on Ukraine", HRC, None, HRC, 59, None, None),
    ]


def test_the_executive_board_is_the_board_of_the_fund_or_programme_named():
    board = "Executive Board of the United Nations Entity for Gender Equality and the Empowerment of Women"
    found = mandates(
        instrument(
            ECOSOC,
            "Requests the Executive Director of UN-Women to report annually to the Executive Board on the progress "
            "made in implementing the present resolution;",
            heading="Resolution 2025/14",
        )
    )
    assert [due(m) for m in found] == [
        (
            "Executive Director of the United Nations Entity for Gender Equality and the Empowerment of Women",
            board,
            None,
            board,
            None,
            None,
            "annual",
        )
    ]


def test_lettered_items_under_a_request_deliver_another_officials_report():
    text = instrument(GA, "Requests the Secretary-General:", heading="Resolution 79/88").replace(
        "1. Requests the Secretary-General:",
        "1. Requests the Secretary-General:\n\n(a) To continue to provide his good offices;\n\n(b) To appoint a "
        "Special Envoy on the Sahel without delay, and to submit the report of the Special Envoy covering all issues "
        "addressed in the present resolution to the General Assembly at its eightieth session;\n\n(c) To keep Member "
        "States informed on a regular basis;",
    )
    found = mandates(text)
    assert [(m["paragraph"], m["category"], *due(m)) for m in found if m["due_session"]] == [
        ("1 (b)", "report", "Secretary-General", GA, None, GA, 80, None, None),
    ]


def test_the_mandate_holder_is_the_special_procedure_named_before():
    found = mandates(
        instrument(
            HRC,
            "Decides to extend the mandate of the Independent Expert on the situation of human rights in the Central "
            "African Republic for a period of one year;",
            "Requests the mandate holder to present a report to the Human Rights Council at its sixtieth session and "
            "to report triennially to the General Assembly;",
            heading="Resolution 57/30",
            preamble="Recalling the work of the Special Rapporteur on the right to food,",
        )
    )
    expert = "Independent Expert on the situation of human rights in the Central African Republic"
    assert [due(m) for m in found] == [
        (expert, HRC, None, HRC, 60, None, None),
        (expert, GA, None, GA, None, None, "every 3 years"),
    ]


def test_states_in_a_dialogue_with_a_mandate_holder_deliver_nothing():
    found = mandates(
        instrument(
            HRC,
            "Encourages States to engage in an interactive dialogue with the Special Rapporteur on the right to food;",
            "Invites the Special Rapporteur on the right to food to participate in an interactive dialogue with the "
            "General Assembly at its eightieth session;",
        )
    )
    assert [(m["paragraph"], m["category"], *due(m)) for m in found] == [
        ("2", "oral", "Special Rapporteur on the right to food", GA, None, GA, 80, None, None)
    ]
