"""Rules of French and Spanish resolution grammar, third round (issue #12): session phrases, past participles, nested
requests, the subject of a purpose, future verbs after "Decide/Resuelve que", renewed requests, requests heading a
sub-paragraph, direction marks, organisations named like meetings, budget years. Each shape in several variants."""

from __future__ import annotations

import pytest

from mandates.extraction.names import Resolver
from mandates.extraction.romance import paragraph_mandates
from mandates.extraction.types import InstrumentRecord, ParagraphRecord
from tests.test_extraction_i18n_rules import deadlines


def drafts(text: str, language: str, body: str = "General Assembly", session: int = 75, lead: str = ""):
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, body, session_number=session)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    return paragraph_mandates(paragraph, instrument, Resolver(body, lead + " " + text), language, lead)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Prie l’Envoyée spéciale de poursuivre son engagement au moyen d’un dialogue interactif au cours de sa "
            "soixante-seizième session ;",
            "fr",
            {("Special Envoy", "General Assembly", 76)},
        ),
        (
            "5. Prie également le Secrétaire général de lui rendre compte, à la reprise de sa soixante-quinzième session "
            "et au plus tard le 15 mai 2021, de l’application de la présente résolution ;",
            "fr",
            {("Secretary-General", "General Assembly", 75)},
        ),
        (
            "5. Solicita al Secretario General que le presente un informe en la continuación de su septuagésimo quinto "
            "período de sesiones;",
            "es",
            {("Secretary-General", "General Assembly", 75)},
        ),
        (
            "5. Prie le Secrétaire général de faire rapport à la Commission à sa vingt-cinquième session annuelle ;",
            "fr",
            {("Secretary-General", "Commission", 25)},
        ),
    ],
)
def test_session_phrases_during_resumed_and_annual(text, language, expected):
    assert deadlines(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "body"),
    [
        (
            "5. Prie le Secrétaire général de lui transmettre, durant sa session de 2023, un rapport élaboré par la "
            "Directrice exécutive.",
            "fr",
            "Economic and Social Council",
        ),
        (
            "5. Solicita al Secretario General que transmita al Consejo, en su período de sesiones de 2023, un informe.",
            "es",
            "Economic and Social Council",
        ),
    ],
)
def test_a_transmission_to_a_body_at_its_session_of_a_year_is_due_to_that_body(text, language, body):
    assert deadlines(text, language, body=body, session=2021) == {("Secretary-General", body, "2023")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Demande aux États Membres de contribuer aux travaux du Groupe de travail et prend note du rapport du "
            "Président-Rapporteur, soumis au Groupe de travail à sa vingt et unième session ;",
            "fr",
        ),
        (
            "5. Invite les États à appuyer les travaux de la Commission et prend note du rapport présenté à la "
            "Commission à sa soixantième session ;",
            "fr",
        ),
    ],
)
def test_a_participle_of_the_past_before_a_session_is_not_a_deadline(text, language):
    assert deadlines(text, language) == set()


def test_a_future_passive_before_a_session_stays_a_deadline():
    text = (
        "5. Prie le Secrétaire général d’établir un rapport, qui sera soumis à l’Assemblée générale à sa "
        "soixante-seizième session ;"
    )
    assert ("Secretary-General", "General Assembly", 76) in deadlines(text, "fr")


