"""Rules of French and Spanish resolution grammar, fifth round (issue #12, blind round 2's dev half and cross-language
agreement): a standing duty ("continuer à lui rendre compte", "la tenir informée", "siga informando", "periódicamente")
is the recurrence "ongoing", as "continue to report" / "keep ... informed" are in English. Each shape in several
variants, in invented sentences written the way UN resolutions are."""

from __future__ import annotations

import pytest

from mandates.extraction.names import Resolver
from mandates.extraction.romance import clause_reading, paragraph_mandates
from mandates.extraction.types import InstrumentRecord, ParagraphRecord
from tests.test_extraction_i18n_rules_round3 import drafts


def readings(text: str, language: str, lead: str = "") -> set[tuple]:
    return {
        (d.responsible, d.delivered_to, d.due_body, d.due_session or d.due_event, d.recurrence)
        for d in drafts(text, language, lead=lead)
    }


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Prie le Secrétaire général de continuer à lui rendre compte de l’application de la présente "
            "résolution ;",
            "fr",
            ("Secretary-General", "General Assembly", "General Assembly", None, "ongoing"),
        ),
        (
            "5. Prie également le Secrétaire général de continuer de lui faire rapport, dans le cadre des rapports "
            "qu’il est tenu de lui présenter, sur la situation financière du Bureau ;",
            "fr",
            ("Secretary-General", "General Assembly", "General Assembly", None, "ongoing"),
        ),
        (
            "5. Solicita al Secretario General que siga informando sobre la aplicación de la presente resolución;",
            "es",
            ("Secretary-General", None, None, None, "ongoing"),
        ),
        (
            "5. Solicita al Secretario General que, en el marco de las obligaciones vigentes de presentación de "
            "informes, siga informando sobre la situación financiera de la Oficina;",
            "es",
            ("Secretary-General", None, None, None, "ongoing"),
        ),
    ],
)
def test_a_standing_duty_is_an_ongoing_mandate(text, language, expected):
    assert readings(text, language) == {expected}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de continuer à lui rendre compte, à sa soixante-seizième session, de "
            "l’application de la présente résolution ;",
            "fr",
        ),
        (
            "5. Décide d’examiner la question à sa soixante-seizième session et prie le Secrétaire général de "
            "continuer à lui faire rapport sur la question ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que siga informando sobre la cuestión en su septuagésimo sexto período "
            "de sesiones;",
            "es",
        ),
        (
            "5. Decide volver a ocuparse de la cuestión en su septuagésimo sexto período de sesiones, y solicita al "
            "Secretario General que siga informándole sobre la cuestión;",
            "es",
        ),
    ],
)
def test_a_standing_duty_at_a_session_is_a_report_at_that_session(text, language):
    assert readings(text, language) == {("Secretary-General", "General Assembly", "General Assembly", 76, None)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Engage le Département de la communication globale à élargir son activité en informant régulièrement "
            "le public des travaux de l’Organisation ;",
            "fr",
        ),
        (
            "5. Prie les puissances administrantes de veiller à ce que l’information sur les bourses d’études soit "
            "diffusée largement et régulièrement dans les territoires ;",
            "fr",
        ),
        (
            "5. Alienta al Departamento de Comunicación Global a que amplíe su presencia ofreciendo periódicamente "
            "información actualizada al público;",
            "es",
        ),
    ],
)
def test_information_spread_regularly_to_no_body_is_no_mandate(text, language):
    assert readings(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Engage l’Office des Nations Unies contre la drogue et le crime à renforcer sa coopération avec les "
            "États, en tenant la Commission des stupéfiants informée des progrès accomplis ;",
            "fr",
            ("United Nations Office on Drugs and Crime", "Commission on Narcotic Drugs"),
        ),
        (
            "5. Prie le Secrétaire général de la tenir régulièrement informée de l’évolution de la situation ;",
            "fr",
            ("Secretary-General", "General Assembly"),
        ),
        (
            "5. Invite les États Membres à communiquer périodiquement des informations au Secrétaire général ;",
            "fr",
            ("Member States", "Secretary-General"),
        ),
        (
            "5. Solicita al Secretario General que la mantenga periódicamente informada sobre la evolución de la "
            "situación;",
            "es",
            ("Secretary-General", "General Assembly"),
        ),
        (
            "5. Alienta a la Oficina de las Naciones Unidas contra la Droga y el Delito a que refuerce su cooperación "
            "con los Estados, manteniendo a la Comisión de Estupefacientes al corriente de los progresos;",
            "es",
            ("United Nations Office on Drugs and Crime", "Commission on Narcotic Drugs"),
        ),
        (
            "5. Invita a los Estados Miembros a que proporcionen periódicamente información al Secretario General;",
            "es",
            ("Member States", "Secretary-General"),
        ),
    ],
)
def test_information_given_on_a_standing_basis_is_a_delivery_left_for_review(text, language, expected):
    # The recipient is read (the review candidate carries it); no recurrence makes it a confident mandate.
    assert readings(text, language) == {(*expected, None, None, None)}


