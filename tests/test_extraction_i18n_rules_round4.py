"""Rules of French and Spanish resolution grammar, fourth round (issue #12, cross-language agreement): deadlines at the
end of a session, acts dated by a numbered session whatever their verb, bare session numbers, renewed requests with
an adverb, "a su consideración", past participles before "al", sub-paragraphs opening with an infinitive, "sobre esa
base", "hacer balance", results delivered, "la presentación"/"la presente resolución", "e invita". Each shape in
several variants, in invented sentences written the way UN resolutions are."""

from __future__ import annotations

import pytest

from tests.test_extraction_i18n_rules import deadlines
from tests.test_extraction_i18n_rules_round3 import drafts


@pytest.mark.parametrize(
    ("text", "language", "who", "session"),
    [
        (
            "5. Prie le Secrétaire général de lui soumettre pour examen, avant la fin de sa soixante-quinzième "
            "session, une étude assortie de recommandations ;",
            "fr",
            "Secretary-General",
            75,
        ),
        (
            "5. Prie le Secrétaire général de lui présenter, d’ici à la fin de sa soixante-seizième session, un "
            "rapport sur la question ;",
            "fr",
            "Secretary-General",
            76,
        ),
        (
            "5. Demande au Secrétariat de garantir, d’ici à la fin de la soixante-seizième session, le libre accès "
            "aux documents ;",
            "fr",
            "Secretariat",
            76,
        ),
        (
            "5. Solicita al Secretario General que le presente, antes de que finalice su septuagésimo quinto período "
            "de sesiones, un examen de la cuestión;",
            "es",
            "Secretary-General",
            75,
        ),
        (
            "5. Solicita al Secretario General que le presente un informe antes del final de su septuagésimo sexto "
            "período de sesiones;",
            "es",
            "Secretary-General",
            76,
        ),
        (
            "5. Pide a la Secretaría que, antes de que concluya el septuagésimo sexto período de sesiones, dé libre "
            "acceso a los documentos;",
            "es",
            "Secretariat",
            76,
        ),
    ],
)
def test_the_end_of_a_session_is_a_deadline(text, language, who, session):
    assert deadlines(text, language) == {(who, "General Assembly", session)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Décide que les États concernés seront autorisés à participer à ses votes jusqu’à la fin de sa "
            "soixante-quinzième session.",
            "fr",
        ),
        (
            "5. Decide que se permita a los Estados interesados votar en la Asamblea General hasta el final de su "
            "septuagésimo quinto período de sesiones.",
            "es",
        ),
    ],
)
def test_until_the_end_of_a_session_is_a_duration_not_a_deadline(text, language):
    assert deadlines(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Prie le Secrétariat de publier à sa soixante-dix-septième session, dans la limite des ressources "
            "existantes, un recueil des pratiques optimales ;",
            "fr",
            {("Secretariat", "General Assembly", 77)},
        ),
        (
            "5. Solicita a la Secretaría que, con los recursos disponibles, en el septuagésimo séptimo período de "
            "sesiones publique un compendio de las mejores prácticas;",
            "es",
            {("Secretariat", "General Assembly", 77)},
        ),
        (
            "5. Invite les États Membres à appuyer le Secrétaire général dans l’organisation de consultations "
            "régionales avant la vingtième session de l’Instance permanente sur les questions autochtones ;",
            "fr",
            {("Member States", "Permanent Forum on Indigenous Issues", 20)},
        ),
        (
            "5. Invita a los Estados Miembros a que apoyen al Secretario General en la organización de consultas "
            "regionales antes del 20º período de sesiones del Foro Permanente para las Cuestiones Indígenas;",
            "es",
            {("Member States", "Permanent Forum on Indigenous Issues", 20)},
        ),
    ],
)
def test_an_act_at_or_before_a_numbered_session_is_dated_whatever_its_verb(text, language, expected):
    assert deadlines(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite l’Algérie et la Norvège à désigner un scientifique qui assistera en qualité d’observateur à la "
            "soixante-huitième session du Comité scientifique ;",
            "fr",
        ),
        (
            "5. Decide que la reunión de alto nivel convocada por la Presidencia se celebrará en la Sede durante su "
            "septuagésimo octavo período de sesiones;",
            "es",
        ),
        (
            "5. Decide también que la próxima resolución sobre la cuestión se examine en su septuagésimo séptimo "
            "período de sesiones;",
            "es",
        ),
    ],
)
def test_a_session_in_a_relative_clause_or_a_reflexive_passive_dates_no_act(text, language):
    assert deadlines(text, language) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "5. Recuerda su resolución 72/279 y reafirma también su solicitud al Secretario General de que someta a su "
            "consideración, antes de que finalice su septuagésimo quinto período de sesiones, un examen del sistema;",
            {("Secretary-General", "General Assembly", 75)},
        ),
        (
            "5. Reitera también la solicitud hecha al Secretario General de que presente un informe en su septuagésimo "
            "sexto período de sesiones;",
            {("Secretary-General", "General Assembly", 76)},
        ),
    ],
)
def test_a_renewed_request_with_an_adverb_and_a_su_consideracion(text, expected):
    assert deadlines(text, "es") == expected
    found = drafts(text, "es")
    assert found and all(d.delivered_to == "General Assembly" for d in found if d.due_session)


