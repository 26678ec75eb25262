"""Akoma Ntoso (AKN4UN) XML: every real file of the two archives, metadata from FRBR, hostile XML refused,
ingestion, and agreement with the plain-text path and with the seeds' text of the same resolutions."""

from __future__ import annotations

import collections
import io
import json
import re
import tarfile
from functools import cache
from pathlib import Path

import pytest
from django.core.management import call_command

from mandates.extraction import extract_reading, extract_text
from mandates.extraction.akn import HostileXml
from mandates.extraction.offsets import apply_edits, map_forward
from mandates.extraction.readers import CorruptFile, FileTooLarge, UnsupportedFormat, read_bytes, read_document
from tests.conftest import FIXTURES

ARCHIVES = [FIXTURES / "akn" / "akn-ga75.tar.xz", FIXTURES / "akn" / "akn-ecosoc2021.tar.xz"]
SEED_000 = FIXTURES / "seeds" / "000_fe94a4e9157510c7.txt"


@cache
def akn_files() -> dict[str, bytes]:
    """Every XML file of both archives, by its path in the archive (read once per test session)."""
    files = {}
    for archive in ARCHIVES:
        with tarfile.open(archive, "r:xz") as tar:
            for member in tar.getmembers():
                if member.isfile() and member.name.endswith(".xml"):
                    files[member.name] = tar.extractfile(member).read()
    return files


@cache
def extracted(name: str):
    """(reading, result) of one archive file, computed once for the tests that walk the archives."""
    reading = read_document(akn_files()[name], Path(name).name)
    return reading, extract_reading(reading)


def one(pattern: str) -> tuple[str, bytes]:
    matches = [(name, data) for name, data in akn_files().items() if re.search(pattern, name)]
    assert len(matches) == 1, (pattern, [m[0] for m in matches])
    return matches[0]


def reading_of(pattern: str):
    name, data = one(pattern)
    return read_document(data, Path(name).name)


def test_every_file_of_both_archives_reads_and_extracts_with_valid_offsets():
    files = akn_files()
    by_folder = collections.Counter(name.split("/")[1] for name in files)
    assert by_folder == {"English": 370, "French": 350, "Spanish": 350}
    mandates = {"English": 0, "French": 0, "Spanish": 0}
    for name in files:
        reading, result = extracted(name)
        assert reading.format == "xml", name
        assert result.instruments and result.symbol, name
        assert any(p.kind == "operative" for i in result.instruments for p in i.paragraphs), name
        for inst in result.instruments:
            assert inst.adopting_body, name
            assert inst.is_draft or re.fullmatch(r"[AE]/RES/(?:S-)?\d+/\d+(?: [A-Z](?:-[A-Z])?)?", inst.label), name
            for p in inst.paragraphs:
                assert result.text[p.start : p.end] == p.text, (name, p.number)
                assert not p.number.endswith("."), (name, p.number)
        for m in result.mandates:
            assert result.text[m.start : m.end] == m.text, (name, m.paragraph)
        mandates[name.split("/")[1]] += len(result.mandates)
    assert mandates["English"] > 400  # French and Spanish clauses are not read yet: their structure is


def test_frbr_metadata_gives_symbol_body_date_language():
    ecosoc = extract_reading(reading_of(r"English/E_RES_2021_11-"))
    assert (ecosoc.symbol, ecosoc.language) == ("E/RES/2021/11", "en")
    [inst] = ecosoc.instruments
    assert (inst.label, inst.symbol, inst.adopting_body, inst.adopted_on) == (
        "E/RES/2021/11",
        "E/RES/2021/11",
        "Economic and Social Council",
        "2021-06-08",
    )
    assert {m.instrument for m in ecosoc.mandates} == {"E/RES/2021/11"}
    assert {m.adopting_body for m in ecosoc.mandates} == {"Economic and Social Council"}

    ga = extract_reading(reading_of(r"English/75_100_E"))
    [inst] = ga.instruments
    assert (inst.label, inst.adopting_body, inst.session_number, inst.adopted_on) == (
        "A/RES/75/100",
        "General Assembly",
        75,
        "2020-12-10",
    )
    assert inst.title == "Comprehensive review of special political missions"
    report = next(m for m in ga.mandates if m.paragraph == "5")
    assert (report.responsible_entity, report.due_body, report.due_session) == (
        "Secretary-General",
        "General Assembly",
        76,
    )

    parts = extract_reading(reading_of(r"English/75_101A-B"))
    assert [i.label for i in parts.instruments] == ["A/RES/75/101 A", "A/RES/75/101 B"]
    french = extract_reading(reading_of(r"French/75_100_F"))
    assert (french.language, french.symbol) == ("fr", "A/RES/75/100")
    spanish = extract_reading(reading_of(r"Spanish/E_RES_2021_11-"))
    assert (spanish.language, spanish.instruments[0].adopting_body) == ("es", "Economic and Social Council")


