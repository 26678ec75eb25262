"""Benchmark the flag job on N generated mandates in the configured database."""

from __future__ import annotations

import datetime as dt
import json
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mandates.models import Body, Document, Entity, FlagEvent, Instrument, Mandate
from mandates.services.flags import mandates_flag

BENCH_KEY = "benchmark-flags"


class Command(BaseCommand):
    help = (
        "Create --count mandates (default 1,000,000) under a benchmark instrument in the configured database, "
        "run the flag job twice (first run: every flag changes; next day: a few change) and print time and "
        "query count. The benchmark rows are deleted afterwards unless --keep."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 1, 5))
        parser.add_argument("--keep", action="store_true", help="leave the benchmark mandates in the database")

    def handle(self, *args, count: int, today: dt.date, keep: bool, **options):
        self._delete()
        instrument = self._instrument()
        started = time.perf_counter()
        self._create(instrument, count=count, today=today)
        created_s = time.perf_counter() - started
        self.stderr.write(f"created {count:,} mandates in {created_s:.1f} s ({connection.vendor})")

        runs = []
        for label, day in (("first run", today), ("next day", today + dt.timedelta(days=1))):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                summary = mandates_flag(today=day)
                seconds = time.perf_counter() - started
            runs.append(
                {
                    "run": label,
                    "as_of": day.isoformat(),
                    "seconds": round(seconds, 2),
                    "queries": len(queries),
                    "changed": summary.changed,
                }
            )
            self.stderr.write(f"{label}: {seconds:.2f} s, {len(queries)} queries, {summary.changed:,} flags changed")
        if not keep:
            self._delete()
        vacuum_s = self._vacuum()
        self.stdout.write(
            json.dumps({"vendor": connection.vendor, "mandates": count, "runs": runs, "vacuum_seconds": vacuum_s})
        )

    def _vacuum(self) -> float | None:
        """VACUUM (ANALYZE) the tables the benchmark churned (PostgreSQL): its inserts, two flag runs and the
        delete leave dead tuples and stale statistics that slowed the list page from 55 ms to 284 ms (issue #11).
        Vacuum frees the pages' room for the flag job's HOT updates; ANALYZE gives the planner the real row counts."""
        if connection.vendor != "postgresql":
            return None
        started = time.perf_counter()
        with connection.cursor() as cursor:  # autocommit: VACUUM cannot run inside a transaction
            for model in (Mandate, FlagEvent):
                cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")
        seconds = round(time.perf_counter() - started, 2)
        self.stderr.write(f"VACUUM (ANALYZE) of the mandate and flag event tables: {seconds:.2f} s")
        return seconds

    def _instrument(self) -> Instrument:
        document, _ = Document.objects.get_or_create(
            source_key=BENCH_KEY,
            defaults={"filename": "benchmark.txt", "format": "text", "content_hash": "-", "size_bytes": 0, "text": ""},
        )
        body, _ = Body.objects.get_or_create(name="General Assembly")
        instrument, _ = Instrument.objects.get_or_create(
            document=document, label="Benchmark", defaults={"adopting_body": body}
        )
        return instrument

    def _create(self, instrument: Instrument, *, count: int, today: dt.date) -> None:
        entity, _ = Entity.objects.get_or_create(name="Secretary-General")
        body = instrument.adopting_body
        if connection.vendor == "postgresql":
            self._create_postgres(instrument, entity, body, count=count, today=today)
        else:
            self._create_bulk(instrument, entity, body, count=count, today=today)

    @staticmethod
    def _spread(i: int, today: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
        """Status and dates of generated mandate i: due dates from 200 days ago to 400 days ahead."""
        status = "submitted" if i % 10 == 0 else "pending"
        if i % 20 == 1:
            return status, None, None
        due = today + dt.timedelta(days=(i * 7919) % 600 - 200)
        return status, due, due + dt.timedelta(weeks=10)

    def _create_postgres(self, instrument, entity, body, *, count: int, today: dt.date) -> None:
        # Every concrete column gets either a generated expression or the field's default, so columns that
        # other branches add later still get a value.
        now = timezone.now()
        generated = {
            "instrument_id": ("%s", [instrument.pk]),
            "responsible_entity_id": ("%s", [entity.pk]),
            "delivered_to_id": ("%s", [body.pk]),
            "due_body_id": ("%s", [body.pk]),
            "category": ("'report'", []),
            "due_session_number": ("81", []),
            "natural_key": ("'bench-' || i", []),
            "source_text": ("'Requests the Secretary-General to report'", []),
            "status": ("CASE WHEN i %% 10 = 0 THEN 'submitted' ELSE 'pending' END", []),
            "document_due_on": (
                "CASE WHEN i %% 20 = 1 THEN NULL ELSE %s::date + ((i::bigint * 7919) %% 600 - 200)::int END",
                [today],
            ),
            "session_opens_on": (
                "CASE WHEN i %% 20 = 1 THEN NULL ELSE %s::date + ((i::bigint * 7919) %% 600 - 200)::int + 70 END",
                [today],
            ),
            "created_at": ("%s", [now]),
            "updated_at": ("%s", [now]),
        }
        columns, expressions, params = [], [], []
        for field in Mandate._meta.concrete_fields:
            if field.primary_key:
                continue
            columns.append(field.column)
            if field.column in generated:
                sql, values = generated[field.column]
            else:
                sql, values = "%s", [field.get_db_prep_save(field.get_default(), connection)]
            expressions.append(sql)
            params.extend(values)
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Mandate._meta.db_table} ({', '.join(columns)}) "
                f"SELECT {', '.join(expressions)} FROM generate_series(1, %s) AS i",
                [*params, count],
            )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Mandate._meta.db_table}")

    def _create_bulk(self, instrument, entity, body, *, count: int, today: dt.date) -> None:
        batch = []
        for i in range(1, count + 1):
            status, due, opens = self._spread(i, today)
            batch.append(
                Mandate(
                    instrument=instrument,
                    responsible_entity=entity,
                    delivered_to=body,
                    due_body=body,
                    category="report",
                    due_session_number=81,
                    natural_key=f"bench-{i}",
                    source_text="Requests the Secretary-General to report",
                    status=status,
                    document_due_on=due,
                    session_opens_on=opens,
                )
            )
            if len(batch) == 5000:
                Mandate.objects.bulk_create(batch)
                batch = []
        Mandate.objects.bulk_create(batch)

    def _delete(self) -> None:
        instruments = list(Instrument.objects.filter(document__source_key=BENCH_KEY).values_list("pk", flat=True))
        if not instruments:
            return
        mandates = Mandate.objects.filter(instrument__in=instruments)
        # Raw deletes: the ORM's cascade would load a million rows first.
        FlagEvent.objects.filter(mandate__in=mandates)._raw_delete(connection.alias)
        Mandate.history.model.objects.filter(instrument_id__in=instruments)._raw_delete(connection.alias)
        mandates._raw_delete(connection.alias)
        Document.objects.filter(source_key=BENCH_KEY).delete()
