"""End to end in headless Chromium: log in, filter, open a mandate, change its status; screenshots for the README."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import ROOT, skip_or_fail

CHROMIUM = Path("/usr/bin/chromium")
# The README's screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1), so a test run never
# dirties the work tree; otherwise they go to a temporary folder and are still taken (and so tested).
UPDATE_SCREENSHOTS = os.environ.get("UPDATE_SCREENSHOTS") == "1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread, so Django sees the test's ORM calls as
    # "async unsafe". Set only while the browser runs: it must not leak into other tests (check --deploy).
    monkeypatch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            yield instance
        finally:
            instance.close()
            # ORM calls made while Playwright's loop runs get their own connection (Django keeps
            # connections per async context); close it here, or PostgreSQL cannot drop the test database.
            from django.db import connections

            connections.close_all()


@pytest.fixture
def screenshots(tmp_path) -> Path:
    folder = ROOT / "docs" / "screenshots" if UPDATE_SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_an_editor_filters_opens_a_mandate_and_changes_its_status(browser, live_server, alice, tmp_path):
    screenshots = tmp_path  # the README's screenshots come from the demo (test_a_working_day_on_the_demo)
    from mandates.models import Mandate, StatusChange
    from tests.e2e import data

    world = data.build()
    ccpcj = world["bodies"]["CCPCJ"]
    target = next(
        m for m in world["mandates"] if m.due_body == ccpcj and m.due_session_number == 36 and m.status == "pending"
    )
    alice.first_name, alice.last_name = "Alice", "Okafor"
    alice.save()

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # login is required
    page.fill("#id_username", "alice")
    page.fill("#id_password", "alice-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("count-overdue").inner_text().strip() != ""
    page.screenshot(path=str(screenshots / "overview.png"), full_page=True)

    # Filter: due at CCPCJ session 36.
    page.click("nav >> text=Mandates")
    page.select_option("#id_body", str(ccpcj.pk))
    page.fill("#id_session", "36")
    page.click("form[aria-label='Filter mandates'] button[type=submit]")
    page.wait_for_url("**/mandates/?*")
    rows = page.locator("[data-testid=mandate-table] tbody tr")
    expected = Mandate.objects.filter(due_body=ccpcj, due_session_number=36).count()
    assert rows.count() == expected
    assert f"{expected} mandate" in page.inner_text("main")
    page.screenshot(path=str(screenshots / "mandate-list.png"), full_page=True)

    # An invalid filter value says so instead of listing everything.
    page.goto(f"{live_server.url}/mandates/?session=abc")
    assert page.get_by_test_id("filter-errors").is_visible()
    assert page.locator("[data-testid=mandate-table] tbody tr").count() == 1  # the "no mandates" row
    page.go_back()

    # Open the mandate and move it to "in preparation".
    page.click(f"a[href='/mandates/{target.pk}/'] >> nth=0")
    page.wait_for_url(f"**/mandates/{target.pk}/")
    assert page.locator("mark").first.inner_text() == target.source_text
    page.select_option("#id_status", "in_preparation")
    page.fill("#id_note", "First draft with the Division for Treaty Affairs")
    page.click("[data-testid=status-form] button[type=submit]")
    page.wait_for_selector(".alert.success")
    assert "In preparation" in page.get_by_test_id("status-history").inner_text()
    page.screenshot(path=str(screenshots / "mandate.png"), full_page=True)

    page.click("text=Source document")
    page.wait_for_url(f"**/documents/{target.instrument.document_id}/")
    assert page.locator(f"a.mini[href='/mandates/{target.pk}/']").is_visible()  # the mandate beside its paragraph
    page.screenshot(path=str(screenshots / "document.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the layout must still work
    page.goto(f"{live_server.url}/sessions/{ccpcj.pk}/36/")
    page.screenshot(path=str(screenshots / "session-mobile.png"), full_page=True)
    page.close()

    target.refresh_from_db()
    assert target.status == "in_preparation"
    change = StatusChange.objects.get(mandate=target)
    assert (change.changed_by, change.note) == (alice, "First draft with the Division for Treaty Affairs")


def test_an_editor_confirms_corrects_and_rejects_review_candidates(browser, live_server, alice, screenshots):
    from mandates.models import Mandate, ReviewDecision
    from mandates.roles import roles_ensure
    from tests import builders

    roles_ensure()  # a transactional test starts from an empty database: give the editors their rights

    instrument = builders.instrument(title="Strengthening the coordination of humanitarian assistance")
    confirm, correct, reject = (
        builders.candidate(instrument=instrument, paragraph_label=str(n), subject=subject, review_reason=reason)
        for n, subject, reason in (
            (4, "humanitarian coordination", "the recipient is implied, not named"),
            (7, "access for humanitarian personnel", "no session named"),
            (9, "a recollection of an earlier request", "the verb stands in a preambular paragraph"),
        )
    )

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "alice-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_test_id("review-count").inner_text() == "3"

    page.click("[data-testid=nav-review]")
    page.wait_for_url("**/review/")
    assert page.locator("[data-testid=candidate]").count() == 3
    page.screenshot(path=str(screenshots / "review.png"), full_page=True)

    page.click(f"[data-pk='{confirm.pk}'] [data-testid=confirm]")
    page.wait_for_selector(".alert.success")
    assert page.get_by_test_id("review-count").inner_text() == "2"

    page.click(f"[data-pk='{correct.pk}'] [data-testid=correct]")
    page.wait_for_url(f"**/mandates/{correct.pk}/edit/**")
    page.fill("#id_due_session_number", "81")
    page.fill("#id_note", "The session is named in paragraph 8")
    page.click("[data-testid=save]")
    page.wait_for_url("**/review/")
    assert "Confirmed" in page.inner_text(".alert.success")

    page.fill(f"[data-pk='{reject.pk}'] input[name=reason]", "Preambular: history, not a request")
    page.click(f"[data-pk='{reject.pk}'] [data-testid=reject]")
    page.wait_for_selector(".alert.success")
    assert page.get_by_test_id("review-empty").is_visible()
    assert page.get_by_test_id("review-count").inner_text() == "0"

    page.goto(f"{live_server.url}/mandates/{correct.pk}/")
    history = page.get_by_test_id("review-history").inner_text()
    assert "Corrected" in history and "due_session_number" in history and "paragraph 8" in history
    page.close()

    states = dict(Mandate.all_objects.filter(instrument=instrument).values_list("pk", "review_state"))
    assert states == {confirm.pk: "confirmed", correct.pk: "confirmed", reject.pk: "rejected"}
    assert Mandate.objects.get(pk=correct.pk).due_session_number == 81
    decided = ReviewDecision.objects.order_by("id").values_list("mandate_id", "action", "decided_by", "reason")
    assert list(decided) == [
        (confirm.pk, "confirmed", alice.pk, ""),
        (correct.pk, "corrected", alice.pk, "The session is named in paragraph 8"),
        (reject.pk, "rejected", alice.pk, "Preambular: history, not a request"),
    ]


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_working_day_on_the_demo(browser, live_server, screenshots):
    """Issue 10: a documents officer's morning on the demo data (scripts/demo's setup_demo); the README's
    screenshots are taken here."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db.models import Q
    from django.utils import timezone

    from mandates import selectors
    from mandates.models import Document, Mandate, MandateNote, StatusChange
    from mandates.services.reminders import reminders_preview

    call_command("setup_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    demo = get_user_model().objects.get(username="demo")
    amina = get_user_model().objects.get(username="amina")
    today = timezone.localdate()
    base = live_server.url

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    _login(page, base, "demo", "demo-password")

    # The overview says what to do: overdue and due next, each linked, with days and owner.
    due_next = page.get_by_test_id("todo-due-next")
    expected_next = selectors.mandates_due_next(today).count()
    assert f"({expected_next})" in due_next.locator("h2").inner_text()
    assert due_next.get_by_test_id("todo-row").count() == min(expected_next, 15)
    overdue_rows = page.get_by_test_id("todo-overdue").get_by_test_id("todo-row")
    assert overdue_rows.count() == min(selectors.mandates_overdue(today).count(), 15) > 0
    assert "overdue" in overdue_rows.first.get_by_test_id("days").inner_text()
    page.screenshot(path=str(screenshots / "overview.png"), full_page=True)

    # My mandates.
    page.click("nav >> text=Mandates")
    page.click("[data-testid=my-mandates]")
    page.wait_for_url("**/mandates/?mine=on")
    mine = Mandate.objects.filter(Q(owner=demo) | Q(backup_owner=demo))
    rows = page.locator("[data-testid=mandate-table] tbody tr")
    assert rows.count() == mine.count() > 0
    page.screenshot(path=str(screenshots / "mandate-list.png"), full_page=True)

    # Bulk status change: two of my pending mandates to "in preparation".
    pending = list(mine.filter(status="pending").order_by("pk").values_list("pk", flat=True)[:2])
    assert len(pending) == 2
    for pk in pending:
        page.check(f"tr[data-pk='{pk}'] [data-testid=select-mandate]")
    page.select_option("#bulk_status", "in_preparation")
    page.click("[data-testid=bulk-form] button[type=submit]")
    page.wait_for_selector(".alert.success")
    changes = StatusChange.objects.filter(mandate_id__in=pending, to_status="in_preparation", changed_by=demo)
    assert changes.count() == 2

    # Bulk owner assignment: the same two to Amina.
    for pk in pending:
        page.check(f"tr[data-pk='{pk}'] [data-testid=select-mandate]")
    page.check("[data-testid=bulk-action-owner]")
    page.select_option("#bulk_owner", str(amina.pk))
    page.click("[data-testid=bulk-form] button[type=submit]")
    page.wait_for_selector(".alert.success")
    assert set(Mandate.objects.filter(pk__in=pending).values_list("owner_id", flat=True)) == {amina.pk}

    # A note on one of them.
    page.goto(f"{base}/mandates/{pending[0]}/")
    page.fill("#id_text", "Draft with the Office of Legal Affairs; due back Friday")
    page.click("[data-testid=note-form] button[type=submit]")
    page.wait_for_selector(".alert.success")
    assert "Office of Legal Affairs" in page.get_by_test_id("notes").inner_text()
    assert MandateNote.objects.filter(mandate_id=pending[0], author=demo).count() == 1
    page.screenshot(path=str(screenshots / "mandate.png"), full_page=True)

    # Search by symbol and by phrase, from the search box in the header.
    document = Document.objects.filter(symbol__startswith="A/RES/80/").order_by("symbol").first()
    page.fill("[data-testid=search]", document.symbol.lower())
    page.press("[data-testid=search]", "Enter")
    page.wait_for_url("**/mandates/?q=*")
    by_symbol = Mandate.objects.filter(instrument__document=document).count()
    assert page.locator("[data-testid=mandate-table] tbody tr").count() == min(by_symbol, 50) > 0
    page.fill("[data-testid=search]", "secretary general")
    page.press("[data-testid=search]", "Enter")
    page.wait_for_load_state()
    assert page.locator("[data-testid=mandate-table] tbody tr[data-pk]").count() > 0

    # The source document: paragraph numbers once, the original file, the official link.
    page.goto(f"{base}/documents/{document.pk}/")
    assert page.get_by_test_id("download-original").is_visible()
    assert page.locator(f"a[href='https://undocs.org/{document.symbol}']").count() >= 1
    assert "*Requests*" not in page.inner_text("main")
    page.screenshot(path=str(screenshots / "document.png"))  # the top: a whole resolution is megabytes

    # The calendar, in the month of the earliest open due date still to come (or of the last overdue one).
    dated = Mandate.objects.open().filter(document_due_on__isnull=False).order_by("-document_due_on").first()
    month = dated.document_due_on.strftime("%Y-%m")
    page.goto(f"{base}/calendar/?month={month}")
    assert page.locator(f"td[data-date='{dated.document_due_on:%Y-%m-%d}'] [data-testid=cal-due]").count() >= 1
    page.screenshot(path=str(screenshots / "calendar.png"), full_page=True)

    # The reminder preview: what demo@example.org would get today.
    page.click("nav >> text=Reminders")
    page.wait_for_url("**/reminders/preview/")
    expected = reminders_preview(recipient="demo@example.org", today=today)
    if expected is None:
        assert page.get_by_test_id("preview-empty").is_visible()
    else:
        assert page.get_by_test_id("preview-subject").inner_text() == expected.subject
    page.screenshot(path=str(screenshots / "reminder-preview.png"), full_page=True)

    # A 404 of our own.
    page.goto(f"{base}/sessions/{document.instruments.first().adopting_body_id or 1}/999/")
    assert page.get_by_test_id("error-404").is_visible()

    # The overview on a phone: no horizontal scrolling.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshots / "overview-mobile.png"), full_page=True)
    session = Mandate.objects.filter(due_session__isnull=False).select_related("due_session").first().due_session
    page.goto(f"{base}/sessions/{session.body_id}/{session.number or session.year}/")
    page.screenshot(path=str(screenshots / "session-mobile.png"), full_page=True)
    page.close()