@pytest.mark.parametrize(
    ("text", "language", "commission"),
    [
        (
            "5. Solicita al Secretario General que pida a los Estados Miembros que presenten propuestas sobre otros "
            "medios, a fin de que la Comisión de Prevención del Delito y Justicia Penal las examine en su 31er período "
            "de sesiones;",
            "es",
            "Commission on Crime Prevention and Criminal Justice",
        ),
        (
            "5. Solicita al Secretario General que pida a los Estados Miembros que presenten propuestas para dar un "
            "seguimiento apropiado a la Declaración de Kioto, a fin de que la Comisión de Prevención del Delito y "
            "Justicia Penal las examine en su 31er período de sesiones;",
            "es",
            "Commission on Crime Prevention and Criminal Justice",
        ),
        (
            "5. Solicita al Secretario General que invite a los Estados Miembros a presentar opiniones, para que la "
            "Comisión de Desarrollo Social las examine en su 61er período de sesiones;",
            "es",
            "Commission for Social Development",
        ),
        (
            "5. Prie le Secrétaire général de demander aux États Membres de lui communiquer leurs vues, afin que la "
            "Commission du développement social les examine à sa soixante et unième session ;",
            "fr",
            "Commission for Social Development",
        ),
    ],
)
def test_the_one_a_nested_request_asks_is_no_recipient_and_the_subject_of_a_purpose_is(text, language, commission):
    found = drafts(text, language, body="Economic and Social Council", session=2021)
    assert {(d.responsible, d.due_body) for d in found if d.due_session} == {("Secretary-General", commission)}
    assert all(d.delivered_to != "Member States" for d in found)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Decide que la Comisión de Desarrollo Social seguirá examinando sus métodos de trabajo en su 61er "
            "período de sesiones.",
            "es",
            {("Commission for Social Development", "Commission for Social Development", 61)},
        ),
        (
            "5. Resuelve que el Secretario General informará a la Asamblea General, en su septuagésimo séptimo período "
            "de sesiones, de todos los compromisos de gastos contraídos.",
            "es",
            {("Secretary-General", "General Assembly", 77)},
        ),
        (
            "5. Alienta a la Comisión de la Condición Jurídica y Social de la Mujer a que considere la posibilidad de "
            "abordar las necesidades de las mujeres en sus períodos de sesiones 65o y 66o;",
            "es",
            {
                ("Commission on the Status of Women", "Commission on the Status of Women", 65),
                ("Commission on the Status of Women", "Commission on the Status of Women", 66),
            },
        ),
    ],
)
def test_future_verbs_after_decide_que_and_considering_at_a_session(text, language, expected):
    body = "General Assembly" if "Asamblea" in text else "Economic and Social Council"
    assert deadlines(text, language, body=body, session=75 if body == "General Assembly" else 2021) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Reitera sus solicitudes al Secretario General de que, con el apoyo de ONU-Agua, prepare un informe para "
            "su septuagésimo séptimo período de sesiones.",
            "es",
            {("Secretary-General", "General Assembly", 77)},
        ),
        (
            "5. Observa con pesar que la Comisión no ha podido avanzar, y reafirma su solicitud a la Comisión de "
            "Conciliación de las Naciones Unidas para Palestina de que persevere en sus esfuerzos y la informe a más "
            "tardar el 1 de septiembre de 2021;",
            "es",
            {("United Nations Conciliation Commission for Palestine", "General Assembly", "1 September 2021")},
        ),
        (
            "5. Réaffirme sa demande au Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport.",
            "fr",
            {("Secretary-General", "General Assembly", 76)},
        ),
        (
            "5. Reitera la solicitud de que el Departamento, como cuestión prioritaria, elabore una estrategia e informe "
            "al respecto al Comité de Información en su 43er período de sesiones;",
            "es",
            {("Department", "Committee on Information", 43)},
        ),
    ],
)
def test_renewed_and_reaffirmed_requests(text, language, expected):
    found = deadlines(text, language)
    assert {(r if r != "the Department" else "Department", b, s) for r, b, s in found} == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "vi) Prier également le Conseil consultatif de faire rapport sur ce point à la Commission de la condition "
            "de la femme à sa soixante-sixième session ;",
            "fr",
        ),
        (
            "vi) Solicitar al Consejo Asesor que informe sobre ese punto a la Comisión de la Condición Jurídica y "
            "Social de la Mujer en su 66º período de sesiones;",
            "es",
        ),
    ],
)
def test_an_infinitive_request_heads_a_sub_paragraph(text, language):
    found = drafts(text, language, body="Economic and Social Council", session=2021)
    assert {(d.due_body, d.due_session) for d in found} == {("Commission on the Status of Women", 66)}


