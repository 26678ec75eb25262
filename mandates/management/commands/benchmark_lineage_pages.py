"""Time the possible-duplicates and reporting-burden pages with N mandates, against baselines (issue #13)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
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
from simple_history.utils import bulk_update_with_history

from mandates import selectors
from mandates.models import Body, Document, DuplicateRefresh, Entity, Instrument, Mandate, Session
from mandates.services.duplicates import duplicates_rebuild

PREFIX = "benchmark-lineage-"
YEARS = range(2010, 2030)  # due years; mandates due from 2026 on are open, earlier ones mostly answered
OPEN_FROM = 2026
TOPICS = [
    "implementation",
    "strengthening",
    "cooperation",
    "crime",
    "prevention",
    "criminal",
    "justice",
    "drugs",
    "women",
    "children",
    "violence",
    "human",
    "rights",
    "sustainable",
    "development",
    "financing",
    "oceans",
    "law",
    "sea",
    "climate",
    "migration",
    "refugees",
    "peacekeeping",
    "operations",
    "budget",
    "programme",
    "audit",
    "evaluation",
    "technology",
    "information",
    "communications",
    "youth",
    "ageing",
    "disability",
    "health",
    "education",
    "water",
    "energy",
    "food",
    "security",
    "nuclear",
    "disarmament",
    "terrorism",
    "corruption",
    "trafficking",
    "persons",
    "firearms",
    "cybercrime",
    "desertification",
    "biodiversity",
    "tourism",
    "culture",
    "sport",
    "cities",
    "housing",
    "debt",
    "trade",
    "investment",
    "agriculture",
    "poverty",
    "employment",
    "indigenous",
    "peoples",
    "minorities",
    "torture",
    "detention",
    "elections",
    "governance",
    "statistics",
    "oceans",
    "fisheries",
    "forests",
    "mountains",
    "islands",
    "landlocked",
    "countries",
    "Africa",
    "Asia",
    "Pacific",
    "Caribbean",
    "Europe",
    "Americas",
    "regional",
    "centres",
    "conferences",
    "languages",
    "archives",
]
BODIES = (  # (name, acronym, weight): the General Assembly receives most reports
    ("General Assembly", "GA", 40),
    ("Economic and Social Council", "ECOSOC", 15),
    ("Human Rights Council", "HRC", 15),
    ("Commission on Crime Prevention and Criminal Justice", "CCPCJ", 8),
    ("Commission on Narcotic Drugs", "CND", 6),
    ("Commission on the Status of Women", "CSW", 6),
    ("United Nations Environment Assembly", "UNEA", 5),
    ("Security Council", "SC", 5),
)
CATEGORIES = (("report", 55), ("information", 20), ("oral", 15), ("action", 10))


def _weighted(rng: random.Random, items):
    return rng.choices([i[0] for i in items], weights=[i[-1] for i in items])[0]


def bulk_lineage_mandates(count: int, *, seed: int = 13, duplicate_share: float = 0.01) -> int:
    """Add mandates (natural key `benchmark-lineage-…`) until the table holds `count`.

    Shaped like a registry that has run for twenty years: 60 entities (the first asked most, weight 1/rank),
    8 bodies (the General Assembly 40%), 4,000 instruments, subjects of 3–7 topic words, 30% recurring; due
    years 2010–2029, open from 2026 (10% of earlier ones still open). `duplicate_share` of the rows repeat
    another row's request (subject reworded by one word) in another instrument: the duplicates to find.
    """
    missing = count - Mandate.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed + missing)
    bodies = [Body.objects.get_or_create(name=n, defaults={"acronym": a})[0] for n, a, _ in BODIES]
    body_weights = [w for *_, w in BODIES]
    entities = [Entity.objects.get_or_create(name=f"{PREFIX}entity {i:02d}")[0] for i in range(60)]
    entity_weights = [1 / (i + 1) for i in range(60)]
    sessions = {
        (body.pk, year): Session.objects.get_or_create(
            body=body, number=year - 1945, kind=Session.Kind.REGULAR, defaults={"year": year}
        )[0]
        for body in bodies
        for year in YEARS
    }
    instruments = []
    for d in range(400):
        text = f"Benchmark lineage document {d}."
        doc, _ = Document.objects.get_or_create(
            source_key=f"{PREFIX}{d}",
            defaults=dict(
                symbol=f"BENCH/LIN/{d}",
                filename=f"bench-lineage-{d}.txt",
                format=Document.Format.TEXT,
                content_hash=hashlib.sha256(text.encode()).hexdigest(),
                size_bytes=len(text),
                text=text,
            ),
        )
        for i in range(10):
            title = " ".join(rng.sample(TOPICS, 4)).capitalize()
            instruments.append(
                Instrument.objects.get_or_create(
                    document=doc,
                    label=f"Resolution {d}/{i}",
                    defaults={"order": i, "title": title, "adopting_body": rng.choices(bodies, body_weights)[0]},
                )[0]
            )
    created, previous, offset = 0, [], Mandate.objects.count()
    with transaction.atomic():
        while created < missing:
            rows = []
            for _ in range(min(5000, missing - created)):
                n = offset + created + len(rows)
                if previous and rng.random() < duplicate_share:
                    twin = rng.choice(previous)
                    words = twin.subject.split()
                    words[rng.randrange(len(words))] = rng.choice(TOPICS)
                    instrument = rng.choice(instruments)
                    body, entity, category = twin.delivered_to, twin.responsible_entity, twin.category
                    due, status, subject = twin.document_due_on, twin.status, " ".join(words)
                else:
                    instrument = rng.choice(instruments)
                    body = rng.choices(bodies, body_weights)[0]
                    entity = rng.choices(entities, entity_weights)[0]
                    category = _weighted(rng, CATEGORIES)
                    year = rng.choice(YEARS)
                    due = dt.date(year, rng.randrange(1, 13), rng.randrange(1, 29))
                    answered = year < OPEN_FROM and rng.random() < 0.9
                    status = (
                        rng.choice(["considered", "submitted"]) if answered else rng.choice(["pending", "deferred"])
                    )
                    subject = " ".join(rng.sample(TOPICS, rng.randrange(3, 8)))
                text = f"Requests the Secretary-General to report to the {body.name} on {subject}"
                mandate = Mandate(
                    instrument=instrument,
                    paragraph_label=str(rng.randrange(1, 30)),
                    category=category,
                    responsible_entity=entity,
                    delivered_to=body,
                    due_body=body,
                    due_session_number=due.year - 1945,
                    due_session=sessions[(body.pk, due.year)],
                    recurrence=rng.choices(["annual", "biennial", ""], weights=[20, 10, 70])[0],
                    subject=subject,
                    source_text=text,
                    source_end=len(text),
                    natural_key=f"{PREFIX}{n}",
                    session_opens_on=due + dt.timedelta(weeks=10),
                    document_due_on=due,
                    status=status,
                )
                rows.append(mandate)
                previous.append(mandate)
            Mandate.objects.bulk_create(rows)
            created += len(rows)
    return created


class Command(BaseCommand):
    help = (
        "Fill the database up to --count mandates shaped like a 20-year registry, then print the median time "
        "and query count of the possible-duplicates and reporting-burden pages (Django test Client), beside "
        "the naive per-mandate computation of duplicates (one block query per open mandate)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=100_000, help="Mandates in the table (default 100000).")
        parser.add_argument("--runs", type=int, default=10, help="Timed requests per page (default 10).")
        parser.add_argument("--naive-sample", type=int, default=300, help="Open mandates the baseline times.")

    def _time(self, client, url: str, runs: int, *, before=None) -> tuple[float, float, int]:
        """Median and fastest of `runs` requests and the queries of one; `before()` runs untimed before each
        request (a write the request then catches up with)."""
        secure = settings.SECURE_SSL_REDIRECT
        for _ in range(2):
            response = client.get(url, secure=secure)
            assert response.status_code == 200, response.status_code
        queries: list[str] = []
        if before:
            before()
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            client.get(url, secure=secure)
        timings = []
        for _ in range(runs):
            if before:
                before()
            started = time.perf_counter()
            client.get(url, secure=secure)
            timings.append((time.perf_counter() - started) * 1000)
        return statistics.median(timings), min(timings), len(queries)

    def handle(self, *args, count: int, runs: int, naive_sample: int, **options):
        user, _ = get_user_model().objects.get_or_create(username=f"{PREFIX}user")
        user.groups.add(*Group.objects.filter(name="editors"))
        client = Client()
        client.force_login(user)
        pages = {"duplicates": reverse("mandates:duplicates"), "burden": reverse("mandates:burden")}
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], DEBUG=False):
            before = Mandate.objects.count()
            if before == 0:  # the baseline of an empty database, only when starting from one
                for name, url in pages.items():
                    median, fastest, queries = self._time(client, url, runs)
                    self.stdout.write(f"baseline, empty database: {name} median {median:.1f} ms ({queries} queries)")
            started = time.perf_counter()
            created = bulk_lineage_mandates(count)
            if created:
                self.stdout.write(f"created {created} mandates in {time.perf_counter() - started:.1f} s")
            if created or not DuplicateRefresh.objects.filter(rebuilt_at__isnull=False).exists():
                # bulk_create writes no history: every block is scored (what the first refresh after a
                # migration does), timed.
                started = time.perf_counter()
                stored = duplicates_rebuild()
                self.stdout.write(
                    f"full rebuild (due years of every mandate, every block scored): {stored} pairs in "
                    f"{time.perf_counter() - started:.1f} s"
                )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE mandates_mandate")  # what autovacuum does after a bulk load
            total = Mandate.objects.count()
            open_count = Mandate.objects.filter(selectors.OPEN).count()
            groups = selectors.possible_duplicates()
            self.stdout.write(
                f"{connection.vendor}: {total} mandates, {open_count} open; {len(groups)} groups of possible "
                f"duplicates ({sum(len(g.mandate_ids) for g in groups)} mandates)"
            )
            # A change the pages must catch up with: one open mandate of a group reworded by a bulk write (history
            # row, no signal), so the request's refresh scores that mandate's block again.
            changed = Mandate.objects.get(pk=groups[0].mandate_ids[0]) if groups else None
            words = iter(TOPICS * 1000)

            def change():
                if changed is not None:
                    changed.subject = f"{changed.subject.rsplit(' ', 1)[0]} {next(words)}"
                    bulk_update_with_history([changed], Mandate, ["subject"], manager=Mandate.all_objects)

            for name, url, before_each in (
                ("duplicates, pairs current (no cache: the stored pairs read)", pages["duplicates"], None),
                ("duplicates, first view after a change (one mandate rescored)", pages["duplicates"], change),
                ("burden (no cache: grouped on indexed columns)", pages["burden"], None),
                ("burden, first view after a change", pages["burden"], change),
            ):
                median, fastest, queries = self._time(client, url, runs, before=before_each)
                self.stdout.write(
                    f"{name}: GET {url} median {median:.1f} ms, min {fastest:.1f} ms over {runs} runs; "
                    f"{queries} queries"
                )
            if changed is not None:  # the write path: a save, then its on-commit refresh (autocommit: at once)
                timings = []
                for _ in range(runs):
                    changed.subject = f"{changed.subject.rsplit(' ', 1)[0]} {next(words)}"
                    started = time.perf_counter()
                    changed.save(update_fields=["subject", "updated_at"])
                    timings.append((time.perf_counter() - started) * 1000)
                self.stdout.write(
                    f"save of one mandate with its duplicates refresh: median {statistics.median(timings):.1f} ms, "
                    f"min {min(timings):.1f} ms over {runs}"
                )
            self.stdout.write(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            sample = list(Mandate.objects.filter(selectors.OPEN).order_by("?")[:naive_sample])
            queries = []
            started = time.perf_counter()
            with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
                for mandate in sample:
                    duplicates_naive(mandate)
            seconds = time.perf_counter() - started
            per = seconds / max(len(sample), 1)
            self.stdout.write(
                f"naive baseline (each open mandate scored against its block, {len(queries) / max(len(sample), 1):.0f} "
                f"queries each): {per * 1000:.1f} ms per mandate over {len(sample)}; for all {open_count} open "
                f"mandates ≈ {per * open_count:.1f} s and {len(queries) / max(len(sample), 1) * open_count:.0f} queries"
            )


def duplicates_naive(mandate: Mandate) -> list:
    """The naive computation the stored pairs replace: read the mandate's block and score it against it."""
    from mandates import duplicates
    from mandates.services.duplicates import FIELDS, _candidate, _compared_subject, candidates

    rows = (
        candidates()
        .filter(
            responsible_entity_id=mandate.responsible_entity_id, category=mandate.category, due_year=mandate.due_year
        )
        .annotate(compared_subject=_compared_subject())
        .values_list(*FIELDS)
    )
    block = [_candidate(r) for r in rows]
    target = next((c for c in block if c.id == mandate.pk), None)
    return duplicates.matches_of(target, block) if target else []
