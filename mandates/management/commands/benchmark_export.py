"""Rows per second of the CSV export: the values() path against the former model-instance path."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection

from mandates import exports
from mandates.management.commands.benchmark_dashboard import bulk_mandates
from mandates.models import Mandate
from mandates.selectors import mandate_base_qs


def _time(lines) -> tuple[float, int, int]:
    started = time.perf_counter()
    size = 0
    pieces = 0
    for piece in lines:
        size += len(piece)
        pieces += 1
    return time.perf_counter() - started, size, pieces


class Command(BaseCommand):
    help = (
        "Fill the database up to --count mandates (marked 'benchmark-'), then print rows/s of the CSV export "
        "(values() rows, the current path) next to the former model-instance path (the baseline)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="Mandates to have (default 100000).")
        parser.add_argument("--runs", type=int, default=3, help="Runs of each path; the best is reported.")
        parser.add_argument("--skip-baseline", action="store_true", help="Time only the current path.")

    def handle(self, *args, count: int, runs: int, skip_baseline: bool, **options):
        created = bulk_mandates(count)
        if created and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE mandates_mandate")
        rows = Mandate.objects.count()
        paths = [("values() rows (current)", exports.csv_lines)]
        if not skip_baseline:
            paths.append(("model instances (baseline)", exports.csv_lines_from_instances))
        for label, render in paths:
            best = None
            for _ in range(runs):
                seconds, size, _pieces = _time(render(mandate_base_qs().order_by("id")))
                best = seconds if best is None else min(best, seconds)
            self.stdout.write(
                f"{connection.vendor}: {label}: {rows} rows in {best:.2f} s = {rows / best:,.0f} rows/s "
                f"({size / 1e6:.1f} MB), best of {runs}"
            )
