"""Trigram indexes for the dashboard's free-text filter (MandateFilter.q), on PostgreSQL only.

Django's icontains becomes UPPER(col) LIKE UPPER('%...%'), which a btree cannot serve; a GIN index with
gin_trgm_ops on UPPER(col) can (100,000 mandates: ~1 s -> a few ms). Needs the pg_trgm extension: when the
database user may not create it, the indexes are skipped with a notice and search still works, slower.
"""

from django.db import migrations

INDEXES = {
    "mandates_mandate_subject_trgm": "UPPER(subject)",
    "mandates_mandate_source_trgm": "UPPER(source_text)",
}


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    from django.db import transaction

    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint: a refusal must not abort migrate
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:  # noqa: BLE001 - any refusal (privileges, extension not installed)
            print(f"\n  pg_trgm unavailable ({exc.__class__.__name__}); free-text search will scan the table.")
            return
        for name, expression in INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON mandates_mandate USING gin ({expression} gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("mandates", "0002_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