def _asked(text: str, language: str, context: str = "") -> set[tuple]:
    return {(d.responsible, d.due_session) for d in drafts(text, language, lead=context)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Encourage l’Office des Nations Unies contre la drogue et le crime et l’Organe international de "
            "contrôle des stupéfiants à lui présenter à sa soixante-seizième session un rapport commun ;",
            "fr",
            {("United Nations Office on Drugs and Crime", 76), ("International Narcotics Control Board", 76)},
        ),
        (
            "5. Prie le Secrétaire général et le Haut-Commissaire des Nations Unies aux droits de l’homme de lui "
            "présenter à sa soixante-seizième session un rapport ;",
            "fr",
            {("Secretary-General", 76), ("United Nations High Commissioner for Human Rights", 76)},
        ),
        (
            "5. Alienta a la Oficina de las Naciones Unidas contra la Droga y el Delito y a la Junta Internacional de "
            "Fiscalización de Estupefacientes a que le presenten en su septuagésimo sexto período de sesiones un "
            "informe;",
            "es",
            {("United Nations Office on Drugs and Crime", 76), ("International Narcotics Control Board", 76)},
        ),
        (
            "5. Solicita al Secretario General y al Alto Comisionado de las Naciones Unidas para los Derechos Humanos "
            "que le presenten en su septuagésimo sexto período de sesiones un informe;",
            "es",
            {("Secretary-General", 76), ("United Nations High Commissioner for Human Rights", 76)},
        ),
    ],
)
def test_each_of_several_asked_together_owes_the_delivery(text, language, expected):
    assert _asked(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général, agissant en consultation avec le Haut-Commissaire des Nations Unies aux "
            "droits de l’homme, de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
        ),
        (
            "5. Prie le Secrétaire général et les États Membres intéressés de lui présenter à sa soixante-seizième "
            "session un rapport ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que, en consulta con el Alto Comisionado de las Naciones Unidas para "
            "los Derechos Humanos, le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
        ),
    ],
)
def test_one_asked_with_someone_else_named_is_one(text, language):
    assert {who for who, _ in _asked(text, language)} == {"Secretary-General"}


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Demande à tous les États de fournir au Secrétaire général des renseignements à ce sujet ;",
            "fr",
            "States",
        ),
        (
            "5. Exhorta a todos los Estados a que proporcionen al Secretario General información al respecto;",
            "es",
            "States",
        ),
        (
            "5. Invite toutes les Parties à la Convention à communiquer leurs vues au Secrétaire général ;",
            "fr",
            "toutes les Parties à la Convention",
        ),
    ],
)
def test_all_is_dropped_from_a_known_name_as_in_english(text, language, who):
    assert {w for w, _ in _asked(text, language)} == {who}


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Prie le Comité spécial chargé d’étudier la situation en ce qui concerne l’application de la "
            "Déclaration sur l’octroi de l’indépendance aux pays et aux peuples coloniaux de poursuivre l’examen de "
            "la question et de lui en rendre compte à sa soixante-seizième session ;",
            "fr",
            "Special Committee on the Situation with regard to the Implementation of the Declaration on the Granting "
            "of Independence to Colonial Countries and Peoples",
        ),
        (
            "5. Demande au Comité spécial chargé d’étudier la situation en ce qui concerne l’application de la "
            "Déclaration sur l’octroi de l’indépendance aux pays et aux peuples coloniaux de lui présenter à sa "
            "soixante-seizième session un rapport ;",
            "fr",
            "Special Committee on the Situation with regard to the Implementation of the Declaration on the Granting "
            "of Independence to Colonial Countries and Peoples",
        ),
        (
            "5. Prie le Secrétaire général de lui présenter, à la première partie de la reprise de sa "
            "soixante-seizième session, un exposé sur l’état des accords ;",
            "fr",
            "Secretary-General",
        ),
    ],
)
def test_a_known_name_after_its_article_holds_its_own_infinitive(text, language, who):
    assert _asked(text, language) == {(who, 76)}


