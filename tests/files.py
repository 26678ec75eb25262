"""Generated input files for reader and ingestion tests: small, valid, built in memory."""

from __future__ import annotations

import io


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF with a text layer: one list of lines per page (Helvetica, ASCII only)."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for pid, lines in zip(page_ids, pages, strict=True):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {pid + 1} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf_file(objects)


def blank_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF whose pages have no text, like a scan (pypdf writes it)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_file(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx_bytes(build) -> bytes:
    """A .docx made by python-docx: `build(document)` adds the content."""
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


RESOLUTION_LINES = [
    "Resolution adopted by the General Assembly",
    "78/999. A test resolution",
    "The General Assembly,",
    "Recalling its resolution 70/1,",
    "1. Requests the Secretary-General to submit a report to the General Assembly",
    "at its eightieth session;",
    "2. Decides to remain seized of the matter.",
]


def docx_bomb(unpacked_mib: int, *, parts: int = 1) -> bytes:
    """A valid .docx whose word/document.xml (and `parts - 1` more XML parts) unpack to `unpacked_mib` MiB
    each, of repeated paragraphs: a few hundred KB on disk (a "zip bomb").
    """
    import zipfile

    base = docx_bytes(lambda d: d.add_paragraph("Requests the Secretary-General to report."))
    src = zipfile.ZipFile(io.BytesIO(base))
    head, tail = src.read("word/document.xml").decode().split("<w:body>")
    para = "<w:p><w:r><w:t>Requests the Secretary-General to submit a report to the General Assembly.</w:t></w:r></w:p>"
    big = (head + "<w:body>" + para * (unpacked_mib * 1024 * 1024 // len(para)) + tail).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            z.writestr(item.filename, big if item.filename == "word/document.xml" else src.read(item.filename))
        for n in range(1, parts):
            z.writestr(f"word/padding{n}.xml", big)
    return out.getvalue()
