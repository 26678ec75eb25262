"""Production settings: `manage.py check --deploy` passes with the production environment variables set."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.conftest import ROOT

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "mandates.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://mandates.example.org",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def _check(env: dict) -> subprocess.CompletedProcess:
    # A fresh interpreter: settings read the environment once, at import.
    test_only = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser test sets the latter
    full_env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV and k not in test_only}
    full_env.update(env, DATABASE_URL="sqlite:///:memory:")
    code = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**full_env, "DJANGO_SETTINGS_MODULE": "tracker.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_the_production_environment():
    result = _check(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr


def test_check_deploy_fails_with_the_development_defaults():
    """The test above would notice if a setting stopped being read from the environment."""
    result = _check({})
    assert result.returncode != 0
    assert "security.W009" in result.stderr and "security.W004" in result.stderr


def test_check_deploy_in_process_with_production_settings(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = PRODUCTION_ENV["SECRET_KEY"]
    settings.ALLOWED_HOSTS = ["mandates.example.org"]
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True

    call_command("check", deploy=True, fail_level="WARNING")

    settings.SESSION_COOKIE_SECURE = False
    with pytest.raises(SystemCheckError):
        call_command("check", deploy=True, fail_level="WARNING")