RAPPORTEUR = (
    "Special Rapporteur on the negative impact of unilateral coercive measures on the enjoyment of human rights"
)


@pytest.mark.parametrize(
    ("context", "text", "language", "who"),
    [
        (
            "4. Prend note du rapport de la Rapporteuse spéciale sur les effets négatifs des mesures coercitives "
            "unilatérales sur l’exercice des droits de l’homme ;",
            "5. Prie la Rapporteuse spéciale de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            RAPPORTEUR,
        ),
        (
            "4. Toma nota del informe del Relator Especial del Consejo de Derechos Humanos sobre las repercusiones "
            "negativas de las medidas coercitivas unilaterales en el disfrute de los derechos humanos;",
            "5. Solicita a la Relatora Especial que le presente en su septuagésimo sexto período de sesiones un "
            "informe;",
            "es",
            RAPPORTEUR,
        ),
        (
            "4. Acoge con beneplácito la labor de la Relatora Especial sobre la violencia contra la mujer, sus causas "
            "y consecuencias;",
            "5. Solicita a la Relatora Especial que le presente en su septuagésimo sexto período de sesiones un "
            "informe;",
            "es",
            "Special Rapporteur on violence against women, its causes and consequences",
        ),
        (
            "4. Prend note du rapport de la Représentante spéciale du Secrétaire général chargée de la question de la "
            "violence contre les enfants ;",
            "5. Prie la Représentante spéciale de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "Special Representative of the Secretary-General on Violence against Children",
        ),
        ("", "5. Prie le Rapporteur spécial de lui présenter à sa soixante-seizième session un rapport ;", "fr", None),
    ],
)
def test_a_title_alone_is_the_mandate_named_in_full_before(context, text, language, who):
    resolver_text = context + " " + text
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", resolver_text)
    resolver.cursor = len(resolver_text)
    found = {d.responsible for d in paragraph_mandates(paragraph, instrument, resolver, language)}
    assert found == {who or "Special Rapporteur"}


@pytest.mark.parametrize(
    ("context", "text", "language", "who"),
    [
        (
            "4. Alienta al Comité Mixto a que siga fomentando la cooperación;",
            "5. Solicita al Comité que le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
            "United Nations Joint Staff Pension Board",
        ),
        (
            "4. Engage le Comité mixte à continuer de renforcer la coopération ;",
            "5. Prie le Comité de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "United Nations Joint Staff Pension Board",
        ),
        (
            "4. Prend note du rapport du Comité des politiques de développement ;",
            "5. Prie le Comité de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "Committee for Development Policy",
        ),
    ],
)
def test_a_short_form_is_the_last_name_printed_with_that_word(context, text, language, who):
    resolver_text = context + " " + text
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", resolver_text)
    resolver.cursor = len(resolver_text)
    assert {d.responsible for d in paragraph_mandates(paragraph, instrument, resolver, language)} == {who}


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Demande à l’Administration des pensions de lui faire rapport à sa soixante-seizième session ;",
            "fr",
            "Pension Administration of the United Nations Joint Staff Pension Fund",
        ),
        (
            "5. Solicita a la Administración de las Pensiones que le informe en su septuagésimo sexto período de "
            "sesiones;",
            "es",
            "Pension Administration of the United Nations Joint Staff Pension Fund",
        ),
        (
            "5. Prie le Bureau de lutte contre le terrorisme de lui présenter à sa soixante-seizième session un "
            "rapport ;",
            "fr",
            "Office of Counter-Terrorism",
        ),
        (
            "5. Solicita a la Asociación de Estados del Caribe que le presente en su septuagésimo sexto período de "
            "sesiones un informe;",
            "es",
            "Association of Caribbean States",
        ),
    ],
)
def test_names_added_resolve_to_their_english_names(text, language, who):
    assert _asked(text, language) == {(who, 76)}


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "5. Toma nota del informe del Secretario General y solicita que en su septuagésimo sexto período de "
            "sesiones le presente un informe sobre la aplicación de la presente resolución.",
            "Secretary-General",
        ),
        (
            "5. Acoge con beneplácito la labor de la Dependencia Común de Inspección y pide que le presente en su "
            "septuagésimo sexto período de sesiones un informe sobre sus actividades.",
            "Joint Inspection Unit",
        ),
        (
            "5. Toma nota del informe del Secretario General y solicita que la Secretaría le presente en su "
            "septuagésimo sexto período de sesiones un informe sobre la cuestión.",
            "Secretariat",
        ),
    ],
)
def test_a_request_that_names_no_one_after_its_verb_asks_the_subject_of_que(text, who):
    assert _asked(text, "es") == {(who, 76)}


