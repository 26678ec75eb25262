"""Clause shapes from the grammar of UN resolutions (issue #8, section 3): each rule with several generic variants."""

from __future__ import annotations

import pytest

from mandates.extraction.names import ECOSOC, GA, HRC
from tests.test_extraction_clauses import due, instrument, mandates

SG = "Secretary-General"


# --- Deadlines ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("recipients", "sessions", "expected"),
    [
        ("the General Assembly and the Human Rights Council", "eightieth and sixty-first", [(GA, 80), (HRC, 61)]),
        ("the Human Rights Council and the General Assembly", "sixty-first and eightieth", [(HRC, 61), (GA, 80)]),
        ("the Economic and Social Council and to the General Assembly", "2026 and eighty-first", None),
    ],
)
def test_respectively_pairs_each_session_with_its_body(recipients, sessions, expected):
    text = instrument(
        GA,
        f"Requests the Secretary-General to submit to {recipients} at their {sessions} sessions, respectively, a "
        "comprehensive report on the implementation of the present resolution;",
    )
    found = sorted((m["due_body"], m["due_session"]) for m in mandates(text) if m["due_session"])
    if expected is None:  # a year is not an ordinal: no pairing is invented
        assert all(body != ECOSOC for body, _ in found)
    else:
        assert found == sorted(expected)


@pytest.mark.parametrize(
    "clause",
    [
        "to report to the Human Rights Council at its sixtieth session and the General Assembly at its eightieth session",
        "to report to the Human Rights Council at its sixtieth session and to the General Assembly at its eightieth "
        "session",
        "to submit a report to the Human Rights Council at its sixtieth session, and the General Assembly at its "
        "eightieth session",
    ],
)
def test_each_body_keeps_the_session_printed_after_it(clause):
    found = mandates(instrument(GA, f"Requests the Secretary-General {clause} on the implementation;"))
    assert sorted((m["delivered_to"], m["due_body"], m["due_session"]) for m in found) == [
        (GA, GA, 80),
        (HRC, HRC, 60),
    ]


@pytest.mark.parametrize(
    "lead",
    [
        "Decides to include in the provisional agenda of its eightieth session the item entitled “Oceans”, and",
        "Decides to consider the question at its eightieth session, and",
        "Decides to continue consideration of the item at its eightieth session under the item entitled “Oceans”, and",
    ],
)
def test_at_that_session_is_the_session_named_before(lead):
    found = mandates(
        instrument(
            GA,
            f"{lead} requests the Secretary-General to submit a report on the question to the General "
            "Assembly at that session.",
        )
    )
    assert [due(m) for m in found] == [(SG, GA, None, GA, 80, None, None)]


@pytest.mark.parametrize(
    "resembled",
    [
        "similar in scope to his report to the General Assembly at its seventy-fifth session",
        "similar to the report submitted at its seventy-fifth session",
        "comparable in scope to his previous report at its seventy-fifth session",
    ],
)
def test_a_session_that_dates_the_report_resembled_is_not_the_deadline(resembled):
    found = mandates(
        instrument(
            GA,
            f"Requests the Secretary-General to submit a report, {resembled}, for consideration at its "
            "eighty-first session;",
        )
    )
    assert [(m["due_body"], m["due_session"]) for m in found] == [(GA, 81)]


@pytest.mark.parametrize(
    ("phrase", "event"),
    [
        ("at its 2026 session", "2026"),
        ("before its 2025 session", "2025"),
        ("in advance of its 2027 session", "2027"),
        ("for its 2026 management segment", "2026"),
        # a segment named in several words (round 4)
        ("at its 2026 operational activities for development segment", "2026"),
        ("during its 2027 humanitarian affairs segment", "2027"),
    ],
)
def test_sessions_named_by_year(phrase, event):
    text = instrument(
        ECOSOC,
        f"Requests the Secretary-General to submit a report to the Commission for Social Development {phrase} on the "
        "implementation of the present resolution;",
    )
    found = mandates(text)
    assert [(m["due_body"], m["due_event"]) for m in found] == [("Commission for Social Development", event)]


def test_subsequent_session_is_the_next_one():
    text = instrument(GA, "Requests the Secretary-General to report to it at its subsequent session on the question;")
    found = mandates(text)
    assert [(m["due_body"], m["due_event"]) for m in found] == [(GA, "next session")]


# --- Subjects -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "pronoun", "entity"),
    [
        ("Takes note of the report of the Secretary-General, and", "that he submit", SG),
        (
            "Welcomes the work of the Special Rapporteur on the right to food, and",
            "that she submit",
            "Special Rapporteur on the right to food",
        ),
        ("Commends the Secretary-General for his efforts, and", "him to submit", SG),
        ("Invites Member States to share good practices, and", "that they submit", "Member States"),
        ("Welcomes the work of the Peacebuilding Commission, and", "it to submit", "Peacebuilding Commission"),
    ],
)
def test_pronoun_subjects_stand_for_the_entity_named_before(lead, pronoun, entity):
    found = mandates(
        instrument(
            GA,
            f"{lead} requests {pronoun} to the General Assembly at its eightieth session a report on the "
            "question;".replace(" to submit to", " to submit to"),
        )
    )
    assert [(m["responsible_entity"], m["due_body"], m["due_session"]) for m in found] == [(entity, GA, 80)]


def test_a_pronoun_without_antecedent_gives_no_confident_mandate_only_a_review_candidate():
    found = mandates(
        instrument(GA, "Requests that he submit a report to the General Assembly at its eightieth session;")
    )
    assert [m for m in found if not m["review"]] == []
    assert found and all(m["review"] and m["review_reason"] for m in found)


@pytest.mark.parametrize(
    "aside",
    [
        ", made in paragraph 5 of resolution 76/12, that the Secretary-General submit",
        ", contained in its resolution 76/12, to the Secretary-General to submit",
        ", as set out in its decision 75/540, that the Secretary-General submit",
    ],
)
def test_a_reiterated_request_that_names_where_it_was_made(aside):
    found = mandates(
        instrument(
            GA,
            f"Reiterates its request{aside} to the General Assembly at its eightieth session a report on the question;",
        )
    )
    assert [due(m) for m in found] == [(SG, GA, None, GA, 80, None, None)]


