"""A mandate review cycle end to end in headless Chromium (issue #13), with two roles: a reviewer (editor) opens
the cycle and records decisions; an approver, in a browser session of her own, approves one and returns one."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.test_browser import _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_decides_and_an_approver_approves_one_and_returns_one(
    browser, live_server, alice, carol, screenshots
):
    from mandates.models import CycleEvent, CycleItem, Mandate, StatusChange
    from tests import builders

    unodc = builders.entity("UNODC")
    today = dt.date.today()
    old = builders.mandate(
        responsible_entity=unodc,
        subject="crime prevention in urban areas",
        instrument=builders.instrument(adopted_on=today.replace(year=today.year - 9, day=1)),
    )
    recent = builders.mandate(
        responsible_entity=unodc,
        subject="firearms trafficking",
        instrument=builders.instrument(adopted_on=today.replace(year=today.year - 1, day=1)),
    )
    builders.mandate(subject="not in scope: another entity")

    # The reviewer opens the cycle and records two decisions.
    reviewer = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    _login(reviewer, live_server.url, "alice", "alice-password")
    reviewer.click("[data-testid=nav-reviews]")
    reviewer.wait_for_url("**/reviews/")
    reviewer.fill("#id_name", "2027 programme budget review")
    reviewer.select_option("#id_entity", str(unodc.pk))
    reviewer.click("[data-testid=cycle-open-form] button[type=submit]")
    reviewer.wait_for_url("**/reviews/*/")
    assert "with 2 mandates to review" in reviewer.inner_text(".alert.success")
    assert reviewer.locator("[data-testid=cycle-items] tbody tr").count() == 2
    assert reviewer.locator(f"[data-mandate='{old.pk}'] .badge.age-old").is_visible()
    assert reviewer.locator(f"[data-mandate='{recent.pk}'] .badge.age-recent").is_visible()

    for mandate, decision, reason in (
        (old, "retire", "Overtaken by the 2024 strategy"),
        (recent, "retain", "Still asked every year"),
    ):
        row = reviewer.locator(f"[data-mandate='{mandate.pk}']")
        row.locator("select[name=decision]").select_option(decision)
        row.locator("input[name=reason]").fill(reason)
        row.locator("[data-testid=decide-form] button[type=submit]").click()
        reviewer.wait_for_selector(".alert.success")
    assert reviewer.get_by_test_id("progress-counts").inner_text() == "2/0/2"
    assert reviewer.locator("[data-testid=approve]").count() == 0  # an editor, not an approver
    reviewer.close()

    # The approver, another person, approves the retirement and returns the other decision.
    approver = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    _login(approver, live_server.url, "carol", "carol-password")
    approver.click("[data-testid=nav-reviews]")
    approver.click("text=2027 programme budget review")
    approver.wait_for_url("**/reviews/*/")
    approver.locator(f"[data-mandate='{old.pk}'] [data-testid=approve]").click()
    approver.wait_for_selector(".alert.success")
    returned = approver.locator(f"[data-mandate='{recent.pk}']")
    returned.locator("input[name=note]").fill("Merge it with the firearms protocol report instead")
    returned.locator("[data-testid=return]").click()
    approver.wait_for_selector(".alert.success")
    assert approver.get_by_test_id("progress-counts").inner_text() == "1/1/2"
    assert "Returned: Merge it with" in approver.locator(f"[data-mandate='{recent.pk}']").inner_text()
    approver.screenshot(path=str(screenshots / "review-cycle.png"), full_page=True)

    # The retired mandate's page shows the decision, the approval and the status change.
    approver.click(f"[data-mandate='{old.pk}'] a[href='/mandates/{old.pk}/']")
    approver.wait_for_url(f"**/mandates/{old.pk}/")
    history = approver.get_by_test_id("cycle-history").inner_text()
    assert "Review decision recorded" in history and "Review decision approved" in history
    assert "Retired" in approver.get_by_test_id("status-history").inner_text()
    approver.close()

    states = dict(CycleItem.objects.values_list("mandate_id", "state"))
    assert states == {old.pk: "approved", recent.pk: "returned"}
    assert dict(Mandate.objects.filter(pk__in=[old.pk, recent.pk]).values_list("pk", "status")) == {
        old.pk: "retired",
        recent.pk: "pending",
    }
    assert StatusChange.objects.get(mandate=old).changed_by == carol
    steps = list(CycleEvent.objects.order_by("id").values_list("item__mandate_id", "action", "by"))
    assert steps == [
        (old.pk, "decided", alice.pk),
        (recent.pk, "decided", alice.pk),
        (old.pk, "approved", carol.pk),
        (recent.pk, "returned", carol.pk),
    ]
