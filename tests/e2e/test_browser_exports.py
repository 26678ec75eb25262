"""In headless Chromium: a large export becomes a file the user downloads, under the Content-Security-Policy."""

from __future__ import annotations

import csv
import io

import pytest

from tests import builders

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_export_over_the_threshold_is_downloaded_from_its_page(
    browser,
    live_server,
    bob,
    screenshots,
    settings,
    tmp_path,
):
    settings.EXPORT_ASYNC_THRESHOLD_ROWS = 3
    settings.MEDIA_ROOT = tmp_path / "media"
    ids = [builders.mandate(subject=f"=subject {n}").pk for n in range(5)]
    page = browser.new_page(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    refused = []  # what the policy blocked: nothing on our own pages
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None)

    page.goto(f"{live_server.url}/mandates/")
    page.fill("#id_username", "bob")
    page.fill("#id_password", "bob-password")
    page.click("button[type=submit]")
    page.click("[data-testid=export-csv]")

    page.wait_for_selector("[data-testid=export-state][data-state=done]")
    assert "5 rows" in page.inner_text("[data-testid=export-state]")
    page.screenshot(path=str(screenshots / "export-ready.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("[data-testid=export-download]")
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert sorted(int(r["id"]) for r in rows) == sorted(ids)
    assert all(r["subject"].startswith("'=") for r in rows)
    page.goto(f"{live_server.url}/mandates/feed/")
    page.click("[data-testid=feed-rotate]")
    assert "old one no longer works" in page.content()
    assert refused == []
