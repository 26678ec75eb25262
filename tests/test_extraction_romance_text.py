"""French and Spanish resolutions printed as text (PDF, Word, plain text), not as Akoma Ntoso XML: the instruments are
found from the headings and formulas of `vocab/<lang>/document.toml` (segment_romance.py), so the same resolution
read from its XML and from its text gives the same mandates (issue #12)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mandates.extraction import extract_reading, extract_text
from mandates.extraction.readers import read_document_path
from tests.test_extraction_clauses import due

ROOT = Path(__file__).resolve().parent.parent
KEYS = ("paragraph", "category", "responsible_entity", "delivered_to", "due_body", "due_session", "due_event", "review")
ROMANCE_XML = sorted(
    p
    for folder in ("fixtures/i18n/golden_docs", "fixtures/i18n/dev/docs", "fixtures/i18n2/dev/docs")
    for p in (ROOT / folder).glob("*.xml")
)


def keys(mandates) -> set[tuple]:
    return {tuple(m.to_json()[k] for k in KEYS) for m in mandates}


def hard_wrapped(text: str) -> str:
    """The text as a PDF reader prints it: lines broken at 85 characters, no blank line between paragraphs."""
    return "\n".join("\n".join(textwrap.wrap(line, 85)) for line in text.split("\n") if line.strip())


@pytest.mark.parametrize("wrap", [False, True], ids=["one paragraph a line", "hard-wrapped"])
def test_a_french_or_spanish_resolution_reads_the_same_from_its_text_as_from_its_xml(wrap):
    assert len(ROMANCE_XML) >= 30
    disagree = []
    total = 0
    for path in ROMANCE_XML:
        reading = read_document_path(path)
        from_xml = keys(extract_reading(reading).mandates)
        text = hard_wrapped(reading.text) if wrap else reading.text
        from_text = keys(extract_text(text).mandates)
        total += len(from_xml)
        if from_xml != from_text:
            disagree.append((path.name, sorted(from_xml ^ from_text)[:2]))
    assert total >= 150
    assert disagree == []


HRC_FR = """Nations Unies A/HRC/RES/58/3
Assemblée générale
Distr. générale
10 avril 2025
Conseil des droits de l’homme
Cinquante-huitième session
Résolution adoptée par le Conseil des droits de l’homme le 3 avril 2025
58/3. Le droit à l’alimentation
Le Conseil des droits de l’homme,
Rappelant toutes ses résolutions antérieures sur la question, et réaffirmant le droit de chacun d’avoir accès à une
nourriture saine et nutritive,
Profondément préoccupé par le nombre de personnes qui souffrent de la faim dans le monde,
1. Réaffirme que la faim constitue un outrage et une atteinte à la dignité humaine;
2. Prie la Haute-Commissaire des Nations Unies aux droits de l’homme de lui présenter, à sa soixante et unième session, un
rapport sur l’application de la présente résolution, et de présenter un rapport d’activité à l’Assemblée générale à
sa quatre-vingt-unième session;
3. Décide de poursuivre l’examen de cette question à sa soixante et unième session.
"""

ECOSOC_ES = """Naciones Unidas E/RES/2025/9
Consejo Económico y Social
Distr. general
30 de julio de 2025
Período de sesiones de 2025
Resolución aprobada por el Consejo Económico y Social el 24 de julio de 2025
2025/9. Fortalecimiento de la cooperación internacional
El Consejo Económico y Social,
Recordando su resolución 2024/5, de 20 de julio de 2024, y teniendo presentes los compromisos asumidos por los
Estados Miembros,
Preocupado por los efectos de la crisis en los países en desarrollo,
1. Toma nota del informe del Secretario General;
2. Solicita al Secretario General que le presente, en su período de sesiones de 2026, un informe sobre la
aplicación de la presente resolución;
3. Invita a la Comisión de Estupefacientes a que informe a la Asamblea General en su octogésimo primer período
de sesiones sobre la labor realizada.
"""


def test_a_french_council_resolution_printed_as_pdf_text():
    found = [due(m.to_json()) for m in extract_text(HRC_FR).mandates if not m.review]
    rapporteur = "United Nations High Commissioner for Human Rights"
    assert sorted(found, key=str) == sorted(
        [
            (rapporteur, "Human Rights Council", None, "Human Rights Council", 61, None, None),
            (rapporteur, "General Assembly", None, "General Assembly", 81, None, None),
        ],
        key=str,
    )


def test_a_spanish_council_resolution_printed_as_pdf_text():
    result = extract_text(ECOSOC_ES)
    (instrument,) = result.instruments
    assert (instrument.label, instrument.adopting_body, instrument.title) == (
        "E/RES/2025/9",
        "Economic and Social Council",
        "Fortalecimiento de la cooperación internacional",
    )
    found = {
        (m.paragraph, m.to_json()["due_body"], m.to_json()["due_session"], m.to_json()["due_event"])
        for m in result.mandates
        if not m.review
    }
    assert found == {("2", "Economic and Social Council", None, "2026"), ("3", "General Assembly", 81, None)}


@pytest.mark.parametrize(
    ("text", "label", "body"),
    [
        (
            "Projet de résolution II\nLe droit au développement\nLa Commission de la condition de la femme,\nNotant "
            "avec satisfaction le rapport,\n1. Prie le Secrétaire général de lui présenter, à sa soixante-dixième "
            "session, un rapport sur la question;\n",
            "Draft resolution II",
            "Commission on the Status of Women",
        ),
        (
            "Proyecto de resolución\nLa cooperación\nLa Comisión de Estupefacientes,\nObservando con preocupación "
            "el aumento,\n1. Solicita a la Oficina de las Naciones Unidas contra la Droga y el Delito que le presente "
            "en su 69º período de sesiones un informe sobre la cuestión;\n",
            "Draft resolution",
            "Commission on Narcotic Drugs",
        ),
        (
            "Résolution adoptée par l’Assemblée générale le 31 décembre 2025\n80/255. Dépenses imprévues\n"
            "L’Assemblée générale\n1. Prie le Secrétaire général de lui présenter, à sa quatre-vingt-deuxième "
            "session, un rapport sur les engagements;\n",
            "80/255",
            "General Assembly",
        ),
    ],
    ids=["French draft", "Spanish draft", "formula printed without its comma"],
)
def test_drafts_and_bare_formulas_open_an_instrument(text, label, body):
    result = extract_text(text)
    (instrument,) = result.instruments
    assert label in instrument.label and instrument.adopting_body == body
    assert [m.review for m in result.mandates] == [False]


def test_a_wrapped_sentence_that_starts_a_line_with_a_body_name_is_not_broken():
    lines = [  # a typeset paragraph, one line starting with a body's name in the middle of the sentence
        "2. Prie le Secrétaire général de lui présenter, après avoir consulté les États Membres, les",
        "fonds et programmes des Nations Unies, les institutions spécialisées et les commissions et",
        "Le Conseil des droits de l’homme et les autres organes compétents de l’Organisation, à sa",
        "quatre-vingt-deuxième session, un rapport sur la question et sur les mesures prises pour",
        "donner suite à la présente résolution;",
    ]
    text = "\n".join(
        [
            "Résolution adoptée par l’Assemblée générale le 9 décembre 2025",
            "80/12. La question",
            "L’Assemblée générale,",
            "Rappelant ses résolutions antérieures sur la question, notamment sa résolution 79/12 du",
            "10 décembre 2024,",
            "1. Réaffirme ses résolutions antérieures sur la question et l’importance de leur mise en",
            "œuvre;",
            *lines,
        ]
    )
    (m,) = extract_text(text + "\n").mandates
    assert (m.paragraph, m.to_json()["due_body"], m.to_json()["due_session"]) == ("2", "General Assembly", 82)


@pytest.mark.django_db
def test_ingesting_the_french_text_of_a_resolution_stores_its_mandates_in_french(tmp_path):
    """A French resolution that arrives as text (as a PDF's would) is a French document with its own mandates, each
    holding its French clause; the same file read as Akoma Ntoso gives the same mandates (the test above)."""
    from django.core.management import call_command

    from mandates.models import Document, Mandate, MandateText

    xml = ROOT / "fixtures" / "i18n" / "golden_docs" / "75_106_F.xml"
    (tmp_path / "A_RES_75_106_F.txt").write_text(read_document_path(xml).text, encoding="utf-8")
    call_command("ingest", str(tmp_path))
    french = Document.objects.get(language="fr")
    assert (french.format, french.source_key) == ("text", "A/RES/75/106 [fr]")
    tracked = Mandate.objects.filter(instrument__document=french)
    assert tracked.count() == len([m for m in extract_reading(read_document_path(xml)).mandates])
    assert all(MandateText.objects.filter(mandate=m, language="fr").exists() for m in tracked)
