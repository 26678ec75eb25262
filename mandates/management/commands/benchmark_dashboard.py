"""Time the mandate list's first page on the configured database, with N mandates present."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import statistics
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from mandates.models import Body, Document, Entity, Instrument, Mandate, Session

BENCH_PREFIX = "benchmark-"
STATUS_WEIGHTS = [("pending", 5), ("in_preparation", 2), ("submitted", 3), ("considered", 3), ("deferred", 1)]


def bulk_mandates(count: int, *, seed: int = 7, batch_size: int = 5000) -> int:
    """Add benchmark mandates until the table holds at least `count`; returns how many were created.

    Rows are spread over 4 bodies, 40 entities, 200 instruments in 20 documents, 60 session numbers and
    five years of due dates, so filters and sorts behave as on real data. bulk_create: no history rows.
    """
    missing = count - Mandate.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed + missing)
    bodies = [
        Body.objects.get_or_create(name=name, defaults={"acronym": acr})[0]
        for name, acr in (
            ("General Assembly", "GA"),
            ("Economic and Social Council", "ECOSOC"),
            ("Commission on Crime Prevention and Criminal Justice", "CCPCJ"),
            ("Commission on Narcotic Drugs", "CND"),
        )
    ]
    entities = [
        Entity.objects.get_or_create(name=f"{BENCH_PREFIX}entity {i:02d}", defaults={"acronym": f"E{i:02d}"})[0]
        for i in range(40)
    ]
    instruments = []
    for d in range(20):
        text = f"Benchmark document {d}. Requests the Secretary-General to report to the General Assembly."
        doc, _ = Document.objects.get_or_create(
            source_key=f"{BENCH_PREFIX}{d}",
            defaults=dict(
                symbol=f"BENCH/{d}",
                filename=f"bench-{d}.txt",
                format=Document.Format.TEXT,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                size_bytes=len(text),
                text=text,
            ),
        )
        for i in range(10):
            instruments.append(
                Instrument.objects.get_or_create(document=doc, label=f"Resolution {d}/{i}", defaults={"order": i})[0]
            )
    # The scheduler attaches every mandate to its session (Mandate.due_session); so does the benchmark.
    sessions = {
        (body.pk, number): Session.objects.get_or_create(body=body, number=number, kind=Session.Kind.REGULAR)[0]
        for body in bodies
        for number in range(30, 90)
    }
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    categories = Mandate.Category.values
    start = dt.date(2023, 1, 1)
    offset = Mandate.objects.count()
    created = 0
    with transaction.atomic():
        while created < missing:
            rows = []
            for _ in range(min(batch_size, missing - created)):
                n = offset + created + len(rows)
                body = rng.choice(bodies)
                number = rng.randrange(30, 90)
                due = start + dt.timedelta(days=rng.randrange(5 * 365))
                text = f"Requests the Secretary-General to submit a report on item {n} to the {body.name}"
                rows.append(
                    Mandate(
                        instrument=rng.choice(instruments),
                        paragraph_label=str(rng.randrange(1, 30)),
                        category=rng.choice(categories),
                        responsible_entity=rng.choice(entities),
                        delivered_to=body,
                        due_body=body,
                        due_session_number=number,
                        due_session=sessions[(body.pk, number)],
                        subject=f"benchmark subject {n}",
                        source_text=text,
                        source_end=len(text),
                        natural_key=f"{BENCH_PREFIX}{n}",
                        session_opens_on=due + dt.timedelta(weeks=10),
                        document_due_on=due,
                        status=rng.choice(statuses),
                    )
                )
            Mandate.objects.bulk_create(rows, batch_size=batch_size)
            created += len(rows)
    return created


class Command(BaseCommand):
    help = (
        "Fill the database up to --count mandates (bulk_create, marked 'benchmark-') and print the median "
        "response time of the mandate list's first page for a logged-in user (Django test Client)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, default=100_000, help="Mandates to have in the table (default 100000)."
        )
        parser.add_argument("--runs", type=int, default=30, help="Timed requests (default 30).")
        parser.add_argument("--query", default="", help="Query string for the list, e.g. 'status=pending&o=-due'.")
        parser.add_argument(
            "--view", choices=["list", "overview", "api"], default="list", help="Page to time (default: the list)."
        )

    def handle(self, *args, count: int, runs: int, query: str, view: str, **options):
        started = time.perf_counter()
        created = bulk_mandates(count)
        if created:
            self.stdout.write(f"created {created} mandates in {time.perf_counter() - started:.1f} s")
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE mandates_mandate")
        user, _ = get_user_model().objects.get_or_create(username=f"{BENCH_PREFIX}user")
        user.groups.add(*Group.objects.filter(name="editors"))
        client = Client()
        client.force_login(user)
        name = {"list": "mandates:mandate_list", "overview": "mandates:overview", "api": "mandates:api_mandates"}[view]
        url = reverse(name) + (f"?{query}" if query else "")
        secure = settings.SECURE_SSL_REDIRECT
        timings = []
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], DEBUG=False):
            for _ in range(3):  # warm caches and connections
                response = client.get(url, secure=secure)
                assert response.status_code == 200, response.status_code
            queries = []
            with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
                client.get(url, secure=secure)
            for _ in range(runs):
                t0 = time.perf_counter()
                client.get(url, secure=secure)
                timings.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(timings)
        self.stdout.write(
            f"{connection.vendor}: {Mandate.objects.count()} mandates, GET {url}: median {median:.1f} ms, "
            f"min {min(timings):.1f} ms, max {max(timings):.1f} ms over {runs} runs; {len(queries)} queries"
        )
