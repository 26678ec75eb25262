"""Groups "editors" and "viewers" with their permissions (see mandates.roles)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from mandates.roles import roles_ensure

    roles_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