def test_a_request_that_a_report_be_presented_names_no_one():
    text = (
        "5. Toma nota del informe del Secretario General y solicita que se le presente en su septuagésimo sexto "
        "período de sesiones un informe sobre la cuestión."
    )
    assert _asked(text, "es") == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "5. Prie le Secrétaire général de lui présenter à sa soixante-dix-septième session, en février 2023 au "
            "plus tard, un rapport sur les progrès accomplis ;",
            "fr",
            (77, "February 2023"),
        ),
        (
            "5. Prie le Secrétaire général de lui présenter, en 2022, à sa soixante-dix-septième session, un rapport "
            "sur la question ;",
            "fr",
            (77, "2022"),
        ),
        (
            "5. Solicita al Secretario General que en su septuagésimo séptimo período de sesiones, a más tardar en "
            "febrero de 2023, le presente un informe sobre los avances logrados;",
            "es",
            (77, "February 2023"),
        ),
        (
            "5. Solicita al Secretario General que le presente un informe en su septuagésimo séptimo período de "
            "sesiones, en 2022;",
            "es",
            (77, "2022"),
        ),
    ],
)
def test_a_session_and_a_date_named_together_are_both_kept(text, language, expected):
    assert {(d.due_session, d.due_event) for d in drafts(text, language)} == {expected}


@pytest.mark.parametrize(
    ("text", "language", "event"),
    [
        ("5. Prie le Secrétaire général de lui présenter un rapport en mars 2022 au plus tard ;", "fr", "March 2022"),
        (
            "5. Solicita al Secretario General que le presente un informe a más tardar en marzo de 2022;",
            "es",
            "March 2022",
        ),
        ("5. Prie le Secrétaire général de lui présenter un rapport avant le 30 juin 2022 ;", "fr", "30 June 2022"),
    ],
)
def test_a_month_and_year_is_a_dated_deadline(text, language, event):
    assert {d.due_event for d in drafts(text, language)} == {event}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite le Secrétaire général à évaluer les finances du Bureau et à lui présenter en 2022 des "
            "recommandations budgétaires ;",
            "fr",
        ),
        (
            "5. Prie le Secrétaire général de lui soumettre en 2022 ses recommandations sur la question ;",
            "fr",
        ),
        (
            "5. Invita al Secretario General a que evalúe las finanzas de la Oficina y le presente en 2022 "
            "recomendaciones presupuestarias;",
            "es",
        ),
        (
            "5. Invita al Secretario General a que evalúe las finanzas de la Oficina y haga recomendaciones "
            "presupuestarias a la Asamblea General en 2022;",
            "es",
        ),
    ],
)
def test_recommendations_delivered_are_a_report(text, language):
    assert readings(text, language) == {("Secretary-General", "General Assembly", "General Assembly", "2022", None)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite les États Membres à tenir compte des recommandations du Comité et à lui présenter des "
            "informations ;",
            "fr",
        ),
        (
            "5. Invita a los Gobiernos a que tengan en cuenta las recomendaciones del Comité al elaborar sus normas;",
            "es",
        ),
    ],
)
def test_recommendations_taken_into_account_are_not_delivered(text, language):
    assert {d.category for d in drafts(text, language)} <= {"information"}


@pytest.mark.parametrize(
    "text",
    [
        "5. Solicita al Secretario General que le presente un informe sobre la plantilla para 2022;",
        "5. Solicita al Secretario General que le presente un informe sobre el presupuesto para 2022;",
        "5. Solicita al Secretario General que le presente un informe sobre los recursos necesarios para 2022;",
    ],
)
def test_para_a_year_is_the_period_something_is_for_not_a_deadline(text):
    assert {d.due_event for d in drafts(text, "es")} <= {None}