@pytest.mark.parametrize(
    "text",
    [
        "5. Toma nota del informe del Presidente-Relator, presentado al Grupo de Trabajo en su 21er período de "
        "sesiones;",
        "5. Exhorta a los Estados a que contribuyan a la labor de la Comisión y hace notar el informe presentado a la "
        "Comisión en su 60º período de sesiones;",
    ],
)
def test_a_spanish_past_participle_before_al_is_not_a_deadline(text):
    assert deadlines(text, "es") == set()


@pytest.mark.parametrize(
    "item",
    ["b) Centrarse en los planes de prestaciones definidas;", "c) Examinarlas a la luz de la experiencia adquirida;"],
)
def test_a_spanish_item_opening_with_an_infinitive_is_content_not_a_request(item):
    lead = (
        "4. Solicita al Secretario General que siga perfeccionando el examen y que la informe al respecto en su "
        "septuagésimo séptimo período de sesiones, teniendo en cuenta las siguientes consideraciones:"
    )
    assert drafts(item, "es", lead=lead) == []
    assert drafts("a) Que le presente un informe;", "es", lead=lead)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Solicita también al Secretario General que presente al Consejo Económico y Social en 2021 un informe "
            "sobre la aplicación de la presente resolución, y sobre esa base invita al Consejo Económico y Social a que "
            "proponga a la Asamblea General recomendaciones generales;",
            "es",
        ),
        (
            "5. Prie également le Secrétaire général de présenter au Conseil économique et social, en 2021, un rapport "
            "sur l’application de la présente résolution, et, sur cette base, invite le Conseil économique et social à "
            "proposer à l’Assemblée générale des recommandations générales ;",
            "fr",
        ),
    ],
)
def test_on_that_basis_opens_a_new_request(text, language):
    found = drafts(text, language, body="General Assembly")
    assert {(d.responsible, d.delivered_to, d.due_event) for d in found if d.due_event} == {
        ("Secretary-General", "Economic and Social Council", "2021")
    }
    assert all(d.delivered_to != "General Assembly" for d in found if d.responsible == "Secretary-General")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invita a los Estados Miembros a que sigan estudiando la cuestión, a fin de hacer balance y explorar "
            "nuevas mejoras en el septuagésimo octavo período de sesiones de la Asamblea General;",
            "es",
        ),
        (
            "5. Invite les États Membres à poursuivre leurs discussions, afin de faire le bilan et d’envisager de "
            "nouvelles améliorations à la soixante-dix-huitième session de l’Assemblée générale ;",
            "fr",
        ),
    ],
)
def test_taking_stock_is_no_report(text, language):
    assert all(d.category != "report" for d in drafts(text, language))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invita al Alto Comisionado a que siga coordinando la iniciativa y a que presente los resultados a los "
            "Estados Miembros en 2021;",
            "es",
        ),
        ("5. Invite le Haut-Commissaire à présenter les résultats de l’évaluation aux États Membres en 2021 ;", "fr"),
    ],
)
def test_results_presented_are_information_delivered(text, language):
    found = drafts(text, language)
    assert {(d.category, d.delivered_to, d.due_body, d.due_event) for d in found} == {
        ("information", "Member States", "Member States", "2021")
    }


