"""Storing extraction results: created / unchanged / new version, staff edits kept, the ingest command.

Most tests hand-build ExtractionResult objects so they do not depend on the extraction pipeline; the
`real_extraction` tests at the end go through the real pipeline and fail if it breaks.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command

from mandates.errors import ApplicationError
from mandates.extraction.types import ExtractionResult, InstrumentRecord, MandateRecord, ParagraphRecord
from mandates.models import Body, Document, Entity, Instrument, Mandate, Paragraph
from mandates.services import ingest
from mandates.services.ingest import (
    NothingToIngest,
    document_ingest,
    document_store,
    mandate_edit,
    mandate_natural_keys,
)
from mandates.services.workflow import mandate_set_status
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

TEXT = (
    "The General Assembly,\n"
    "Recalling its resolution 70/1,\n"
    "1. Requests the Secretary-General to submit a report to the General Assembly at its eightieth session;\n"
    "2. Invites Member States to submit their views to the Commission on the Status of Women;\n"
    "3. Decides to remain seized of the matter.\n"
)


def mandate_record(paragraph: str = "1", **fields) -> MandateRecord:
    defaults = dict(
        instrument="Resolution 78/999",
        instrument_title="A test resolution",
        adopting_body="General Assembly",
        paragraph=paragraph,
        category="report",
        responsible_entity="Secretary-General",
        delivered_to="General Assembly",
        channel=None,
        due_body="General Assembly",
        due_session=80,
        due_event=None,
        recurrence=None,
        subject="implementation of the present resolution",
        start=52,
        end=150,
        text="Requests the Secretary-General to submit a report to the General Assembly at its eightieth session",
    )
    defaults.update(fields)
    return MandateRecord(**defaults)


def views_record(**fields) -> MandateRecord:
    return mandate_record(
        **{
            "paragraph": "2",
            "category": "information",
            "responsible_entity": "Member States",
            "delivered_to": "Commission on the Status of Women",
            "due_body": None,
            "due_session": None,
            "subject": "their views",
            "start": 155,
            "end": 240,
            "text": "Invites Member States to submit their views to the Commission on the Status of Women",
            **fields,
        },
    )


def extraction(mandates: list[MandateRecord] | None = None, *, symbol: str = "A/RES/78/999", paragraphs=None):
    paragraphs = paragraphs or [
        ParagraphRecord("", "preambular", "Recalling its resolution 70/1,", 22, 52, 0),
        ParagraphRecord("1", "operative", "Requests the Secretary-General to submit a report ...", 52, 150, 1),
        ParagraphRecord("2", "operative", "Invites Member States to submit their views ...", 155, 240, 2),
        ParagraphRecord("3", "operative", "Decides to remain seized of the matter.", 241, 283, 3),
    ]
    instrument = InstrumentRecord(
        label="Resolution 78/999",
        title="A test resolution",
        kind="resolution",
        is_draft=False,
        adopting_body="General Assembly",
        symbol="A/RES/78/999",
        session_number=78,
        paragraphs=paragraphs,
    )
    if mandates is None:
        mandates = [mandate_record(), views_record()]
    return ExtractionResult(text=TEXT, instruments=[instrument], mandates=mandates, symbol=symbol, title="Test")


def store(result: ExtractionResult, content: bytes = b"v1", filename: str = "A_RES_78_999.txt", **kw):
    return document_store(
        result=result,
        filename=filename,
        format="text",
        content_hash=hashlib.sha256(content).hexdigest(),
        size_bytes=len(content),
        **kw,
    )


def row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Document, Instrument, Paragraph, Mandate, Body, Entity, Mandate.history.model)
    }


@pytest.fixture
def fake_extraction(monkeypatch):
    """document_ingest with extract_text returning whatever the test puts in `results[text]` (default v1)."""
    results: dict[str, ExtractionResult] = {}

    def fake(text: str) -> ExtractionResult:
        return results.get(text) or extraction()

    monkeypatch.setattr(ingest, "extract_text", fake)
    return results


# -------------------------------------------------------------------------------------------- storing


def test_store_creates_document_instrument_paragraphs_bodies_entities_and_mandates():
    outcome = store(extraction())

    assert outcome.status == "created"
    assert (outcome.mandates_created, outcome.mandates_updated, outcome.mandates_removed) == (2, 0, 0)
    doc = outcome.document
    assert (doc.source_key, doc.symbol, doc.version, doc.text) == ("A/RES/78/999", "A/RES/78/999", 1, TEXT)
    inst = doc.instruments.get()
    assert (inst.label, inst.adopting_body.name, inst.session_number) == ("Resolution 78/999", "General Assembly", 78)
    assert list(inst.paragraphs.values_list("number", "kind")) == [
        ("", "preambular"),
        ("1", "operative"),
        ("2", "operative"),
        ("3", "operative"),
    ]
    report = Mandate.objects.get(paragraph_label="1")
    assert report.paragraph.number == "1"
    assert (report.responsible_entity.name, report.delivered_to.name, report.due_session_number) == (
        "Secretary-General",
        "General Assembly",
        80,
    )
    assert report.due_body == report.delivered_to == inst.adopting_body  # one Body row, reused
    assert len(report.natural_key) == 64
    assert report.history.count() == 1  # bulk creation still writes history
    views = Mandate.objects.get(paragraph_label="2")
    assert (views.due_body, views.due_session_number, views.due_event) == (None, None, "")
    assert sorted(Body.objects.values_list("name", flat=True)) == [
        "Commission on the Status of Women",
        "General Assembly",
    ]


def test_document_without_symbol_is_keyed_by_file_name():
    outcome = store(extraction(symbol=""), filename="draft-l9.docx")
    assert outcome.document.source_key == "draft-l9.docx"


def test_text_without_resolutions_or_decisions_stores_nothing():
    with pytest.raises(NothingToIngest, match="^no resolutions or decisions found$"):
        store(ExtractionResult(text="Minutes of a meeting.\nThe Chair opened the meeting.\n"))
    assert Document.objects.count() == 0


def test_a_resolution_without_numbered_operative_paragraphs_is_stored_with_zero_mandates():
    # Segmentation found a resolution, but no paragraph of it reads as operative: still a resolution.
    result = extraction(paragraphs=[ParagraphRecord("", "preambular", "Recalling", 0, 9)], mandates=[])
    outcome = store(result)
    assert outcome.status == "created" and outcome.mandates_total == 0
    assert outcome.summary() == "no mandates and no candidates for review (created)"
    assert outcome.document.instruments.count() == 1


def test_report_prepared_pursuant_to_a_resolution_is_stored_for_fulfilment(fake_extraction, monkeypatch):
    fulfilled = []
    monkeypatch.setattr(ingest.fulfilment, "document_fulfil", lambda d, by=None: fulfilled.append(d))
    text = "Summary\nThe present report has been prepared pursuant to General Assembly\n\nresolution 75/196.\n"
    fake_extraction[text] = ExtractionResult(text=text)

    outcome = document_ingest(data=text.encode(), filename="A_76_119.txt")

    assert outcome.status == "created" and outcome.mandates_total == 0
    assert outcome.notes == ["stored as a report answering a resolution or decision (no operative paragraphs)"]
    assert outcome.document.instruments.count() == 0
    assert fulfilled == [outcome.document]


@pytest.mark.parametrize(
    "text",
    [
        "This report is submitted in accordance with Economic and Social Council decision 2023/5.",
        "The note by the Secretariat is issued in response to Human Rights Council resolution 52/1.",
    ],
)
def test_report_phrasings_are_recognised(text):
    assert ingest.looks_like_report(text)


def test_document_that_only_mentions_resolutions_is_not_a_report():
    assert not ingest.looks_like_report("Recalling its resolution 70/1, the report was prepared in Vienna.")
    assert not ingest.looks_like_report(
        "Requests the Secretary-General, as requested in its resolution 76/1, to report"
    )


def test_any_document_is_stored_when_operative_paragraphs_are_not_required(fake_extraction):
    fake_extraction["Notes"] = ExtractionResult(text="Notes")
    with pytest.raises(NothingToIngest):
        document_ingest(data=b"Notes", filename="notes.md")
    outcome = document_ingest(data=b"Notes", filename="notes.md", require_operative=False)
    assert outcome.status == "created" and outcome.notes == []


def test_repeated_instrument_labels_get_their_own_mandates():
    para = [ParagraphRecord("1", "operative", "Requests ...", 0, 10)]
    first = InstrumentRecord("Draft resolution I", "Crime", "resolution", True, "General Assembly", start=0, end=100)
    second = InstrumentRecord("Draft resolution I", "Drugs", "resolution", True, "Economic and Social Council")
    second.start, second.end = 100, 200
    first.paragraphs, second.paragraphs = para, [replace(para[0], start=110, end=120)]
    result = ExtractionResult(
        text=TEXT,
        instruments=[first, second],
        mandates=[
            mandate_record(instrument="Draft resolution I", start=5, end=9),
            mandate_record(instrument="Draft resolution I", start=115, end=119),
        ],
    )

    outcome = store(result, filename="E_2021_30.txt")

    assert any("two instruments labelled" in note for note in outcome.notes)
    by_title = {m.instrument.title: m for m in Mandate.objects.select_related("instrument")}
    assert set(by_title) == {"Crime", "Drugs"}
    assert by_title["Drugs"].paragraph.start == 110


def test_bodies_match_existing_names_case_and_the_and_acronyms():
    ecosoc = Body.objects.create(name="Economic and Social Council", acronym="ECOSOC")
    store(
        extraction(
            [
                mandate_record(delivered_to="the general assembly", due_body="General  Assembly,"),
                views_record(delivered_to="ECOSOC"),
            ]
        )
    )
    assert Body.objects.filter(name__iexact="general assembly").count() == 1
    assert Mandate.objects.get(paragraph_label="2").delivered_to == ecosoc


def test_same_values_twice_in_one_instrument_get_distinct_keys():
    first = mandate_record(subject="a report on X")
    second = mandate_record(subject="a note on Y")
    keys = mandate_natural_keys([first, second])
    assert keys[0] != keys[1]
    store(extraction([first, second]))
    assert Mandate.objects.count() == 2


def test_natural_key_ignores_subject_and_offsets_but_not_due_session():
    base = mandate_record()
    assert mandate_natural_keys([base]) == mandate_natural_keys([replace(base, subject="other", start=9, end=99)])
    assert mandate_natural_keys([base]) != mandate_natural_keys([replace(base, due_session=81)])


def test_mandates_with_unknown_category_are_skipped_with_a_note():
    outcome = store(extraction([mandate_record(), views_record(category="wish")]))
    assert outcome.mandates_created == 1
    assert "unknown category 'wish'" in outcome.notes[0]


def test_storing_is_set_based(django_assert_max_num_queries):
    paragraphs = [ParagraphRecord(str(n), "operative", f"Paragraph {n}", n * 10, n * 10 + 9, n) for n in range(1, 61)]
    mandates = [mandate_record(str(n), responsible_entity=f"Entity {n % 5}") for n in range(1, 41)]
    # Queries do not grow with paragraphs, mandates, bodies or entities (5 new entities here), except for
    # SQLite's batches of 999 variables in the bulk inserts (a few per table here).
    with django_assert_max_num_queries(30):
        store(extraction(mandates, paragraphs=paragraphs))
    assert Paragraph.objects.count() == 60
    assert Mandate.objects.count() == 40


# ------------------------------------------------------------------------------------------ re-ingest


def test_same_content_again_changes_nothing(fake_extraction):
    first = document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")
    before = row_counts()
    stamps = list(Mandate.objects.order_by("id").values_list("id", "updated_at"))
    doc_stamp = Document.objects.get().updated_at

    again = document_ingest(data=TEXT.encode(), filename="copy-of-it.txt")

    assert first.status == "created" and again.status == "unchanged"
    assert again.document == first.document
    assert again.mandates_unchanged == 2 and again.mandates_created == again.mandates_updated == 0
    assert row_counts() == before
    assert list(Mandate.objects.order_by("id").values_list("id", "updated_at")) == stamps
    assert Document.objects.get().updated_at == doc_stamp


def test_new_version_updates_unedited_mandates_and_keeps_staff_edited_fields(alice):
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    views = Mandate.objects.get(paragraph_label="2")
    mandate_edit(mandate=report, by=alice, subject="Staff wording of the subject")

    v2 = extraction(
        [
            mandate_record(subject="extracted wording v2", recurrence="annual"),
            views_record(subject="their views and comments"),
        ]
    )
    outcome = store(v2, content=b"v2")

    assert outcome.status == "updated" and outcome.document.version == 2
    assert (outcome.mandates_created, outcome.mandates_updated, outcome.mandates_removed) == (0, 2, 0)
    assert outcome.mandates_staff_protected == 1
    report.refresh_from_db()
    views.refresh_from_db()
    assert report.subject == "Staff wording of the subject"  # staff edit kept
    assert report.recurrence == "annual"  # not edited: updated
    assert views.subject == "their views and comments"
    assert Document.objects.count() == 1 and Mandate.objects.count() == 2
    assert report.paragraph.number == "1"  # re-linked to the re-created paragraph


def test_new_version_deletes_untouched_mandates_but_keeps_staff_status_and_edits(alice):
    extra = mandate_record("3", responsible_entity="Office for Outer Space Affairs", subject="an update")
    store(extraction([mandate_record(), views_record(), extra]))
    report = Mandate.objects.get(paragraph_label="1")
    views = Mandate.objects.get(paragraph_label="2")
    mandate_set_status(mandate=report, status=Mandate.Status.IN_PREPARATION, by=alice)
    mandate_edit(mandate=views, by=alice, due_session_number=69)

    outcome = store(extraction([]), content=b"v2")

    assert outcome.mandates_removed == 1  # the untouched one
    assert outcome.mandates_kept == 2
    assert set(Mandate.objects.values_list("paragraph_label", flat=True)) == {"1", "2"}
    views.refresh_from_db()
    assert views.due_session_number == 69
    assert any("no longer found" in note for note in outcome.notes)


def test_kept_mandates_keep_their_instrument_when_it_vanishes(alice):
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    mandate_edit(mandate=report, by=alice, subject="checked")
    v2 = extraction([])
    v2.instruments[0].label = "Resolution 78/1000"

    store(v2, content=b"v2")

    report.refresh_from_db()
    assert report.instrument.label == "Resolution 78/999"
    assert Instrument.objects.count() == 2


def test_renumbered_paragraph_is_matched_to_the_same_mandate():
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    paragraphs = [
        ParagraphRecord("1", "operative", "Welcomes ...", 52, 60, 0),
        ParagraphRecord("2", "operative", "Requests the Secretary-General ...", 61, 150, 1),
    ]
    outcome = store(
        extraction([mandate_record("2"), views_record(paragraph="3")], paragraphs=paragraphs), content=b"v2"
    )

    assert outcome.mandates_created == 0 and outcome.mandates_removed == 0
    report.refresh_from_db()
    assert report.paragraph_label == "2" and report.paragraph.number == "2"


def test_corrected_recipient_updates_the_same_mandate_in_its_paragraph(alice):
    store(extraction())
    views = Mandate.objects.get(paragraph_label="2")
    mandate_edit(mandate=views, by=alice, subject="views on the report")

    outcome = store(extraction([mandate_record(), views_record(delivered_to="Human Rights Council")]), content=b"v2")

    views.refresh_from_db()
    assert outcome.mandates_created == 0 and outcome.mandates_kept == 0
    assert views.delivered_to.name == "Human Rights Council"
    assert views.subject == "views on the report"


def test_new_version_through_document_ingest_calls_the_hooks(fake_extraction, monkeypatch):
    calls = []
    monkeypatch.setattr(ingest.calendar, "sessions_record_from_document", lambda d: calls.append(("sessions", d)))
    monkeypatch.setattr(ingest.calendar, "mandates_schedule", lambda ms: calls.append(("schedule", len(ms))))
    monkeypatch.setattr(ingest.fulfilment, "document_fulfil", lambda d, by=None: calls.append(("fulfil", d)))

    outcome = document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")
    doc = outcome.document
    assert calls == [("sessions", doc), ("schedule", 2), ("fulfil", doc)]

    calls.clear()
    document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")
    assert calls == []  # unchanged: nothing to schedule

    v2_text = TEXT.replace("eightieth", "eighty-first")
    fake_extraction[v2_text + ""] = extraction([mandate_record(due_session=81)])
    outcome = document_ingest(data=v2_text.encode(), filename="A_RES_78_999.txt")
    assert outcome.status == "updated"
    assert calls == [("sessions", doc), ("schedule", 1), ("fulfil", doc)]


def test_reextract_applies_improved_extraction_to_the_same_bytes(fake_extraction, alice):
    document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")
    report = Mandate.objects.get(paragraph_label="1")
    mandate_edit(mandate=report, by=alice, subject="staff subject")
    fake_extraction[TEXT] = extraction(
        [mandate_record(recurrence="annual"), views_record(), views_record(paragraph="3")]
    )

    assert document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt").status == "unchanged"
    outcome = document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt", reextract=True)

    assert outcome.status == "updated" and outcome.document.version == 1
    assert outcome.mandates_created == 1
    report.refresh_from_db()
    assert (report.subject, report.recurrence) == ("staff subject", "annual")


def test_failing_hook_rolls_the_whole_ingestion_back(fake_extraction, monkeypatch):
    def broken(mandates):
        raise RuntimeError("calendar is down")

    monkeypatch.setattr(ingest.calendar, "mandates_schedule", broken)
    with pytest.raises(RuntimeError):
        document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")
    assert row_counts()["Document"] == row_counts()["Mandate"] == 0


def test_unreadable_file_stores_nothing(fake_extraction):
    with pytest.raises(ingest.ExtractionError, match="binary data"):
        document_ingest(data=b"\x00\x01\x02binary", filename="A.bin")
    assert Document.objects.count() == 0


def test_size_limit_comes_from_settings(settings, fake_extraction):
    settings.INGEST_MAX_BYTES = 10
    with pytest.raises(ingest.ExtractionError, match="file too large"):
        document_ingest(data=TEXT.encode(), filename="A_RES_78_999.txt")


# ------------------------------------------------------------------------------------------ staff edits


def test_mandate_edit_records_fields_and_who(alice):
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    csw = Body.objects.get(name="Commission on the Status of Women")

    mandate_edit(mandate=report, by=alice, due_body=csw, due_session_number=70, subject=report.subject)

    report.refresh_from_db()
    assert report.staff_edited_fields == ["due_body", "due_session_number"]  # subject did not change
    assert (report.due_body, report.due_session_number) == (csw, 70)
    assert report.history.first().history_user == alice


def test_mandate_edit_refuses_status_and_unknown_fields(alice):
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    with pytest.raises(ApplicationError, match="status workflow"):
        mandate_edit(mandate=report, by=alice, status="submitted")
    with pytest.raises(ApplicationError, match="no field 'colour'"):
        mandate_edit(mandate=report, by=alice, colour="red")


# ------------------------------------------------------------------------------------------- command


def test_ingest_command_reports_each_file_and_fails_at_the_end(tmp_path, fake_extraction, capsys):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "A_RES_78_999.txt").write_text(TEXT)
    (folder / "sub" / "copy.txt").write_text(TEXT)
    (folder / "A.bin").write_bytes(b"\x00\x01")  # not a known suffix in a folder: skipped
    bad = tmp_path / "A.bin"
    bad.write_bytes(b"\x7fELF\x00\x00\x01binary")

    with pytest.raises(CommandError) as exc:
        call_command("ingest", str(folder), str(bad))

    assert exc.value.returncode == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "[1/3] A_RES_78_999.txt: 2 mandates, 0 waiting for review (created)",
        "[2/3] copy.txt: 2 mandates, 0 waiting for review (unchanged)",
        "3 files: 1 created, 0 updated, 1 unchanged, 1 failed; 4 mandates, 0 waiting for review",
    ]
    assert err.splitlines() == ["A.bin: not a text document (binary data)"]
    assert Document.objects.count() == 1


ONE_PARAGRAPH = (
    "A/RES/78/998\nResolution adopted by the General Assembly on 22 December 2023\n"
    "78/998. Report of an office\nThe General Assembly,\n"
    "Having considered the report of the Office,\nTakes note of the report of the Office.\n"
)
NO_FORMULA = (
    "A/RES/78/997\nResolution adopted by the General Assembly on 19 December 2023\n"
    "[on the report of the Third Committee (A/78/482, para. 29)]\n78/997. Enhancing a commission\n"
    "Reaffirming its resolution 70/1 of 25 September 2015,\n"
    "1. Requests the Secretary-General to submit a report to the General Assembly at its eightieth session;\n"
)


@pytest.mark.real_extraction
def test_ingest_command_stores_real_resolutions_with_zero_mandates_and_exits_0(tmp_path, capsys):
    # Through the real pipeline: a one-paragraph resolution with no numbers, and one whose
    # "The General Assembly," line is missing, are resolutions; "no mandates" is a normal answer.
    (tmp_path / "A_RES_78_998.txt").write_text(ONE_PARAGRAPH)
    (tmp_path / "A_RES_78_997.txt").write_text(NO_FORMULA)

    call_command("ingest", str(tmp_path))  # raises CommandError (exit 1) if any file failed

    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "[1/2] A_RES_78_997.txt: 1 mandate, 0 waiting for review (created)",
        "[2/2] A_RES_78_998.txt: no mandates and no candidates for review (created)",
        "2 files: 2 created, 0 updated, 0 unchanged, 0 failed; 1 mandates, 0 waiting for review",
    ]
    one = Document.objects.get(symbol="A/RES/78/998")
    assert list(one.instruments.get().paragraphs.filter(kind="operative").values_list("number", "text")) == [
        ("1", "Takes note of the report of the Office.")
    ]


def test_ingest_command_succeeds_quietly(tmp_path, fake_extraction, capsys):
    path = tmp_path / "A_RES_78_999.txt"
    path.write_text(TEXT)
    call_command("ingest", str(path), "--quiet")
    out, err = capsys.readouterr()
    assert out == "1 file: 1 created, 0 updated, 0 unchanged, 0 failed; 2 mandates, 0 waiting for review\n"
    assert err == ""


def test_ingest_command_survives_a_bug_in_extraction(tmp_path, monkeypatch, capsys):
    def broken(text):
        raise IndexError("list index out of range\nsecond line")

    monkeypatch.setattr(ingest, "extract_text", broken)
    path = tmp_path / "A_RES_78_999.txt"
    path.write_text(TEXT)
    with pytest.raises(CommandError):
        call_command("ingest", str(path))
    _, err = capsys.readouterr()
    assert err == "A_RES_78_999.txt: unexpected error (IndexError: list index out of range)\n"


def test_benchmark_command_runs_and_cleans_up(capsys):
    call_command("benchmark_ingest", "--copies", "1", "--synthetic")
    out, _ = capsys.readouterr()
    assert "documents/s" in out
    assert Document.objects.count() == 0


# ---------------------------------------------------------------------------------------- PostgreSQL


@pytest.mark.services
def test_new_version_on_postgres_keeps_staff_edits(require_postgres, alice):
    store(extraction())
    report = Mandate.objects.get(paragraph_label="1")
    mandate_edit(mandate=report, by=alice, subject="staff subject")

    outcome = store(extraction([mandate_record(subject="v2", due_session=81)]), content=b"v2")

    report.refresh_from_db()
    assert outcome.status == "updated"
    assert (report.subject, report.due_session_number) == ("staff subject", 81)
    assert Mandate.objects.count() == 1  # the views mandate was untouched, so it went


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_of_a_new_document_do_not_collide_on_postgres(require_postgres):
    from django.db import connection

    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def upload():
        try:
            barrier.wait(timeout=10)
            outcomes.append(store(extraction()).status)
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(outcomes) == ["created", "unchanged"]
    assert Document.objects.count() == 1 and Mandate.objects.count() == 2


def test_review_candidates_are_stored_but_not_tracked():
    candidate = views_record(review=True, confidence=0.3, review_reason="no session, event or recurrence in the clause")
    store(extraction([mandate_record(), candidate]))
    assert list(Mandate.objects.values_list("paragraph__number", flat=True)) == ["1"]
    waiting = Mandate.all_objects.get(review_state=Mandate.ReviewState.CANDIDATE)
    assert waiting.paragraph.number == "2" and waiting.review_reason.startswith("no session")


# ------------------------------------------------------------------------- real extraction end to end


@pytest.mark.real_extraction
def test_real_seed_ingests_its_confident_mandates_and_is_idempotent():
    data = (FIXTURES / "seeds" / "000_fe94a4e9157510c7.txt").read_bytes()
    outcome = document_ingest(data=data, filename="000_fe94a4e9157510c7.txt")
    assert outcome.status == "created"
    assert outcome.mandates_created >= 9  # review candidates (issue #8) are not tracked mandates
    assert Mandate.all_objects.count() == outcome.mandates_created
    assert document_ingest(data=data, filename="again.txt").status == "unchanged"


@pytest.mark.real_extraction
def test_real_pdf_resolution_ingests_its_reporting_requests():
    data = (FIXTURES / "pdf" / "A_RES_78_292.pdf").read_bytes()
    outcome = document_ingest(data=data, filename="A_RES_78_292.pdf")
    assert outcome.document.format == "pdf"
    assert outcome.mandates_created >= 1
    assert Mandate.objects.filter(responsible_entity__name__icontains="Secretary-General").exists()


@pytest.mark.real_extraction
def test_real_seeds_folder_ingests_without_failures_as_setup_demo_does(capsys):
    call_command("ingest", str(FIXTURES / "seeds"), quiet=True)  # raises CommandError if any file failed
    out, err = capsys.readouterr()
    assert out.startswith("5 files: 5 created, 0 updated, 0 unchanged, 0 failed;")
    report = Document.objects.get(filename="004_744464a0601c5378.txt")
    assert report.instruments.count() == 0  # stored as a report, for fulfilment
