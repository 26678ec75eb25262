"""Rules of French and Spanish resolution grammar (issue #12), each in several variants: where the session sits,
"Décide que", renewed requests, past sessions, goal years, and what "la"/"le" stand for."""

from __future__ import annotations

import pytest

from mandates.extraction.names import Resolver
from mandates.extraction.romance import adopting_body, paragraph_mandates
from mandates.extraction.types import InstrumentRecord, ParagraphRecord


def deadlines(text: str, language: str, body: str = "General Assembly", session: int = 75) -> set[tuple]:
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, body, session_number=session)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    drafts = paragraph_mandates(paragraph, instrument, Resolver(body, text), language)
    return {(d.responsible, d.due_body, d.due_session or d.due_event) for d in drafts if d.due_session or d.due_event}


SG_GA_76 = {("Secretary-General", "General Assembly", 76)}


@pytest.mark.parametrize(
    "text",
    [
        "5. Solicita al Secretario General que, en su septuagésimo sexto período de sesiones, le presente un informe.",
        "5. Solicita al Secretario General que, en su septuagésimo sexto período de sesiones y en relación con el tema "
        "titulado “Cuestiones”, le presente un informe amplio sobre la asistencia.",
        "5. Solicita al Secretario General que, en colaboración con la Organización Marítima Internacional, la informe "
        "en su septuagésimo sexto período de sesiones.",
        "5. Renueva su solicitud al Secretario General de que, en su septuagésimo sexto período de sesiones, le "
        "presente un informe.",
        "5. Solicita a la Secretaria General que le presente un informe en su septuagésimo sexto período de sesiones.",
    ],
)
def test_spanish_session_before_or_after_the_action_and_la_le_as_the_assembly(text):
    assert deadlines(text.replace("Secretaria General", "Secretario General"), "es") == SG_GA_76


@pytest.mark.parametrize(
    "text",
    [
        "5. Prie le Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport.",
        "5. Renouvelle sa demande au Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport.",
        "5. Prie le Secrétaire général, à sa soixante-seizième session, de lui présenter un rapport.",
    ],
)
def test_french_session_before_or_after_the_action(text):
    assert deadlines(text, "fr") == SG_GA_76


def test_a_session_naming_an_office_holder_is_not_a_deadline():
    fr = "5. Prie son président à sa soixante-quinzième session d’organiser une audition interactive informelle."
    es = "5. Pide a su Presidencia que, en el septuagésimo octavo período de sesiones, extraiga las enseñanzas."
    assert deadlines(fr, "fr") == set()
    assert deadlines(es, "es") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("5. Décide que le Groupe de travail spécial lui présentera un rapport à sa soixante-seizième session ;", "fr"),
        (
            "5. Décide également que le Groupe de travail spécial lui rendra compte à sa soixante-seizième session ;",
            "fr",
        ),
        (
            "5. Decide que el Grupo de Trabajo Especial le presente un informe en su septuagésimo sexto período de sesiones;",
            "es",
        ),
        (
            "5. Decide además que el Grupo de Trabajo Especial le informe en su septuagésimo sexto período de sesiones;",
            "es",
        ),
    ],
)
def test_decides_that_a_named_body_will_report(text, language):
    [(responsible, body, session)] = deadlines(text, language)
    assert responsible.startswith("Working Group") and (body, session) == ("General Assembly", 76)


@pytest.mark.parametrize(
    ("text", "language", "sessions"),
    [
        (
            "5. Solicita al Secretario General que le presente un informe en sus períodos de sesiones octogésimo y "
            "octogésimo quinto.",
            "es",
            {80, 85},
        ),
        (
            "5. Solicita al Secretario General que presente información actualizada, para que el Grupo de Trabajo "
            "Especial la examine en los períodos de sesiones septuagésimo sexto y septuagésimo séptimo;",
            "es",
            {76, 77},
        ),
        (
            "5. Prie le Secrétaire général de lui présenter un état actualisé, le Groupe de travail devant les examiner aux "
            "soixante-seizième et soixante-dix-septième sessions ;",
            "fr",
            {76, 77},
        ),
    ],
)
def test_several_sessions_in_one_phrase_in_either_order(text, language, sessions):
    assert {s for _, _, s in deadlines(text, language)} == sessions


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prie le Groupe de travail de poursuivre ses travaux, en tenant compte du rapport qu’il a présenté à la "
            "Commission des droits de l’homme à sa soixantième session ;",
            "fr",
        ),
        (
            "5. Invite à cet égard les pays donateurs à continuer d’aider les États Membres à se doter de politiques "
            "conformes au Pacte qu’a adopté la Conférence internationale du Travail à sa quatre-vingt-dix-huitième "
            "session ;",
            "fr",
        ),
        (
            "5. Solicita al Grupo de Trabajo que prosiga su labor teniendo en cuenta el informe que presentó a la "
            "Comisión de Derechos Humanos en su sexagésimo período de sesiones;",
            "es",
        ),
    ],
)
def test_a_session_in_the_past_is_not_a_deadline(text, language):
    assert deadlines(text, language) == set()


