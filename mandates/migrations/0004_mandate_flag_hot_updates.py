"""Let the flag job's UPDATEs be HOT (heap-only tuple) updates on PostgreSQL.

A HOT update writes the new row version on the same page and no index entries; PostgreSQL does one only
when no indexed column changes and the page has room. So:

- no index on `flag` (the job writes `flag` and `flagged_on`; neither may be indexed);
- fillfactor 50 on PostgreSQL: inserts fill pages to half, so that the first run, which rewrites every row
  in one transaction (the old versions cannot be pruned before it commits), finds room for a second version
  of every row on its page. With 70, only ~40% of the 950,000 updates of the benchmark were HOT.

The fillfactor applies to pages filled from now on; rows already stored keep their pages until a
`VACUUM FULL mandates_mandate` (or pg_repack) rewrites the table. SQLite has no such setting: no-op there.
See docs/benchmarks.md "Flags".
"""

from django.db import migrations

FILLFACTOR = 50


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE mandates_mandate SET (fillfactor = {FILLFACTOR})")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE mandates_mandate RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0003_mandate_text_search_trgm"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="mandate",
            name="mandates_mandate_flag",
        ),
        migrations.RunPython(set_fillfactor, reset_fillfactor),
    ]
