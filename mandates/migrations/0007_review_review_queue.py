"""Review queue (issue #8): Mandate.review_state, confidence, review_reason; ReviewDecision.

Existing mandates were all confident extractions: they become "confirmed" (the field's default). The
editors and viewers groups get the permissions of the new model (mandates.roles).
"""

import django.db.models.deletion
import django.db.models.manager
from django.conf import settings
from django.db import migrations, models


def roles(apps, schema_editor):
    from mandates.roles import roles_ensure

    roles_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0006_ingest_document_files_absent_mandates"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("confirmed", "Confirmed"),
                            ("corrected", "Corrected"),
                            ("rejected", "Rejected"),
                            ("reopened", "Returned to review"),
                            ("extracted", "Confirmed by extraction"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "from_state",
                    models.CharField(
                        choices=[
                            ("candidate", "Waiting for review"),
                            ("confirmed", "Tracked"),
                            ("rejected", "Rejected"),
                        ],
                        max_length=16,
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("candidate", "Waiting for review"),
                            ("confirmed", "Tracked"),
                            ("rejected", "Rejected"),
                        ],
                        max_length=16,
                    ),
                ),
                ("changes", models.JSONField(blank=True, default=dict)),
                ("reason", models.TextField(blank=True)),
                ("decided_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["-decided_at", "-id"],
            },
        ),
        migrations.AlterModelOptions(
            name="mandate",
            options={
                "base_manager_name": "all_objects",
                "default_manager_name": "objects",
                "ordering": ["document_due_on", "id"],
            },
        ),
        migrations.AlterModelManagers(
            name="mandate",
            managers=[
                ("objects", django.db.models.manager.Manager()),
                ("all_objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.AddField(
            model_name="historicalmandate",
            name="confidence",
            field=models.FloatField(default=1.0),
        ),
        migrations.AddField(
            model_name="historicalmandate",
            name="review_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="historicalmandate",
            name="review_state",
            field=models.CharField(
                choices=[("candidate", "Waiting for review"), ("confirmed", "Tracked"), ("rejected", "Rejected")],
                default="confirmed",
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="mandate",
            name="confidence",
            field=models.FloatField(default=1.0),
        ),
        migrations.AddField(
            model_name="mandate",
            name="review_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="mandate",
            name="review_state",
            field=models.CharField(
                choices=[("candidate", "Waiting for review"), ("confirmed", "Tracked"), ("rejected", "Rejected")],
                default="confirmed",
                max_length=16,
            ),
        ),
        migrations.AddIndex(
            model_name="mandate",
            index=models.Index(
                condition=models.Q(("review_state", "candidate")),
                fields=["-created_at", "-id"],
                name="mandates_mandate_candidates",
            ),
        ),
        migrations.AddConstraint(
            model_name="mandate",
            constraint=models.CheckConstraint(
                condition=models.Q(("review_state__in", ["candidate", "confirmed", "rejected"])),
                name="mandates_mandate_review_state_valid",
            ),
        ),
        migrations.AddField(
            model_name="reviewdecision",
            name="decided_by",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="reviewdecision",
            name="mandate",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="review_decisions", to="mandates.mandate"
            ),
        ),
        migrations.RunPython(roles, migrations.RunPython.noop),
    ]