@pytest.mark.parametrize("verb", ["Decides", "Resolves"])
@pytest.mark.parametrize("modal", ["shall", "should"])
def test_decides_or_resolves_that_someone_shall_submit(verb, modal):
    found = mandates(
        instrument(
            ECOSOC,
            f"{verb} that the secretariat of the Forum {modal} submit a report on its activities to the Forum at its "
            "nineteenth session;",
            preamble="Recalling the work of the United Nations Forum on Forests,",
        )
    )
    assert [(m["responsible_entity"], m["due_body"], m["due_session"]) for m in found] == [
        ("secretariat of the United Nations Forum on Forests", "United Nations Forum on Forests", 19)
    ]


# --- Noise ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "Invites Member States and other donors to provide voluntary contributions to the Office for these purposes;",
        "Encourages Member States to make voluntary financial contributions to the Secretary-General for the "
        "implementation of the programme;",
        "Invites Governments to contribute generously to the United Nations Voluntary Trust Fund for Victims of "
        "Trafficking in Persons;",
        "Urges States to provide extrabudgetary resources to the Office;",
    ],
)
def test_voluntary_financial_contributions_are_not_information(clause):
    assert (
        mandates(instrument(GA, "Takes note of the work of the United Nations Office on Drugs and Crime;", clause))
        == []
    )


def test_contributions_with_information_are_still_information():
    found = mandates(
        instrument(
            GA,
            "Invites Member States to provide voluntary contributions and information on their practice to the "
            "Secretary-General for his report to the General Assembly at its eightieth session;",
        )
    )
    assert [(m["category"], m["due_session"]) for m in found] == [("information", 80)]


@pytest.mark.parametrize(
    "clause",
    [
        "to provide, at its eightieth session, a report with information on practice related to the subtopic",
        "to provide a comprehensive report containing information on the subtopic to the General Assembly at its "
        "eightieth session",
        "to provide to the General Assembly at its eightieth session a report with information on the subtopic",
    ],
)
def test_providing_a_report_is_a_report(clause):
    found = mandates(instrument(GA, f"Requests the Secretary-General {clause};"))
    assert [(m["category"], m["due_body"], m["due_session"]) for m in found] == [("report", GA, 80)]


# --- Bodies ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "body"),
    [
        ("the Committee for Development Policy", "Committee for Development Policy"),
        ("the Statistical Commission", "Statistical Commission"),
        ("the Economic Commission for Africa", "Economic Commission for Africa"),
        (
            "the Programme Coordinating Board",
            "Programme Coordinating Board of the Joint United Nations Programme on HIV/AIDS",
        ),
        ("the Committee of Experts on Public Administration", "Committee of Experts on Public Administration"),
        (
            "the Biennial Meeting of States",
            "Biennial Meeting of States to Consider the Implementation of the Programme of Action to Prevent, Combat and "
            "Eradicate the Illicit Trade in Small Arms and Light Weapons in All Its Aspects",
        ),
    ],
)
def test_economic_and_social_council_bodies_forums_and_meetings_receive_reports(printed, body):
    found = mandates(instrument(ECOSOC, f"Requests the Secretary-General to submit a report to {printed} in 2026;"))
    assert [(m["delivered_to"], m["due_body"], m["due_event"]) for m in found] == [(body, body, "2026")]


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("the Committee of Experts on Public Administration", "the Committee"),
        ("the United Nations Forum on Forests", "the Forum"),
        ("the Commission on Science and Technology for Development", "the Commission"),
    ],
)
def test_short_forms_of_bodies_printed_in_full_before(full, short):
    found = mandates(
        instrument(
            ECOSOC,
            f"Takes note of the work of {full};",
            f"Requests the Secretary-General to submit a report to {short} at its twentieth session;",
        )
    )
    body = full.removeprefix("the ")
    assert [(m["delivered_to"], m["due_body"], m["due_session"]) for m in found] == [(body, body, 20)]


def test_the_secretariat_of_a_forum_is_the_forum_s_secretariat():
    found = mandates(
        instrument(
            ECOSOC,
            "Requests the secretariat of the Forum to submit a report to the Forum at its nineteenth session;",
            preamble="Recalling the work of the United Nations Forum on Forests,",
        )
    )
    assert [m["responsible_entity"] for m in found] == ["secretariat of the United Nations Forum on Forests"]


def test_names_are_data_not_code():
    from mandates.extraction.names import BODY_NAMES, load_names

    assert set(load_names("en")["bodies"]) == set(BODY_NAMES)


def test_that_session_ignores_sessions_inside_a_quoted_item_title():
    found = mandates(
        instrument(
            GA,
            "Decides to include in the provisional agenda of its eightieth session, under the item entitled “Social "
            "development”, the sub-item entitled “Implementation of the outcome of the twenty-fourth special session of "
            "the General Assembly”, and requests the Secretary-General to submit a report on the question to the "
            "General Assembly at that session.",
        )
    )
    assert [(m["due_body"], m["due_session"]) for m in found] == [(GA, 80)]


# --- Passive deliveries and long names (second pass) ----------------------------------------------------------------

AD_HOC = "Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering Illicit Financial Flows"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Decides that the report of the Independent Audit Advisory Committee should be submitted to the General "
            "Assembly at its eightieth session;",
            ("report", "Independent Audit Advisory Committee", GA, 80),
        ),
        (
            "Decides that the report of the organizational session of the Special Committee, including any budgetary "
            "implications, shall be submitted to the General Assembly at its eighty-first session;",
            ("report", "Special Committee", GA, 81),
        ),
        (
            "Requests that the annual overview report be presented by the Secretariat to the Economic and Social "
            "Council at its 2027 session;",
            ("report", "Secretariat", ECOSOC, None),
        ),
        (
            "Decides that the Secretary-General’s comprehensive study is to be submitted to the Human Rights Council "
            "at its sixty-third session;",
            ("report", SG, HRC, 63),
        ),
        (
            "Requests that updates on the work of the Expert Group be provided to the Human Rights Council at its "
            "sixty-second session;",
            ("report", "Expert Group", HRC, 62),
        ),
    ],
)
def test_a_passive_delivery_is_owed_by_its_agent_or_the_owner_of_what_is_delivered(clause, expected):
    found = [m for m in mandates(instrument(GA, clause)) if not m["review"]]
    assert [(m["category"], m["responsible_entity"], m["due_body"], m["due_session"]) for m in found] == [expected]


