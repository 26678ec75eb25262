"""The admin: every model is there, and status actions go through the workflow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from mandates.models import DuplicateDismissal, Mandate, MandateLink, StatusChange
from tests import builders
from tests.e2e import data

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:mandates_mandate_changelist")


def test_every_model_is_registered():
    models = set(apps.get_app_config("mandates").get_models())
    models.discard(Mandate.history.model)  # simple-history's table is shown through MandateAdmin
    models.discard(MandateLink.history.model)  # likewise through MandateLinkAdmin
    models.discard(DuplicateDismissal.history.model)  # likewise through DuplicateDismissalAdmin
    assert models <= set(admin.site._registry)


def test_every_changelist_and_the_mandate_page_render(admin_client):
    world = data.build()
    for model in admin.site._registry:
        if model._meta.app_label != "mandates":
            continue
        url = reverse(f"admin:mandates_{model._meta.model_name}_changelist")
        assert admin_client.get(url, {"q": "crime"}).status_code == 200, url
    m = world["mandates"][0]
    page = admin_client.get(reverse("admin:mandates_mandate_change", args=[m.pk]))
    assert page.status_code == 200
    assert b"Status changes" in page.content  # the history inline
    # Source text is read-only: shown, not an input.
    assert b'name="source_text"' not in page.content and m.source_text[:30].encode() in page.content
    history = admin_client.get(reverse("admin:mandates_mandate_history", args=[m.pk]))
    assert history.status_code == 200


def test_a_status_action_goes_through_the_workflow(admin_client, admin_user):
    a, b = builders.mandate(), builders.mandate()

    response = admin_client.post(
        CHANGELIST, {"action": "mark_in_preparation", "_selected_action": [a.pk, b.pk]}, follow=True
    )

    assert b"2 mandate(s) moved to in preparation." in response.content
    changes = StatusChange.objects.filter(mandate__in=[a, b])
    assert {(c.mandate_id, c.from_status, c.to_status, c.changed_by) for c in changes} == {
        (a.pk, "pending", "in_preparation", admin_user),
        (b.pk, "pending", "in_preparation", admin_user),
    }


def test_a_status_action_reports_moves_the_workflow_refuses(admin_client):
    pending = builders.mandate()
    submitted = builders.mandate(status=Mandate.Status.SUBMITTED)

    response = admin_client.post(
        CHANGELIST, {"action": "mark_considered", "_selected_action": [pending.pk, submitted.pk]}, follow=True
    )

    assert b"1 mandate(s) moved to considered." in response.content
    assert b"1 refused by the workflow" in response.content
    pending.refresh_from_db()
    submitted.refresh_from_db()
    assert (pending.status, submitted.status) == ("pending", "considered")
    assert not pending.status_changes.exists()


def test_status_cannot_be_typed_in_the_change_form(admin_client):
    m = builders.mandate()
    page = admin_client.get(reverse("admin:mandates_mandate_change", args=[m.pk]))
    assert b'name="status"' not in page.content


def test_admin_search_matches_subject_clause_and_entity(admin_client):
    unodc = builders.entity("United Nations Office on Drugs and Crime", acronym="UNODC")
    by_subject = builders.mandate(subject="electronic evidence")
    by_entity = builders.mandate(responsible_entity=unodc)
    builders.mandate(subject="oceans")

    def found(q):
        return {m.pk for m in admin_client.get(CHANGELIST, {"q": q}).context["cl"].result_list}

    assert found("ELECTRONIC") == {by_subject.pk}
    assert found("unodc") == {by_entity.pk}
    assert found("Requests the Secretary-General") == {by_subject.pk, by_entity.pk} | {
        m.pk for m in Mandate.objects.filter(subject="oceans")
    }


def test_changing_session_dates_in_the_admin_moves_its_mandates(admin_client):
    ccpcj = builders.body("Commission on Crime Prevention and Criminal Justice", acronym="CCPCJ")
    session = builders.session(ccpcj, 31, start_date=dt.date(2022, 5, 16), end_date=dt.date(2022, 5, 20))
    mandate = builders.mandate(due_body=ccpcj, delivered_to=ccpcj, due_session_number=31, due_session=session)

    response = admin_client.post(
        f"/admin/mandates/session/{session.pk}/change/",
        {
            "body": ccpcj.pk,
            "number": 31,
            "kind": "regular",
            "start_date": "2022-06-13",
            "end_date": "2022-06-17",
            "venue": "",
            "date_source": "fixture",
            "source_reference": "",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    session.refresh_from_db()
    mandate.refresh_from_db()
    assert session.date_source == "staff"
    assert (mandate.session_opens_on, mandate.document_due_on) == (dt.date(2022, 6, 13), dt.date(2022, 4, 4))


def _admin_form_data(admin_client, url: str) -> dict:
    """What the admin change page would post back unchanged (the main form and its inlines' management forms)."""
    context = admin_client.get(url).context
    data = {}
    for name, field in context["adminform"].form.fields.items():
        value = context["adminform"].form.initial.get(name, field.initial)
        if value is not None and name not in context["adminform"].readonly_fields:
            data[name] = value.pk if hasattr(value, "pk") else value
    for formset in context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {f"{management.prefix}-{k}": v for k, v in management.initial.items()}
    return data


def test_changing_a_mandates_session_in_the_admin_redates_it_and_sets_its_flag(admin_client):
    # The dashboard and the admin both re-date: an admin edit of the session is not a silent save (issue 10).
    ga = builders.body("General Assembly", acronym="GA", calendar_rule={})
    builders.session(ga, 80, start_date=dt.date(2025, 9, 9), confirmed=True)
    later = builders.session(ga, 120, start_date=dt.date(2065, 9, 8), confirmed=True)
    mandate = builders.mandate(due_body=ga, due_session_number=80)
    from mandates.services.calendar import mandates_schedule

    mandates_schedule([mandate])
    url = f"/admin/mandates/mandate/{mandate.pk}/change/"
    data = _admin_form_data(admin_client, url) | {"due_session_number": 120}

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.content[:3000]
    mandate.refresh_from_db()
    assert (mandate.due_session, mandate.session_opens_on, mandate.flag) == (later, dt.date(2065, 9, 8), "later")


def test_changing_a_bodys_lead_time_in_the_admin_redates_its_mandates(admin_client):
    ga = builders.body("General Assembly", acronym="GA", calendar_rule={})
    session = builders.session(ga, 80, start_date=dt.date(2025, 9, 9), confirmed=True)
    mandate = builders.mandate(due_body=ga, due_session_number=80, due_session=session)
    url = f"/admin/mandates/body/{ga.pk}/change/"
    data = _admin_form_data(admin_client, url) | {"lead_time_weeks": 6}
    data["calendar_rule"] = "{}"

    assert admin_client.post(url, data).status_code == 302

    mandate.refresh_from_db()
    assert mandate.document_due_on == dt.date(2025, 9, 9) - dt.timedelta(weeks=6)
