"""Issue 10, "Error pages and polish": our own 403/404/405/500 pages, one log line per 403, no duplicated log
lines, a favicon, the demo without DEBUG."""

from __future__ import annotations

import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests import builders
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False


def test_an_unknown_page_and_an_unknown_session_are_our_404(production, client, bob):
    client.force_login(bob)
    ga = builders.body()
    for url in ("/no-such-page/", f"/sessions/{ga.pk}/999/", "/mandates/424242/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b'data-testid="error-404"' in response.content, url


def test_a_get_on_a_form_address_is_our_405(production, client, alice):
    client.force_login(alice)
    response = client.get(reverse("mandates:mandate_bulk"))
    assert response.status_code == 405
    assert b'data-testid="error-405"' in response.content and response["Allow"] == "POST"


def test_a_refused_write_is_our_403_and_one_log_line(production, client, bob, caplog):
    client.force_login(bob)
    mandate = builders.mandate()
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(reverse("mandates:mandate_status", args=[mandate.pk]), {"status": "in_preparation"})
    assert response.status_code == 403 and b'data-testid="error-403"' in response.content
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1 and records[0].exc_info is None and "Forbidden" in records[0].getMessage()
    assert "\n" not in logging.Formatter().format(records[0])  # no traceback


def test_the_500_page_renders_without_a_database_or_context():
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and b'data-testid="error-500"' in response.content


def _handlers_reached(logger: logging.Logger) -> list[logging.Handler]:
    found = []
    while logger is not None:
        found += [h for h in logger.handlers if type(h).__module__.split(".")[0] != "_pytest"]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize("name", ["django", "django.request", "django.security.csrf", "mandates.services.reminders"])
def test_each_log_line_is_written_once(settings, name):
    import logging.config

    from django.utils.log import configure_logging

    settings.DEBUG = True  # Django's own console handler for "django" is the one that doubled lines under DEBUG
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    try:
        assert len(_handlers_reached(logging.getLogger(name))) == 1
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_there_is_a_favicon(production, client):
    assert client.get("/favicon.ico").status_code == 301
    response = client.get(client.get("/favicon.ico")["Location"])
    assert response.status_code == 200 and b"<svg" in b"".join(response.streaming_content)


def test_the_demo_runs_without_debug_by_default():
    script = (ROOT / "scripts" / "demo").read_text()
    assert 'DEBUG="${DEBUG:-False}"' in script
