"""CSV, iCalendar and JSON exports give exactly the filtered list."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from mandates.exports import CSV_COLUMNS
from mandates.models import FeedToken
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    at = builders.at_session
    ga = builders.body("General Assembly", acronym="GA")
    ccpcj = builders.body("Commission on Crime Prevention and Criminal Justice", acronym="CCPCJ")
    unodc = builders.entity("United Nations Office on Drugs and Crime", acronym="UNODC")
    return {
        "ga80": builders.mandate(
            due_body=ga, due_session_number=80, due_session=at(ga, 80), document_due_on=dt.date(2025, 6, 30)
        ),
        "ga81": builders.mandate(
            due_body=ga, due_session_number=81, due_session=at(ga, 81), document_due_on=dt.date(2026, 6, 29)
        ),
        "ga_undated": builders.mandate(due_body=ga, due_session_number=82, due_session=at(ga, 82)),
        "ccpcj": builders.mandate(
            due_body=ccpcj,
            due_session_number=35,
            due_session=at(ccpcj, 35),
            responsible_entity=unodc,
            subject='cybercrime, "electronic evidence"',
            document_due_on=dt.date(2026, 3, 9),
            dates_estimated=True,
        ),
    }


@pytest.fixture
def viewer(client, bob):
    client.force_login(bob)
    return client


def _csv(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_csv_has_exactly_the_filtered_rows(viewer, rows):
    ga = rows["ga80"].due_body

    response = viewer.get(reverse("mandates:export_csv"), {"body": ga.pk, "o": "-session"})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    parsed = _csv(response)
    assert [int(r["id"]) for r in parsed] == [rows["ga_undated"].pk, rows["ga81"].pk, rows["ga80"].pk]
    assert list(parsed[0]) == list(CSV_COLUMNS)
    assert parsed[2]["document_due_on"] == "2025-06-30" and parsed[0]["document_due_on"] == ""
    assert parsed[2]["due_body"] == "General Assembly" and parsed[2]["due_session"] == "80"


def test_csv_quotes_commas_and_quotes_in_text(viewer, rows):
    parsed = _csv(viewer.get(reverse("mandates:export_csv"), {"q": "cybercrime"}))
    assert [r["subject"] for r in parsed] == ['cybercrime, "electronic evidence"']
    assert parsed[0]["dates_estimated"] == "True"


def test_csv_with_an_invalid_filter_is_a_400_not_everything(viewer, rows):
    response = viewer.get(reverse("mandates:export_csv"), {"session": "x"})
    assert response.status_code == 400
    assert b"session" in response.content


def test_icalendar_has_one_all_day_event_per_due_date_of_the_filtered_rows(viewer, rows):
    ga = rows["ga80"].due_body

    response = viewer.get(reverse("mandates:export_ics"), {"body": ga.pk})

    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(b"".join(response.streaming_content))
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    # ga_undated has no due date: no event.
    assert set(events) == {f"mandate-{rows['ga80'].pk}@127.0.0.1:8000", f"mandate-{rows['ga81'].pk}@127.0.0.1:8000"}
    event = events[f"mandate-{rows['ga80'].pk}@127.0.0.1:8000"]
    assert event.decoded("dtstart") == dt.date(2025, 6, 30)  # a date, not a datetime: all-day
    assert event.decoded("dtend") == dt.date(2025, 7, 1)
    assert "General Assembly, session 80" in str(event["summary"])
    assert f"/mandates/{rows['ga80'].pk}/" in str(event["url"])


def test_the_calendar_feed_works_with_the_token_and_without_a_session(client, bob, rows):
    token = FeedToken.objects.create(user=bob)
    url = reverse("mandates:feed_ics", args=[token.token])

    response = client.get(url, {"session": 35})

    assert response.status_code == 200
    events = Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")
    assert [str(e["uid"]).split("@")[0] for e in events] == [f"mandate-{rows['ccpcj'].pk}"]
    assert client.get(reverse("mandates:feed_ics", args=["not-a-token"])).status_code == 404
    bob.is_active = False
    bob.save()
    assert client.get(url).status_code == 404  # a deactivated user's feed stops


def test_the_feed_page_gives_a_per_user_url_with_the_current_filter(viewer, bob, rows):
    response = viewer.get(reverse("mandates:feed_info"), {"body": rows["ga80"].due_body_id, "page": 3})

    token = FeedToken.objects.get(user=bob)
    assert response.context["feed_url"].endswith(f"/feeds/{token.token}/mandates.ics?body={rows['ga80'].due_body_id}")
    viewer.get(reverse("mandates:feed_info"))
    assert FeedToken.objects.filter(user=bob).count() == 1  # the same token each time


def test_the_json_api_is_paginated_and_filtered(viewer, rows):
    ga = rows["ga80"].due_body
    url = reverse("mandates:api_mandates")

    first = viewer.get(url, {"body": ga.pk, "page_size": 2, "o": "session"}).json()
    second = viewer.get(first["next"]).json()

    assert (first["count"], first["pages"], first["previous"]) == (3, 2, None)
    assert [r["id"] for r in first["results"] + second["results"]] == [
        rows["ga80"].pk,
        rows["ga81"].pk,
        rows["ga_undated"].pk,
    ]
    assert second["next"] is None
    assert first["results"][0]["document_due_on"] == "2025-06-30"
    assert first["results"][0]["due_body"] == "General Assembly"


def test_the_json_api_refuses_bad_filters_and_anonymous_callers(client, bob, rows):
    url = reverse("mandates:api_mandates")
    assert client.get(url).status_code == 401
    client.force_login(bob)
    response = client.get(url, {"status": "late"})
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert client.get(url, {"page": 99}).status_code == 404
    assert client.post(url).status_code == 405  # read-only
