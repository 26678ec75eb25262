import pytest

from mandates.errors import TransitionNotAllowed
from mandates.models import Mandate
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = pytest.mark.django_db


def test_a_transition_writes_a_history_row_with_who_and_from(alice):
    mandate = builders.mandate()

    mandate_set_status(mandate=mandate, status=Mandate.Status.IN_PREPARATION, by=alice, note="drafting")

    change = mandate.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by, change.note) == (
        "pending",
        "in_preparation",
        alice,
        "drafting",
    )
    assert mandate.status == "in_preparation"


def test_a_wrong_transition_is_refused_and_changes_nothing(alice):
    mandate = builders.mandate()

    with pytest.raises(TransitionNotAllowed):
        mandate_set_status(mandate=mandate, status=Mandate.Status.CONSIDERED, by=alice)

    mandate.refresh_from_db()
    assert mandate.status == "pending"
    assert not mandate.status_changes.exists()