def test_structure_comes_from_the_markup():
    reading = reading_of(r"English/75_100_E")
    inst = reading.markup.instruments[0]
    operative = [p for p in inst.paragraphs if p.kind == "operative"]
    assert [p.number for p in operative] == ["1", "2", "3", "4", "5", "6", "7"]
    assert len([p for p in inst.paragraphs if p.kind == "preambular"]) == 21
    # The footnote (authorialNote) is out of the paragraph, collected at the end of the text.
    assert operative[0].text.endswith("pursuant to resolution 74/91;")
    assert "A/75/312" not in operative[0].text and "\n2 A/75/312.\n" in reading.text
    # A list inside a paragraph: its points are sub-paragraphs "27 (a)", "27 (b)"
    numbers = [p.number for p in reading_of(r"English/75_325_E").markup.instruments[0].paragraphs]
    assert numbers.index("27") < numbers.index("27 (a)") < numbers.index("27 (b)") < numbers.index("28")
    # A draft resolution recommended by the Council is an instrument of its own, of the General Assembly.
    recommended = extract_reading(reading_of(r"English/E_RES_2021_21-"))
    assert [(i.label, i.adopting_body, i.is_draft) for i in recommended.instruments] == [
        ("E/RES/2021/21", "Economic and Social Council", False),
        ("Draft resolution", "General Assembly", True),
    ]


def _keys(mandates) -> collections.Counter:
    return collections.Counter(
        (m.paragraph, m.responsible_entity, m.due_body, m.due_session, m.due_event) for m in mandates
    )


def test_markup_and_plain_text_layout_give_the_same_mandates():
    """Every English GA75 and ECOSOC 2021 resolution: the mandates found from the markup equal those the plain-text
    pipeline finds in the same text (paragraph, entity, body, session), so skipping segmentation loses nothing."""
    agree = differ = 0
    diffs = []
    for name in akn_files():
        if "/English/" not in name:
            continue
        reading, result = extracted(name)
        marked, plain = _keys(result.mandates), _keys(extract_text(reading.text).mandates)
        agree += sum((marked & plain).values())
        differ += sum((marked - plain).values()) + sum((plain - marked).values())
        if marked != plain:
            diffs.append((name, sorted(marked - plain), sorted(plain - marked)))
    assert agree > 400
    assert differ <= 0.02 * agree, diffs


def test_seed_text_and_xml_of_the_same_resolutions_agree():
    """The CCPCJ report (seed 000) prints the drafts that ECOSOC adopted as E/RES/2021/20-25: the same mandates from
    the report's text and from the UN's XML."""
    seed = extract_text(SEED_000.read_text(encoding="utf-8"))
    by_title = {re.sub(r"\s+", " ", i.title).strip(): i.label for i in seed.instruments}
    compared = 0
    for number in range(20, 26):
        result = extract_reading(reading_of(rf"English/E_RES_2021_{number}-"))
        label = by_title[re.sub(r"\s+", " ", result.title).strip()]
        # Confident mandates agree; review candidates may differ where the report's wrapped text cuts clauses apart.
        xml_confident = (m for m in result.mandates if not m.review)
        assert _keys(xml_confident) == _keys(m for m in seed.mandates if m.instrument == label and not m.review), number
        compared += len(result.mandates)
    assert compared >= 10


