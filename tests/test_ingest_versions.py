"""Re-ingesting never moves what staff did to another obligation, and never flip-flops versions (issue #9).

The first tests hand-build extraction results (see tests/test_ingest.py); the last ones go through the real
reader and pipeline, on SQLite and, in CI, on PostgreSQL.
"""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command

from mandates.extraction.types import ParagraphRecord
from mandates.models import Document, DocumentFile, Mandate, StatusChange
from mandates.services.ingest import document_ingest, same_obligation
from mandates.services.workflow import mandate_set_status
from tests.conftest import FIXTURES
from tests.test_ingest import extraction, mandate_record, store

pytestmark = pytest.mark.django_db


def report(paragraph: str, topic: str, **fields):
    text = (
        f"Requests the Secretary-General to submit a report on {topic} to the General Assembly at its eightieth session"
    )
    return mandate_record(paragraph, subject=topic, text=text, **fields)


def paragraphs(*numbers: str) -> list[ParagraphRecord]:
    return [
        ParagraphRecord(n, "operative", f"paragraph {n}", 52 + 10 * i, 60 + 10 * i, i) for i, n in enumerate(numbers)
    ]


def test_replaced_paragraph_does_not_hand_its_status_and_history_to_a_new_clause(alice):
    """v1: reports on alpha, beta, gamma (¶1-3). v2: ¶3 is no mandate any more, ¶4 asks for delta."""
    store(
        extraction(
            [report("1", "alpha"), report("2", "beta"), report("3", "gamma")], paragraphs=paragraphs("1", "2", "3")
        )
    )
    gamma = Mandate.objects.get(subject="gamma")
    mandate_set_status(mandate=gamma, status=Mandate.Status.SUBMITTED, by=alice, submitted_symbol="A/80/123")

    v2 = extraction(
        [report("1", "alpha"), report("2", "beta"), report("4", "delta")], paragraphs=paragraphs("1", "2", "3", "4")
    )
    outcome = store(v2, content=b"v2")

    delta = Mandate.objects.get(subject="delta")
    assert delta.pk != gamma.pk
    assert delta.status == Mandate.Status.PENDING and delta.submitted_symbol == ""
    assert not StatusChange.objects.filter(mandate=delta).exists()
    gamma.refresh_from_db()
    assert gamma.status == Mandate.Status.SUBMITTED and gamma.submitted_symbol == "A/80/123"
    assert gamma.absent_since_version == 2  # kept, marked for staff to resolve
    assert StatusChange.objects.filter(mandate=gamma).count() == 1
    assert (outcome.mandates_created, outcome.mandates_kept) == (1, 1)
    assert any("gamma" in note and "no longer found" in note for note in outcome.notes)


def test_untouched_mandate_that_vanishes_is_reported_by_name():
    store(extraction([report("1", "alpha"), report("3", "gamma")], paragraphs=paragraphs("1", "3")))
    outcome = store(extraction([report("1", "alpha")], paragraphs=paragraphs("1", "3")), content=b"v2")
    assert outcome.mandates_removed == 1
    assert any("gamma" in note and "removed" in note for note in outcome.notes)


def test_clause_that_comes_back_clears_the_absent_mark(alice):
    store(extraction([report("1", "alpha"), report("3", "gamma")], paragraphs=paragraphs("1", "3")))
    gamma = Mandate.objects.get(subject="gamma")
    mandate_set_status(mandate=gamma, status=Mandate.Status.IN_PREPARATION, by=alice)
    store(extraction([report("1", "alpha")], paragraphs=paragraphs("1", "3")), content=b"v2")
    gamma.refresh_from_db()
    assert gamma.absent_since_version == 2

    store(extraction([report("1", "alpha"), report("3", "gamma")], paragraphs=paragraphs("1", "3")), content=b"v3")
    gamma.refresh_from_db()
    assert gamma.absent_since_version is None and gamma.status == Mandate.Status.IN_PREPARATION


def test_renumbered_clause_keeps_its_status(alice):
    store(extraction([report("1", "alpha"), report("2", "beta")], paragraphs=paragraphs("1", "2")))
    beta = Mandate.objects.get(subject="beta")
    mandate_set_status(mandate=beta, status=Mandate.Status.IN_PREPARATION, by=alice)

    store(extraction([report("1", "alpha"), report("3", "beta")], paragraphs=paragraphs("1", "2", "3")), content=b"v2")

    beta.refresh_from_db()
    assert beta.paragraph_label == "3" and beta.status == Mandate.Status.IN_PREPARATION
    assert beta.absent_since_version is None


