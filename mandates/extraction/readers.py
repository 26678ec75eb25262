"""Turn a file's bytes into the text extraction runs on. Plain Python, no Django.

`read_bytes(data, filename, max_bytes=...)` returns `(text, format)` with format in
{"text", "pdf", "docx", "html", "xml"}. The format is detected from the bytes first (`%PDF-`, a zip holding
`word/document.xml`, an `<html`/`<!doctype html` prefix, an `<akomaNtoso` root) and from the file extension
second, so a PDF called `report.txt` is still read as a PDF. `read_document` returns a `Reading`: the same text
and format, plus the markup (instruments, paragraphs, symbol, language) for Akoma Ntoso XML.

A text file comes back as decoded, with `\\n` line ends and nothing else changed, so offsets match the
file as any program reads it. Text extracted from PDF, DOCX and HTML also loses trailing spaces and runs
of blank lines. Mandate offsets point into exactly the returned string, so it is what Document.text stores.

Every failure raises a `ReadError` (an `ExtractionError`) whose message is one line for a person,
e.g. "not a text document (binary data)".

Format notes
- PDF (pypdf, `extraction_mode="plain"`): pages are joined with a form feed line (see PAGE_BREAK).
  Plain mode keeps reading order and gives one text line per printed line; "layout" mode pads
  columns with runs of spaces, which breaks paragraph regexes, so it is not used. pypdf leaves
  running headers/footers ("23-23441 2/2", the symbol) in the text (extraction's normalisation
  removes them) and sometimes splits words at kerning ("twenty -fifth"). Reading takes about
  0.3 s per page-heavy GA resolution; an encrypted PDF opens if its user password is empty.
- DOCX (python-docx): body paragraphs and tables in document order; a table row is one line with
  cells separated by tabs. Word auto-numbering is not part of the text, so numbered paragraphs
  (`w:numPr`, directly or through their style) get their number rebuilt from numbering.xml
  ("1.", "(a)", "ii.") as operative paragraphs need it.
- Akoma Ntoso XML (AKN4UN, lxml; see akn.py): the text is derived from the markup, one block per line, footnotes
  last; the structure and metadata come with it. A DTD or entity declaration is refused (HostileXml).
- HTML (BeautifulSoup + lxml): script/style/head dropped, block elements become line breaks,
  `<ol>` items are numbered, whitespace inside a block collapses as a browser would.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from pathlib import Path

from mandates.extraction.types import ExtractionError, Reading

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
FORMATS = ("text", "pdf", "docx", "html", "xml")
# Pages are joined with a form feed on its own line. The hold-out gold texts (fixtures/ga78/docs) were
# made with this reader and this separator, so PDF ingestion gives byte-identical text and the gold
# score holds for it. Extraction must treat the "\f" line as page furniture: at extract ee1f228 it
# ended paragraphs there (99 more paragraph splits over the 40 GA78 PDFs than with a blank line,
# same mandates found).
PAGE_BREAK = "\n\f\n"


class ReadError(ExtractionError):
    """A file cannot be turned into text. The message is one line for a person."""


class EmptyFile(ReadError):
    pass


class FileTooLarge(ReadError):
    pass


class BinaryFile(ReadError):
    pass


class UnsupportedFormat(ReadError):
    pass


class UndecodableText(ReadError):
    pass


class CorruptFile(ReadError):
    pass


class NoTextLayer(ReadError):
    """A PDF whose pages are images (a scan): there is no text without OCR."""


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Read the file at `path` (see read_bytes). The size is checked before the file is loaded."""
    reading = read_document_path(path, max_bytes=max_bytes)
    return reading.text, reading.format


def read_document_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Reading:
    """Read the file at `path` (see read_document). The size is checked before the file is loaded."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open the file ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise FileTooLarge(too_large_message(size, max_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
    return read_document(data, path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return `(text, format)` for a file's bytes, or raise a ReadError saying why it cannot be read."""
    reading = read_document(data, filename, max_bytes=max_bytes)
    return reading.text, reading.format