@pytest.mark.parametrize(
    ("clause", "language", "session"),
    [
        (
            "17. Decide incluir en el programa provisional de su septuagésimo sexto período de sesiones el subtema "
            "titulado “El Tratado”, y examinar en ese período de sesiones la aplicación de la presente resolución.",
            "es",
            76,
        ),
        (
            "13. Decide examinar las propuestas del Secretario General en su septuagésimo séptimo período de sesiones;",
            "es",
            77,
        ),
        (
            "13. Décide d’examiner, à sa soixante-dix-septième session, les propositions du Secrétaire général ;",
            "fr",
            77,
        ),
        (
            "17. Décide d’inscrire à l’ordre du jour provisoire de sa soixante-seizième session la question "
            "subsidiaire intitulée « Le Traité », et d’examiner à cette session l’application de la présente "
            "résolution.",
            "fr",
            76,
        ),
    ],
)
def test_a_review_candidate_of_the_assemblys_own_act_reads_its_session(clause, language, session):
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    responsible, _, targets, _ = clause_reading(clause, instrument, Resolver("General Assembly", clause), language)
    assert responsible == "General Assembly"
    assert {(t[2], t[3]) for t in targets} == {("General Assembly", session)}


@pytest.mark.parametrize(
    "text",
    [
        "5. Accueille avec satisfaction les mesures prises par le Secrétaire général et, à cet égard, l’engage à "
        "accroître l’efficience de ces services et à lui faire rapport à ce sujet à sa soixante-seizième session ;",
        "5. Prend note du rapport du Secrétaire général et l’invite à continuer d’améliorer ses méthodes et à lui "
        "présenter à sa soixante-seizième session un rapport sur la question ;",
        "5. Se félicite du travail accompli par le Secrétaire général et l’encourage à lui rendre compte à sa "
        "soixante-seizième session ;",
    ],
)
def test_a_pronoun_asked_to_act_with_a_takes_the_one_named_before(text):
    assert _asked(text, "fr") == {("Secretary-General", 76)}


@pytest.mark.parametrize(
    "text",
    [
        "5. Prie une nouvelle fois le Secrétaire général de lui présenter à sa soixante-seizième session un rapport ;",
        "5. Prie une fois de plus le Secrétaire général de lui présenter à sa soixante-seizième session un rapport ;",
    ],
)
def test_une_nouvelle_fois_is_an_adverb_of_the_request(text):
    assert _asked(text, "fr") == {("Secretary-General", 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie la Conférence du désarmement de rendre compte des résultats de ses travaux dans les rapports "
            "annuels qu’elle lui présente ;",
            "fr",
        ),
        (
            "5. Solicita a la Conferencia de Desarme que, en los informes anuales que le presente, consigne "
            "información sobre los resultados de sus trabajos;",
            "es",
        ),
    ],
)
def test_annual_reports_in_the_plural_are_a_yearly_cycle(text, language):
    assert readings(text, language) == {
        ("Conference on Disarmament", "General Assembly", "General Assembly", None, "annual")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Demande au Comité mixte de procéder à un suivi approprié, sous forme de rapports annuels, de la mise "
            "en œuvre du système ;",
            "fr",
        ),
        ("5. Prie le Comité mixte de faire rapport chaque année sur la mise en œuvre du système ;", "fr"),
        (
            "5. Solicita al Comité Mixto que efectúe un seguimiento adecuado mediante informes anuales sobre la "
            "aplicación del sistema;",
            "es",
        ),
    ],
)
def test_a_periodic_report_naming_no_recipient_goes_to_the_body_that_asks(text, language):
    assert readings(text, language) == {
        ("United Nations Joint Staff Pension Board", "General Assembly", "General Assembly", None, "annual")
    }


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport sur "
            "l’application de la présente résolution, et l’invite à cet égard à veiller à ce que des informations "
            "détaillées sur ces questions lui soient présentées à cette session ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que le presente en su septuagésimo sexto período de sesiones un "
            "informe sobre la cuestión, y a ese respecto le solicita también que le presente en su septuagésimo "
            "sexto período de sesiones información pertinente;",
            "es",
        ),
    ],
)
def test_one_mandate_per_one_asked_recipient_and_deadline_in_a_paragraph(text, language):
    assert len([d for d in drafts(text, language) if d.due_session == 76]) == 1