# ---------------------------------------------------------------------------------------------- hostile XML

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement><p>&lol3;</p></statement></akomaNtoso>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><statement><p>&xxe;</p></statement></akomaNtoso>
"""


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        EXTERNAL_ENTITY,
        EXTERNAL_ENTITY.decode().replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16"),
    ],
    ids=["billion-laughs", "external-entity", "utf-16-dtd"],
)
def test_hostile_xml_is_refused_with_a_reason(data):
    with pytest.raises(HostileXml, match="DTD"):
        read_bytes(data, "resolution.xml")


def test_other_xml_errors_are_one_line_refusals():
    with pytest.raises(UnsupportedFormat, match="not an Akoma Ntoso"):
        read_bytes(b"<?xml version='1.0'?><rss><channel/></rss>", "feed.xml")
    with pytest.raises(CorruptFile, match="malformed XML"):
        read_bytes(b"<?xml version='1.0'?><rss><channel></rss>", "feed.xml")
    with pytest.raises(FileTooLarge):
        read_bytes(one(r"English/75_100_E")[1], "75_100_E.xml", max_bytes=10_000)


def test_a_malformed_un_file_is_repaired_in_recovery_mode():
    """75_251_B_S.xml (Spanish) leaves an <inline> open in its preface; recovery mode still finds the operative part."""
    result = extract_reading(reading_of(r"Spanish/75_251_B_S"))
    assert [p.number for p in result.instruments[0].paragraphs if p.kind == "operative"][:3] == ["1", "2", "3"]


def test_offsets_map_forward_through_edits():
    text, omap = apply_edits("ab  cd\n\nef", [(2, 4, " "), (6, 8, "\n")])
    assert text == "ab cd\nef"
    start, end = map_forward([omap], 8, 10)  # "ef"
    assert text[start:end] == "ef"
    start, end = map_forward([omap], 4, 6)  # "cd"
    assert text[start:end] == "cd"


# -------------------------------------------------------------------------------------------- commands


@pytest.mark.django_db
def test_ingest_akn_files_stores_language_format_symbol_and_adoption_date(tmp_path):
    from mandates.models import Document, Instrument, Mandate

    for pattern in (r"English/75_100_E", r"French/75_100_F", r"English/E_RES_2021_11-", r"English/E_RES_2021_21-"):
        name, data = one(pattern)
        (tmp_path / Path(name).name).write_bytes(data)
    out = io.StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    english = Document.objects.get(source_key="A/RES/75/100")
    french = Document.objects.get(source_key="A/RES/75/100 [fr]")
    assert (english.format, english.language, french.language) == ("xml", "en", "fr")
    inst = Instrument.objects.get(document=english)
    assert (inst.label, inst.adopting_body.name, inst.session_number, str(inst.adopted_on)) == (
        "A/RES/75/100",
        "General Assembly",
        75,
        "2020-12-10",
    )
    mandate = Mandate.objects.get(instrument=inst, paragraph_label="5")
    assert english.text[mandate.source_start : mandate.source_end] == mandate.source_text
    ecosoc = Instrument.objects.get(label="E/RES/2021/11")
    assert ecosoc.adopting_body.name == "Economic and Social Council"
    assert Instrument.objects.filter(document__source_key="E/RES/2021/21").count() == 2


def test_extract_command_on_xml_pairs_with_the_scorer_by_paragraph(tmp_path, monkeypatch, capsys):
    from tests.test_extraction_scoring import load_scorer

    name, data = one(r"English/75_100_E")
    doc = tmp_path / "docs" / "75_100_E.xml"
    doc.parent.mkdir()
    doc.write_bytes(data)
    out = io.StringIO()
    call_command("extract", str(doc), "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["instrument"], r["paragraph"]) for r in rows if r["category"] == "report"] == [("A/RES/75/100", "5")]
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "75_100_E.xml.json").write_text(
        json.dumps(
            [
                {
                    "instrument": "A/RES/75/100",
                    "paragraph": "5",
                    "category": "report",
                    "responsible_entity": "Secretary-General",
                    "delivered_to": "General Assembly",
                    "due_body": "General Assembly",
                    "due_session": 76,
                    "must_find": True,
                    # the scorer finds the quote in the file itself: words between the XML tags
                    "quote": "the Secretary-General to submit to the General Assembly, at its seventy-sixth session",
                }
            ]
        )
    )
    pred = tmp_path / "pred"
    pred.mkdir()
    (pred / "75_100_E.xml.json").write_text(json.dumps(rows))
    scorer = load_scorer()
    argv = ["score", "--gold", str(gold), "--docs", str(doc.parent), "--pred", str(pred), "--json", "--by-paragraph"]
    monkeypatch.setattr("sys.argv", argv)
    scorer.main()
    totals = json.loads(capsys.readouterr().out)
    assert totals["recall"] == 1.0