@pytest.mark.parametrize(
    ("item", "count"),
    [
        ("e) d’autres formules qui reflètent une stricte égalité de traitement ;", 0),
        ("e) des modalités de passage au nouveau régime ;", 0),
        ("e) De lui présenter à sa soixante-dix-septième session un rapport ;", 1),
    ],
)
def test_a_french_lettered_item_continues_a_request_only_with_an_infinitive(item, count):
    lead = "4. Prie le Secrétaire général d’affiner l’examen des régimes, en tenant compte des éléments suivants :"
    assert len([d for d in drafts(item, "fr", lead=lead) if d.due_session]) == count


def test_direction_marks_inside_a_name_and_a_session_are_spaces():
    text = (
        "5. Solicita a la Directora Ejecutiva de la Oficina de las Naciones Unidas contra \u200ela Droga y el Delito "
        "que presente información como contribución al informe que el Secretario General ha de \u200epresentar a la "
        "Asamblea General en su \u200eseptuagésimo séptimo período de sesiones;\u200e"
    )
    found = drafts(text, "es", body="Economic and Social Council", session=2021)
    assert {(d.responsible, d.due_body, d.due_session) for d in found} == {
        ("Executive Director of the United Nations Office on Drugs and Crime", "General Assembly", 77)
    }
    assert all(text[d.start : d.end].strip() for d in found)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invita al sistema de las Naciones Unidas, y en particular a la Conferencia de las Naciones Unidas sobre "
            "Comercio y Desarrollo, a seguir prestando apoyo a los Estados Miembros;",
            "es",
        ),
        (
            "5. Invite le système des Nations Unies, et en particulier la Conférence des Nations Unies sur le commerce et "
            "le développement, à continuer de fournir un appui aux États Membres ;",
            "fr",
        ),
    ],
)
def test_an_organisation_named_like_a_meeting_is_no_event(text, language):
    assert deadlines(text, language) == set()


def test_keeping_a_body_informed_makes_it_the_recipient():
    text = (
        "5. Prie instamment les États qui mènent des activités dans l’espace, ainsi que les États désireux d’en mener, "
        "de tenir la Conférence du désarmement informée du déroulement des négociations ;"
    )
    found = drafts(text, "fr")
    assert {(d.delivered_to, d.due_event) for d in found} == {
        ("Conference on Disarmament", "Conference on Disarmament")
    }


@pytest.mark.parametrize(
    "text",
    [
        "5. Invita al Secretario General a que, en el marco del presupuesto por programas para 2022, presente una "
        "propuesta para aumentar la subvención al Instituto.",
        "5. Solicita al Secretario General que presente información sobre el presupuesto para 2021 a la Comisión "
        "Consultiva.",
    ],
)
def test_a_budget_year_is_no_deadline(text):
    assert deadlines(text, "es") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invita al Presidente de la Asamblea General a que, en cooperación con la Oficina de las Naciones Unidas "
            "contra la Droga y el Delito, organice en el septuagésimo quinto período de sesiones el debate de alto nivel;",
            "es",
        ),
        (
            "5. Solicita al Presidente de la Asamblea General que, dentro de los límites de los recursos existentes, "
            "celebre en el septuagésimo quinto período de sesiones una reunión de alto nivel;",
            "es",
        ),
    ],
)
def test_an_aside_before_an_act(text, language):
    assert deadlines(text, language) == {("President of the General Assembly", "General Assembly", 75)}


def test_an_act_after_an_aside_does_not_turn_a_report_into_an_action():
    text = (
        "5. Solicita al Secretario General que, en su próximo informe al Comité de Información, incluya información "
        "detallada sobre esas alianzas;"
    )
    assert {d.category for d in drafts(text, "es")} <= {"information", "report"}