@pytest.mark.parametrize(
    ("context", "text", "language"),
    [
        (
            "4. Prie le Secrétaire général de rendre compte au Comité de l’information à sa quarante-troisième session ;",
            "5. Demande au Département de faire un exposé sur la question avant la prochaine session du Comité ;",
            "fr",
        ),
        (
            "",
            "5. Demande au Secrétariat de présenter un exposé à la prochaine session du Comité de l’information ;",
            "fr",
        ),
        (
            "4. Solicita al Secretario General que informe al Comité de Información en su 43er período de sesiones;",
            "5. Solicita al Departamento que proporcione información al respecto antes del próximo período de sesiones "
            "del Comité;",
            "es",
        ),
        (
            "",
            "5. Solicita a la Secretaría que presente una exposición en el próximo período de sesiones del Comité de "
            "Información;",
            "es",
        ),
    ],
)
def test_the_next_session_of_a_named_body_is_that_bodys(context, text, language):
    resolver_text = context + " " + text
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", resolver_text)
    resolver.cursor = len(resolver_text)
    found = {
        (d.due_body, d.due_session, d.due_event) for d in paragraph_mandates(paragraph, instrument, resolver, language)
    }
    assert found == {("Committee on Information", None, "next session")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("5. Prie le Secrétaire général de lui présenter un rapport à sa prochaine session ;", "fr"),
        ("5. Solicita al Secretario General que le presente un informe en su próximo período de sesiones;", "es"),
    ],
)
def test_its_next_session_is_still_the_assemblys_next_number(text, language):
    assert {(d.due_body, d.due_session) for d in drafts(text, language)} == {("General Assembly", 76)}


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Prie son président de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "President of the General Assembly",
        ),
        (
            "5. Pide a su Presidencia que le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
            "President of the General Assembly",
        ),
        (
            "5. Prie le Haut\u2011Commissaire des Nations Unies aux droits de l’homme de lui présenter à sa "
            "soixante\u2011seizième session un rapport ;",
            "fr",
            "United Nations High Commissioner for Human Rights",
        ),
        (
            "5. Prie les institutions spécialisées de lui rendre compte à sa soixante-seizième session ;",
            "fr",
            "specialized agencies",
        ),
        (
            "5. Solicita a los organismos especializados que le informen en su septuagésimo sexto período de sesiones;",
            "es",
            "specialized agencies",
        ),
        (
            "5. Prie la Puissance administrante de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "administering Power",
        ),
    ],
)
def test_the_adopting_bodys_president_groups_and_non_breaking_hyphens(text, language, who):
    assert _asked(text, language) == {(who, 76)}


def test_a_group_named_inside_a_clause_is_not_the_one_a_pronoun_stands_for():
    text = (
        "5. Prie le Secrétaire général de communiquer la présente résolution aux organes directeurs des institutions "
        "spécialisées, et le prie également de lui rendre compte à sa soixante-seizième session de son application ;"
    )
    assert _asked(text, "fr") == {("Secretary-General", 76)}


@pytest.mark.parametrize(
    "text",
    [
        "5. Alienta la labor que sigue realizando la Oficina del Alto Comisionado de las Naciones Unidas para los "
        "Derechos Humanos y acoge con beneplácito que presente informes periódicamente al Consejo de Derechos Humanos;",
        "5. Alienta los esfuerzos del Secretario General y acoge con beneplácito que le presente en su septuagésimo "
        "sexto período de sesiones un informe;",
    ],
)
def test_a_spanish_request_verb_without_a_asks_no_one(text):
    assert drafts(text, "es") == []


def test_a_request_of_que_names_its_subject_without_a():
    text = (
        "5. Reitera la solicitud de que el Departamento de Comunicación Global le presente en su septuagésimo sexto "
        "período de sesiones un informe;"
    )
    assert _asked(text, "es") == {("Department of Global Communications", 76)}


@pytest.mark.parametrize(
    "text",
    [
        "5. Solicita al Secretario General que, por todos los medios a su disposición, siga informando a la opinión "
        "pública mundial sobre todas las actividades pertinentes;",
        "5. Solicita al Secretario General que siga informando inmediatamente a los Estados Miembros interesados de "
        "las denuncias;",
    ],
)
def test_informing_someone_is_information_not_a_report_still_owed(text):
    assert {(d.category, d.recurrence) for d in drafts(text, "es")} <= {("information", None)}


def test_continuing_to_brief_a_body_at_a_session_is_information_at_that_session():
    text = (
        "5. Invita a las Presidencias de las Comisiones Principales a que, en el septuagésimo sexto período de "
        "sesiones, continúen informando al Grupo de Trabajo Especial sobre las mejores prácticas;"
    )
    assert {(d.category, d.due_body, d.due_session) for d in drafts(text, "es")} == {
        ("information", "General Assembly", 76)
    }