@pytest.mark.parametrize(
    "clause",
    [
        "Decides that the item shall be considered at its eightieth session;",
        "Decides that the updates should be provided to the General Assembly at its eightieth session;",
        "Decides that the triennial report requested in paragraph 8 of resolution 44/116 shall henceforth be submitted "
        "only when the Assembly so decides;",
    ],
)
def test_a_passive_delivery_with_no_one_to_deliver_it_is_not_a_confident_mandate(clause):
    assert [m for m in mandates(instrument(GA, clause)) if not m["review"]] == []


@pytest.mark.parametrize(
    ("printed", "short", "expected"),
    [
        (AD_HOC, "the Ad Hoc Committee", AD_HOC),
        (
            "open-ended intergovernmental Expert Group to Conduct a Comprehensive Study on Cybercrime",
            "the Expert Group",
            "Expert Group to Conduct a Comprehensive Study on Cybercrime",
        ),
        (
            "United Nations Conference to Support the Implementation of Sustainable Development Goal 14",
            "the Conference",
            "United Nations Conference to Support the Implementation of Sustainable Development Goal 14",
        ),
        (
            "Preparatory Committee to Elaborate the Programme of Action on Small Arms",
            "the Preparatory Committee",
            "Preparatory Committee to Elaborate the Programme of Action on Small Arms",
        ),
    ],
)
def test_an_organ_named_for_its_purpose_keeps_its_long_name(printed, short, expected):
    text = instrument(
        GA,
        f"Welcomes the work of the {printed};",
        f"Requests {short} to submit a report on its work to the General Assembly at its eightieth session;",
    )
    [m] = mandates(text)
    assert (m["responsible_entity"], m["due_session"]) == (expected, 80)


def test_a_capitalised_word_after_to_is_not_a_name_when_no_article_follows():
    text = instrument(
        GA,
        "Welcomes the work of the Ad Hoc Committee on the Indian Ocean;",
        "Requests the Ad Hoc Committee to report to the General Assembly at its eightieth session;",
    )
    [m] = mandates(text)
    assert m["responsible_entity"] == "Ad Hoc Committee on the Indian Ocean"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "The Secretary-General is requested to submit a report on the implementation of the present resolution to "
            "the General Assembly at its eightieth session;",
            (SG, GA, 80, None),
        ),
        (
            "The Secretary-General is also requested to update the guidelines and to present them to the high-level "
            "political forum on sustainable development in 2026;",
            (SG, "high-level political forum on sustainable development", None, "2026"),
        ),
        (
            "Welcomes the work of the Commission; the President and Bureau of the Human Rights Council are invited to "
            "brief the Council at its sixty-first session on the matter;",
            ("President and Bureau of the Human Rights Council", HRC, 61, None),
        ),
        (
            "States parties are further encouraged to provide information to the Human Rights Council at its "
            "sixty-second session;",
            ("States parties", HRC, 62, None),
        ),
    ],
)
def test_a_passive_request_at_the_head_of_a_sentence_names_who_delivers(clause, expected):
    found = [m for m in mandates(instrument(GA, clause)) if not m["review"]]
    assert [(m["responsible_entity"], m["due_body"], m["due_session"], m["due_event"]) for m in found] == [expected]


@pytest.mark.parametrize(
    "clause",
    [
        "Recalls its resolutions in which States are invited to report to the General Assembly at its seventieth "
        "session;",
        "Requests the Secretary-General to bring to the attention of the bodies the dates when the bodies are "
        "requested to avoid holding meetings;",
    ],
)
def test_a_passive_request_inside_a_sentence_is_not_a_new_request(clause):
    found = [m for m in mandates(instrument(GA, clause)) if not m["review"]]
    assert [(m["responsible_entity"], m["due_session"]) for m in found if m["responsible_entity"] != SG] == []


@pytest.mark.parametrize(
    ("deadline", "session", "recurrence"),
    [
        ("at the twenty-fifth annual session of the Commission on Science and Technology for Development", 25, None),
        ("at its twenty-first annual session", 21, None),
        ("at its annual session", None, "annual"),
    ],
)
def test_an_annual_session_with_a_number_is_a_session_not_a_cycle(deadline, session, recurrence):
    text = instrument(
        "Commission on Science and Technology for Development",
        f"Requests the Gender Advisory Board to develop proposals and to report thereon {deadline};",
    )
    [m] = mandates(text)
    assert (m["due_session"], m["recurrence"]) == (session, recurrence)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Requests the Secretary-General to prepare a study on the matter, and requests its submission to the "
            "General Assembly at its eightieth session;",
            [(SG, "report", GA, 80)],
        ),
        (
            "Requests the Special Rapporteur to compile good practices and requests their submission to the Human "
            "Rights Council at its sixtieth session;",
            [("Special Rapporteur", "report", HRC, 60)],
        ),
        (
            "Invites the Office to prepare an overview of trends and requests its timely submission to the Economic "
            "and Social Council at its 2027 session;",
            [("Office", "report", ECOSOC, None)],
        ),
    ],
)
def test_a_nominalised_delivery_is_owed_by_who_was_asked_to_make_the_thing(clause, expected):
    found = [m for m in mandates(instrument(GA, clause)) if not m["review"]]
    assert [
        (m["responsible_entity"].split(" ")[-1], m["category"], m["due_body"], m["due_session"]) for m in found
    ] == [(e[0].split(" ")[-1], *e[1:]) for e in expected]


def test_a_submission_of_something_named_is_not_a_nominalised_delivery():
    text = instrument(GA, "Requests the Secretary-General to act, and requests the submission of proposals to it;")
    assert [m for m in mandates(text) if not m["review"]] == []


COPUOS = "Committee on the Peaceful Uses of Outer Space"


