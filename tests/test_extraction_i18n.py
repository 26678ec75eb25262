"""French and Spanish extraction (issue #12): the grammar of romance.py, canonical English names, language detection,
and golden files pinning the output of 13 French and Spanish resolutions.

Regenerate the golden files with `UPDATE_GOLDEN=1 pytest tests/test_extraction_i18n.py` and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from mandates.extraction import extract_reading, extract_text
from mandates.extraction.akn import read_akn
from mandates.extraction.language import detect_language
from mandates.extraction.names import Resolver
from mandates.extraction.numbers import ordinal_to_int_for
from mandates.extraction.pipeline import run
from mandates.extraction.romance import paragraph_mandates
from mandates.extraction.types import InstrumentRecord, ParagraphRecord

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "fixtures" / "i18n" / "golden_docs").glob("*.xml"))
GOLDEN = Path(__file__).resolve().parent / "golden_i18n"


def _mandates(text: str, language: str, session: int = 75, body: str = "General Assembly") -> list:
    instrument = InstrumentRecord("A/RES/75/1", "Titre", "resolution", False, body, session_number=session)
    paragraph = ParagraphRecord("5", "operative", text, 0, len(text))
    return paragraph_mandates(paragraph, instrument, Resolver(body, text), language)


def test_french_request_with_lui_and_an_ordinal_session():
    text = (
        "5. Prie le Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport sur "
        "l’application de la présente résolution ;"
    )
    [m] = _mandates(text, "fr")
    assert (m.category, m.responsible, m.delivered_to, m.due_body, m.due_session) == (
        "report",
        "Secretary-General",
        "General Assembly",
        "General Assembly",
        76,
    )
    assert m.subject == "l’application de la présente résolution"


def test_spanish_request_with_le_and_an_ordinal_session():
    text = (
        "5. Solicita al Secretario General que le presente en su septuagésimo sexto período de sesiones un informe "
        "sobre la aplicación de la presente resolución;"
    )
    [m] = _mandates(text, "es")
    assert (m.category, m.responsible, m.due_body, m.due_session) == (
        "report",
        "Secretary-General",
        "General Assembly",
        76,
    )
    assert m.subject == "la aplicación de la presente resolución"


def test_names_are_canonical_english_and_sessions_bind_to_the_named_body():
    text = (
        "3. Prie l’Office des Nations Unies contre la drogue et le crime de faire rapport à la Commission pour la "
        "prévention du crime et la justice pénale à sa trente et unième session ;"
    )
    [m] = _mandates(text, "fr", session=30, body="Economic and Social Council")
    assert m.responsible == "United Nations Office on Drugs and Crime"
    assert (m.due_body, m.due_session) == ("Commission on Crime Prevention and Criminal Justice", 31)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("4. Prie le Secrétaire général de lui présenter chaque année un rapport sur la question ;", "fr", "annual"),
        ("4. Prie le Secrétaire général de lui faire rapport tous les deux ans sur la question ;", "fr", "biennial"),
        ("4. Solicita al Secretario General que le presente anualmente un informe sobre la cuestión;", "es", "annual"),
        ("4. Solicita al Secretario General que le presente un informe bienal sobre la cuestión;", "es", "biennial"),
    ],
)
def test_recurrences(text, language, expected):
    [m] = _mandates(text, language)
    assert m.recurrence == expected and m.due_body == "General Assembly"


def test_oral_reports_and_next_session():
    fr = _mandates("6. Prie le Secrétaire général de lui présenter un exposé oral à sa prochaine session ;", "fr")
    es = _mandates(
        "6. Solicita al Secretario General que le presente un informe oral en su próximo período de sesiones;", "es"
    )
    assert [(m.category, m.due_session) for m in fr + es] == [("oral", 76), ("oral", 76)]


def test_year_deadlines_in_english_form():
    [m] = _mandates("3. Prie le Secrétaire général de lui présenter, en 2023, un rapport sur la question.", "fr")
    assert (m.due_body, m.due_event) == ("General Assembly", "2023")


def test_ordinals_in_words():
    assert ordinal_to_int_for("quarante-troisième", "fr") == 43
    assert ordinal_to_int_for("quatre-vingtième", "fr") == 80
    assert ordinal_to_int_for("sexagésimo primer", "es") == 61
    assert ordinal_to_int_for("43er", "es") == 43


def test_language_is_detected_from_plain_text_and_english_stays_english():
    assert detect_language("Prie le Secrétaire général de lui présenter un rapport sur les activités du Comité") == "fr"
    assert (
        detect_language("Solicita al Secretario General que le presente un informe sobre la aplicación de la") == "es"
    )
    assert detect_language("Requests the Secretary-General to submit a report on the implementation of the") == "en"
    assert run("Requests the Secretary-General to report.").language == "en"


def test_plain_english_result_says_english():
    assert extract_text("The General Assembly, 1. Requests the Secretary-General to report.").language == "en"


def snapshot(path: Path) -> str:
    result = extract_reading(read_akn(path.read_bytes()))
    data = {
        "symbol": result.symbol,
        "language": result.language,
        "mandates": [m.to_json() for m in result.mandates],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.stem)
def test_french_and_spanish_extraction_matches_the_golden_file(doc: Path):
    actual = snapshot(doc)
    golden = GOLDEN / f"{doc.stem}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual"))
        pytest.fail(f"extraction of {doc.name} changed (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")


def test_golden_set_is_french_and_spanish_and_finds_mandates():
    languages = {json.loads((GOLDEN / f"{d.stem}.json").read_text())["language"] for d in DOCS}
    assert languages == {"fr", "es"} and len(DOCS) >= 10
    assert all(json.loads((GOLDEN / f"{d.stem}.json").read_text())["mandates"] for d in DOCS)