@pytest.mark.parametrize(
    "text",
    [
        "5. Solicita al Secretario General que presente al Consejo Económico y Social en 2022 un informe sobre la "
        "aplicación de las disposiciones de la presente resolución;",
        "5. Solicita al Secretario General que presente al Consejo Económico y Social en 2022 un informe sobre el "
        "marco de seguimiento y la presentación de informes;",
        "5. Solicita al Secretario General que presente al Consejo Económico y Social en 2022 un informe sobre la "
        "información reunida;",
    ],
)
def test_la_before_a_noun_is_no_pronoun_for_the_adopting_body(text):
    found = drafts(text, "es")
    assert {d.delivered_to for d in found} == {"Economic and Social Council"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Solicita al Secretario General que presente información actualizada sobre las disposiciones que se "
            "hubieran confiado a la Secretaría, para que el Grupo de Trabajo Especial la examine en los períodos de "
            "sesiones septuagésimo sexto y septuagésimo séptimo;",
            "es",
        ),
        (
            "5. Prie le Secrétaire général de présenter des informations actualisées, pour que le Groupe de travail "
            "spécial les examine aux soixante-seizième et soixante-dix-septième sessions ;",
            "fr",
        ),
    ],
)
def test_a_session_named_by_its_number_alone_is_the_adopting_bodys(text, language):
    assert deadlines(text, language) == {
        ("Secretary-General", "General Assembly", 76),
        ("Secretary-General", "General Assembly", 77),
    }


def test_a_bare_session_number_outside_the_adopting_bodys_numbering_is_left_to_the_recipient():
    text = (
        "5. Solicita al Secretario General que presente información, para que la Comisión de Desarrollo Social la "
        "examine en el 61er período de sesiones;"
    )
    assert deadlines(text, "es", body="Economic and Social Council", session=2021) == {
        ("Secretary-General", "Commission for Social Development", 61)
    }


@pytest.mark.parametrize(
    "text",
    [
        "5. Solicita al Secretario General que le presente un informe en su septuagésimo sexto período de sesiones e "
        "invita al Relator Especial a que le presente oralmente un informe en su septuagésimo sexto período de "
        "sesiones;",
        "5. Solicita al Secretario General que le presente un informe en su septuagésimo sexto período de sesiones, e "
        "invita al Relator Especial a que le presente oralmente un informe en su septuagésimo sexto período de "
        "sesiones;",
    ],
)
def test_e_before_an_i_joins_two_requests(text):
    assert deadlines(text, "es") == {
        ("Secretary-General", "General Assembly", 76),
        ("Special Rapporteur", "General Assembly", 76),
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite les organismes compétents à présenter à l’avance, à partir de la soixante-quinzième session, "
            "des contributions qui seront examinées à la réunion de haut niveau ;",
            "fr",
        ),
        (
            "5. Invita a los órganos competentes a que, a partir del septuagésimo quinto período de sesiones, presenten "
            "aportaciones por adelantado para la reunión de alto nivel;",
            "es",
        ),
    ],
)
def test_a_session_work_starts_at_is_no_deadline_without_a_cycle(text, language):
    assert deadlines(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de lui présenter, à partir de sa soixante-dix-huitième session, un rapport "
            "tous les deux ans ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que le presente un informe bienal a partir de su septuagésimo octavo "
            "período de sesiones;",
            "es",
        ),
    ],
)
def test_a_session_opening_a_cycle_stays_its_first_deadline(text, language):
    assert deadlines(text, language) == {("Secretary-General", "General Assembly", 78)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de présenter dans son rapport annuel des renseignements sur l’application "
            "des recommandations du Groupe de travail sur les améliorations à apporter au Forum sur la gouvernance "
            "d’Internet ;",
            "fr",
        ),
        (
            "5. Prie le Secrétaire général de présenter des renseignements sur les mesures visant à accorder la "
            "priorité au Conseil des droits de l’homme ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que presente información sobre las medidas adoptadas para prestar apoyo "
            "al Foro para la Gobernanza de Internet;",
            "es",
        ),
    ],
)
def test_the_object_of_a_verb_that_delivers_nothing_is_no_recipient(text, language):
    assert all(d.delivered_to in (None, "General Assembly") for d in drafts(text, language))