@pytest.mark.parametrize(
    ("organs", "expected"),
    [
        ("its subcommittees", ["subcommittees of the " + COPUOS]),
        ("its subsidiary bodies", ["subsidiary bodies of the " + COPUOS]),
        (
            "its Scientific and Technical Subcommittee and Legal Subcommittee",
            [
                "Legal Subcommittee of the " + COPUOS,
                "Scientific and Technical Subcommittee of the " + COPUOS,
            ],
        ),
    ],
)
def test_a_body_and_its_own_organs_each_receive_at_their_respective_sessions(organs, expected):
    text = instrument(
        GA,
        f"Welcomes the report of the {COPUOS};",
        f"Requests the Office to continue to apprise the Committee and {organs}, at their respective sessions in "
        "2026, of the status of its activities;",
    )
    found = [m for m in mandates(text) if not m["review"]]
    assert sorted((m["delivered_to"], m["due_event"], m["category"]) for m in found) == sorted(
        [(COPUOS, "2026", "information")] + [(e, "2026", "information") for e in expected]
    )


def test_the_committee_is_not_a_main_committee_named_last():
    text = instrument(
        GA,
        f"Welcomes the report of the {COPUOS};",
        "Decides to hold a joint panel of the Disarmament and International Security Committee (First Committee) and "
        "the Special Political and Decolonization Committee (Fourth Committee);",
        "Requests the Office to report to the Committee at its sixty-eighth session;",
    )
    assert [m["delivered_to"] for m in mandates(text) if not m["review"]] == [COPUOS]


@pytest.mark.parametrize(
    "clause",
    [
        "Requests the High Commissioner to include in his annual report to the Human Rights Council and to the General "
        "Assembly at its eightieth session information on the implementation of the present resolution;",
        "Requests the High Commissioner to include information on the present resolution in her annual report to the "
        "Human Rights Council and to the General Assembly at its eightieth session;",
    ],
)
def test_each_recipient_of_an_annual_report_gets_its_own_deadline(clause):
    found = [m for m in mandates(instrument(HRC, clause)) if not m["review"]]
    assert sorted((m["due_body"], m["due_session"], m["recurrence"]) for m in found) == [
        (GA, 80, None),
        (HRC, None, "annual"),
    ]


# --- Entities: secretariats, qualified short forms, the topical one among similar names -------------------------------


@pytest.mark.parametrize(
    ("printed", "asked", "entity", "recipient"),
    [
        (
            "United Nations Forum on Forests",
            "the Forum secretariat",
            "secretariat of the United Nations Forum on Forests",
            "United Nations Forum on Forests",
        ),
        (
            "Permanent Forum on Indigenous Issues",
            "the Permanent Forum secretariat",
            "secretariat of the Permanent Forum on Indigenous Issues",
            "Permanent Forum on Indigenous Issues",
        ),
        (
            "Commission on Science and Technology for Development",
            "the secretariat of the Commission",
            "secretariat of the Commission on Science and Technology for Development",
            "Commission on Science and Technology for Development",
        ),
        (
            "Commission on Science and Technology for Development",
            "the Commission secretariat",
            "secretariat of the Commission on Science and Technology for Development",
            "Commission on Science and Technology for Development",
        ),
    ],
)
def test_the_secretariat_of_a_forum_or_commission_is_an_entity_of_its_own(printed, asked, entity, recipient):
    short = (
        "the Permanent Forum" if "Permanent" in printed else ("the Forum" if "Forum" in printed else "the Commission")
    )
    text = instrument(
        ECOSOC,
        f"Welcomes the work of the {printed};",
        f"Requests {asked} to submit a note to {short} at its twenty-fourth session;",
    )
    [m] = [m for m in mandates(text) if not m["review"]]
    assert (m["responsible_entity"], m["due_body"], m["due_session"]) == (entity, recipient, 24)


def test_a_qualified_short_form_counts_only_for_a_known_body():
    text = instrument(
        ECOSOC,
        "Welcomes the Global Forum on Migration;",
        "Requests the Secretary-General to submit a report to the Global Forum at its twenty-fourth session;",
    )
    assert all(m["due_body"] != "Global Forum" for m in mandates(text))


FILLER = "Recalling its previous resolutions on the subject and the relevant resolutions of the General Assembly, " * 5
PAD = "Working Group of Experts on People of African Descent"
BHR = "Working Group on the issue of human rights and transnational corporations and other business enterprises"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (f"Mandate of the {PAD}", PAD),
        ("Human rights and transnational corporations and other business enterprises", BHR),
    ],
)
def test_among_similar_working_groups_a_distant_short_form_is_the_one_the_text_is_about(title, expected):
    text = (
        f"Resolution 58/20\n\n{title}\n\nThe Human Rights Council,\n\n"
        f"Welcoming the work of the {PAD}, {FILLER}\n\n"
        f"Noting the report of the {BHR}, {FILLER}\n\n"
        f"1. Decides to extend the mandate, {FILLER};\n\n"
        "2. Requests the Working Group to present a report to the Council at its sixtieth session;\n"
    )
    [m] = [m for m in mandates(text) if not m["review"]]
    assert (m["responsible_entity"], m["due_session"]) == (expected, 60)


def test_a_short_form_right_after_its_full_name_keeps_that_name_whatever_the_title():
    text = (
        f"Resolution 58/20\n\nMandate of the {PAD}\n\nThe Human Rights Council,\n\n"
        f"Welcoming the work of the {PAD}, {FILLER}\n\n"
        f"1. Takes note of the report of the {BHR}, and requests the Working Group to present a report to the Council "
        "at its sixtieth session;\n"
    )
    [m] = [m for m in mandates(text) if not m["review"]]
    assert m["responsible_entity"] == BHR


# --- Round 2: shapes read in the open GA 2023 corpus (issue #8) ----------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "Requests, in this regard, the Secretary-General",
        "Welcomes the progress made, and requests, in this regard, the Secretary-General",
        "Also requests, in that context, the Secretary-General",
        "To this end, requests the Secretary-General",
        "Requests, accordingly, the Secretary-General",
    ],
)
def test_a_linking_aside_between_verb_and_entity_keeps_the_request(opening):
    found = [
        m
        for m in mandates(
            instrument(
                GA,
                f"{opening} to submit to the General Assembly at its "
                "eighty-first session a report on the implementation;",
            )
        )
    ]
    assert [(m["responsible_entity"], m["due_body"], m["due_session"], m["review"]) for m in found] == [
        (SG, GA, 81, False)
    ]


