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


def test_submitting_a_flagged_mandate_marks_it_done_at_once_with_an_event(alice):
    import datetime as dt

    from mandates.services.flags import mandates_flag

    mandate = builders.mandate(document_due_on=dt.date(2021, 7, 6))
    mandates_flag(today=dt.date(2021, 8, 1))

    mandate_set_status(mandate=mandate, status=Mandate.Status.SUBMITTED, by=alice, submitted_symbol="A/76/145")

    assert (mandate.flag, mandate.submitted_symbol) == ("done", "A/76/145")
    assert list(mandate.flag_events.order_by("id").values_list("from_flag", "to_flag")) == [
        ("", "overdue"),
        ("overdue", "done"),
    ]


def test_a_wrong_transition_from_a_final_status_is_refused(alice):
    mandate = builders.mandate()
    mandate_set_status(mandate=mandate, status=Mandate.Status.CANCELLED, by=alice)

    with pytest.raises(TransitionNotAllowed, match="from cancelled to considered"):
        mandate_set_status(mandate=mandate, status=Mandate.Status.CONSIDERED, by=alice)
