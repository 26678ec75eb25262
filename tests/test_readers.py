"""Reading files into text: each format, and every kind of bad input, with one-line messages."""

from __future__ import annotations

import io
import zipfile

import pytest

from mandates.extraction import extract_text, readers
from mandates.extraction.readers import (
    BinaryFile,
    CorruptFile,
    EmptyFile,
    FileTooLarge,
    NoTextLayer,
    ReadError,
    UndecodableText,
    UnsupportedFormat,
    detect_format,
    normalize_text,
    read_bytes,
    read_path,
    read_pdf_pypdf,
)
from mandates.extraction.types import ExtractionError
from tests.conftest import FIXTURES
from tests.files import RESOLUTION_LINES, blank_pdf_bytes, docx_bytes, pdf_bytes

MB = 1024 * 1024


def read(data: bytes, filename: str = "doc.txt", max_bytes: int = 50 * MB) -> tuple[str, str]:
    return read_bytes(data, filename, max_bytes=max_bytes)


def assert_one_line(exc: pytest.ExceptionInfo) -> None:
    message = str(exc.value)
    assert message and "\n" not in message and len(message) < 160
    assert isinstance(exc.value, ExtractionError)


# ------------------------------------------------------------------------------------------ plain text


def test_utf8_text_is_read_as_is():
    text, fmt = read("Requests the Secretary-General – “to report” é\n".encode())
    assert fmt == "text"
    assert text == "Requests the Secretary-General – “to report” é\n"


def test_utf8_bom_is_kept_so_offsets_match_the_file_as_python_reads_it():
    text, _ = read(b"\xef\xbb\xbfThe General Assembly,\r\n")
    assert text == "\ufeffThe General Assembly,\n"


def test_windows_1252_falls_back_when_not_utf8():
    text, fmt = read(b"Requests the Secretary-General \x93to report\x94 \x96 caf\xe9\n")
    assert fmt == "text"
    assert text == "Requests the Secretary-General “to report” – café\n"


def test_latin1_is_the_last_fallback():
    # 0x81 is undefined in Windows-1252, so only Latin-1 decodes this.
    text, _ = read(b"R\xe9solution adopt\xe9e \x81 par l'Assembl\xe9e\n")
    assert text.startswith("Résolution adoptée")


def test_utf16_with_bom_is_read():
    text, _ = read("The General Assembly,\r\n1. Requests".encode("utf-16"))
    assert text == "The General Assembly,\n1. Requests"


def test_plain_text_keeps_everything_but_line_ends_so_offsets_match_the_file():
    raw = "  Title  \r\n\r\n\r\n\r\n1. Requests\t \rnext\n\n\n"
    text, _ = read(raw.encode())
    assert text == "  Title  \n\n\n\n1. Requests\t \nnext\n\n\n"


def test_extracted_html_text_loses_trailing_spaces_and_blank_runs():
    text, fmt = read(b"<html><body><p>  Title  </p><p></p><p></p><p>1. Requests</p></body></html>")
    assert fmt == "html"
    assert text == "Title\n\n1. Requests\n"


def test_empty_file_is_refused():
    with pytest.raises(EmptyFile, match="^empty file$") as exc:
        read(b"")
    assert_one_line(exc)


def test_whitespace_only_file_is_refused_as_empty():
    with pytest.raises(EmptyFile):
        read(b" \n\r\n\t \n")


def test_nul_bytes_mean_binary():
    with pytest.raises(BinaryFile, match=r"^not a text document \(binary data\)$") as exc:
        read(b"ELF\x00\x01\x02\x00" + b"x" * 100, "A.bin")
    assert_one_line(exc)


def test_many_control_characters_mean_binary():
    data = bytes(range(1, 32)) * 10 + b"some text"
    with pytest.raises(BinaryFile):
        read(data)


def test_mostly_non_ascii_bytes_that_are_not_utf8_are_undecodable():
    data = bytes(range(0x80, 0x100)) * 8  # no NULs, no controls, not UTF-8, not Western text
    with pytest.raises(UndecodableText, match="cannot decode") as exc:
        read(data)
    assert_one_line(exc)