def test_same_report_with_a_new_deadline_is_the_same_obligation(alice):
    store(extraction([report("1", "alpha")], paragraphs=paragraphs("1")))
    alpha = Mandate.objects.get()
    mandate_set_status(mandate=alpha, status=Mandate.Status.IN_PREPARATION, by=alice)
    later = mandate_record(
        "1",
        subject="alpha",
        due_session=81,
        text="Requests the Secretary-General to submit a report on alpha to the General Assembly at its eighty-first session",
    )
    store(extraction([later], paragraphs=paragraphs("1")), content=b"v2")
    alpha.refresh_from_db()
    assert alpha.due_session_number == 81 and alpha.status == Mandate.Status.IN_PREPARATION


@pytest.mark.parametrize(
    ("old_subject", "old_text", "new_subject", "new_text", "same"),
    [
        ("gamma", "a report on gamma to it", "delta", "a report on delta to it", False),
        ("x", "Requests a report on gamma", "y", "Requests  a REPORT on gamma", True),
        (
            "alpha",
            "a report on alpha at its eightieth session",
            "alpha",
            "a report on alpha at its eighty-first session",
            True,
        ),
        ("alpha", "a report on alpha", "alpha", "an entirely different text about other matters and things", False),
    ],
)
def test_same_obligation(old_subject, old_text, new_subject, new_text, same):
    old = Mandate(subject=old_subject, source_text=old_text)
    assert same_obligation(old, {"subject": new_subject, "source_text": new_text}) is same


# ------------------------------------------------------------------------------------------ real files


def test_pdf_and_text_of_one_resolution_make_one_version_on_every_rerun(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "pdf" / "A_RES_78_292.pdf", folder)
    shutil.copy(FIXTURES / "ga78" / "docs" / "A_RES_78_292.txt", folder)

    call_command("ingest", str(folder))
    history = Mandate.history.count()
    for _ in range(2):
        call_command("ingest", str(folder))

    document = Document.objects.get(symbol="A/RES/78/292")
    assert document.version == 1
    assert DocumentFile.objects.filter(document=document).count() == 2
    assert Mandate.objects.filter(instrument__document=document).exists()
    assert Mandate.history.count() == history  # mandates not rewritten by the reruns
    assert "same mandates as version 1" in capsys.readouterr().out


def test_a_real_difference_between_two_files_is_a_new_version_once(tmp_path):
    text = (FIXTURES / "ga78" / "docs" / "A_RES_78_292.txt").read_text(encoding="utf-8")
    first = document_ingest(data=text.encode(), filename="A_RES_78_292.txt")
    n = Mandate.objects.count()
    changed = text.replace("General Assembly at its eighty-first", "General Assembly at its eighty-second", 1)
    assert changed != text
    second = document_ingest(data=changed.encode(), filename="A_RES_78_292-corrected.txt")
    again = [document_ingest(data=t.encode(), filename="f.txt").status for t in (text, changed, text)]

    assert first.status == "created"
    assert second.status == "updated" and second.document.version == 2
    assert again == ["unchanged"] * 3
    assert Document.objects.get().version == 2
    assert n >= 1


def test_staff_edits_do_not_make_another_file_of_the_same_text_a_new_version(alice):
    from mandates.services.ingest import mandate_edit

    text = FIXTURES / "ga78" / "docs" / "A_RES_78_292.txt"
    first = document_ingest(data=text.read_bytes(), filename=text.name)
    mandate = Mandate.objects.filter(instrument__document=first.document).first()
    mandate_edit(mandate=mandate, by=alice, recurrence="annual", subject="checked by staff")

    pdf = FIXTURES / "pdf" / "A_RES_78_292.pdf"
    second = document_ingest(data=pdf.read_bytes(), filename=pdf.name)

    assert second.status == "unchanged" and second.document.version == 1
    mandate.refresh_from_db()
    assert (mandate.recurrence, mandate.subject) == ("annual", "checked by staff")