@pytest.mark.parametrize(
    ("subject", "entity"),
    [
        ("the open-ended working group shall submit its report", "open-ended working group"),
        ("the secretariat of the Forum will present a report", "secretariat of the Forum"),
        ("the co-facilitators shall present a report", "co-facilitators"),
    ],
)
def test_decides_that_a_lower_case_organ_shall_deliver_is_a_mandate(subject, entity):
    found = mandates(
        instrument(GA, f"Also decides that {subject} to the General Assembly at its eighty-first session;")
    )
    assert [(m["responsible_entity"], m["due_body"], m["due_session"], m["review"]) for m in found] == [
        (entity, GA, 81, False)
    ]


def test_decides_that_a_thing_shall_be_done_is_still_no_mandate():
    assert [
        m
        for m in mandates(instrument(GA, "Decides that the item shall be considered at its eightieth session;"))
        if not m["review"]
    ] == []


@pytest.mark.parametrize(("recurrence", "expected"), [("annually", "annual"), ("biennially", "biennial")])
def test_a_periodic_report_with_no_recipient_goes_to_the_body_that_asks(recurrence, expected):
    found = mandates(instrument(GA, f"Requests the Secretary-General to report {recurrence} on the implementation;"))
    assert [(m["delivered_to"], m["due_body"], m["recurrence"]) for m in found] == [(GA, GA, expected)]


def test_continuing_to_report_within_existing_obligations_names_no_body():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to continue to report, within existing reporting obligations, "
            "on the financial situation;",
        )
    )
    assert all(m["delivered_to"] is None for m in found)


@pytest.mark.parametrize(
    "lead",
    [
        "Decides to continue its examination of the situation at its eighty-first session, and to this end",
        "Decides to continue its consideration of the question at its eighty-first session, and",
        "Decides to include the topic “Work of the Bank” under the sub-item entitled “Follow-up” at its eighty-first "
        "session, and",
    ],
)
def test_a_report_asked_for_the_session_that_takes_the_matter_up_is_due_then(lead):
    found = mandates(instrument(GA, f"{lead} requests the Secretary-General to submit a report for its consideration;"))
    assert [(m["responsible_entity"], m["due_body"], m["due_session"], m["review"]) for m in found] == [
        (SG, GA, 81, False)
    ]


def test_the_session_that_takes_the_matter_up_does_not_bind_a_report_to_another_body():
    found = mandates(
        instrument(
            GA,
            "Decides to consider the matter at its eighty-first session, and requests the Secretary-General to submit "
            "a report to the Human Rights Council at its sixtieth session;",
        )
    )
    assert [(m["due_body"], m["due_session"]) for m in found] == [(HRC, 60)]


def test_renews_its_request_is_a_request():
    found = mandates(
        instrument(
            GA,
            "Renews its request to the Secretary-General to submit to the General Assembly, at its eighty-first "
            "session, an in-depth report on the matter;",
        )
    )
    assert [(m["responsible_entity"], m["due_session"], m["review"]) for m in found] == [(SG, 81, False)]


def test_to_bring_is_a_verb_so_the_entity_ends_before_it():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to bring to the attention of the bodies recommendations on the dates when "
            "the bodies are requested to avoid meetings, and to report thereon to the General Assembly at its "
            "eighty-first session;",
        )
    )
    assert [(m["responsible_entity"], m["due_session"]) for m in found] == [(SG, 81)]


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [
        (
            "the report of the Special Rapporteur on the situation of human rights defenders presented to the Human "
            "Rights Council",
            "Special Rapporteur on the situation of human rights defenders",
        ),
        (
            "the Chair of the Working Group on Enforced or Involuntary Disappearances that encourages Member States",
            "Working Group on Enforced or Involuntary Disappearances",
        ),
        ("to enable the Special Envoy on Myanmar to effectively discharge her mandate", "Special Envoy on Myanmar"),
    ],
)
def test_a_short_title_stands_for_the_full_title_without_the_sentence_after_it(earlier, expected):
    short = expected.split(" on ")[0]
    found = mandates(
        instrument(
            GA,
            f"Takes note of {earlier};",
            f"Requests the {short} to submit to the General Assembly at its eighty-first session a report;",
        )
    )
    assert [m["responsible_entity"] for m in found] == [expected]


def test_the_secretary_general_of_the_united_nations_is_the_secretary_general():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General of the United Nations to submit to the General Assembly at its "
            "eighty-first session a report;",
        )
    )
    assert [m["responsible_entity"] for m in found] == [SG]


def test_its_session_after_of_the_body_is_that_bodys_session():
    found = mandates(
        instrument(
            ECOSOC,
            "Requests the Commission for Social Development to adopt a multi-year programme of work, subsequent to "
            "the review of General Assembly resolution 70/299, when considering the methods of work of the "
            "Commission for Social Development at its sixty-first session;",
        )
    )
    assert [(m["due_body"], m["due_session"]) for m in found] == [("Commission for Social Development", 61)]


@pytest.mark.parametrize(
    "subject",
    [
        "the one-day high-level meeting on universal health coverage to be convened by the President of the General "
        "Assembly shall be held",
        "the eighty-first session of the International Law Commission should be postponed and should be held",
    ],
)
def test_a_meeting_or_a_session_is_not_who_delivers(subject):
    found = mandates(instrument(GA, f"Decides that {subject} during the general debate at its eighty-first session;"))
    assert [m for m in found if not m["review"]] == []


@pytest.mark.parametrize(
    ("deadline", "session", "event"),
    [
        ("before the end of its eighty-first session", 81, None),
        ("by the close of its eighty-first session", 81, None),
        ("before the conclusion of its eighty-first session", 81, None),
        ("in the first quarter of 2027", None, "2027"),
        ("by the end of 2026", None, "2026"),
        ("in the first half of 2027", None, "2027"),
    ],
)
def test_deadlines_at_the_end_or_in_part_of_a_session_or_year(deadline, session, event):
    found = mandates(
        instrument(GA, f"Requests the Secretary-General to report to the General Assembly {deadline} on the situation;")
    )
    assert [(m["due_body"], m["due_session"], m["due_event"], m["review"]) for m in found] == [
        (GA, session, event, False)
    ]


