"""The Needs review pages and the review decisions from the dashboard: who may, and what each records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mandates.models import Mandate, ReviewDecision
from tests import builders

pytestmark = pytest.mark.django_db

R = Mandate.ReviewState


def _post_urls(m: Mandate) -> list[tuple[str, dict]]:
    return [
        (reverse("mandates:mandate_confirm", args=[m.pk]), {}),
        (reverse("mandates:mandate_reject", args=[m.pk]), {"reason": "no"}),
        (reverse("mandates:mandate_reopen", args=[m.pk]), {}),
        (reverse("mandates:mandate_edit", args=[m.pk]), {"subject": "x"}),
    ]


def test_a_viewer_sees_the_queue_but_cannot_decide(client, bob):
    candidate = builders.candidate(subject="views on cybercrime")
    client.force_login(bob)

    page = client.get(reverse("mandates:review_list"))
    assert page.status_code == 200
    assert b"views on cybercrime" in page.content
    assert b'data-testid="confirm"' not in page.content  # no buttons for viewers
    for url, data in _post_urls(candidate):
        assert client.post(url, data).status_code == 403
    assert Mandate.all_objects.get(pk=candidate.pk).review_state == R.CANDIDATE
    assert not ReviewDecision.objects.exists()


def test_anonymous_users_are_sent_to_the_login(client):
    candidate = builders.candidate()
    assert "/accounts/login/" in client.get(reverse("mandates:review_list"))["Location"]
    for url, data in _post_urls(candidate):
        assert "/accounts/login/" in client.post(url, data)["Location"]
    assert not ReviewDecision.objects.exists()


def test_the_queue_lists_candidates_newest_first_and_per_document_in_text_order(client, bob):
    doc = builders.document()
    inst = builders.instrument(doc)
    later_in_text = builders.candidate(instrument=inst, paragraph_label="5", source_start=500, source_end=600)
    earlier_in_text = builders.candidate(instrument=inst, paragraph_label="2", source_start=100, source_end=200)
    elsewhere = builders.candidate()  # another document, found last
    builders.mandate(instrument=inst)  # tracked: not in the queue
    builders.mandate(instrument=inst, review_state=R.REJECTED)  # rejected: not in the queue
    client.force_login(bob)

    everything = client.get(reverse("mandates:review_list")).context["page"].object_list
    assert [m.pk for m in everything] == [elsewhere.pk, earlier_in_text.pk, later_in_text.pk]
    in_doc = client.get(reverse("mandates:review_document", args=[doc.pk]))
    assert [m.pk for m in in_doc.context["page"].object_list] == [earlier_in_text.pk, later_in_text.pk]
    assert in_doc.context["counts"] == {"mandates": 1, "waiting": 2}


def test_the_nav_shows_how_many_candidates_wait(client, bob):
    builders.candidate()
    builders.candidate()
    client.force_login(bob)
    page = client.get(reverse("mandates:overview"))
    assert b'data-testid="review-count">2</span>' in page.content


def test_an_editor_confirms_rejects_and_returns_to_review_from_the_queue(client, alice):
    one, two = builders.candidate(), builders.candidate()
    queue = reverse("mandates:review_list")
    client.force_login(alice)

    response = client.post(reverse("mandates:mandate_confirm", args=[one.pk]), {"next": queue})
    assert response["Location"] == queue
    client.post(reverse("mandates:mandate_reject", args=[two.pk]), {"reason": "preambular recollection"})
    client.post(reverse("mandates:mandate_reopen", args=[two.pk]), {"note": "wrong button"})

    decided = ReviewDecision.objects.order_by("id").values_list("mandate_id", "action", "reason", "decided_by")
    assert list(decided) == [
        (one.pk, "confirmed", "", alice.pk),
        (two.pk, "rejected", "preambular recollection", alice.pk),
        (two.pk, "reopened", "wrong button", alice.pk),
    ]


def test_next_never_leaves_the_site(client, alice):
    candidate = builders.candidate()
    client.force_login(alice)
    response = client.post(reverse("mandates:mandate_confirm", args=[candidate.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("mandates:mandate_detail", args=[candidate.pk])


def _form_data(form) -> dict:
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if k in form.fields}
    return {k: ("" if v is None else v) for k, v in data.items()}


def test_an_editor_corrects_and_confirms_a_candidate_and_the_page_shows_the_decision(client, alice):
    candidate = builders.candidate(due_session_number=None)
    url = reverse("mandates:mandate_edit", args=[candidate.pk])
    client.force_login(alice)
    page = client.get(url)
    assert b"Save and confirm" in page.content
    data = _form_data(page.context["form"]) | {"due_session_number": 81, "note": "session from paragraph 3"}

    response = client.post(url, data, follow=True)

    candidate = Mandate.objects.get(pk=candidate.pk)  # tracked now
    assert candidate.due_session_number == 81 and "due_session_number" in candidate.staff_edited_fields
    decision = ReviewDecision.objects.get(mandate=candidate)
    assert (decision.action, decision.changes, decision.reason) == (
        "corrected",
        {"due_session_number": [None, 81]},
        "session from paragraph 3",
    )
    history = response.content.decode()
    assert "Confirmed #" in history and 'data-testid="review-history"' in history
    assert "due_session_number" in history and "session from paragraph 3" in history


def test_a_candidate_is_confirmed_by_the_edit_form_even_without_changes(client, alice):
    candidate = builders.candidate()
    url = reverse("mandates:mandate_edit", args=[candidate.pk])
    client.force_login(alice)
    client.post(url, _form_data(client.get(url).context["form"]))
    assert ReviewDecision.objects.get(mandate=candidate).action == "confirmed"


def test_a_tracked_mandate_is_corrected_or_rejected_from_its_page(client, alice):
    tracked = builders.mandate()
    client.force_login(alice)
    page = client.get(reverse("mandates:mandate_detail", args=[tracked.pk])).content
    assert b"Correct fields" in page and b'data-testid="reject-form"' in page

    client.post(reverse("mandates:mandate_reject", args=[tracked.pk]), {"reason": "a duplicate of #1"})

    page = client.get(reverse("mandates:mandate_detail", args=[tracked.pk])).content
    assert b"Rejected:" in page and b"a duplicate of #1" in page and b"Return to review" in page
    assert b'data-testid="status-form"' not in page  # no status workflow for a rejected mandate


def test_a_candidate_page_explains_why_it_waits(client, bob):
    candidate = builders.candidate(review_reason="no session named", confidence=0.35)
    client.force_login(bob)
    page = client.get(reverse("mandates:mandate_detail", args=[candidate.pk])).content.decode()
    assert "Waiting for review." in page and "no session named" in page and "0.35" in page


def test_the_document_page_says_what_was_found_plainly(client, bob):
    empty = builders.document()
    builders.instrument(empty)
    full = builders.document()
    inst = builders.instrument(full)
    builders.mandate(instrument=inst)
    builders.mandate(instrument=inst, paragraph_label="2")
    builders.candidate(instrument=inst, paragraph_label="3")
    builders.mandate(instrument=inst, paragraph_label="4", review_state=R.REJECTED)
    client.force_login(bob)

    assert (
        "no mandates and no candidates for review"
        in client.get(reverse("mandates:document_detail", args=[empty.pk])).content.decode()
    )
    page = client.get(reverse("mandates:document_detail", args=[full.pk])).content.decode()
    assert "2 mandates, 1 waiting for review" in page
    assert page.count("Waiting for review</span>") == 1  # the candidate beside its paragraph, marked


def test_the_upload_result_says_how_many_mandates_and_candidates(client, alice, monkeypatch):
    from mandates.services import ingest

    text = (
        "The General Assembly,\n"
        "1. Requests the Secretary-General to submit to the General Assembly at its eightieth session a report "
        "on the implementation of the present resolution;\n"
    )
    real = ingest.extract_text

    def one_candidate(source):
        result = real(source)
        result.mandates[0].review = True
        return result

    monkeypatch.setattr(ingest, "extract_text", one_candidate)
    client.force_login(alice)
    upload = SimpleUploadedFile("A_RES_80_1.txt", text.encode(), content_type="text/plain")

    response = client.post(reverse("mandates:document_upload"), {"file": upload}, follow=True)

    assert "Ingested A_RES_80_1.txt: 0 mandates, 1 waiting for review (created)." in response.content.decode()


def test_a_confirmed_candidate_counts_on_the_overview_at_once(client, alice):
    due = timezone.localdate() + dt.timedelta(days=10)
    candidate = builders.candidate(document_due_on=due)
    client.force_login(alice)
    assert client.get(reverse("mandates:overview")).context["totals"]["open"] == 0
    client.post(reverse("mandates:mandate_confirm", args=[candidate.pk]))
    assert client.get(reverse("mandates:overview")).context["totals"]["open"] == 1