def read_document(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Reading:
    """A file's text, format and (for Akoma Ntoso XML) markup; a ReadError says why it cannot be read."""
    if len(data) > max_bytes:
        raise FileTooLarge(too_large_message(len(data), max_bytes))
    if not data.strip():
        raise EmptyFile("empty file")
    fmt = detect_format(data, filename)
    if fmt == "docx":
        _check_unzipped_size(data, max_bytes)
    if fmt == "xml":
        from mandates.extraction.akn import read_akn  # imports this module: loaded on first use

        return read_akn(data)
    if fmt == "text":
        # A text file's offsets must match the file as any reader decodes it (Python's universal
        # newlines), so only line ends are unified: no stripping, no collapsing of blank lines.
        text = unify_line_ends(_read_text(data))
    else:
        reader = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html}[fmt]
        text = normalize_text(reader(data))
    if not text.strip():
        raise EmptyFile(f"no text in the {_FORMAT_NAMES[fmt]} file")
    return Reading(text=text, format=fmt)


_FORMAT_NAMES = {"text": "text", "pdf": "PDF", "docx": "Word", "html": "HTML", "xml": "XML"}


def detect_format(data: bytes, filename: str) -> str:
    """Format from magic bytes first, the file extension second. Raises for formats we cannot read."""
    suffix = Path(filename).suffix.lower()
    head = data[:1024]
    # The PDF header may legally follow some junk bytes; readers accept it within the first 1 KiB.
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _zip_has(data, "word/document.xml"):
            return "docx"
        if suffix == ".docx":
            raise CorruptFile("not a valid Word document (the zip holds no word/document.xml)")
        raise UnsupportedFormat("a zip archive, not a Word .docx document")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFormat("old Word .doc (or other Office 97-2003) format: save it as .docx or PDF")
    if suffix == ".pdf":
        raise CorruptFile("not a valid PDF (no %PDF header)")
    if suffix == ".docx":
        raise CorruptFile("not a valid Word document (not a zip file)")
    sniff = _strip_bom(head).lstrip().lower()
    if suffix == ".xml" or any(root in data[:4096] for root in _AKN_ROOTS):
        return "xml"  # Akoma Ntoso; other XML is refused by the XML reader with its reason
    if sniff.startswith((b"<!doctype html", b"<html")) or (sniff.startswith(b"<") and b"<html" in sniff):
        return "html"
    if suffix in (".html", ".htm", ".xhtml") and not _looks_binary(data):
        return "html"
    return "text"