def test_until_the_end_of_a_session_is_a_duration_not_a_deadline():
    found = mandates(
        instrument(
            GA,
            "Decides that the Comoros shall be permitted to vote in the General Assembly until "
            "the end of its eighty-first session;",
        )
    )
    assert [m for m in found if not m["review"]] == []


def test_the_office_holder_of_a_session_is_the_office():
    found = mandates(
        instrument(
            GA,
            "Requests the President of the General Assembly at its eighty-first session to appoint two "
            "co-facilitators and to report to the General Assembly at its eighty-second session;",
        )
    )
    assert [(m["responsible_entity"], m["due_session"]) for m in found] == [("President of the General Assembly", 82)]


def test_a_main_committee_that_takes_up_a_report_is_no_second_recipient():
    found = mandates(
        instrument(
            GA,
            "Requests the Secretary-General to inform the General Assembly at its eighty-first session about the "
            "implementation of the present resolution, through a dedicated section of the Outlook, to be introduced "
            "to the Second Committee by the Secretariat;",
        )
    )
    assert [(m["delivered_to"], m["due_session"]) for m in found] == [(GA, 81)]


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        (
            "Fifth Biennial Meeting of States to Consider the Implementation of the Programme of Action to Prevent, "
            "Combat and Eradicate the Illicit Trade in Small Arms and Light Weapons in All Its Aspects",
            "Biennial Meeting of States to Consider the Implementation of the Programme of Action to Prevent, Combat and "
            "Eradicate the Illicit Trade in Small Arms and Light Weapons in All Its Aspects",
        ),
        ("Meeting of States Parties", "Meeting of States Parties"),
    ],
)
def test_a_meeting_of_states_named_in_capitals_receives_a_report(printed, canonical):
    found = mandates(
        instrument(
            GA,
            f"Requests the Secretary-General to prepare a report on the implementation of "
            f"the Programme of Action, for presentation at the {printed} in 2026;",
        )
    )
    assert [(m["delivered_to"], m["due_event"], m["review"]) for m in found] == [(canonical, "2026", False)]


@pytest.mark.parametrize(
    "opening",
    [
        "Decides to establish an open-ended working group on ageing, with the participation of all Member States,",
        "Decides to convene, starting from 2026, under the auspices of the United Nations, a new open-ended working "
        "group on ageing, acting on a consensus basis,",
    ],
)
def test_the_organ_a_body_establishes_is_asked_to_deliver(opening):
    found = mandates(
        instrument(
            GA,
            f"{opening} to consider the existing framework and to submit a report to the "
            "General Assembly at its eighty-first session;",
        )
    )
    assert [(m["responsible_entity"], m["due_session"], m["review"]) for m in found] == [
        ("open-ended working group on ageing", 81, False)
    ]


def test_the_commission_a_resolution_establishes_in_lower_case_reports_to_the_first_meeting_of_the_parties():
    found = mandates(
        instrument(
            GA,
            "Decides to establish a preparatory commission for the entry into force of the Agreement;",
            "Decides that the commission shall prepare a final report on all matters within its mandate for "
            "presentation to the Conference of the Parties to the Agreement at its first meeting;",
        )
    )
    parties = "Conference of the Parties to the Agreement"
    assert [(m["responsible_entity"], m["due_body"], m["due_event"], m["review"]) for m in found] == [
        ("preparatory commission", parties, f"first meeting of the {parties}", False)
    ]


# --- Round 3: another body's next session, parts of Assembly sessions, "for its consideration", agents -----------------


@pytest.mark.parametrize(
    "body",
    ["Committee on Information", "Commission on the Status of Women", "Committee on the Peaceful Uses of Outer Space"],
)
def test_next_session_of_another_body_is_that_bodys_unnumbered_session(body):
    found = mandates(
        instrument(
            GA,
            f"Requests the Secretary-General to provide a briefing on the matter before the next session of the {body};",
        )
    )
    assert [(m["due_body"], m["due_session"], m["due_event"]) for m in found] == [(body, None, "next session")]


@pytest.mark.parametrize("part", ["main part", "resumed part"])
def test_a_part_of_a_session_is_the_assemblys_session(part):
    text = instrument(
        GA,
        "Requests the Secretary-General to submit a proposal for consideration by the General Assembly through the "
        f"Committee on Information no later than at the {part} of its seventy-sixth session;",
    )
    assert [(m["delivered_to"], m["channel"], m["due_body"], m["due_session"]) for m in mandates(text)] == [
        (GA, "Committee on Information", GA, 76)
    ]


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        (", through the Committee for Programme and Coordination, for its consideration,", GA),
        (
            ", through the Committee for Programme and Coordination and the Advisory Committee on Administrative and "
            "Budgetary Questions, for its consideration,",
            GA,
        ),
        (" to the Commission on the Status of Women for its consideration", "Commission on the Status of Women"),
    ],
)
def test_for_its_consideration_names_the_speaker_unless_a_recipient_comes_first(to, expected):
    text = instrument(
        GA, f"Requests the Secretary-General to submit{to} a revised proposal during its seventy-sixth session;"
    )
    assert [(m["category"], m["delivered_to"]) for m in mandates(text)] == [("report", expected)]


@pytest.mark.parametrize(
    ("asked", "entity", "category"),
    [
        ("a briefing by the Secretariat", "Secretariat", "oral"),
        ("an informal briefing from the Secretary-General", SG, "oral"),
        ("a comprehensive report by the Secretary-General", SG, "report"),
    ],
)
def test_a_delivery_asked_of_an_agent_after_by_or_from(asked, entity, category):
    text = instrument(GA, f"Requests {asked} on the measures taken, to the General Assembly at its eightieth session;")
    assert [(m["responsible_entity"], m["category"], m["due_body"], m["due_session"]) for m in mandates(text)] == [
        (entity, category, GA, 80)
    ]