@pytest.mark.parametrize(
    "clause",
    [
        "13. Décide d’examiner, à sa soixante-dix-septième session, les propositions du Secrétaire général ;",
        "13. Décide également d’examiner à sa soixante-dix-septième session les propositions du Secrétaire général ;",
        "13. Décide en outre d’examiner à sa soixante-dix-septième session les propositions actualisées ;",
    ],
)
def test_the_french_net_hears_decide_with_an_elided_de(clause):
    from mandates.extraction.recall_net import recall_net

    hit = recall_net("fr").fire(clause)
    assert hit is not None and hit.kind == "self"


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Prie le Département de l’Assemblée générale et de la gestion des conférences de lui présenter à sa "
            "soixante-seizième session un rapport ;",
            "fr",
            "Department for General Assembly and Conference Management",
        ),
        (
            "5. Solicita al Departamento de la Asamblea General y de Gestión de Conferencias que le presente en su "
            "septuagésimo sexto período de sesiones un informe;",
            "es",
            "Department for General Assembly and Conference Management",
        ),
        (
            "5. Prie le Comité des commissaires aux comptes de lui présenter à sa soixante-seizième session un "
            "rapport ;",
            "fr",
            "Board of Auditors",
        ),
        (
            "5. Solicita a la Oficina de Asuntos de Desarme que le informe en su septuagésimo sexto período de "
            "sesiones;",
            "es",
            "Office for Disarmament Affairs",
        ),
        (
            "5. Prie l’Organisation mondiale du tourisme de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "World Tourism Organization",
        ),
    ],
)
def test_secretariat_departments_and_agencies_resolve_to_their_english_names(text, language, who):
    assert _asked(text, language) == {(who, 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Demande au Secrétaire général de transmettre au Département de l’Assemblée générale et de la gestion "
            "des conférences les demandes reçues ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que transmita al Departamento de la Asamblea General y de Gestión de "
            "Conferencias las solicitudes recibidas;",
            "es",
        ),
    ],
)
def test_a_department_named_like_a_meeting_is_no_event(text, language):
    assert {d.due_event for d in drafts(text, language)} <= {None}


@pytest.mark.parametrize(
    "clause",
    [
        "8. Décide que les dispositions de la présente résolution seront réexaminées à sa soixante-dix-huitième "
        "session ;",
        "8. Décide également que les modalités énoncées dans la présente résolution seront réexaminées à sa "
        "soixante-dix-huitième session ;",
    ],
)
def test_the_french_net_hears_decide_que_and_its_candidate_reads_the_session(clause):
    from mandates.extraction.recall_net import recall_net

    assert recall_net("fr").fire(clause) is not None
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    _, _, targets, _ = clause_reading(clause, instrument, Resolver("General Assembly", clause), "fr")
    assert {(t[2], t[3]) for t in targets} == {("General Assembly", 78)}


@pytest.mark.parametrize(
    ("text", "language", "who"),
    [
        (
            "5. Prie le Président du Comité des droits de l’enfant de lui présenter à sa soixante-seizième session un "
            "rapport oral ;",
            "fr",
            "Chair of the Committee on the Rights of the Child",
        ),
        (
            "5. Solicita a la Presidencia del Comité de los Derechos del Niño que le presente en su septuagésimo sexto "
            "período de sesiones un informe oral;",
            "es",
            "Chair of the Committee on the Rights of the Child",
        ),
        (
            "5. Prie la Présidente du Comité spécial chargé d’élaborer une convention internationale générale sur la "
            "lutte contre l’utilisation des technologies de l’information et des communications à des fins "
            "criminelles de lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
            "Chair of the Ad Hoc Committee to Elaborate a Comprehensive International Convention on Countering the Use "
            "of Information and Communications Technologies for Criminal Purposes",
        ),
        (
            "5. Solicita a la Presidencia del Consejo de Derechos Humanos que le presente en su septuagésimo sexto "
            "período de sesiones un informe;",
            "es",
            "President of the Human Rights Council",
        ),
    ],
)
def test_the_chair_of_a_named_body(text, language, who):
    assert _asked(text, language) == {(who, 76)}