def test_an_office_has_no_session_so_the_possessive_is_the_assembly():
    text = (
        "5. Invite l’Association des États de la Caraïbe à présenter au Secrétaire général un rapport sur "
        "l’application de la présente résolution, qu’elle examinera à sa soixante-dix-septième session ;"
    )
    assert {(b, s) for _, b, s in deadlines(text, "fr")} == {("General Assembly", 77)}


def test_names_missing_before_resolve_to_their_english_names():
    fr = "5. Prie le Secrétaire général de présenter un rapport au Forum sur la gouvernance d’Internet ;"
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", fr, 0, len(fr))
    drafts = paragraph_mandates(paragraph, instrument, Resolver("General Assembly", fr), "fr")
    assert {d.delivered_to for d in drafts} == {"Internet Governance Forum"}


@pytest.mark.parametrize(
    ("printed", "language"),
    [("L’Assemblée générale", "fr"), ("L'Assemblée générale", "fr"), ("La Asamblea General", "es")],
)
def test_the_adopting_body_of_a_draft_is_read_as_its_english_name(printed, language):
    assert adopting_body(printed, language) == "General Assembly"


def test_a_spanish_noun_informacion_is_not_a_delivery():
    text = (
        "5. Exhorta a los Estados Miembros a que promuevan la cooperación encaminada al desarrollo de los medios, "
        "la información y la comunicación en todos los países;"
    )
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    assert paragraph_mandates(paragraph, instrument, Resolver("General Assembly", text), "es") == []


def _net_candidates(name: str) -> tuple[list, list]:
    from pathlib import Path

    from mandates.extraction import extract_reading
    from mandates.extraction.akn import read_akn
    from mandates.extraction.review import ACTION_NO_DEADLINE, NO_DEADLINE, UNBOUND_DEADLINE

    docs = Path(__file__).resolve().parent.parent / "fixtures" / "i18n" / "golden_docs"
    mandates = extract_reading(read_akn((docs / name).read_bytes())).mandates
    graded = (NO_DEADLINE, UNBOUND_DEADLINE, ACTION_NO_DEADLINE)
    return [m for m in mandates if m.review and m.review_reason not in graded], [m for m in mandates if not m.review]


@pytest.mark.parametrize("name", ["75_101A-B_F.xml", "75_101A-B_S.xml"])
def test_the_recall_net_gives_french_and_spanish_review_candidates(name):
    from_net, confident = _net_candidates(name)
    assert from_net
    assert not any(c.start < m.end and m.start < c.end for m in from_net for c in confident)


def test_a_french_net_candidate_names_the_one_asked_in_english():
    # Since round 5 the grammar reads this clause itself ("avant la prochaine session du Comité"): whichever tier
    # holds it, the one asked is named in English.
    from_net, confident = _net_candidates("75_101A-B_F.xml")
    read = [*from_net, *confident]
    asked = {m.responsible_entity for m in read if "demande au Secrétariat de faire un exposé" in m.text}
    assert asked == {"Secretariat"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("5. Prie le Secrétaire général de lui présenter un rapport sur les progrès accomplis d’ici à 2030 ;", "fr"),
        ("5. Solicita al Secretario General que presente un informe sobre los objetivos para 2030;", "es"),
        ("5. Prie le Secrétaire général de lui présenter un rapport sur le plan adopté en 2017 ;", "fr"),
    ],
)
def test_goal_years_and_past_years_are_not_deadlines(text, language):
    assert deadlines(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "event"),
    [
        ("5. Prie le Secrétaire général de lui présenter un rapport d’ici au 30 juin 2022 ;", "fr", "30 June 2022"),
        ("5. Solicita al Secretario General que le presente un informe antes de 2022;", "es", "2022"),
    ],
)
def test_a_year_soon_after_adoption_is_a_deadline(text, language, event):
    assert {e for _, _, e in deadlines(text, language)} == {event}


