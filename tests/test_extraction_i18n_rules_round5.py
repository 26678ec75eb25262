"""Rules of French and Spanish resolution grammar, fifth round (issue #12, blind round 2's dev half and cross-language
agreement): a standing duty ("continuer à lui rendre compte", "la tenir informée", "siga informando", "periódicamente")
is the recurrence "ongoing", as "continue to report" / "keep ... informed" are in English. Each shape in several
variants, in invented sentences written the way UN resolutions are."""

from __future__ import annotations

import pytest

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
            "5. Prie le Secrétaire général de la tenir régulièrement informée de l’évolution de la situation ;",
            "fr",
            ("Secretary-General", "General Assembly", "General Assembly", None, "ongoing"),
        ),
        (
            "5. Engage l’Office des Nations Unies contre la drogue et le crime à renforcer sa coopération avec les "
            "États, en tenant la Commission des stupéfiants informée des progrès accomplis ;",
            "fr",
            (
                "United Nations Office on Drugs and Crime",
                "Commission on Narcotic Drugs",
                "Commission on Narcotic Drugs",
                None,
                "ongoing",
            ),
        ),
        (
            "5. Invite les États Membres à communiquer périodiquement des informations au Secrétaire général ;",
            "fr",
            ("Member States", "Secretary-General", None, None, "ongoing"),
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
        (
            "5. Solicita al Secretario General que la mantenga periódicamente informada sobre la evolución de la "
            "situación;",
            "es",
            ("Secretary-General", "General Assembly", "General Assembly", None, "ongoing"),
        ),
        (
            "5. Alienta a la Oficina de las Naciones Unidas contra la Droga y el Delito a que refuerce su cooperación "
            "con los Estados, manteniendo a la Comisión de Estupefacientes al corriente de los progresos;",
            "es",
            (
                "United Nations Office on Drugs and Crime",
                "Commission on Narcotic Drugs",
                "Commission on Narcotic Drugs",
                None,
                "ongoing",
            ),
        ),
        (
            "5. Invita a los Estados Miembros a que proporcionen periódicamente información al Secretario General;",
            "es",
            ("Member States", "Secretary-General", None, None, "ongoing"),
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