_AKN_ROOTS = tuple("<akomaNtoso".encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def unify_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_text(text: str) -> str:
    """Unify line ends, drop trailing/leading spaces on lines and runs of blank lines; keep form feeds."""
    text = unify_line_ends(text).replace("\x00", "")
    text = text.replace("\u00a0", " ")
    lines = [line.strip(" \t\u200b\ufeff") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def too_large_message(size: int, max_bytes: int) -> str:
    return f"file too large ({_mib(size)}; the limit is {_mib(max_bytes)})"


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def _zip_has(data: bytes, name: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return name in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------- text

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Control characters that occur in real text files: tab, line feed, form feed, carriage return.
# Anything else below 0x20 is a sign of binary data.
_TEXT_CONTROLS = {0x09, 0x0A, 0x0C, 0x0D}
_BINARY_CONTROLS = bytes(b for b in range(0x20) if b not in _TEXT_CONTROLS)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_BINARY_CONTROL_RATIO = 0.05
# Share of bytes >= 0x80 above which non-UTF-8 bytes are not believed to be Western European text.
_HIGH_BYTE_RATIO = 0.30


def _strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(b"\xef\xbb\xbf") else data


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 5 % control characters, in the first 64 KiB."""
    if data.startswith(_BOMS[1:]):  # UTF-16 holds NULs by design
        return False
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_CONTROLS))
    return controls > len(sample) * _BINARY_CONTROL_RATIO


def _read_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableText("cannot decode the text (broken UTF-16)") from exc
    if _looks_binary(data):
        raise BinaryFile("not a text document (binary data)")
    try:
        # Plain utf-8 keeps a byte-order mark as U+FEFF, as Path.read_text does: offsets stay aligned.
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Not UTF-8. Legacy Windows/ISO encodings are only believed when most bytes are ASCII, as in any
    # English or French document; otherwise this is some other encoding or binary data.
    sample = data[:65536]
    high = len(sample) - len(sample.translate(None, _HIGH_BYTES))
    if high > len(sample) * _HIGH_BYTE_RATIO:
        raise UndecodableText("cannot decode the text (not UTF-8, Windows-1252 or Latin-1)")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    text = data.decode("latin-1")
    # Latin-1 maps every byte, so reject it when it yields C1 control characters (U+0080-U+009F):
    # those never occur in real text and mean the guess is wrong.
    if sum(1 for ch in text if "\x80" <= ch <= "\x9f") > 2:
        raise UndecodableText("cannot decode the text (not UTF-8, Windows-1252 or Latin-1)")
    return text


# ----------------------------------------------------------------------------------------------- PDF

# Fewer visible characters than this per page on average means the pages are images (a scan).
_MIN_CHARS_PER_PAGE = 20


def _read_pdf(data: bytes) -> str:
    """PDF text with PDFium (pypdfium2: about 10 times faster than pypdf on GA resolutions, same mandates; see
    docs/benchmarks.md), and with pypdf when PDFium rejects the file. Errors are pypdf's: it says what is wrong."""
    try:
        return read_pdf_pdfium(data)
    except NoTextLayer:
        raise
    except Exception:  # PDFium refuses a damaged or exotic file: pypdf repairs more and says why it cannot
        return read_pdf_pypdf(data)


def read_pdf_pdfium(data: bytes) -> str:
    """Text of every page with pypdfium2 (PDFium, BSD/Apache licence), pages joined with PAGE_BREAK.

    PDFium ends lines with "\r\n" and marks a word hyphenated at a line end with "\x02" or U+FFFE (it joins the two
    halves itself): the hyphen is put back, as printed ("seventy-second")."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        if count == 0:
            raise CorruptFile("corrupt PDF (no pages)")
        texts = []
        for index in range(count):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\x02", "-").replace("\ufffe", "-"))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return _pages_text(texts, count)


def _pages_text(texts: list[str], count: int) -> str:
    visible = sum(len(re.sub(r"\s", "", t)) for t in texts)
    if visible < _MIN_CHARS_PER_PAGE * count:
        raise NoTextLayer("PDF has no text layer (scanned image?): run OCR on it first")
    return PAGE_BREAK.join(normalize_text(t).strip("\n") for t in texts)


def read_pdf_pypdf(data: bytes) -> str:
    import pypdf
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PyPdfError

    # pypdf logs every repaired defect ("EOF marker not found") as a warning; a batch run wants one
    # line per failed file, so only errors get through.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many published PDFs are "encrypted" with an empty user password only to restrict editing.
            try:
                if not reader.decrypt(""):
                    raise CorruptFile("the PDF is password-protected")
            except (FileNotDecryptedError, NotImplementedError, DependencyError) as exc:
                raise CorruptFile("the PDF is password-protected or uses unsupported encryption") from exc
        pages = reader.pages
        count = len(pages)
    except ReadError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise CorruptFile(f"corrupt PDF ({_first_line(exc)})") from exc
    except RecursionError as exc:
        raise CorruptFile("corrupt PDF (structure nested too deeply)") from exc
    if count == 0:
        raise CorruptFile("corrupt PDF (no pages)")

    texts = []
    for number, page in enumerate(pages, start=1):
        try:
            texts.append(page.extract_text(extraction_mode="plain") or "")
        except Exception as exc:  # pypdf raises many types on malformed content streams
            raise CorruptFile(f"corrupt PDF (page {number} cannot be read: {_first_line(exc)})") from exc
    return _pages_text(texts, count)


# The PDF readers compared by `manage.py benchmark_pdf_readers`; `_read_pdf` uses the first, then the second.
PDF_ENGINES = {"pypdfium2": read_pdf_pdfium, "pypdf": read_pdf_pypdf}


try:  # pypdf raises this when decryption needs the optional `cryptography` package
    from pypdf.errors import DependencyError
except ImportError:  # pragma: no cover
    DependencyError = ImportError  # type: ignore[misc,assignment]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:120]


# ---------------------------------------------------------------------------------------------- DOCX

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# A .docx is a zip: a small file may expand to gigabytes of XML (a "zip bomb"), and parsing XML costs about
# ten times its size in memory. Word documents compress about 5-10 times, so more than this many times the
# size limit is refused unread; and every XML part, and all of them together, are capped on their own, since
# python-docx parses them whole. zipfile stops reading a member at its declared size (and fails its CRC),
# so the sizes in the zip's directory are the most any reader gets.
_MAX_UNZIPPED_RATIO = 4
MAX_XML_PART_BYTES = 16 * 1024 * 1024
MAX_XML_TOTAL_BYTES = 32 * 1024 * 1024


def _check_unzipped_size(data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptFile(f"corrupt Word document ({_first_line(exc)})") from exc
    unzipped = sum(info.file_size for info in infos)
    if unzipped > max_bytes * _MAX_UNZIPPED_RATIO:
        raise FileTooLarge(
            f"Word document too large when unpacked ({_mib(unzipped)}; "
            f"the limit is {_mib(max_bytes * _MAX_UNZIPPED_RATIO)})"
        )
    xml_parts = [info for info in infos if info.filename.lower().endswith((".xml", ".rels"))]
    for info in xml_parts:
        if info.file_size > MAX_XML_PART_BYTES:
            raise FileTooLarge(
                f"Word document part {info.filename} too large when unpacked ({_mib(info.file_size)}; "
                f"the limit is {_mib(MAX_XML_PART_BYTES)} per part)"
            )
    xml_total = sum(info.file_size for info in xml_parts)
    if xml_total > MAX_XML_TOTAL_BYTES:
        raise FileTooLarge(
            f"Word document's XML too large when unpacked ({_mib(xml_total)}; the limit is {_mib(MAX_XML_TOTAL_BYTES)})"
        )


def _read_docx(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        numbering = _Numbering(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptFile(f"corrupt Word document ({_first_line(exc)})") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends on a damaged document.xml
        raise CorruptFile(f"corrupt Word document ({_first_line(exc)})") from exc

    blocks: list[str] = []
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            text = _docx_paragraph_text(child)
            prefix = numbering.prefix(child)
            if prefix and text.strip():
                text = f"{prefix} {text.lstrip()}"
            blocks.append(text)
        elif child.tag == f"{_W}tbl":
            blocks.append(_docx_table_text(child))
        elif child.tag == f"{_W}sdt":  # content controls wrap ordinary paragraphs
            for p in child.iter(f"{_W}p"):
                blocks.append(_docx_paragraph_text(p))
    # A blank line between Word paragraphs, as in the plain-text seeds.
    return "\n\n".join(blocks)


def _docx_paragraph_text(p) -> str:
    parts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _docx_table_text(tbl) -> str:
    rows = []
    for tr in tbl.iter(f"{_W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            cells.append(" ".join(_docx_paragraph_text(p).strip() for p in tc.iter(f"{_W}p")).strip())
        rows.append("\t".join(cells))
    return "\n".join(rows)


class _Numbering:
    """Rebuilds Word list numbers ("1.", "(a)") for paragraphs with w:numPr, from numbering.xml.

    Counters are kept per numId and level; a paragraph at level n restarts the deeper levels. Bullets
    get no prefix. This covers what UN resolutions use (decimal operative paragraphs, lettered
    subparagraphs); exotic features (lvlOverride/startOverride, legal numbering) are ignored.
    """

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            numbering_el = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_el = None
        if numbering_el is not None:
            abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
            for an in numbering_el.iterchildren(f"{_W}abstractNum"):
                levels = {}
                for lvl in an.iterchildren(f"{_W}lvl"):
                    fmt = _val(lvl.find(f"{_W}numFmt")) or "decimal"
                    text = _val(lvl.find(f"{_W}lvlText")) or ""
                    start = int(_val(lvl.find(f"{_W}start")) or 1)
                    levels[int(_val(lvl, "ilvl") or 0)] = (fmt, text, start)
                abstract[_val(an, "abstractNumId") or ""] = levels
            for num in numbering_el.iterchildren(f"{_W}num"):
                ref = _val(num.find(f"{_W}abstractNumId"))
                self.levels[_val(num, "numId") or ""] = abstract.get(ref or "", {})
        styles = {}
        try:
            for style in document.styles.element.iterchildren(f"{_W}style"):
                styles[_val(style, "styleId") or ""] = style
        except (KeyError, NotImplementedError, AttributeError):
            pass
        for style_id in styles:
            found = self._style_numpr(style_id, styles, depth=0)
            if found:
                self.style_num[style_id] = found

    def _style_numpr(self, style_id: str, styles: dict, depth: int) -> tuple[str, int] | None:
        style = styles.get(style_id)
        if style is None or depth > 10:
            return None
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId"))
            if num_id:
                return num_id, int(_val(num_pr.find(f"{_W}ilvl")) or 0)
        based_on = _val(style.find(f"{_W}basedOn"))
        return self._style_numpr(based_on, styles, depth + 1) if based_on else None

    def prefix(self, p) -> str:
        num_id, ilvl = None, 0
        style_id = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        if style_id and style_id in self.style_num:
            num_id, ilvl = self.style_num[style_id]
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{_W}numId")) or num_id
            ilvl = int(_val(num_pr.find(f"{_W}ilvl")) or ilvl)
        # numId 0 means "numbering switched off" for this paragraph.
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, _, start = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if fmt in ("bullet", "none"):
            return ""
        text = levels[ilvl][1]

        def number(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            lfmt, _, lstart = levels.get(level, ("decimal", "", 1))
            return _format_number(counters.get(level, lstart), lfmt)

        return re.sub(r"%(\d)", number, text).strip()


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(f"{_W}{attr}")


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


# ---------------------------------------------------------------------------------------------- HTML

_DROP_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "button", "select"}
# Blocks separated by a blank line (paragraph-like) and by a single line break (containers, rows).
_PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "address"}
_LINE_TAGS = {
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "nav",
    "aside",
    "ul",
    "ol",
    "dl",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "caption",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
    "body",
}


# Block boundary markers (private-use characters), resolved to line breaks once the walk is done.
_LINE, _PARA = "\ue000", "\ue001"


def _read_html(data: bytes) -> str:
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

    if _looks_binary(data):
        raise BinaryFile("not a text document (binary data)")
    try:
        soup = BeautifulSoup(data, "lxml")
    except Exception as exc:  # lxml parses almost anything; this is for truly broken input
        raise CorruptFile(f"corrupt HTML ({_first_line(exc)})") from exc

    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    parts: list[str] = []
    # Iterative walk: real-world HTML can nest deeper than Python's recursion limit.
    stack: list = [(soup, False)]
    ol_counters: list[int] = []
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.name == "ol":
                ol_counters.pop()
            parts.append(_PARA if node.name in _PARAGRAPH_TAGS else _LINE if node.name in _LINE_TAGS else "")
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, skip):
                continue
            in_pre = any(parent.name == "pre" for parent in node.parents)
            parts.append(str(node) if in_pre else re.sub(r"\s+", " ", str(node)))
            continue
        name = node.name
        if name in _DROP_TAGS:
            continue
        if name == "br":
            parts.append("\n")
            continue
        if name in ("td", "th"):
            parts.append("\t")
        if name in _PARAGRAPH_TAGS:
            parts.append(_PARA)
        elif name in _LINE_TAGS:
            parts.append(_LINE)
        if name == "ol":
            try:
                ol_counters.append(int(node.get("start", 1)) - 1)
            except ValueError:
                ol_counters.append(0)
        if name == "li" and ol_counters and getattr(node.find_parent(["ol", "ul"]), "name", None) == "ol":
            ol_counters[-1] += 1
            parts.append(f"{ol_counters[-1]}. ")
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.children)))
    # A run of block boundaries is one break: a blank line if any paragraph-like block ends or starts
    # there, else a single line break ("</div><div>" is one line break, not two).
    text = re.sub(
        f"[ \\t\\n]*[{_LINE}{_PARA}][ \\t\\n{_LINE}{_PARA}]*",
        lambda m: "\n\n" if _PARA in m.group() else "\n",
        "".join(parts),
    )
    # Collapse the spaces left around line breaks and tabs by inline whitespace.
    text = re.sub(r"[ ]*\n[ ]*", "\n", text)
    return re.sub(r"\t[ ]+|[ ]+\t", "\t", text)
