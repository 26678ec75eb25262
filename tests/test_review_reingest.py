"""Re-ingesting a document keeps every review decision (issue #8): a rejected mandate stays rejected, a
correction is never overwritten, a confirmed candidate stays tracked, and nothing comes back as new.

Goes through the real pipeline on a seed; only the review flags of chosen records are set by the test
(the recall net that produces candidates is built elsewhere).
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_text
from mandates.models import Mandate, ReviewDecision
from mandates.services import ingest
from mandates.services.ingest import document_ingest, mandate_natural_keys
from mandates.services.review import mandate_confirm, mandate_correct, mandate_reject
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

R = Mandate.ReviewState
SEED = FIXTURES / "seeds" / "002_eebce0b12b52e239.txt"
DATA = SEED.read_bytes()


@pytest.fixture
def extraction(monkeypatch):
    """Real extraction; records at `plan["review"]` become candidates, those at `plan["drop"]` vanish."""
    plan = {"review": set(), "drop": set()}

    def extract(text):
        result = extract_text(text)
        for mandate in result.mandates:  # the test decides which records are candidates, not the recall net
            mandate.review, mandate.confidence, mandate.review_reason = False, 1.0, ""
        for i in plan["review"]:
            result.mandates[i].review = True
            result.mandates[i].confidence = 0.3
            result.mandates[i].review_reason = "the grammar found no deadline"
        result.mandates = [m for i, m in enumerate(result.mandates) if i not in plan["drop"]]
        return result

    monkeypatch.setattr(ingest, "extract_text", extract)
    return plan


def version(n: int) -> bytes:
    """The seed's bytes with n trailing newlines: a new version whose extraction is the same."""
    return DATA + b"\n" * n


@pytest.fixture
def decided(extraction, alice):
    """Version 1 with five candidates, and decisions on four of them and on two confident mandates."""
    extraction["review"] = {0, 1, 2, 3, 4}
    first = document_ingest(data=version(0), filename=SEED.name, uploaded_by=alice)
    keys = mandate_natural_keys(extract_text(SEED.read_text()).mandates)
    assert len(set(keys)) == len(keys) >= 10
    rows = {i: Mandate.all_objects.get(instrument__document=first.document, natural_key=k) for i, k in enumerate(keys)}
    assert (first.mandates_tracked, first.candidates_waiting) == (len(keys) - 5, 5)

    mandate_confirm(mandate=rows[0], by=alice)
    mandate_correct(mandate=rows[1], by=alice, due_session_number=99, subject="corrected subject")
    mandate_reject(mandate=rows[2], by=alice, reason="recalls an earlier request")
    mandate_reject(mandate=rows[5], by=alice, reason="not a report")  # a confident one
    mandate_correct(mandate=rows[6], by=alice, subject="corrected too")  # a confident one
    return first.document, rows, len(keys)


def snapshot(document) -> dict:
    return {
        m.pk: (m.review_state, m.subject, m.due_session_number)
        for m in Mandate.all_objects.filter(instrument__document=document)
    }


def people_decisions() -> list:
    return list(
        ReviewDecision.objects.exclude(action="extracted").order_by("id").values_list("mandate_id", "action", "changes")
    )


def test_a_new_version_keeps_every_decision_and_brings_nothing_back(extraction, decided, alice):
    document, rows, total = decided
    before, made = snapshot(document), people_decisions()
    # The new version: the same candidates again, except that record 4 is now confident, and record 7 (a
    # tracked mandate nobody reviewed) is now doubted by the extraction.
    extraction["review"] = {0, 1, 2, 3, 7}

    outcome = document_ingest(data=version(1), filename=SEED.name)

    assert outcome.status == "updated" and outcome.document.version == 2
    assert outcome.mandates_created == outcome.mandates_removed == 0  # no mandate comes back as new
    after = snapshot(document)
    assert after.keys() == before.keys()
    assert after[rows[0].pk][0] == R.CONFIRMED
    assert after[rows[1].pk] == (R.CONFIRMED, "corrected subject", 99)  # the correction stands
    assert after[rows[2].pk][0] == after[rows[5].pk][0] == R.REJECTED  # rejected stays rejected
    assert after[rows[6].pk][1] == "corrected too"
    assert after[rows[3].pk][0] == R.CANDIDATE  # still waiting
    assert after[rows[4].pk][0] == R.CONFIRMED  # the extraction is now sure of it
    assert after[rows[7].pk][0] == R.CONFIRMED  # a tracked mandate is never silently untracked
    assert people_decisions() == made
    assert list(ReviewDecision.objects.filter(action="extracted").values_list("mandate_id", flat=True)) == [rows[4].pk]
    assert (outcome.mandates_tracked, outcome.candidates_waiting) == (total - 3, 1)
    assert outcome.summary().startswith(f"{total - 3} mandates, 1 waiting for review (updated, version 2: 0 new")


def test_a_rejected_clause_that_vanishes_and_returns_stays_rejected(extraction, decided):
    document, rows, _ = decided
    extraction["review"], extraction["drop"] = set(), {2, 3, 5}

    gone = document_ingest(data=version(1), filename=SEED.name)

    # Rejected mandates are decisions: kept while their clause is gone; the undecided candidate is removed.
    assert gone.mandates_removed == 1
    assert not Mandate.all_objects.filter(pk=rows[3].pk).exists()
    assert Mandate.all_objects.get(pk=rows[2].pk).review_state == R.REJECTED

    extraction["drop"] = set()
    back = document_ingest(data=version(2), filename=SEED.name)

    assert back.mandates_created == 1  # only the undecided candidate's clause, now confident
    for i in (2, 5):
        assert Mandate.all_objects.get(pk=rows[i].pk).review_state == R.REJECTED
    assert Mandate.all_objects.filter(instrument__document=document, review_state=R.REJECTED).count() == 2


def test_reextracting_the_same_bytes_keeps_decisions_too(extraction, decided):
    document, rows, _ = decided
    before, made = snapshot(document), people_decisions()

    outcome = document_ingest(data=version(0), filename=SEED.name, reextract=True)

    assert outcome.mandates_created == 0
    assert snapshot(document) == before and people_decisions() == made