def test_file_over_the_limit_is_refused_before_reading():
    with pytest.raises(FileTooLarge, match=r"file too large \(2\.0 MiB; the limit is 1\.0 MiB\)") as exc:
        read(b"x" * (2 * MB), max_bytes=MB)
    assert_one_line(exc)


def test_read_path_checks_the_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(FileTooLarge, match="2000 bytes; the limit is 1000 bytes"):
        read_path(path, max_bytes=1000)


def test_read_path_reports_a_missing_file(tmp_path):
    with pytest.raises(ReadError, match="cannot open the file"):
        read_path(tmp_path / "missing.txt")


# ------------------------------------------------------------------------------------------------- PDF


def test_generated_pdf_pages_are_joined_with_a_form_feed_line():
    data = pdf_bytes([RESOLUTION_LINES[:4], RESOLUTION_LINES[4:]])
    text, fmt = read(data, "res.pdf")
    assert fmt == "pdf"
    first, second = text.split("\n\f\n")
    assert first.splitlines() == RESOLUTION_LINES[:4]
    assert second.splitlines() == RESOLUTION_LINES[4:]


def test_pdf_is_detected_by_magic_bytes_whatever_its_name():
    text, fmt = read(pdf_bytes([["The General Assembly,", "1. Requests a report."]]), "misnamed.txt")
    assert fmt == "pdf"
    assert "1. Requests a report." in text


def test_pdf_without_text_layer_is_reported_as_scanned():
    with pytest.raises(NoTextLayer, match="no text layer") as exc:
        read(blank_pdf_bytes(3), "scan.pdf")
    assert_one_line(exc)


def test_corrupt_pdf_is_reported():
    with pytest.raises(CorruptFile, match="^corrupt PDF") as exc:
        read(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "broken.pdf")
    assert_one_line(exc)


