"""The staff roles. Editors change mandates, upload documents and record review-cycle decisions; viewers only
read; approvers approve or return the review-cycle decisions of others (issue #13)."""

from __future__ import annotations

READ_MODELS = (
    "body",
    "entity",
    "session",
    "document",
    "instrument",
    "paragraph",
    "mandate",
    "statuschange",
    "reviewdecision",
    "flagevent",
    "reminder",
    "reviewcycle",
    "cycleitem",
    "cycleevent",
)
EDITOR_EXTRA = ("change_mandate", "add_document", "change_document", "add_statuschange")
APPROVE_PERM_CODENAME = "approve_cycleitem"

ROLES = {
    "viewers": tuple(f"view_{m}" for m in READ_MODELS),
    "editors": tuple(f"view_{m}" for m in READ_MODELS) + EDITOR_EXTRA,
    "approvers": tuple(f"view_{m}" for m in READ_MODELS) + (APPROVE_PERM_CODENAME,),
}


def roles_ensure(apps=None) -> None:
    """Create the groups and give them their permissions (idempotent; also used by the data migration)."""
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    apps = apps or global_apps
    # Permissions are normally created after migrate; make sure they exist before we assign them.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="mandates", codename__in=codenames)
        group.permissions.add(*perms)