@pytest.mark.parametrize("verb", ["to provide a briefing to", "to brief", "to present an oral update to"])
def test_a_body_named_information_does_not_make_a_briefing_information(verb):
    text = instrument(
        GA,
        f"Requests the Department of Global Communications {verb} the Committee on Information at its "
        "forty-third session on the campaign;",
    )
    assert [m["category"] for m in mandates(text)] == ["oral"]


# --- Blind round 3 (issue #8): shapes from the round's development half, written generically ----------------------

SPECIAL = "Special Committee on the Peaceful Uses of Something and on the Strengthening of Its Role"
SPECIAL_PREAMBLE = f"Recalling the report of the {SPECIAL}, and the work of the {SPECIAL},"


@pytest.mark.parametrize("verb", ["brief", "report to", "inform"])
def test_a_short_form_of_an_organ_printed_in_full_is_its_recipient(verb):
    text = instrument(
        GA,
        f"Requests the Secretary-General to {verb} the Special Committee at its next session on the document;",
        heading="Resolution 78/111",
        preamble=SPECIAL_PREAMBLE,
    )
    (m,) = mandates(text)
    # "its next session" is the Special Committee's: the Assembly's next session number (79) is not its number.
    assert (m["delivered_to"], m["due_body"], m["due_session"], m["due_event"]) == (
        SPECIAL,
        SPECIAL,
        None,
        "next session",
    )


def test_an_organ_named_once_with_a_varying_remit_is_prose_not_a_name():
    # "the X Commission on a training programme" and "the X Commission on the Decade": one organ, two topics, so
    # neither is the organ's name and the collaboration has no recipient.
    text = instrument(
        GA,
        "Notes the partnership between the Division and the Intergovernmental Oceanographic Commission on a training "
        "programme;",
        "Invites UN-Oceans and its participants to continue to collaborate with the Intergovernmental Oceanographic "
        "Commission on the United Nations Decade of Ocean Science for Sustainable Development, and in this regard "
        "notes the participation of UN-Oceans members in the Decade Advisory Board;",
    )
    assert [m["delivered_to"] for m in mandates(text)] == [None]


def test_the_year_the_instrument_gives_for_a_bodys_next_session_is_the_deadline():
    text = instrument(
        GA,
        "Decides that the Special Committee shall hold its next session from 20 to 28 February 2024;",
        "Requests the Secretary-General to brief the Special Committee at its next session on the document;",
        heading="Resolution 78/111",
        preamble=SPECIAL_PREAMBLE,
    )
    (m,) = mandates(text)
    assert (m["due_body"], m["due_session"], m["due_event"]) == (SPECIAL, None, "2024")


@pytest.mark.parametrize(
    "cited", ["General Assembly resolution 64/115", "Economic and Social Council decision 2021/12"]
)
def test_a_body_naming_a_cited_resolution_receives_nothing(cited):
    text = instrument(
        GA,
        f"Requests the Secretary-General to brief the Special Committee on the document contained in the annex to "
        f"{cited};",
        preamble=SPECIAL_PREAMBLE,
    )
    (m,) = mandates(text)
    assert m["delivered_to"] == SPECIAL


@pytest.mark.parametrize(
    ("asked", "recurrence"),
    [
        ("to continue to submit annual reports on special measures", "annual"),
        ("to submit biennial reports on special measures", "biennial"),
        ("to submit a report on special measures", None),
        ("to continue to report on special measures", None),  # "continue" alone: the report at that session
    ],
)
def test_a_session_taken_up_from_the_agenda_clause_keeps_the_periodic_recurrence(asked, recurrence):
    text = instrument(
        GA,
        "Decides to include in the provisional agenda of its seventy-ninth session the item entitled “Sexual "
        f"exploitation and abuse”, and requests the Secretary-General {asked}, for consideration by the General "
        "Assembly under that item;",
    )
    (m,) = mandates(text)
    assert (m["due_body"], m["due_session"], m["recurrence"]) == (GA, 79, recurrence)


@pytest.mark.parametrize(
    ("object_", "category"),
    [
        ("a comprehensive report that provides a forward-looking assessment of the workplace", "report"),
        ("a forward-looking study on the workplace", "report"),
    ],
)
def test_forward_as_part_of_a_compound_is_not_a_transmission(object_, category):
    text = instrument(
        GA,
        f"Requests the Secretary-General to present to the General Assembly at its seventy-eighth session {object_};",
    )
    (m,) = mandates(text)
    assert m["category"] == category


def test_to_forward_a_report_is_still_a_transmission():
    text = instrument(
        GA,
        "Requests the Secretary-General to forward the report of the Expert Group to the General Assembly at its "
        "seventy-eighth session;",
    )
    assert [m["category"] for m in mandates(text)] == ["action"]


# --- Round 4 (issue #8): shapes from fixtures/dev4, written generically ----------------------------------------------


@pytest.mark.parametrize(
    ("lead", "asked", "category"),
    [
        (
            "Decides to revert to the question at the main part of its eightieth session,",
            "requests the Secretary-General to provide updated information on the matter",
            "information",
        ),
        (
            "Also decides to return to the item at its eightieth session,",
            "requests the Secretary-General to submit a report thereon",
            "report",
        ),
        (
            "Decides to resume consideration of the proposal at the first part of its resumed eightieth session,",
            "to this end requests the Secretary-General to provide detailed information on the costs",
            "information",
        ),
        (
            "Decides to consider the question at its eightieth session,",
            "requests the Secretary-General to provide information on progress made",
            "information",
        ),
    ],
)
def test_a_request_without_a_session_is_due_when_the_body_takes_the_question_up(lead, asked, category):
    (m,) = mandates(instrument(GA, f"{lead} and {asked};"))
    assert (m["category"], *due(m)) == (category, SG, GA, None, GA, 80, None, None)


def test_information_asked_with_no_session_taken_up_still_gives_no_mandate():
    assert mandates(instrument(GA, "Requests the Secretary-General to provide information on progress made;")) == []


@pytest.mark.parametrize(
    "clause",
    [
        "to propose options for consideration by the General Assembly at its eightieth session",
        "to propose measures to that end for the consideration of the General Assembly at its eightieth session",
        "to propose, for consideration by the General Assembly at its eightieth session, ways to reduce costs",
    ],
)
def test_proposing_something_for_a_body_to_consider_is_a_written_report(clause):
    (m,) = mandates(instrument(GA, f"Requests the Secretary-General {clause};"))
    assert (m["category"], m["due_body"], m["due_session"]) == ("report", GA, 80)