def _drafts(text: str, language: str, context: str = "") -> list:
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    resolver = Resolver("General Assembly", context + text)
    resolver.cursor = len(context + text)
    return paragraph_mandates(paragraph, instrument, resolver, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Prend note du plan du Corps commun d’inspection, et engage celui-ci à lui faire rapport chaque année ;",
            "fr",
        ),
        (
            "5. Toma nota del plan de la Dependencia Común de Inspección y alienta a esta a que le informe cada año;",
            "es",
        ),
    ],
)
def test_a_demonstrative_is_the_one_named_before(text, language):
    [m] = _drafts(text, language)
    assert (m.responsible, m.recurrence) == ("Joint Inspection Unit", "annual")


@pytest.mark.parametrize(
    ("context", "text", "language"),
    [
        (
            "1. Approuve le rapport du Comité spécial chargé d’étudier la situation en ce qui concerne l’application de "
            "la Déclaration sur l’octroi de l’indépendance aux pays et aux peuples coloniaux ;\n",
            "5. Prie le Comité spécial de lui en rendre compte à sa soixante-seizième session.",
            "fr",
        ),
    ],
)
def test_a_short_form_is_the_full_name_printed_before(context, text, language):
    [m] = _drafts(text, language, context)
    assert m.responsible.startswith("Special Committee on the Situation with regard to the Implementation")


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        (
            "5. Solicita al Secretario General que le proporcione información detallada en el contexto del informe de "
            "ejecución en su septuagésimo sexto período de sesiones;",
            "es",
            "information",
        ),
        (
            "5. Solicita al Secretario General que le presente en su septuagésimo sexto período de sesiones un informe que "
            "contenga información sobre la cuestión;",
            "es",
            "report",
        ),
        (
            "5. Prie le Secrétaire général de lui communiquer, à sa soixante-seizième session, des informations dans son "
            "prochain rapport ;",
            "fr",
            "information",
        ),
    ],
)
def test_the_category_is_the_first_product_named(text, language, category):
    assert {m.category for m in _drafts(text, language)} == {category}


def test_the_session_of_a_delivery_through_a_channel_is_the_recipients():
    text = (
        "5. Solicita al Secretario General que le presente, por conducto del Comité del Programa y de la Coordinación, "
        "una propuesta revisada, para que la examine durante su septuagésimo sexto período de sesiones;"
    )
    assert deadlines(text, "es") == SG_GA_76


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Decide volver a ocuparse de la cuestión en la parte principal de su septuagésimo sexto período de "
            "sesiones, y solicita al Secretario General que le facilite información detallada sobre estas cuestiones;",
            "es",
        ),
        (
            "5. Décide d’examiner la question à sa soixante-seizième session, et prie le Secrétaire général de lui "
            "présenter un rapport à ce sujet ;",
            "fr",
        ),
    ],
)
def test_a_delivery_without_a_session_takes_the_one_the_paragraph_set(text, language):
    assert deadlines(text, language) == SG_GA_76


def test_a_session_of_the_assembly_before_the_pronoun_of_the_assembly():
    text = (
        "5. Solicita al Comité Especial que siga examinando la cuestión y que en su septuagésimo sexto período de "
        "sesiones la informe al respecto."
    )
    assert {(b, s) for _, b, s in deadlines(text, "es")} == {("General Assembly", 76)}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "5. Invite l’Algérie à désigner un scientifique qui assistera aux travaux de la soixante-huitième session du "
            "Comité scientifique ;",
            "fr",
        ),
        (
            "5. Prie le Secrétaire général de fournir à l’Instance permanente, au moyen de contributions volontaires, "
            "toutes les ressources nécessaires à l’organisation de ses sessions ;",
            "fr",
        ),
    ],
)
def test_attending_a_session_or_funding_one_is_no_mandate(text, language):
    assert deadlines(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "category"),
    [
        (
            "5. Invite les présidences des organes conventionnels à prendre la parole et à dialoguer avec elle à ses "
            "soixante-seizième et soixante-dix-septième sessions ;",
            "fr",
            "oral",
        ),
        (
            "5. Encourage la Commission de la condition de la femme à envisager d’examiner la question à ses "
            "soixante-cinquième et soixante-sixième sessions ;",
            "fr",
            "action",
        ),
    ],
)
def test_acts_and_oral_deliveries_at_several_sessions(text, language, category):
    drafts = [d for d in _drafts(text, language) if d.due_session]
    assert {d.category for d in drafts} == {category}
    assert {d.due_session for d in drafts} >= ({76, 77} if category == "oral" else {65})