def test_the_chair_of_an_unknown_body_keeps_its_printed_name():
    text = "5. Prie le Président du Groupe des amis de la médiation de lui présenter à sa soixante-seizième session un rapport ;"
    assert _asked(text, "fr") == {("Président du Groupe des amis de la médiation", 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Solicita al Secretario General que encomiende al Departamento de Comunicación Global que presente una "
            "propuesta para examinarla, por conducto del Comité de Información, a más tardar en la parte principal de "
            "su septuagésimo sexto período de sesiones;",
            "es",
        ),
        (
            "5. Solicita al Secretario General que presente una propuesta para examinarla, por conducto de la Comisión "
            "Consultiva en Asuntos Administrativos y de Presupuesto, en su septuagésimo sexto período de sesiones;",
            "es",
        ),
    ],
)
def test_a_session_in_the_assemblys_numbering_after_a_channel_is_the_assemblys(text, language):
    found = {(d.responsible, d.due_body, d.due_session) for d in drafts(text, language)}
    assert found == {("Secretary-General", "General Assembly", 76)}


def test_the_one_a_nested_request_entrusts_receives_nothing():
    text = (
        "5. Solicita al Secretario General que encomiende al Departamento de Comunicación Global que presente en el "
        "septuagésimo sexto período de sesiones una propuesta;"
    )
    assert {(d.delivered_to, d.due_session) for d in drafts(text, "es")} == {("General Assembly", 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de lui rendre compte à sa soixante-seizième session, par l’intermédiaire du "
            "Conseil économique et social à sa session de 2021, des progrès accomplis ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que en su septuagésimo sexto período de sesiones la informe, por "
            "conducto del Consejo Económico y Social en su período de sesiones de 2021, sobre los progresos;",
            "es",
        ),
    ],
)
def test_a_channels_session_of_a_year_is_not_the_deadlines_date(text, language):
    assert {(d.due_session, d.due_event) for d in drafts(text, language)} == {(76, None)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite la Cour pénale internationale à lui présenter, pour examen à sa soixante-seizième session, un "
            "rapport sur les activités qu’elle aura menées en 2020/21 ;",
            "fr",
        ),
        (
            "5. Invita a la Corte Penal Internacional a que le presente un informe sobre las actividades que realice en "
            "2020/21 para examinarlo en su septuagésimo sexto período de sesiones;",
            "es",
        ),
    ],
)
def test_a_span_of_years_is_no_date(text, language):
    assert {(d.due_session, d.due_event) for d in drafts(text, language)} == {(76, None)}


@pytest.mark.parametrize(
    ("context", "text", "language"),
    [
        (
            "4. Se félicite de la coopération entre l’Organisation et la Cour pénale internationale ;",
            "5. Invite la Cour à lui présenter à sa soixante-seizième session un rapport ;",
            "fr",
        ),
        (
            "4. Acoge con beneplácito la cooperación entre las Naciones Unidas y la Corte Penal Internacional;",
            "5. Invita a la Corte a que le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
        ),
    ],
)
def test_the_court_is_the_court_named_before(context, text, language):
    resolver_text = context + " " + text
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", resolver_text)
    resolver.cursor = len(resolver_text)
    found = {d.responsible for d in paragraph_mandates(paragraph, instrument, resolver, language)}
    assert found == {"International Criminal Court"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Secrétaire général de lui présenter ainsi qu’au Conseil de sécurité un rapport en 2022, et le "
            "prie également, après ledit examen, de continuer à lui soumettre tous les deux ans un rapport ;",
            "fr",
        ),
        (
            "5. Solicita al Secretario General que presente a la Asamblea General y al Consejo de Seguridad un informe "
            "en 2022, y le solicita también que siga presentándole cada dos años un informe;",
            "es",
        ),
    ],
)
def test_a_pronoun_asked_again_is_the_one_the_paragraph_asked_before(text, language):
    assert {d.responsible for d in drafts(text, language) if d.recurrence == "biennial"} == {"Secretary-General"}


@pytest.mark.parametrize("holder", ["actual", "nueva"])
def test_an_adjective_of_the_holder_before_a_title_keeps_the_title(holder):
    context = "4. Toma nota del informe de la Relatora Especial sobre la violencia contra la mujer, sus causas y consecuencias;"
    text = (
        f"5. Solicita a la {holder} Relatora Especial que le presente en su septuagésimo sexto período de sesiones un "
        "informe;"
    )
    resolver_text = context + " " + text
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", resolver_text)
    resolver.cursor = len(resolver_text)
    found = {d.responsible for d in paragraph_mandates(paragraph, instrument, resolver, "es")}
    assert found == {"Special Rapporteur on violence against women, its causes and consequences"}