@pytest.mark.parametrize(
    ("clause", "category"),
    [
        ("to provide an update to the General Assembly at its eightieth session on the project", "information"),
        ("to provide a detailed update on the project to the General Assembly at its eightieth session", "information"),
        ("to continue to provide regular updates to the General Assembly at its eightieth session", "information"),
        ("to provide an oral update to the General Assembly at its eightieth session on the project", "oral"),
        ("to submit an update to the General Assembly at its eightieth session on the project", "report"),
        ("to provide an updated report to the General Assembly at its eightieth session", "report"),
    ],
)
def test_an_update_provided_is_information_unless_oral_or_submitted(clause, category):
    (m,) = mandates(instrument(GA, f"Requests the Secretary-General {clause};"))
    assert (m["category"], m["due_body"], m["due_session"]) == (category, GA, 80)


def test_a_session_taken_up_is_not_carried_across_an_and_inside_a_noun_phrase():
    # "the renewed and strengthened activities needed to inform the public": no new request after the "and"
    text = instrument(
        GA,
        "Requests the Human Rights Council to consider, at its forty-sixth session, the question of developing a "
        "programme of activities to provide for the renewed and strengthened outreach activities needed to inform "
        "and mobilize the global public in support of the Declaration;",
    )
    assert [m["category"] for m in mandates(text)] == ["action"]


@pytest.mark.parametrize(
    "clause",
    [
        "Decides that the Sixth Committee shall continue its consideration of the topic at its eightieth session;",
        "Requests the Third Committee to consider the question at its eightieth session;",
        "Decides that the Fourth Committee shall consider, at its eightieth session, the question;",
    ],
)
def test_a_main_committee_taking_a_question_up_is_the_assemblys_own_agenda(clause):
    assert [m for m in mandates(instrument(GA, clause)) if not m["review"]] == []


def test_a_subsidiary_committee_taking_a_question_up_at_a_session_is_still_an_action():
    text = instrument(
        GA, "Requests the Special Committee on Peacekeeping Operations to consider the question at its next session;"
    )
    assert [(m["category"], m["responsible_entity"]) for m in mandates(text)] == [
        ("action", "Special Committee on Peacekeeping Operations")
    ]


@pytest.mark.parametrize(
    ("clause", "category"),
    [
        (
            "to inform the General Assembly at its eightieth session of the implementation of the present resolution, "
            "through a dedicated section of the World Progress Report",
            "information",
        ),
        (
            "to continue to inform the General Assembly at its eightieth session through his report on the oceans",
            "information",
        ),
        (
            "to apprise the General Assembly at its eightieth session of progress, in the annual report of the Fund",
            "information",
        ),
        ("to inform the General Assembly at its eightieth session, through a report, of the progress made", "report"),
        ("to inform the General Assembly at its eightieth session by submitting a report on progress", "report"),
        ("to inform the General Assembly orally at its eightieth session of progress made in reporting", "oral"),
    ],
)
def test_informing_a_body_is_information_whatever_report_carries_it(clause, category):
    (m,) = mandates(instrument(GA, f"Requests the Secretary-General {clause};"))
    assert (m["category"], m["due_body"], m["due_session"]) == (category, GA, 80)


@pytest.mark.parametrize(
    ("deadline", "event", "recurrence"),
    [
        ("within 90 days and every 120 days thereafter", "within 90 days", "every 120 days"),
        ("by 1 March 2026 and every six months thereafter", "1 March 2026", "every 6 months"),
        ("by 1 March 2026", "1 March 2026", None),
    ],
)
def test_a_dated_first_delivery_can_open_a_cycle(deadline, event, recurrence):
    (m,) = mandates(instrument(GA, f"Requests the Secretary-General to report to it {deadline} on the implementation;"))
    assert (m["due_event"], m["recurrence"]) == (event, recurrence)


@pytest.mark.parametrize(
    ("clause", "event"),
    [
        ("to provide a written report by 15 June 2026 on progress made", "15 June 2026"),
        ("to report within 60 days on the situation", "within 60 days"),
        ("to brief it no later than 1 March 2026 on the situation", "1 March 2026"),
    ],
)
def test_a_report_due_on_a_date_that_names_no_recipient_goes_to_the_body_that_asks(clause, event):
    (m,) = mandates(instrument(GA, f"Requests the Secretary-General {clause};"))
    assert (m["review"], m["delivered_to"], m["due_body"], m["due_event"]) == (False, GA, GA, event)


def test_a_bare_year_in_a_report_that_names_no_recipient_is_no_deadline_of_its_own():
    # "by 2030" may be the goal the report is about
    found = mandates(instrument(GA, "Requests the Secretary-General to report on measures to end poverty by 2030;"))
    assert [m for m in found if not m["review"]] == []


@pytest.mark.parametrize("cycle", ["at least once per year", "once a year", "once every year"])
def test_once_a_year_is_annual(cycle):
    (m,) = mandates(instrument(GA, f"Requests the Committee to report to the General Assembly {cycle} on its work;"))
    assert (m["due_body"], m["recurrence"]) == (GA, "annual")


@pytest.mark.parametrize(
    "objects",
    [
        "annual progress reports and a final report on the results of its work",
        "annual consolidated reports and a final report on its work",
    ],
)
def test_periodic_reports_and_a_final_report_at_a_session_are_two_mandates(objects):
    found = mandates(
        instrument(
            GA,
            f"Decides that the working group shall submit {objects} to the General Assembly at its eightieth session;",
        )
    )
    assert sorted((m["due_session"] or 0, m["recurrence"] or "") for m in found) == [(0, "annual"), (80, "")]


def test_one_edition_of_an_annual_report_is_no_cycle():
    text = instrument(
        GA,
        "Invites Member States to share their views on capacity-building, as set out in annex C to the second annual "
        "progress report of the Working Group and in the 2023 annual progress report;",
    )
    assert [m for m in mandates(text) if not m["review"]] == []
