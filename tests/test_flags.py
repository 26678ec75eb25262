import datetime as dt

import pytest
from django.core.management import call_command

from mandates.models import FlagEvent, JobHeartbeat, Mandate
from mandates.services.flags import flag_for, mandates_flag
from mandates.services.heartbeat import heartbeat_status
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = pytest.mark.django_db

# GA 76 opened on 14 September 2021; with the default 10-week lead time its documents were due 6 July.
OPENS = dt.date(2021, 9, 14)
DUE = dt.date(2021, 7, 6)


def ga76_mandate(**fields) -> Mandate:
    return builders.mandate(due_session_number=76, session_opens_on=OPENS, document_due_on=DUE, **fields)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - dt.timedelta(weeks=20), "later"),
        (DUE - dt.timedelta(weeks=14), "upcoming_14"),
        (DUE - dt.timedelta(weeks=14) + dt.timedelta(days=1), "upcoming_14"),
        (DUE - dt.timedelta(weeks=10), "upcoming_10"),
        (DUE - dt.timedelta(weeks=6), "upcoming_6"),
        (DUE - dt.timedelta(days=1), "upcoming_6"),
        (DUE, "due"),
        (DUE + dt.timedelta(days=1), "overdue"),
        (OPENS + dt.timedelta(days=30), "overdue"),
    ],
)
def test_an_open_mandate_is_flagged_by_its_document_due_date(today, expected):
    mandate = ga76_mandate()

    mandates_flag(today=today)

    mandate.refresh_from_db()
    assert mandate.flag == expected
    assert flag_for(mandate, today=today) == expected  # the Python rule agrees with the SQL one


def test_a_session_that_has_opened_makes_a_mandate_without_due_date_overdue():
    mandate = builders.mandate(session_opens_on=OPENS, document_due_on=None)

    mandates_flag(today=OPENS - dt.timedelta(days=1))
    mandate.refresh_from_db()
    assert mandate.flag == ""

    mandates_flag(today=OPENS)
    mandate.refresh_from_db()
    assert mandate.flag == "overdue"


def test_submitted_and_cancelled_mandates_are_done_whatever_the_dates(alice):
    submitted, cancelled, deferred = ga76_mandate(), ga76_mandate(), ga76_mandate()
    mandate_set_status(mandate=submitted, status="submitted", by=alice, submitted_symbol="A/76/145")
    mandate_set_status(mandate=cancelled, status="cancelled", by=alice)
    mandate_set_status(mandate=deferred, status="deferred", by=alice)

    mandates_flag(today=DUE + dt.timedelta(days=3))

    flags = dict(Mandate.objects.values_list("id", "flag"))
    assert (flags[submitted.id], flags[cancelled.id], flags[deferred.id]) == ("done", "done", "overdue")


def test_configured_tiers_fill_the_upcoming_flags_widest_first(settings):
    settings.FLAG_TIERS_WEEKS = [4, 8, 12]  # -> upcoming_14 means 12 weeks, upcoming_10 8, upcoming_6 4
    mandate = ga76_mandate()

    mandates_flag(today=DUE - dt.timedelta(weeks=7))

    mandate.refresh_from_db()
    assert mandate.flag == "upcoming_10"


def test_each_change_of_flag_is_recorded_once():
    mandate = ga76_mandate()
    days = [DUE - dt.timedelta(weeks=12), DUE - dt.timedelta(weeks=12), DUE, DUE, DUE + dt.timedelta(days=1)]

    for today in days:
        mandates_flag(today=today)

    events = list(FlagEvent.objects.filter(mandate=mandate).order_by("id").values_list("from_flag", "to_flag", "as_of"))
    assert events == [
        ("", "upcoming_14", days[0]),
        ("upcoming_14", "due", DUE),
        ("due", "overdue", days[4]),
    ]
    mandate.refresh_from_db()
    assert mandate.flagged_on == days[4]


def test_flagging_takes_a_bounded_number_of_queries_however_many_mandates(django_assert_max_num_queries):
    inst = builders.instrument()
    for i in range(60):
        builders.mandate(instrument=inst, document_due_on=DUE + dt.timedelta(days=i * 3), session_opens_on=OPENS)

    with django_assert_max_num_queries(6):
        summary = mandates_flag(today=DUE)

    assert summary.changed == 60
    assert sum(summary.by_flag.values()) == 60
    assert FlagEvent.objects.count() == 60


def test_the_flag_job_records_its_heartbeat():
    assert heartbeat_status("flag_due") == (None, True)

    mandates_flag(today=DUE)

    last, stale = heartbeat_status("flag_due")
    assert last is not None and not stale
    assert JobHeartbeat.objects.get(name="flag_due").detail["as_of"] == DUE.isoformat()


