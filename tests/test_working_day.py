"""Issue 10, "What staff reach for first": owners, the overview's to-do lists, the list, bulk actions, notes,
search, trace to the source, calendar, reminder preview, document page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mandates.models import Contact, Mandate, MandateNote, SavedFilter, StatusChange
from mandates.services.flags import mandates_flag
from mandates.services.reminders import reminders_preview, reminders_send
from mandates.services.workflow import mandate_set_owner, mandates_bulk_set_owner, mandates_bulk_set_status
from tests import builders

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST = reverse("mandates:mandate_list")


def due_in(days: int, **fields) -> Mandate:
    """An open mandate whose document is due `days` from today, flagged as of today."""
    due = TODAY + dt.timedelta(days=days)
    mandate = builders.mandate(document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10), **fields)
    mandates_flag(today=TODAY)
    mandate.refresh_from_db()
    return mandate


@pytest.fixture
def editor(client, alice):
    client.force_login(alice)
    return client


# --- Owners and reminders --------------------------------------------------------------------------------


def test_an_owned_mandate_is_reminded_to_its_owner_first_and_to_the_contacts_once_due(alice, bob):
    sg = builders.entity("Secretary-General")
    Contact.objects.create(email="sg-desk@un.org", entity=sg)
    upcoming = due_in(20, responsible_entity=sg)
    overdue = due_in(-5, responsible_entity=sg)
    unowned = due_in(21, responsible_entity=sg)
    for m in (upcoming, overdue):
        mandate_set_owner(mandate=m, owner=alice, backup_owner=bob, by=alice)

    reminders_send(today=TODAY)

    sent = {message.to[0]: message.body for message in mail.outbox}
    assert set(sent) == {"alice@example.org", "bob@example.org", "sg-desk@un.org"}
    # The owner and the backup hear about both; the entity's desk only about the overdue one and the unowned one.
    assert (
        f"/mandates/{upcoming.pk}/" in sent["alice@example.org"]
        and f"/mandates/{overdue.pk}/" in sent["bob@example.org"]
    )
    assert f"/mandates/{upcoming.pk}/" not in sent["sg-desk@un.org"]
    assert f"/mandates/{overdue.pk}/" in sent["sg-desk@un.org"] and f"/mandates/{unowned.pk}/" in sent["sg-desk@un.org"]


def test_owner_changes_are_in_the_field_history_and_owner_and_backup_differ(alice, bob):
    from mandates.errors import ApplicationError

    mandate = builders.mandate()
    mandate_set_owner(mandate=mandate, owner=alice, by=bob)
    record = mandate.history.order_by("-history_id").first()
    assert (record.owner_id, record.history_user_id) == (alice.pk, bob.pk)
    with pytest.raises(ApplicationError):
        mandate_set_owner(mandate=mandate, backup_owner=alice, by=bob)


def test_my_mandates_lists_what_i_own_or_back_up(editor, alice, bob):
    mine, backed, theirs = builders.mandate(), builders.mandate(), builders.mandate()
    mandate_set_owner(mandate=mine, owner=alice)
    mandate_set_owner(mandate=backed, owner=bob, backup_owner=alice)
    mandate_set_owner(mandate=theirs, owner=bob)

    response = editor.get(LIST, {"mine": "on"})

    assert {m.pk for m in response.context["page"].object_list} == {mine.pk, backed.pk}
    assert b"My mandates" in response.content


# --- Bulk actions ----------------------------------------------------------------------------------------


def test_bulk_status_goes_through_the_workflow_and_reports_what_it_refused(alice):
    pending, considered = builders.mandate(), builders.mandate(status="considered")

    outcome = mandates_bulk_set_status(ids=[pending.pk, considered.pk], status="in_preparation", by=alice, note="batch")

    assert outcome.changed == [pending.pk] and "considered" in outcome.refused[considered.pk]
    change = StatusChange.objects.get(mandate=pending)
    assert (change.to_status, change.changed_by, change.note) == ("in_preparation", alice, "batch")


def test_bulk_actions_from_the_list(editor, alice, bob):
    a, b, c = builders.mandate(), builders.mandate(), builders.mandate()

    response = editor.post(
        reverse("mandates:mandate_bulk"), {"ids": [a.pk, b.pk], "action": "status", "status": "in_preparation"}
    )
    assert response.status_code == 302
    assert StatusChange.objects.filter(to_status="in_preparation", changed_by=alice).count() == 2
    editor.post(reverse("mandates:mandate_bulk"), {"ids": [b.pk, c.pk], "action": "owner", "owner": bob.pk})
    owners = dict(Mandate.objects.values_list("pk", "owner_id"))
    assert owners == {a.pk: None, b.pk: bob.pk, c.pk: bob.pk}
    assert Mandate.history.filter(id=c.pk, owner_id=bob.pk, history_user=alice).exists()


def test_a_viewer_cannot_use_bulk_actions(client, bob):
    m = builders.mandate()
    client.force_login(bob)
    assert client.post(reverse("mandates:mandate_bulk"), {"ids": [m.pk], "action": "owner"}).status_code == 403


def test_bulk_owner_assignment_service(alice, bob):
    a = builders.mandate()
    assert mandates_bulk_set_owner(ids=[a.pk, 999999], owner=bob, by=alice).refused == {999999: "not a tracked mandate"}


# --- Overview --------------------------------------------------------------------------------------------


def test_the_overview_lists_what_is_overdue_and_due_next_with_owner_and_days(editor, alice):
    late = due_in(-12, subject="late report on cybercrime")
    soon = due_in(10, subject="report on youth crime prevention")
    later = due_in(60, subject="a report for next year")
    mandate_set_owner(mandate=soon, owner=alice)

    response = editor.get(reverse("mandates:overview"))

    todo = response.context["todo"]
    assert [m.pk for m in todo["overdue"]["rows"]] == [late.pk]
    assert [m.pk for m in todo["due_next"]["rows"]] == [soon.pk]
    html = response.content.decode()
    assert "12 days overdue" in html and "10 days left" in html
    assert f'href="/mandates/{soon.pk}/"' in html and "alice" in html
    assert later.subject not in html
    # The list behind it answers the same question with the same selector.
    listed = editor.get(LIST, {"when": "next6"}).context["page"].object_list
    assert [m.pk for m in listed] == [soon.pk]
    assert response.context["totals"]["overdue"] == todo["overdue"]["count"] == 1


# --- The list --------------------------------------------------------------------------------------------


def test_the_list_orders_by_due_date_undated_last_and_shows_instrument_and_body(editor):
    undated = builders.mandate(
        instrument=builders.instrument(symbol="A/RES/80/1", title="Oceans and the law of the sea")
    )
    later, sooner = due_in(40), due_in(5)

    response = editor.get(LIST)

    assert [m.pk for m in response.context["page"].object_list] == [sooner.pk, later.pk, undated.pk]
    html = response.content.decode()
    assert "Oceans and the law of the sea" in html and 'href="https://undocs.org/A/RES/80/1"' in html
    assert "5 days left" in html and 'type="checkbox" name="status"' in html


def test_the_instrument_filter_searches_symbol_or_title(editor):
    ocean = builders.mandate(instrument=builders.instrument(adopted_symbol="A/RES/80/1", title="Oceans"))
    other = builders.mandate(instrument=builders.instrument(title="Cybercrime"))

    def listed(value):
        return {m.pk for m in editor.get(LIST, {"instrument": value}).context["page"].object_list}

    assert listed("a/res/80/1") == {ocean.pk}
    assert listed("cyber") == {other.pk}
    assert listed(str(ocean.instrument_id)) == {ocean.pk}


def test_saved_filters_belong_to_their_user(editor, alice, bob):
    editor.post(reverse("mandates:saved_filter_save"), {"name": "My GA", "query": "mine=on&page=3"})
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.query) == (alice, "mine=on")
    assert b"My GA" in editor.get(LIST).content
    editor.force_login(bob)
    assert b"My GA" not in editor.get(LIST).content
    editor.post(reverse("mandates:saved_filter_delete", args=[saved.pk]))
    assert SavedFilter.objects.exists()  # not bob's to remove


# --- Notes -----------------------------------------------------------------------------------------------


def test_a_note_is_added_to_the_thread_and_shown(editor, alice, client):
    m = builders.mandate()
    editor.post(reverse("mandates:mandate_note", args=[m.pk]), {"text": "Draft sent to DESA for comments"})
    note = MandateNote.objects.get()
    assert (note.mandate, note.author) == (m, alice)
    assert (
        "Draft sent to DESA for comments"
        in editor.get(reverse("mandates:mandate_detail", args=[m.pk])).content.decode()
    )
    assert editor.post(reverse("mandates:mandate_note", args=[m.pk]), {"text": "  "}).status_code == 302
    assert MandateNote.objects.count() == 1


# --- Search ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["secretary general", "SECRETARY-GENERAL", "eighty-first session", "eighty first session", "A/RES/78/292"],
)
def test_search_finds_what_people_type(editor, typed):
    text = "Requests the Secretary-\nGeneral to submit to the General Assembly at its eighty-first\nsession a report"
    doc = builders.document(symbol="A/RES/78/292")
    hit = builders.mandate(instrument=builders.instrument(doc), source_text=text, subject="oceans")
    builders.mandate(
        source_text="Invites Member States to consider the eightieth session",
        subject="other",
        responsible_entity=builders.entity("United Nations Office on Drugs and Crime"),
    )

    found = {m.pk for m in editor.get(LIST, {"q": typed}).context["page"].object_list}

    assert found == {hit.pk}


# --- Trace to the source ---------------------------------------------------------------------------------


def test_the_original_file_is_kept_and_downloaded(editor, seed_paths):
    from mandates.services.ingest import document_ingest

    data = seed_paths[0].read_bytes()
    document = document_ingest(data=data, filename=seed_paths[0].name).document

    response = editor.get(reverse("mandates:document_original", args=[document.pk]))

    assert response.status_code == 200 and response.content == data
    assert seed_paths[0].name in response["Content-Disposition"]
    page = editor.get(reverse("mandates:document_detail", args=[document.pk])).content.decode()
    assert "Download the original" in page


def test_a_document_stored_before_files_were_kept_has_no_download(editor):
    doc = builders.document()
    assert editor.get(reverse("mandates:document_original", args=[doc.pk])).status_code == 404


def test_the_submitted_symbol_links_to_the_official_document(editor):
    m = builders.mandate(status="submitted", submitted_symbol="A/80/123")
    html = editor.get(reverse("mandates:mandate_detail", args=[m.pk])).content.decode()
    assert 'href="https://undocs.org/A/80/123"' in html


# --- Document page ---------------------------------------------------------------------------------------


def test_the_document_page_prints_paragraph_numbers_once_and_no_markdown(editor, seed_paths):
    from mandates.services.ingest import document_ingest

    for path in seed_paths:
        document = document_ingest(data=path.read_bytes(), filename=path.name).document
        html = editor.get(reverse("mandates:document_detail", args=[document.pk])).content.decode()
        assert "*Requests*" not in html and "](#)" not in html, path.name
        for number in ("1", "2", "3"):
            assert f'<span class="no">{number}.</span>{number}.' not in html


# --- Calendar and reminder preview -----------------------------------------------------------------------


def test_the_calendar_shows_due_dates_and_session_openings_filtered_like_the_list(editor):
    first = TODAY.replace(day=1)
    ga = builders.body()
    builders.session(ga, 81, start_date=first + dt.timedelta(days=3))
    shown = due_in((first + dt.timedelta(days=9) - TODAY).days, subject="shown report")
    builders.mandate(document_due_on=first + dt.timedelta(days=9), subject="filtered out", status="submitted")

    response = editor.get(reverse("mandates:calendar"), {"month": first.strftime("%Y-%m"), "status": "pending"})

    days = {d["date"]: d for week in response.context["weeks"] for d in week}
    assert [m.pk for m in days[first + dt.timedelta(days=9)]["due"]] == [shown.pk]
    assert [s.number for s in days[first + dt.timedelta(days=3)]["sessions"]] == [81]
    assert "GA 81 opens" in response.content.decode() or "81 opens" in response.content.decode()


def test_the_reminder_preview_shows_the_digest_a_recipient_would_get(editor, alice):
    late = due_in(-3, subject="late report on oceans")
    due_in(-4, subject="report somebody else owns", owner=None)
    mandate_set_owner(mandate=late, owner=alice)

    message = reminders_preview(recipient="alice@example.org", today=TODAY)
    assert message is not None and "late report on oceans" in message.body
    assert "somebody else" not in message.body

    page = editor.get(reverse("mandates:reminder_preview"), {"recipient": "alice@example.org"}).content.decode()
    assert "late report on oceans" in page and "1 report" in page
    assert mail.outbox == []  # a preview sends nothing
    reminders_send(today=TODAY)
    assert reminders_preview(recipient="alice@example.org", today=TODAY) is None  # already sent today


def test_the_backup_made_owner_stops_being_the_backup(alice, bob):
    mandate = builders.mandate()
    mandate_set_owner(mandate=mandate, owner=alice, backup_owner=bob)
    assert mandates_bulk_set_owner(ids=[mandate.pk], owner=bob).changed == [mandate.pk]
    mandate.refresh_from_db()
    assert (mandate.owner, mandate.backup_owner) == (bob, None)


def test_no_raw_markdown_in_the_exports(editor):
    builders.mandate(
        subject="*Requests* a report",
        source_text="*Requests* the Secretary-General, recalling [46/152](#), to report",
        document_due_on=TODAY,
    )
    for name in ("mandates:export_csv", "mandates:export_ics", "mandates:api_mandates"):
        response = editor.get(reverse(name))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode().replace("\r\n ", "")  # iCalendar folds long lines
        assert "*Requests*" not in text and "](#)" not in text and "46/152" in text, name


def test_search_finds_a_phrase_running_over_a_hyphenated_word(editor):
    hit = builders.mandate(source_text="Requests the Secretary-General to submit a report", subject="x")
    found = {m.pk for m in editor.get(LIST, {"q": "requests the secretary general to"}).context["page"].object_list}
    assert found == {hit.pk}


def test_my_mandates_in_the_subscribed_calendar_are_the_token_owners(client, alice):
    from mandates.exports import feed_token_for

    mine = due_in(10, subject="mine to write")
    due_in(12, subject="someone else's")
    mandate_set_owner(mandate=mine, owner=alice)
    token = feed_token_for(alice).token

    response = client.get(reverse("mandates:feed_ics", args=[token]), {"mine": "on"})

    text = b"".join(response.streaming_content).decode().replace("\r\n ", "")
    assert "mine to write" in text and "someone else" not in text
