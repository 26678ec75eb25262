"""MandateFilter on the list page: each filter narrows to exactly the right rows; a bad value says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mandates.models import Body, Entity, Mandate
from tests import builders

pytestmark = pytest.mark.django_db

URL = reverse("mandates:mandate_list")


@pytest.fixture
def rows():
    """Four mandates that differ in every filtered field."""
    ga = builders.body("General Assembly", acronym="GA")
    ccpcj = builders.body("Commission on Crime Prevention and Criminal Justice", acronym="CCPCJ")
    sg = builders.entity("Secretary-General", acronym="SG")
    unodc = builders.entity("United Nations Office on Drugs and Crime", acronym="UNODC")
    doc_a, doc_b = builders.document(symbol="A/RES/79/1"), builders.document(symbol="E/CN.15/2025/L.2")
    inst_a, inst_b = builders.instrument(doc_a), builders.instrument(doc_b)
    return {
        "ga80": builders.mandate(
            instrument=inst_a,
            due_body=ga,
            due_session_number=80,
            due_session=builders.at_session(ga, 80),
            responsible_entity=sg,
            subject="oceans and the law of the sea",
            document_due_on=dt.date(2025, 6, 1),
            flag=Mandate.Flag.OVERDUE,
        ),
        "ga81": builders.mandate(
            instrument=inst_a,
            due_body=ga,
            due_session_number=81,
            due_session=builders.at_session(ga, 81),
            responsible_entity=sg,
            category=Mandate.Category.INFORMATION,
            subject="violence against women migrant workers",
            document_due_on=dt.date(2026, 6, 1),
            status=Mandate.Status.SUBMITTED,
            flag=Mandate.Flag.DONE,
        ),
        "ccpcj35": builders.mandate(
            instrument=inst_b,
            due_body=ccpcj,
            due_session_number=35,
            due_session=builders.at_session(ccpcj, 35),
            responsible_entity=unodc,
            category=Mandate.Category.ORAL,
            subject="cybercrime",
            source_text="Requests the Office to brief the Commission on electronic evidence",
            document_due_on=dt.date(2027, 3, 1),
            flag=Mandate.Flag.UPCOMING_10,
        ),
        "undated": builders.mandate(
            instrument=inst_b, due_body=None, due_session_number=None, responsible_entity=unodc, subject="firearms"
        ),
    }


def _keys(client, rows, query) -> set[str]:
    response = client.get(URL, query)
    assert response.status_code == 200
    assert not response.context["errors"], response.context["errors"]
    by_pk = {m.pk: name for name, m in rows.items()}
    return {by_pk[m.pk] for m in response.context["page"].object_list}


@pytest.fixture
def viewer(client, bob):
    client.force_login(bob)
    return client


def test_no_filter_lists_everything(viewer, rows):
    assert _keys(viewer, rows, {}) == set(rows)


def test_each_filter_narrows_to_exactly_the_matching_mandates(viewer, rows):
    ga = Body.objects.get(acronym="GA")
    unodc = Entity.objects.get(acronym="UNODC")
    cases = [
        ({"body": ga.pk}, {"ga80", "ga81"}),
        ({"body": ga.pk, "session": 81}, {"ga81"}),
        ({"session": 35}, {"ccpcj35"}),
        ({"entity": unodc.pk}, {"ccpcj35", "undated"}),
        ({"status": "submitted"}, {"ga81"}),
        ({"status": ["submitted", "pending"]}, set(rows)),
        ({"category": "oral"}, {"ccpcj35"}),
        ({"flag": "overdue"}, {"ga80"}),
        ({"flag": "none"}, {"undated"}),
        ({"document": rows["ccpcj35"].instrument.document_id}, {"ccpcj35", "undated"}),
        ({"instrument": rows["ga80"].instrument_id}, {"ga80", "ga81"}),
        ({"due_after": "2026-01-01"}, {"ga81", "ccpcj35"}),
        ({"due_before": "2026-06-01"}, {"ga80", "ga81"}),
        ({"due_after": "2026-01-01", "due_before": "2026-12-31"}, {"ga81"}),
        ({"q": "MIGRANT"}, {"ga81"}),  # subject, case-insensitive
        ({"q": "electronic evidence"}, {"ccpcj35"}),  # source text
        ({"q": "Office on Drugs"}, {"ccpcj35", "undated"}),  # entity name
        ({"q": "unodc"}, {"ccpcj35", "undated"}),  # entity acronym
        ({"q": "   "}, set(rows)),
    ]
    for query, expected in cases:
        assert _keys(viewer, rows, query) == expected, query


def test_sorting_orders_rows_and_descending_reverses(viewer, rows):
    response = viewer.get(URL, {"o": "session", "body": rows["ga80"].due_body_id})
    assert [m.due_session_number for m in response.context["page"].object_list] == [80, 81]
    response = viewer.get(URL, {"o": "-due"})
    dated = [m.document_due_on for m in response.context["page"].object_list if m.document_due_on]
    assert dated == sorted(dated, reverse=True)
    response = viewer.get(URL, {"o": "entity"})
    names = [m.responsible_entity.name for m in response.context["page"].object_list]
    assert names == sorted(names)


@pytest.mark.parametrize(
    "query, field",
    [
        ({"body": "999999"}, "body"),
        ({"body": "GA"}, "body"),
        ({"session": "eighty"}, "session"),
        ({"session": "0"}, "session"),
        ({"entity": "x"}, "entity"),
        ({"status": "late"}, "status"),
        ({"category": "memo"}, "category"),
        ({"flag": "red"}, "flag"),
        ({"document": "abc"}, "document"),
        ({"instrument": "424242"}, "instrument"),
        ({"due_after": "next tuesday"}, "due_after"),
        ({"due_before": "2026-13-45"}, "due_before"),
        ({"o": "password"}, "o"),
    ],
)
def test_an_invalid_filter_value_shows_a_message_and_no_rows(viewer, rows, query, field):
    response = viewer.get(URL, query)

    assert response.status_code == 200
    assert field in response.context["errors"]
    assert list(response.context["page"].object_list) == []
    assert b"This filter is not valid, so nothing is shown." in response.content


def test_the_list_is_paginated_and_pages_keep_the_filter(viewer, rows):
    ga = Body.objects.get(acronym="GA")
    inst = rows["ga80"].instrument
    for _ in range(55):
        builders.mandate(instrument=inst, due_body=ga, due_session_number=82, due_session=builders.at_session(ga, 82))

    first = viewer.get(URL, {"session": 82})
    second = viewer.get(URL, {"session": 82, "page": 2})

    assert first.context["page"].paginator.count == 55
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 5
    assert b"?session=82&page=2" in first.content
    assert not {m.pk for m in first.context["page"].object_list} & {m.pk for m in second.context["page"].object_list}


def test_column_headers_toggle_the_sort_and_keep_the_filter(viewer, rows):
    ga = Body.objects.get(acronym="GA")
    content = viewer.get(URL, {"body": ga.pk, "o": "due"}).content.decode()
    assert f'href="?body={ga.pk}&amp;o=-due" aria-sort="ascending"' in content
    assert f'href="?body={ga.pk}&amp;o=entity" aria-sort="none"' in content