def test_a_heartbeat_older_than_the_limit_is_stale(settings):
    settings.HEARTBEAT_MAX_AGE_HOURS = 24
    mandates_flag(today=DUE)
    last, _ = heartbeat_status("flag_due")

    assert heartbeat_status("flag_due", now=last + dt.timedelta(hours=23))[1] is False
    assert heartbeat_status("flag_due", now=last + dt.timedelta(hours=25))[1] is True


def test_the_flag_due_command_flags_as_of_the_given_day(capsys):
    mandate = ga76_mandate()

    call_command("flag_due", "--today", DUE.isoformat())

    mandate.refresh_from_db()
    assert mandate.flag == "due"
    assert '"changed": 1' in capsys.readouterr().out


# Opening days of the sessions the seed resolutions ask reports for (the calendar branch computes these;
# here they are fixed so the test reads on its own). Documents are due 10 weeks before.
SEED_SESSIONS = {
    ("Commission on Crime Prevention and Criminal Justice", 31): dt.date(2022, 5, 16),
    ("General Assembly", 77): dt.date(2022, 9, 13),
}


def seed_mandates(gold_name: str) -> dict[tuple, list[Mandate]]:
    """Mandates of a seed document as its gold file lists them, with session dates where SEED_SESSIONS has them."""
    import json

    from tests.conftest import FIXTURES

    by_session: dict[tuple, list[Mandate]] = {}
    doc = builders.document(source_key=gold_name)
    instruments = {}
    for record in json.loads((FIXTURES / "gold" / gold_name).read_text()):
        label = record["instrument"]
        if label not in instruments:
            instruments[label] = builders.instrument(
                doc, label=label, adopting_body=builders.body(record["adopting_body"])
            )
        key = (record["due_body"], record["due_session"])
        opens = SEED_SESSIONS.get(key)
        mandate = builders.mandate(
            instrument=instruments[label],
            paragraph_label=record["paragraph"],
            category=record["category"],
            responsible_entity=builders.entity(record["responsible_entity"]),
            delivered_to=builders.body(record["delivered_to"]) if record["delivered_to"] else None,
            due_body=builders.body(key[0]) if key[0] else None,
            due_session_number=key[1],
            subject=record["subject"],
            session_opens_on=opens,
            document_due_on=opens - dt.timedelta(weeks=10) if opens else None,
        )
        by_session.setdefault(key if opens else None, []).append(mandate)
    return by_session


def flags_by_session(by_session) -> dict:
    flags = dict(Mandate.objects.values_list("pk", "flag"))
    return {key: sorted({flags[m.pk] for m in mandates}) for key, mandates in by_session.items()}


def test_the_seed_mandates_are_flagged_on_chosen_days(alice):
    by_session = seed_mandates("000_fe94a4e9157510c7.txt.json")
    ccpcj31, ga77 = ("Commission on Crime Prevention and Criminal Justice", 31), ("General Assembly", 77)
    assert by_session[ccpcj31] and by_session[ga77] and by_session[None]

    mandates_flag(today=dt.date(2022, 3, 7))  # the CCPCJ 31 documents are due; GA 77 is 17 weeks away
    assert flags_by_session(by_session) == {ccpcj31: ["due"], ga77: ["later"], None: [""]}

    mandates_flag(today=dt.date(2022, 4, 5))  # a month late for the Commission; GA 77 within 14 weeks
    assert flags_by_session(by_session) == {ccpcj31: ["overdue"], ga77: ["upcoming_14"], None: [""]}

    for mandate in by_session[ccpcj31]:
        mandate_set_status(mandate=mandate, status="submitted", by=alice, submitted_symbol="E/CN.15/2022/2")
    mandates_flag(today=dt.date(2022, 9, 13))  # GA 77 opens without its reports
    assert flags_by_session(by_session) == {ccpcj31: ["done"], ga77: ["overdue"], None: [""]}


def test_the_celery_task_runs_the_flag_job_eagerly_without_a_broker():
    from mandates.tasks import flag_due_mandates

    mandate = ga76_mandate()

    result = flag_due_mandates.delay(today=DUE.isoformat())

    mandate.refresh_from_db()
    assert (mandate.flag, result.get()["changed"]) == ("due", 1)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_flag_jobs_at_once_record_each_change_once(require_postgres):
    import threading

    from django.db import connection

    inst = builders.instrument()
    for i in range(200):
        builders.mandate(instrument=inst, document_due_on=DUE + dt.timedelta(days=i), session_opens_on=OPENS)
    barrier, errors = threading.Barrier(2), []

    def job() -> None:
        try:
            barrier.wait(timeout=10)
            mandates_flag(today=DUE)
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert FlagEvent.objects.count() == 200
    assert FlagEvent.objects.values("mandate").distinct().count() == 200