def test_the_recipient_of_a_delivery_verb_stays_one():
    found = drafts("5. Prie le Secrétaire général de présenter au Conseil des droits de l’homme un rapport ;", "fr")
    assert {d.delivered_to for d in found} == {"Human Rights Council"}


@pytest.mark.parametrize(
    ("words", "number"),
    [("quarantième-sixième", 46), ("trentième-deuxième", 32), ("quarante-sixième", 46), ("quarante et unième", 41)],
)
def test_french_ordinals_with_the_ending_on_the_tens_too(words, number):
    from mandates.extraction.numbers import ordinal_to_int_for

    assert ordinal_to_int_for(words, "fr") == number


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Décide d’inscrire à l’ordre du jour provisoire de sa soixante-seizième session la question intitulée "
            "« Exploitation et atteintes sexuelles », et prie le Secrétaire général de continuer à lui présenter "
            "chaque année un rapport sur la question ;",
            "fr",
        ),
        (
            "5. Décide de poursuivre l’examen de la question à sa soixante-seizième session et, à cet effet, prie le "
            "Secrétaire général de lui présenter un rapport annuel sur la question ;",
            "fr",
        ),
        (
            "5. Decide incluir en el programa provisional de su septuagésimo sexto período de sesiones el tema titulado "
            "“Explotación y abusos sexuales”, y solicita al Secretario General que siga presentando informes anuales "
            "sobre la cuestión;",
            "es",
        ),
    ],
)
def test_the_session_a_matter_is_taken_up_at_dates_the_first_of_recurring_reports(text, language):
    assert deadlines(text, language) == {("Secretary-General", "General Assembly", 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de préparer un questionnaire, en tenant compte des orientations formulées "
            "lors de la quinzième série de consultations, en 2021 ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que elabore un cuestionario, teniendo en cuenta las orientaciones que se "
            "propongan en 2021;",
            "es",
        ),
    ],
)
def test_a_year_in_what_is_taken_into_account_dates_nothing(text, language):
    from mandates.extraction.romance import _year_event, grammar

    assert _year_event(text, grammar(language)) is None
    assert (
        _year_event(
            text.replace(", en tenant", " en 2021, en tenant").replace(", teniendo", " en 2021, teniendo"),
            grammar(language),
        )
        == "2021"
    )


def test_the_verb_note_is_no_french_report():
    text = (
        "5. Invite instamment les États à envisager d’adhérer au Mécanisme d’ici à 2023 et note la décision prise "
        "concernant la réforme ;"
    )
    from mandates.extraction.romance import _category, grammar

    assert _category(text, grammar("fr")) == "action"
    assert _category("de lui présenter une note sur la question", grammar("fr")) == "report"


@pytest.mark.parametrize(
    "text",
    [
        "2. Invita a los Estados Miembros, especialmente a los que todavía no lo han hecho, a comunicar al Secretario "
        "General sus opiniones sobre la cuestión;",
        "2. Invita a los Estados Miembros, en particular a aquellos y a las que aún no lo han hecho, a que comuniquen "
        "al Secretario General sus opiniones sobre la cuestión;",
    ],
)
def test_a_relative_que_after_an_article_does_not_start_the_action(text):
    found = drafts(text, "es")
    assert found and {(d.category, d.delivered_to) for d in found} == {("information", "Secretary-General")}
    assert all(d.responsible.startswith("Member States") or "Estados" in d.responsible for d in found)
