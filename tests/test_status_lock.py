"""A status change waiting on a row that another transaction (an ingest) holds gives up with "try again"."""

from __future__ import annotations

import threading

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from mandates.errors import MandateBusy
from mandates.models import Mandate, StatusChange
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def row_locked_elsewhere(require_postgres):
    """`lock(mandate)`: a second connection holds FOR UPDATE on the row, as ingest's transaction does; it lets
    go after 8 s at the latest, so code without a lock timeout would wait, then succeed (and the test fail).
    """
    s = connection.settings_dict
    holders = []

    def lock(mandate):
        conn = psycopg.connect(
            host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"] or "postgres", dbname=s["NAME"]
        )
        conn.execute("SELECT id FROM mandates_mandate WHERE id = %s FOR UPDATE", [mandate.pk])
        timer = threading.Timer(8, conn.rollback)
        timer.start()
        holders.append((conn, timer))

    yield lock
    for conn, timer in holders:
        timer.cancel()
        conn.rollback()
        conn.close()


def test_a_status_change_on_a_locked_row_gives_up_with_try_again(row_locked_elsewhere, settings):
    settings.STATUS_LOCK_TIMEOUT_MS = 300
    mandate = builders.mandate()
    row_locked_elsewhere(mandate)

    with pytest.raises(MandateBusy, match="try again"):
        mandate_set_status(mandate=mandate, status="in_preparation")

    assert Mandate.objects.get(pk=mandate.pk).status == "pending"
    assert not StatusChange.objects.filter(mandate=mandate).exists()
    with connection.cursor() as cursor:  # the session's own lock_timeout is left as it was
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "0"


def test_the_page_says_try_again_when_the_row_is_locked(row_locked_elsewhere, settings, client, alice):
    settings.STATUS_LOCK_TIMEOUT_MS = 300
    call_command("setup_roles")  # a transactional test's flush removed the editors' permissions
    mandate = builders.mandate()
    row_locked_elsewhere(mandate)
    client.force_login(alice)

    response = client.post(reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "submitted"}, follow=True)

    assert b"try again" in response.content
    assert Mandate.objects.get(pk=mandate.pk).status == "pending"


def test_without_a_lock_the_change_goes_through_and_keeps_the_callers_timeout(require_postgres):
    mandate = builders.mandate()
    mandate_set_status(mandate=mandate, status="in_preparation")
    assert Mandate.objects.get(pk=mandate.pk).status == "in_preparation"