def test_truncated_real_pdf_is_reported_as_corrupt():
    data = (FIXTURES / "pdf" / "A_RES_78_9.pdf").read_bytes()
    with pytest.raises(CorruptFile) as exc:
        read(data[: len(data) // 3], "A_RES_78_9.pdf")
    assert_one_line(exc)


def _encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    source = pdf_bytes([["The General Assembly,", "1. Requests a report from the Secretary-General."]])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused():
    with pytest.raises(CorruptFile, match="password-protected") as exc:
        read(_encrypted_pdf("secret"), "locked.pdf")
    assert_one_line(exc)


def test_pdf_encrypted_only_against_editing_is_read():
    text, _ = read(_encrypted_pdf(""), "restricted.pdf")
    assert "1. Requests a report from the Secretary-General." in text


def test_pdf_extension_without_pdf_bytes_is_corrupt():
    with pytest.raises(CorruptFile, match="not a valid PDF"):
        read(b"just some text", "report.pdf")


@pytest.mark.parametrize("name", ["A_RES_78_9.pdf", "A_RES_78_251.pdf", "A_RES_78_292.pdf"])
def test_real_ga_resolutions_read_with_symbol_and_numbered_paragraphs(name):
    text, fmt = read_path(FIXTURES / "pdf" / name)
    assert fmt == "pdf"
    symbol = "A/RES/" + name.removesuffix(".pdf").removeprefix("A_RES_").replace("_", "/")
    assert symbol in text
    assert "The General Assembly" in text
    # Operative paragraphs start their line with the number, as extraction expects.
    assert any(line.startswith("1. ") for line in text.splitlines())
    assert all(line == line.strip() for line in text.splitlines())


@pytest.mark.parametrize("stem", ["A_RES_78_9", "A_RES_78_251", "A_RES_78_292"])
def test_real_pdf_text_is_byte_identical_to_the_gold_set_text_with_pypdf(stem):
    # fixtures/ga78/docs holds the texts the hold-out gold labels quote; they were made with pypdf, the fallback.
    gold = FIXTURES / "ga78" / "docs" / f"{stem}.txt"
    data = (FIXTURES / "pdf" / f"{stem}.pdf").read_bytes()
    assert normalize_text(read_pdf_pypdf(data)) == gold.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", ["A_RES_78_9", "A_RES_78_251", "A_RES_78_292"])
def test_pdfium_text_gives_the_mandates_of_the_gold_set_text(stem):
    # The default reader (PDFium) words lines differently; the mandates must be the same.
    gold = FIXTURES / "ga78" / "docs" / f"{stem}.txt"
    text, _ = read_path(FIXTURES / "pdf" / f"{stem}.pdf")
    assert text != gold.read_text(encoding="utf-8")

    def keys(result):
        fields = ("paragraph", "category", "responsible_entity", "delivered_to", "due_body", "due_session")
        return sorted(tuple(str(getattr(m, f)) for f in fields) for m in result.mandates)

    assert keys(extract_text(text)) == keys(extract_text(gold.read_text(encoding="utf-8")))


def test_pypdf_reads_what_pdfium_rejects(monkeypatch):
    def rejects(data):
        raise ValueError("PDFium cannot load this document")

    monkeypatch.setitem(readers.PDF_ENGINES, "pypdfium2", rejects)
    monkeypatch.setattr(readers, "read_pdf_pdfium", rejects)
    text, fmt = read_path(FIXTURES / "pdf" / "A_RES_78_292.pdf")
    assert fmt == "pdf" and "Requests the Secretary-General" in text


def test_pdfium_puts_back_hyphens_it_marks_at_line_ends():
    # PDFium marks the hyphen of a word broken at a line end (one in this file) with U+FFFE.
    text, _ = read_path(FIXTURES / "pdf" / "A_RES_78_292.pdf")
    assert "\x02" not in text and "\ufffe" not in text
    assert "Secretary-General" in text


def test_real_resolution_keeps_its_reporting_request():
    text, _ = read_path(FIXTURES / "pdf" / "A_RES_78_292.pdf")
    assert "Requests the Secretary-General" in text


# ------------------------------------------------------------------------------------------------ DOCX


def _resolution_docx(document) -> None:
    document.add_heading("Draft resolution I", level=1)
    document.add_paragraph("The General Assembly,")
    document.add_paragraph("Recalling its resolution 70/1,")
    document.add_paragraph("Requests the Secretary-General to submit a report;", style="List Number")
    document.add_paragraph("Decides to remain seized of the matter.", style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Symbol"
    table.cell(0, 1).text = "Title"
    table.cell(1, 0).text = "A/78/1"
    table.cell(1, 1).text = "Report of the Secretary-General"
    document.add_paragraph("Annex")


def test_docx_paragraphs_and_tables_in_order_with_rebuilt_numbers():
    text, fmt = read(docx_bytes(_resolution_docx), "draft.docx")
    assert fmt == "docx"
    assert text.split("\n\n") == [
        "Draft resolution I",
        "The General Assembly,",
        "Recalling its resolution 70/1,",
        "1. Requests the Secretary-General to submit a report;",
        "2. Decides to remain seized of the matter.",
        "Symbol\tTitle\nA/78/1\tReport of the Secretary-General",
        "Annex\n",
    ]


def test_docx_lettered_sublevel_numbers_restart_under_each_paragraph():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(document):
        numbering = document.part.numbering_part.element
        numbering.insert(
            0,
            parse_xml(
                f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
                  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
                  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
                  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
                </w:abstractNum>"""
            ),
        )
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

        def item(text, level):
            p = document.add_paragraph(text)
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

        item("Requests:", 0)
        item("a report;", 1)
        item("a note;", 1)
        item("first;", 2)
        item("second;", 2)
        item("Decides:", 0)
        item("to review;", 1)

    text, _ = read(docx_bytes(build), "sub.docx")
    assert text.split("\n\n") == [
        "1. Requests:",
        "(a) a report;",
        "(b) a note;",
        "(i) first;",
        "(ii) second;",
        "2. Decides:",
        "(a) to review;\n",
    ]


def test_docx_extension_on_non_zip_is_corrupt():
    with pytest.raises(CorruptFile, match="not a valid Word document") as exc:
        read(b"plain words", "draft.docx")
    assert_one_line(exc)


def test_docx_with_broken_xml_is_corrupt():
    good = docx_bytes(_resolution_docx)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else data)
    with pytest.raises(CorruptFile, match="^corrupt Word document") as exc:
        read(out.getvalue(), "draft.docx")
    assert_one_line(exc)


def test_truncated_docx_is_corrupt_or_unsupported():
    good = docx_bytes(_resolution_docx)
    with pytest.raises(ReadError) as exc:
        read(good[: len(good) // 2], "draft.docx")
    assert_one_line(exc)


def test_docx_that_unpacks_far_beyond_the_limit_is_refused():
    good = docx_bytes(_resolution_docx)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename))
        dst.writestr("word/media/padding.bin", b"\0" * (2 * MB))  # compresses to a few KiB
    data = out.getvalue()
    assert len(data) < 200_000
    with pytest.raises(FileTooLarge, match="too large when unpacked") as exc:
        read(data, "bomb.docx", max_bytes=200_000)
    assert_one_line(exc)


def test_zip_that_is_not_a_word_document_is_unsupported():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFormat, match="zip archive"):
        read(out.getvalue(), "bundle.zip")


def test_old_word_doc_is_unsupported_with_a_hint():
    with pytest.raises(UnsupportedFormat, match=r"\.docx or PDF") as exc:
        read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")
    assert_one_line(exc)


# ------------------------------------------------------------------------------------------------ HTML

HTML = b"""<!DOCTYPE html>
<html><head><title>Ignored</title><style>p { color: red }</style>
<script>var requests = "the Secretary-General";</script></head>
<body>
  <h1>Resolution 78/999</h1>
  <p>The General   Assembly,
     <em>Recalling</em> its resolution 70/1,</p>
  <ol>
    <li><i>Requests</i> the Secretary-General to report;</li>
    <li>Decides to remain seized.<br>Second line</li>
  </ol>
  <table><tr><td>A/78/1</td><td>Report &amp; note</td></tr></table>
  <!-- a comment -->
</body></html>
"""


def test_html_drops_script_and_style_and_breaks_blocks():
    text, fmt = read(HTML, "res.html")
    assert fmt == "html"
    assert "var requests" not in text and "color" not in text and "Ignored" not in text
    assert "a comment" not in text
    assert text.split("\n\n") == [
        "Resolution 78/999",
        "The General Assembly, Recalling its resolution 70/1,",
        "1. Requests the Secretary-General to report;",
        "2. Decides to remain seized.\nSecond line",
        "A/78/1\tReport & note\n",
    ]


def test_html_is_sniffed_from_content_whatever_its_name():
    _, fmt = read(b"  <html><body><p>The General Assembly,</p></body></html>", "download.txt")
    assert fmt == "html"


def test_html_extension_without_doctype_is_html():
    text, fmt = read(b"<div>The General Assembly,</div><div>1. Requests</div>", "page.htm")
    assert fmt == "html"
    assert text == "The General Assembly,\n1. Requests\n"


def test_html_with_no_text_is_empty():
    with pytest.raises(EmptyFile, match="no text in the HTML file"):
        read(b"<html><head><script>x()</script></head><body>  </body></html>", "empty.html")


def test_deeply_nested_html_does_not_hit_the_recursion_limit():
    data = b"<html><body>" + b"<div>" * 5000 + b"deep text" + b"</div>" * 5000 + b"</body></html>"
    text, _ = read(data, "deep.html")
    assert "deep text" in text


# ------------------------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"%PDF-1.7 ...", "x.bin", "pdf"),
        (b"junk before header\n%PDF-1.4", "x", "pdf"),
        (b"<!doctype html><p>x", "x.txt", "html"),
        (b"The General Assembly", "x.html", "html"),
        (b"The General Assembly", "x.md", "text"),
    ],
)
def test_format_is_detected_from_bytes_first_and_extension_second(data, filename, expected):
    assert detect_format(data, filename) == expected
