"""In headless Chromium: a possible duplicate's warning, the duplicates and burden pages (bars drawn under the
site's CSP), an editor breaking a lineage link from the mandate page and dismissing a false duplicate (issue #13)."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_follows_a_duplicate_warning_reads_the_burden_and_breaks_a_link(
    browser, live_server, alice, screenshots
):
    from mandates.models import Mandate, MandateLink
    from mandates.roles import roles_ensure
    from tests import builders

    roles_ensure()
    session = builders.at_session(builders.body(), 80)
    session.start_date = dt.date(2025, 9, 9)
    session.save(update_fields=["start_date"])

    def report(subject, **fields):
        return builders.mandate(
            instrument=builders.instrument(title=subject, session_number=79),
            subject=subject,
            due_session=session,
            document_due_on=dt.date(2025, 6, 1),
            **fields,
        )

    first = report("measures to combat trafficking in persons")
    second = report("measures to combat the trafficking in persons", recurrence="annual")
    earlier = builders.mandate(
        instrument=builders.instrument(session_number=76), subject="trafficking", document_due_on=dt.date(2022, 6, 1)
    )
    link = MandateLink.objects.create(predecessor=earlier, successor=first, evidence="same title", confidence=0.9)

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "alice")
    page.fill("#id_password", "alice-password")
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/mandates/{first.pk}/")
    warning = page.locator("[data-testid=duplicate-warning]")
    assert f"#{second.pk}" in warning.inner_text()
    warning.get_by_role("link", name="All possible duplicates").click()
    assert page.locator("[data-testid=duplicate-group]").count() == 1
    page.screenshot(path=str(screenshots / "duplicates.png"), full_page=True)

    page.get_by_role("link", name="Burden", exact=True).click()
    bars = page.locator("[data-testid=burden-body-session] .seg")
    assert max(bars.nth(i).bounding_box()["width"] for i in range(bars.count())) > 50  # inline widths applied
    page.screenshot(path=str(screenshots / "burden.png"), full_page=True)

    page.goto(f"{live_server.url}/mandates/{first.pk}/")
    item = page.locator(f"[data-testid=link-{link.pk}]")
    item.locator("[data-testid=link-break] input[name=note]").fill("not the same report")
    item.get_by_role("button", name="Break link").click()
    assert "Broken by staff" in page.locator(f"[data-testid=link-{link.pk}]").inner_text()
    link.refresh_from_db()
    assert link.state == MandateLink.State.BROKEN and link.decided_by == alice
    assert Mandate.objects.get(pk=earlier.pk).status == Mandate.Status.PENDING

    # Not a duplicate: the warning goes, the page says who dismissed it, the list no longer shows the group.
    page.goto(f"{live_server.url}/mandates/{first.pk}/")
    dismiss = page.locator(f"[data-testid=dismiss-{second.pk}]")
    dismiss.locator("input[name=note]").fill("different reports")
    dismiss.get_by_role("button", name=f"Not a duplicate of #{second.pk}").click()
    assert page.locator("[data-testid=duplicate-warning]").count() == 0
    assert "alice" in page.locator("[data-testid=duplicate-dismissals]").inner_text()
    page.goto(f"{live_server.url}/mandates/duplicates/")
    assert page.locator("[data-testid=duplicate-group]").count() == 0
    assert violations == []
