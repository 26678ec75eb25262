import json

import pytest

from mandates.errors import ApplicationError, TransitionNotAllowed
from mandates.extraction.fulfilment import find_fulfilment
from mandates.models import Mandate
from mandates.services.fulfilment import document_fulfil, fulfilment_undo, instrument_record_adoption
from mandates.services.workflow import mandate_set_status
from tests import builders
from tests.conftest import FIXTURES

SEED = "004_744464a0601c5378"
SEED_TEXT = (FIXTURES / "seeds" / f"{SEED}.txt").read_text()
GOLD = json.loads((FIXTURES / "gold" / f"{SEED}.fulfils.json").read_text())


# --- reading the report (plain Python) -------------------------------------------------------------


def test_the_seed_report_says_it_answers_resolution_75_196_as_the_gold_file_does():
    found = find_fulfilment(SEED_TEXT)

    assert found.labels == GOLD["prepared_pursuant_to"]
    assert (found.symbol or None) == GOLD["symbol_if_printed"]
    # "* A/76/50." is the agenda footnote of the General Assembly's seventy-sixth session.
    assert (found.session_body, found.session_number) == ("General Assembly", 76)


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "The present report is submitted in accordance with Economic and Social Council\n"
            "resolution 2021/15 and General Assembly decision 74/550 B.",
            ["Economic and Social Council resolution 2021/15", "General Assembly decision 74/550 B"],
        ),
        (
            "This note is transmitted in response to resolution 30/1 of the Commission on Narcotic Drugs.",
            ["Commission on Narcotic Drugs resolution 30/1"],
        ),
        (
            "The present report, prepared pursuant to General Assembly resolutions 75/196 and 76/187, covers 2021.",
            ["General Assembly resolution 75/196", "General Assembly resolution 76/187"],
        ),
        (
            "The present report provides information, as requested by the General Assembly in its\n\n"
            "resolution 75/196.",
            ["General Assembly resolution 75/196"],
        ),
        ("In accordance with resolution 8/9 of the Conference, the Office assisted States.", []),
        ("UNODC worked pursuant to Security Council resolution 2396 (2017) on foreign fighters.", []),
    ],
)
def test_only_what_the_report_says_about_itself_counts(text, labels):
    assert find_fulfilment(text).labels == labels


def test_a_printed_general_assembly_symbol_gives_the_report_and_its_session():
    found = find_fulfilment("A/77/120\n\nGeneral Assembly\n\nThe present report is submitted pursuant to resolution")

    assert (found.symbol, found.session_number) == ("A/77/120", 77)


# --- linking and marking (database) ----------------------------------------------------------------


@pytest.fixture
def res_75_196(db):
    ga = builders.body("General Assembly")
    return builders.instrument(label="Resolution 75/196", symbol="A/RES/75/196", adopting_body=ga)


def seed_report():
    return builders.document(text=SEED_TEXT, source_key=f"{SEED}.txt", filename=f"{SEED}.txt")


@pytest.mark.django_db
def test_the_seed_report_marks_the_mandate_due_at_ga_76_submitted(res_75_196, alice):
    due_76 = builders.mandate(instrument=res_75_196, due_session_number=76)
    due_77 = builders.mandate(instrument=res_75_196, due_session_number=77)
    views = builders.mandate(
        instrument=res_75_196,
        due_session_number=76,
        category=Mandate.Category.INFORMATION,
        responsible_entity=builders.entity("Member States"),
    )
    other = builders.mandate(instrument=builders.instrument(symbol="A/RES/75/195"), due_session_number=76)
    report = seed_report()

    marked = document_fulfil(report, by=alice)

    assert [m.pk for m in marked] == [due_76.pk]
    statuses = dict(Mandate.objects.values_list("pk", "status"))
    assert statuses == {due_76.pk: "submitted", due_77.pk: "pending", views.pk: "pending", other.pk: "pending"}
    due_76.refresh_from_db()
    assert (due_76.submitted_symbol, due_76.submitted_document) == (f"{SEED}.txt", report)
    change = due_76.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("pending", "submitted", alice)
    assert "prepared pursuant to General Assembly resolution 75/196" in change.note
    report.refresh_from_db()
    assert report.prepared_pursuant_to == ["General Assembly resolution 75/196"]


