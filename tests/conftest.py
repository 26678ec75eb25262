"""Shared actors and service fixtures.

Tests that need PostgreSQL, Redis or a Celery worker use the fixtures below: they skip with a reason when
the service is absent, and fail instead when REQUIRE_SERVICES=1 (set by .ci/run), so CI always
exercises the real database, broker and worker.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def require_postgres(settings):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip_or_fail("this test needs PostgreSQL (run with DATABASE_URL=postgres://...)")


@pytest.fixture
def redis_url():
    if not _reachable(REDIS_URL):
        skip_or_fail(f"Redis is not reachable at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def seed_paths():
    return SEEDS


@pytest.fixture
def alice(django_user_model):
    """An editor: may change mandates."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("alice", "alice@example.org", "alice-password")
    editors, _ = Group.objects.get_or_create(name="editors")
    user.groups.add(editors)
    return user


@pytest.fixture
def bob(django_user_model):
    """A viewer: may only read."""
    return django_user_model.objects.create_user("bob", "bob@example.org", "bob-password")


@pytest.fixture
def carol(django_user_model):
    """An approver: approves or returns the review-cycle decisions of others (issue #13)."""
    from django.contrib.auth.models import Group

    from mandates.roles import roles_ensure

    roles_ensure()  # the approvers group and its permission (a transactional test starts from nothing)
    user = django_user_model.objects.create_user("carol", "carol@example.org", "carol-password")
    user.groups.add(Group.objects.get(name="approvers"))
    return user