def _lettered(lead: str, item: str, language: str) -> list:
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, "General Assembly", session_number=75)
    paragraph = ParagraphRecord("5 (a)", "operative", item, 0, len(item))
    return paragraph_mandates(paragraph, instrument, Resolver("General Assembly", lead + item), language, lead)


@pytest.mark.parametrize(
    ("lead", "item", "language", "count"),
    [
        ("5. Prie le Secrétaire général :", "a) De lui présenter à sa soixante-seizième session un rapport ;", "fr", 1),
        (
            "5. Prie le Secrétaire général de lui présenter à sa soixante-seizième session un rapport où figurent :",
            "a) une évaluation de l’assistance reçue ;",
            "fr",
            0,
        ),
        (
            "5. Solicita al Secretario General:",
            "a) Que le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
            1,
        ),
        (
            "5. Solicita al Secretario General:",
            "a) Le presente en su septuagésimo sexto período de sesiones un informe;",
            "es",
            1,
        ),
        (
            "5. Solicita al Secretario General que le presente en su septuagésimo sexto período de sesiones un informe que "
            "contenga:",
            "a) Una evaluación de la asistencia recibida;",
            "es",
            0,
        ),
    ],
)
def test_a_lettered_item_continues_the_request_only_when_it_starts_an_action(lead, item, language, count):
    assert len(_lettered(lead, item, language)) == count


def test_french_lettered_items_are_numbered_like_the_english():
    from mandates.extraction.akn import _LETTER, _TEXT_LETTER

    assert _LETTER.fullmatch("a)").group(1) == _LETTER.fullmatch("(a)").group(1) == "a"
    assert _TEXT_LETTER.match("b) De lui présenter").group(1) == "b"


def test_a_session_that_opens_a_cycle_is_read_with_its_recurrence():
    es = (
        "5. Solicita al Mecanismo que presente a la Asamblea General, a partir del septuagésimo sexto período de "
        "sesiones, un informe anual sobre el cumplimiento de su mandato;"
    )
    fr = (
        "5. Prie le Mécanisme de présenter à l’Assemblée générale, à partir de sa soixante-seizième session, un "
        "rapport annuel sur l’exécution de son mandat ;"
    )
    assert {(b, s) for _, b, s in deadlines(es, "es")} == {("General Assembly", 76)}
    assert {(b, s) for _, b, s in deadlines(fr, "fr")} == {("General Assembly", 76)}


def test_a_session_after_a_past_participle_is_the_past():
    text = (
        "5. Solicita al Secretario General que transmita al Director General las actas de las deliberaciones "
        "celebradas en su septuagésimo sexto período de sesiones;"
    )
    assert deadlines(text, "es") == set()


def test_a_session_in_a_title_is_not_carried_to_a_delivery():
    titled = (
        "5. Prie son président à sa soixante-quinzième session de lui communiquer des informations sur la réunion ;"
    )
    set_off = "5. Prie le Secrétaire général, à sa soixante-seizième session, de lui communiquer des informations ;"
    assert deadlines(titled, "fr") == set()
    assert deadlines(set_off, "fr") == SG_GA_76


@pytest.mark.parametrize(
    ("text", "language", "session"),
    [
        ("5. Invite la Cour à lui présenter, pour examen à sa soixante- seizième session, un rapport.", "fr", 76),
        (
            "5. Prie le Secrétaire général de lui présenter, à la première partie de la reprise de sa "
            "soixante-dix-septième session, un exposé informel sur l’état des accords ;",
            "fr",
            77,
        ),
        (
            "5. Solicita al Secretario General que le ofrezca, durante la primera parte de la continuación del "
            "septuagésimo séptimo período de sesiones, una sesión informativa sobre los acuerdos;",
            "es",
            77,
        ),
    ],
)
def test_parts_of_sessions_and_broken_ordinals(text, language, session):
    assert {s for _, _, s in deadlines(text, language)} == {session}