@pytest.mark.django_db
def test_fulfilling_again_marks_nothing_new(res_75_196):
    builders.mandate(instrument=res_75_196, due_session_number=76)
    report = seed_report()
    document_fulfil(report)

    assert document_fulfil(report) == []
    assert Mandate.objects.get().status_changes.count() == 1


@pytest.mark.django_db
def test_a_resolution_of_another_body_with_the_same_number_is_not_matched():
    cnd = builders.body("Commission on Narcotic Drugs")
    inst = builders.instrument(label="Resolution 75/196", symbol="75/196", adopting_body=cnd)
    mandate = builders.mandate(instrument=inst, due_session_number=76)

    assert document_fulfil(seed_report()) == []
    mandate.refresh_from_db()
    assert mandate.status == "pending"


@pytest.mark.django_db
def test_without_a_known_session_the_earliest_open_mandate_to_that_body_is_marked(res_75_196):
    first = builders.mandate(instrument=res_75_196, due_session_number=78)
    later = builders.mandate(instrument=res_75_196, due_session_number=79)
    report = builders.document(text="The present report is submitted pursuant to General Assembly resolution 75/196.")

    assert document_fulfil(report) == [first]
    later.refresh_from_db()
    assert later.status == "pending"


@pytest.mark.django_db
def test_undo_returns_the_mandate_to_its_previous_status(res_75_196, alice):
    mandate = builders.mandate(instrument=res_75_196, due_session_number=76)
    mandate_set_status(mandate=mandate, status="in_preparation", by=alice)
    document_fulfil(seed_report(), by=alice)
    mandate.refresh_from_db()
    assert mandate.status == "submitted"

    fulfilment_undo(mandate=mandate, by=alice)

    mandate.refresh_from_db()
    assert (mandate.status, mandate.submitted_symbol, mandate.submitted_document) == ("in_preparation", "", None)
    assert mandate.status_changes.first().note == f"Fulfilment by {SEED}.txt undone."


@pytest.mark.django_db
def test_undo_of_a_mandate_that_is_not_submitted_is_refused(alice):
    mandate = builders.mandate()

    with pytest.raises(TransitionNotAllowed):
        fulfilment_undo(mandate=mandate, by=alice)


@pytest.mark.django_db
def test_a_draft_adopted_later_is_fulfilled_through_its_adopted_symbol(alice):
    ga = builders.body("General Assembly")
    commission_report = builders.document(symbol="E/2021/30")
    draft = builders.instrument(commission_report, label="Draft resolution I", is_draft=True, adopting_body=ga)
    mandate = builders.mandate(instrument=draft, due_session_number=77)
    report = builders.document(
        text="A/77/120\n\nThe present report is submitted pursuant to General Assembly resolution 76/187."
    )
    assert document_fulfil(report) == []  # nobody knows yet that the draft became 76/187

    instrument_record_adoption(instrument=draft, adopted_symbol=" a/res/76/187 ", by=alice)

    draft.refresh_from_db()
    mandate.refresh_from_db()
    assert (draft.adopted_symbol, draft.session_number) == ("A/RES/76/187", 76)
    assert (mandate.status, mandate.submitted_symbol) == ("submitted", "A/77/120")


@pytest.mark.django_db
def test_an_adopted_symbol_that_is_not_a_symbol_is_refused(alice):
    draft = builders.instrument(label="Draft resolution II", is_draft=True)

    with pytest.raises(ApplicationError):
        instrument_record_adoption(instrument=draft, adopted_symbol="adopted last week", by=alice)
