"""The review-cycle pages (issue #13): who may do what, progress per entity, ages, exports, mandate history."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse

from mandates.models import CycleItem, MandateLink, ReviewCycle
from mandates.services.cycles import cycle_decision_approve, cycle_decision_record, cycle_open
from tests import builders

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def years_ago(years: int) -> dt.date:
    return TODAY.replace(year=TODAY.year - years, day=1)


@pytest.fixture
def cycle(alice):
    unodc, sg = builders.entity("UNODC"), builders.entity("Secretary-General")
    for entity, n in ((unodc, 3), (sg, 2)):
        for _ in range(n):
            builders.mandate(responsible_entity=entity)
    return cycle_open(name="2027 programme budget review", by=alice)


def items(cycle, entity_name: str) -> list[CycleItem]:
    return list(cycle.items.filter(mandate__responsible_entity__name=entity_name).order_by("mandate_id"))


def test_an_editor_opens_a_cycle_from_the_list_page(client, alice):
    unodc = builders.entity("UNODC")
    builders.mandate(responsible_entity=unodc)
    builders.mandate()
    client.force_login(alice)

    response = client.post(reverse("mandates:cycle_open"), {"name": "UNODC review", "entity": unodc.pk, "body": ""})

    opened = ReviewCycle.objects.get()
    assert response.status_code == 302 and response.url == reverse("mandates:cycle_detail", args=[opened.pk])
    assert (opened.entity, opened.opened_by, opened.items.count()) == (unodc, alice, 1)
    page = client.get(reverse("mandates:cycle_list")).content.decode()
    assert "UNODC review" in page and "0 of 1 decided" in page


def test_a_viewer_reads_the_cycle_but_cannot_open_decide_or_approve(client, bob, cycle):
    client.force_login(bob)
    item = cycle.items.first()
    assert client.get(reverse("mandates:cycle_detail", args=[cycle.pk])).status_code == 200
    assert client.post(reverse("mandates:cycle_open"), {"name": "x"}).status_code == 403
    decide = reverse("mandates:cycle_decide", args=[cycle.pk, item.pk])
    assert client.post(decide, {"decision": "retire", "reason": "r"}).status_code == 403
    assert client.post(reverse("mandates:cycle_approve", args=[cycle.pk, item.pk])).status_code == 403
    item.refresh_from_db()
    assert item.state == "undecided"


def test_an_editor_who_is_not_an_approver_cannot_approve(client, alice, django_user_model, cycle):
    from django.contrib.auth.models import Group

    dave = django_user_model.objects.create_user("dave", "dave@example.org", "x")
    dave.groups.add(Group.objects.get(name="editors"))
    item = cycle_decision_record(item=cycle.items.first(), decision="retain", reason="r", by=alice)
    client.force_login(dave)

    response = client.post(reverse("mandates:cycle_approve", args=[cycle.pk, item.pk]))

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.state == "decided"


def test_the_reviewer_records_a_merge_and_the_approver_approves_it_from_the_page(client, alice, carol, cycle):
    first, second = items(cycle, "UNODC")[:2]
    client.force_login(alice)
    decide = reverse("mandates:cycle_decide", args=[cycle.pk, first.pk])
    response = client.post(decide, {"decision": "merge", "merge_into": second.mandate_id, "reason": "One report"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.decision, first.merge_into_id, first.state) == ("merge", second.mandate_id, "decided")

    # A merge into a number that is no tracked mandate is refused with a message.
    client.post(
        reverse("mandates:cycle_decide", args=[cycle.pk, second.pk]),
        {"decision": "merge", "merge_into": 999999, "reason": "x"},
    )
    second.refresh_from_db()
    assert second.state == "undecided"

    client.force_login(carol)
    page = client.get(reverse("mandates:cycle_detail", args=[cycle.pk])).content.decode()
    assert 'data-testid="approve"' in page
    client.post(reverse("mandates:cycle_approve", args=[cycle.pk, first.pk]))
    first.refresh_from_db()
    assert (first.state, first.approved_by) == ("approved", carol)


def test_an_approver_sees_no_approve_button_on_their_own_decision(client, alice, carol, cycle):
    carol.groups.add(*alice.groups.all())  # an editor and an approver
    item = cycle_decision_record(item=cycle.items.first(), decision="retain", reason="r", by=carol)
    client.force_login(carol)

    page = client.get(reverse("mandates:cycle_detail", args=[cycle.pk])).content.decode()
    client.post(reverse("mandates:cycle_approve", args=[cycle.pk, item.pk]))

    assert 'data-testid="own-decision"' in page and 'data-testid="approve"' not in page
    item.refresh_from_db()
    assert item.state == "decided"


def test_progress_per_entity_counts_decided_approved_and_total(client, alice, carol, cycle):
    unodc = items(cycle, "UNODC")
    for item in unodc[:2]:
        cycle_decision_record(item=item, decision="retain", reason="r", by=alice)
    cycle_decision_approve(item=unodc[0], by=carol)
    client.force_login(alice)

    response = client.get(reverse("mandates:cycle_detail", args=[cycle.pk]))

    progress = {row["entity"]: (row["decided"], row["approved"], row["total"]) for row in response.context["progress"]}
    assert progress == {"Secretary-General": (0, 0, 2), "UNODC": (2, 1, 3)}
    page = response.content.decode()
    assert "2/1/3" in page and "0/0/2" in page and "2 of 5 decided, 1 approved" in page


def test_the_age_counts_from_the_latest_renewal_else_the_adoption(client, alice):
    old = builders.mandate(instrument=builders.instrument(adopted_on=years_ago(8)))
    renewed = builders.mandate(instrument=builders.instrument(adopted_on=years_ago(9)))
    renewal = builders.mandate(instrument=builders.instrument(adopted_on=years_ago(1)))
    MandateLink.objects.create(predecessor=renewed, successor=renewal, evidence="recalls", confidence=0.9)
    middle = builders.mandate(instrument=builders.instrument(adopted_on=years_ago(4)))
    unknown = builders.mandate(instrument=builders.instrument(adopted_on=None))
    cycle = cycle_open(name="Ages", by=alice)
    client.force_login(alice)

    response = client.get(reverse("mandates:cycle_detail", args=[cycle.pk]))

    rows = {row.mandate.pk: row for row in response.context["page"].object_list}
    assert (rows[old.pk].age_years, rows[old.pk].age_band, rows[old.pk].age_basis) == (8, "old", "adopted")
    assert (rows[renewed.pk].age_years, rows[renewed.pk].age_band, rows[renewed.pk].renewed_by) == (
        1,
        "recent",
        renewal,
    )
    assert (rows[renewal.pk].age_basis, rows[renewal.pk].age_years) == ("renewed", 1)
    assert (rows[middle.pk].age_band, rows[unknown.pk].age_band) == ("ageing", "unknown")
    assert response.content.decode().count("badge age-old") >= 1


def test_exports_hold_the_same_rows_as_the_page(client, alice, carol, cycle):
    first, second = items(cycle, "UNODC")[:2]
    cycle_decision_record(item=first, decision="retire", reason="=HYPERLINK(obsolete)", by=alice)
    cycle_decision_approve(item=first, by=carol)
    cycle_decision_record(item=second, decision="update", reason="New session", by=alice)
    client.force_login(alice)

    page_rows = client.get(reverse("mandates:cycle_detail", args=[cycle.pk])).context["page"].object_list
    data = json.loads(client.get(reverse("mandates:cycle_export_json", args=[cycle.pk])).content)
    response = client.get(reverse("mandates:cycle_export_csv", args=[cycle.pk]))
    table = list(csv.DictReader(io.StringIO(response.content.decode())))

    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    assert [r["mandate"] for r in data["decisions"]] == [row.mandate.pk for row in page_rows]
    assert [int(r["mandate"]) for r in table] == [row.mandate.pk for row in page_rows]
    by_mandate = {r["mandate"]: r for r in data["decisions"]}
    assert (by_mandate[first.mandate_id]["decision"], by_mandate[first.mandate_id]["state"]) == ("retire", "approved")
    assert by_mandate[first.mandate_id]["status"] == "retired"
    assert by_mandate[first.mandate_id]["approved_by"] == "carol"
    assert by_mandate[second.mandate_id]["state"] == "decided"
    csv_first = next(r for r in table if int(r["mandate"]) == first.mandate_id)
    assert csv_first["reason"] == "'=HYPERLINK(obsolete)"  # formula-safe
    assert data["cycle"]["name"] == "2027 programme budget review"


def test_decisions_and_approvals_are_in_the_mandate_history(client, alice, bob, carol, cycle):
    item = items(cycle, "UNODC")[0]
    cycle_decision_record(item=item, decision="retire", reason="Overtaken by events", by=alice)
    cycle_decision_approve(item=item, by=carol, note="Agreed with the Division")
    client.force_login(bob)  # anyone who reads the mandate reads its history

    page = client.get(reverse("mandates:mandate_detail", args=[item.mandate_id])).content.decode()

    history = page.split('data-testid="cycle-history"')[1].split("</ul>")[0]
    assert "Review decision recorded" in history and "Review decision approved" in history
    assert "Overtaken by events" in history and "Agreed with the Division" in history
    assert "2027 programme budget review" in history
    status_history = page.split('data-testid="status-history"')[1].split("</ul>")[0]
    assert "Retired" in status_history


def test_the_cycle_page_makes_as_many_queries_for_forty_mandates_as_for_four(client, alice, carol):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(n: int) -> int:
        entity = builders.entity(f"Entity of {n}")
        mandates = [builders.mandate(responsible_entity=entity) for _ in range(n)]
        for earlier, later in zip(mandates[::2], mandates[1::2], strict=True):  # each renewed once
            MandateLink.objects.create(predecessor=earlier, successor=later, evidence="recalls", confidence=0.9)
        cycle = cycle_open(name=f"Review of {n}", entity=entity, by=alice)
        for item in cycle.items.all()[: n // 2]:
            cycle_decision_record(item=item, decision="retain", reason="r", by=alice)
        client.force_login(carol)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("mandates:cycle_detail", args=[cycle.pk])).status_code == 200
        return len(captured)

    # Ages cost one query per step of the longest chain of renewals (at most 50), not one per mandate.
    assert queries_for(40) == queries_for(4)


@pytest.mark.django_db
def test_the_mandate_page_shows_an_update_requested_and_an_editor_marks_it_updated(client, alice, bob):
    from mandates.services.workflow import mandate_update_request

    mandate = builders.mandate()
    mandate_update_request(mandate=mandate, what="Correct the due session", by=alice)
    client.force_login(bob)  # a viewer sees it, without the button
    page = client.get(f"/mandates/{mandate.pk}/").content.decode()
    assert 'data-testid="update-requested"' in page and "Correct the due session" in page
    assert 'data-testid="update-done"' not in page
    assert client.post(f"/mandates/{mandate.pk}/update-done/").status_code == 403
    client.force_login(alice)
    assert 'data-testid="update-done"' in client.get(f"/mandates/{mandate.pk}/").content.decode()
    client.post(f"/mandates/{mandate.pk}/update-done/", {"note": "fixed"})
    mandate.refresh_from_db()
    assert mandate.update_requested == ""
    assert 'data-testid="update-requested"' not in client.get(f"/mandates/{mandate.pk}/").content.decode()
