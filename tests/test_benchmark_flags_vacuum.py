"""benchmark_flags vacuums after itself (issue #11): dead tuples from its runs must not slow the dashboard."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def vacuum_counts() -> dict[str, tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, vacuum_count, analyze_count FROM pg_stat_user_tables "
            "WHERE relname IN ('mandates_mandate', 'mandates_flagevent')"
        )
        return {name: (vacuums, analyzes) for name, vacuums, analyzes in cursor.fetchall()}


def test_benchmark_flags_runs_vacuum_analyze_on_the_tables_it_churned(require_postgres):
    before = vacuum_counts()
    out = io.StringIO()
    call_command("benchmark_flags", "--count", "500", stdout=out, stderr=io.StringIO())
    after = vacuum_counts()
    for table in ("mandates_mandate", "mandates_flagevent"):
        assert after[table][0] > before.get(table, (0, 0))[0], table  # VACUUM ran
        assert after[table][1] > before.get(table, (0, 0))[1], table  # and ANALYZE with it
    assert '"vacuum_seconds"' in out.getvalue()
