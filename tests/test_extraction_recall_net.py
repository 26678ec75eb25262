"""The recall net (mandates/extraction/recall_net.py): fires on generic request shapes, stays quiet on the rest."""

from __future__ import annotations

import pytest

from mandates.extraction.recall_net import BODY, DEADLINE, OBJECT, RECURRENCE, SELF, SUBJECT, RecallNet, recall_net

NET = recall_net("en")

FIRES = [
    # (clause, kind of request, targets)
    (
        "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on the "
        "implementation of the present resolution;",
        OBJECT,
        {BODY, DEADLINE},
    ),
    (
        "Reiterates its request, made in paragraph 12 of resolution 77/190, that he submit his findings to the "
        "Assembly at its eighty-first session;",
        OBJECT,
        {BODY, DEADLINE},
    ),
    ("Decides that the secretariat should submit a synthesis to the Forum at its nineteenth session;", OBJECT, None),
    ("The secretariat should submit a synthesis to the Forum at its nineteenth session.", SUBJECT, {BODY, DEADLINE}),
    ("The Committee is requested to report to the Council in 2026.", SUBJECT, {BODY, DEADLINE}),
    ("Decides to transmit the outcome to the Economic and Social Council at its 2026 session;", SELF, None),
    ("Invites the Chair of the Working Group to brief the Council at its next session;", OBJECT, None),
    ("Requests their submission to the Commission at its sixty-eighth session;", OBJECT, None),
    (
        "Encourages the Office to apprise the Committee and its subcommittees at their respective sessions in 2026;",
        OBJECT,
        None,
    ),
    ("Calls upon States to provide their views annually;", OBJECT, {RECURRENCE}),
    ("Urges the Mission to provide an update within six months;", OBJECT, {DEADLINE}),
    (
        "Invites the Special Rapporteur to address and engage in an interactive dialogue with the Assembly at its "
        "eightieth and eighty-first sessions;",
        OBJECT,
        None,
    ),
    (
        # The delivery comes late in a long clause: an infinitive delivery verb counts however far it is.
        "Requests the Office to convene an expert group meeting, in close coordination with Member States and in "
        "collaboration with all relevant United Nations entities, the institutes of the programme network and sports "
        "organizations, to examine effective ways and means of integrating sport into youth crime prevention, "
        "building upon its existing programmes and taking into account the Sustainable Development Goals, and to "
        "present a report to the Commission for consideration at its twenty-ninth session;",
        OBJECT,
        {BODY, DEADLINE},
    ),
]

QUIET = [
    "Takes note of the report of the Secretary-General on the implementation of resolution 77/1 at its session;",
    "Requests the Secretary-General to provide assistance to Member States, upon request;",
    "Requests the Secretary-General to submit a report on the question;",  # no recipient, deadline or recurrence
    "Urges Member States to achieve the targets of the 2030 Agenda for Sustainable Development;",
    "Decides to include in the provisional agenda of its eightieth session the item entitled “Report of the "
    "International Law Commission”;",
    "Invites Member States to make voluntary financial contributions to the trust fund in 2024;",
    "Welcomes the briefing by the Secretariat to the Committee at its seventy-eighth session;",  # no request
    "Encourages States to implement the recommendations of the Committee;",
]


@pytest.mark.parametrize("clause,kind,targets", FIRES, ids=range(len(FIRES)))
def test_the_net_fires_on_request_delivery_and_target(clause, kind, targets):
    hit = NET.fire(clause)
    assert hit is not None, clause
    assert hit.kind == kind
    if targets is not None:
        assert set(hit.targets) == targets


@pytest.mark.parametrize("clause", QUIET, ids=range(len(QUIET)))
def test_the_net_stays_quiet_without_request_delivery_or_target(clause):
    assert NET.fire(clause) is None


def test_a_lettered_sub_paragraph_takes_the_request_of_its_lead_in():
    lead = NET.request("Requests the Secretary-General:")
    sub = "(a) To report to the General Assembly at its eightieth session on the progress made;"
    assert NET.fire(sub) is None  # alone, "(a) To report" asks nothing of anyone
    hit = NET.fire(sub, lead)
    assert hit is not None and hit.request is None and hit.kind == OBJECT


def test_clauses_split_at_sentences_and_at_a_new_verb_after_a_semicolon():
    text = (
        "12. Takes note of the report; and requests the Secretary-General to report thereon. "
        "Invites States to share views; to that end, the matter stays open, and also invites the Office to inform "
        "the Commission, and the Council, of them"
    )
    pieces = [text[s:e] for s, e in NET.clauses(text)]
    assert pieces == [
        "12. Takes note of the report;",
        "and requests the Secretary-General to report thereon.",
        "Invites States to share views; to that end, the matter stays open,",
        "and also invites the Office to inform the Commission, and the Council, of them",
    ]


def test_a_vocabulary_in_another_language_builds_a_net():
    """The net holds no English: a French vocabulary with the same keys gives a French net."""
    french = {
        "request": {
            "verbs": ["prie", "invite", "engage", "demande"],
            "self_verbs": ["décide de"],
            "passives": ["est prié de"],
            "modals": ["devrait"],
            "modal_reach": 2,
        },
        "delivery": {
            "nouns": ["rapport*", "informations", "vues"],
            "verbs": ["présenter", "soumettre", "informer"],
            "reach": 300,
            "infinitive": "de",
            "not_delivered": ["rapport du"],
            "quotes": ["«»"],
        },
        "target": {
            "recipient_heads": ["Assemblée", "Conseil", "Commission"],
            "recipient_phrases": [],
            "session_words": ["session"],
            "date_prepositions": ["en", "avant"],
            "months": ["janvier", "juin"],
            "within": ["dans un délai de"],
            "periods": ["mois"],
            "recurrences": ["chaque année", "tous les ans"],
            "year_names": ["Programme"],
        },
        "clause": {"connectors": ["et", "également"]},
    }
    net = RecallNet(french)
    hit = net.fire("Prie le Secrétaire général de lui présenter, à sa quatre-vingtième session, un rapport ;")
    assert hit is not None and DEADLINE in hit.targets
    assert net.fire("Prend note du rapport du Secrétaire général ;") is None
