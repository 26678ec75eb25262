"""With 100,000 mandates, the list's first page runs a fixed, small number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mandates.management.commands.benchmark_dashboard import bulk_mandates
from mandates.models import Mandate

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15  # session, user, permissions (2), filter <select>s (4: owner too), count, page rows, saved
# filters, the bulk form's owner <select>, with room


def test_the_first_page_of_100000_mandates_runs_a_bounded_number_of_queries(
    client, alice, django_assert_max_num_queries
):
    bulk_mandates(100_000)
    assert Mandate.objects.count() == 100_000
    client.force_login(alice)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("mandates:mandate_list"))
    assert response.context["page"].paginator.count == 100_000
    assert len(response.context["page"].object_list) == 50

    # The same bound holds with filters, sorting and a later page (no per-row queries).
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("mandates:mandate_list"), {"status": "pending", "o": "-entity", "page": 3})
    assert len(response.context["page"].object_list) == 50
