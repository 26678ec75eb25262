"""Possible duplicates, reporting burden and staff decisions on lineage links (issue #13)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from mandates import selectors
from mandates.duplicates import Candidate, block_pairs, connected_groups, self_reference_phrases
from mandates.models import DuplicatePair, Mandate, MandateLink
from mandates.services.duplicates import duplicate_dismiss, duplicates_rebuild, duplicates_refresh
from tests import builders
from tests.test_lineage import REPORT, TITLE, ingest, report, resolution, series

DUE_2025 = dt.date(2025, 6, 1)


def found():
    """The possible duplicates as the page reads them: the stored pairs brought up to date first."""
    duplicates_refresh()
    return selectors.possible_duplicates()


def burden():
    duplicates_refresh()  # the due years the counts group on
    return selectors.reporting_burden()


def dup(subject: str, *, title: str = "A resolution", **fields) -> Mandate:
    """An open report of the Secretary-General to the General Assembly, due in 2025, in its own instrument."""
    fields.setdefault("document_due_on", DUE_2025)
    if "due_session" not in fields:  # the scheduler's session, dated, as the mandate page expects
        session = builders.at_session(builders.body(), 80)
        session.start_date = dt.date(2025, 9, 9)
        session.save(update_fields=["start_date"])
        fields["due_session"] = session
    return builders.mandate(instrument=builders.instrument(title=title), subject=subject, **fields)


# --- scoring within a block ---------------------------------------------------------------------------


def test_pairs_need_another_instrument_a_related_body_and_a_similar_subject():
    block = [
        Candidate(1, 10, frozenset({100}), "violence against women migrant workers"),
        Candidate(2, 11, frozenset({100, 200}), "violence against migrant women workers"),
        Candidate(3, 10, frozenset({100}), "violence against women migrant workers"),  # same instrument as 1
        Candidate(4, 12, frozenset({300}), "violence against women migrant workers"),  # unrelated body
        Candidate(5, 13, frozenset({200}), "oceans and the law of the sea"),
    ]
    pairs = {(p.first, p.second) for p in block_pairs(block)}
    assert pairs == {(1, 2), (2, 3)}
    assert connected_groups(block_pairs(block)) == [[1, 2, 3]]


def test_phrases_naming_the_instrument_itself_come_from_every_language_file():
    phrases = self_reference_phrases()
    assert {"present resolution", "présente résolution", "presente resolución"} <= set(phrases)


# --- the selector --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicates_group_open_requests_of_one_entity_kind_and_year_to_related_bodies():
    ecosoc = builders.body("Economic and Social Council")
    a = dup("measures to combat trafficking in persons")
    b = dup("measures to combat the trafficking in persons")
    # Related body: the General Assembly through ECOSOC, against a report to ECOSOC itself.
    c = dup("measures to combat trafficking in persons", delivered_to=ecosoc, due_body=ecosoc, channel=None)
    through = dup("measures to combat trafficking of persons", channel=ecosoc)
    dup("measures to combat trafficking in persons", status=Mandate.Status.CONSIDERED)  # not open
    dup("measures to combat trafficking in persons", document_due_on=dt.date(2027, 6, 1))  # another year
    dup("measures to combat trafficking in persons", category=Mandate.Category.ORAL)  # another kind
    dup("measures to combat trafficking in persons", responsible_entity=builders.entity("UNODC"))
    dup("oceans and the law of the sea")  # another subject
    dup("measures to combat trafficking in persons", review_state=Mandate.ReviewState.CANDIDATE)  # not tracked

    groups = selectors.duplicate_groups_load(found())

    assert [g.mandate_ids for g in groups] == [sorted([a.pk, b.pk, c.pk, through.pk])]
    group = groups[0]
    assert group.year == 2025 and group.similarity >= 85
    assert "Secretary-General" in group.reason and "2025" in group.reason and "% alike" in group.reason
    # c (to ECOSOC) is tied to the group only through the mandate that goes to the Assembly through ECOSOC.
    assert all(through.pk in (p.first, p.second) for p in group.pairs if c.pk in (p.first, p.second))


@pytest.mark.django_db
def test_generic_subjects_of_different_resolutions_are_not_duplicates_but_alike_titles_are():
    dup("the implementation of the present resolution", title="Oceans and the law of the sea")
    dup("the implementation of the present resolution", title="Rights of the child")
    dup("la mise en œuvre de la présente résolution", title="Droits de l'enfant")
    dup("la mise en œuvre de la présente résolution", title="Les océans et le droit de la mer")
    x = dup("the implementation of the present resolution", title="Cooperation between the UN and the OSCE")
    y = dup("the implementation of the present resolution", title="Cooperation between the UN and the OSCE.")
    assert [g.mandate_ids for g in found()] == [[x.pk, y.pk]]


@pytest.mark.django_db
def test_pairs_are_scored_again_for_the_mandates_written_since_the_last_refresh(alice, django_assert_max_num_queries):
    from simple_history.utils import bulk_update_with_history

    from mandates.services.workflow import mandate_set_status

    a = dup("measures to combat trafficking in persons")
    b = dup("measures to combat the trafficking in persons")
    assert len(found()) == 1
    with django_assert_max_num_queries(2):  # nothing written since: the refresh state and the top history id
        assert duplicates_refresh() == 0
    mandate_set_status(mandate=a, status=Mandate.Status.SUBMITTED, by=alice, submitted_symbol="A/80/1")
    assert found() == []
    c = dup("measures to combat trafficking in persons")  # a new row
    assert [g.mandate_ids for g in found()] == [[b.pk, c.pk]]
    # A bulk write sends no signal: its history rows are what the refresh reads.
    c.subject = "oceans and the law of the sea"
    bulk_update_with_history([c], Mandate, ["subject"], manager=Mandate.all_objects)
    assert duplicates_refresh() == 1  # only the mandate written is scored again
    assert found() == [] and not DuplicatePair.objects.exists()


@pytest.mark.django_db
def test_the_due_year_is_stored_on_the_row_from_the_date_else_the_session():
    dated = dup("a", document_due_on=dt.date(2027, 3, 1))
    session = builders.at_session(builders.body(), 81)
    session.year = 2026
    session.save(update_fields=["year"])
    by_session = dup("b", document_due_on=None, due_session=session)
    undated = dup("c", document_due_on=None, due_session=None)
    duplicates_refresh()
    years = dict(Mandate.objects.values_list("pk", "due_year"))
    assert (years[dated.pk], years[by_session.pk], years[undated.pk]) == (2027, 2026, None)


@pytest.mark.django_db
def test_an_incremental_refresh_stores_the_same_pairs_as_a_rebuild():
    subjects = ["measures to combat trafficking in persons", "measures to combat the trafficking in persons"]
    for i in range(3):
        for subject in subjects:
            dup(f"{subject} {'x' * i}")
    dup("oceans and the law of the sea")
    duplicates_refresh()
    incremental = set(DuplicatePair.objects.values_list("first_id", "second_id", "similarity"))
    duplicates_rebuild()
    assert set(DuplicatePair.objects.values_list("first_id", "second_id", "similarity")) == incremental
    assert len(incremental) >= 6


# --- dismissing a false duplicate --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dismissed_pair_is_no_longer_a_warning_or_a_group_and_stays_dismissed(alice):
    from mandates.errors import ApplicationError

    a = dup("measures to combat trafficking in persons")
    b = dup("measures to combat the trafficking in persons")
    c = dup("measures to combat trafficking of persons")
    duplicates_refresh()
    assert [d["mandate"].pk for d in selectors.mandate_possible_duplicates(a)] == [b.pk, c.pk] or {
        d["mandate"].pk for d in selectors.mandate_possible_duplicates(a)
    } == {b.pk, c.pk}
    dismissal = duplicate_dismiss(first=b, second=a, by=alice, note="different reports")
    assert (dismissal.first_id, dismissal.second_id, dismissal.dismissed_by) == (a.pk, b.pk, alice)
    assert dismissal.history.get().history_user == alice  # in its history, who and when
    assert {d["mandate"].pk for d in selectors.mandate_possible_duplicates(a)} == {c.pk}
    assert [g.mandate_ids for g in found()] == [sorted([a.pk, b.pk, c.pk])]  # still joined through c
    duplicate_dismiss(first=a, second=c, by=alice)
    duplicate_dismiss(first=b, second=c, by=alice)
    assert found() == [] and selectors.mandate_possible_duplicates(a) == []
    duplicates_rebuild()  # recomputed from scratch: the pairs come back, the dismissals hide them
    assert DuplicatePair.objects.count() == 3 and found() == []
    with pytest.raises(ApplicationError):
        duplicate_dismiss(first=a, second=b, by=alice)


@pytest.mark.django_db
def test_an_editor_dismisses_a_duplicate_from_the_mandate_page_and_viewers_cannot(client, alice, bob):
    a = dup("measures to combat trafficking in persons")
    b = dup("measures to combat the trafficking in persons")
    client.force_login(bob)  # a viewer
    page = client.get(f"/mandates/{a.pk}/").content.decode()
    assert 'data-testid="duplicate-warning"' in page and f'data-testid="dismiss-{b.pk}"' not in page
    assert client.post("/mandates/duplicates/dismiss/", {"first": a.pk, "second": b.pk}).status_code == 403
    client.force_login(alice)
    page = client.get(f"/mandates/{a.pk}/").content.decode()
    assert f'data-testid="dismiss-{b.pk}"' in page
    response = client.post(
        "/mandates/duplicates/dismiss/",
        {"first": a.pk, "second": b.pk, "note": "one is the budget report", "next": f"/mandates/{a.pk}/"},
    )
    assert response.status_code == 302 and response["Location"] == f"/mandates/{a.pk}/"
    page = client.get(f"/mandates/{a.pk}/").content.decode()
    assert 'data-testid="duplicate-warning"' not in page
    assert 'data-testid="duplicate-dismissals"' in page and "one is the budget report" in page and "alice" in page
    assert 'data-testid="duplicate-group"' not in client.get("/mandates/duplicates/").content.decode()


@pytest.mark.django_db
def test_a_dismissed_duplicate_does_not_come_back_when_its_document_is_ingested_again(alice):
    session = builders.at_session(builders.body(), 79)
    session.start_date = dt.date(2024, 9, 10)
    session.save(update_fields=["start_date"])
    subject = "measures to combat trafficking in persons"
    ingest(resolution(78, 1, "Trafficking in persons", [], [report(79, subject)]), "first.txt")
    second = resolution(78, 2, "Improving the coordination of efforts", [], [report(79, subject)])
    ingest(second, "second.txt")
    a, b = Mandate.objects.order_by("id")
    assert a.instrument_id != b.instrument_id
    assert [g.mandate_ids for g in found()] == [[a.pk, b.pk]]
    duplicate_dismiss(first=a, second=b, by=alice)
    ingest(second.replace(b"Improving", b"Improving further"), "second-v2.txt")  # a new version of the document
    assert Mandate.objects.filter(pk=b.pk).exists()
    assert DuplicatePair.objects.filter(first=a, second=b).exists()  # still found, still dismissed
    assert selectors.mandate_possible_duplicates(a) == [] and found() == []


# --- reporting burden ----------------------------------------------------------------------------------


@pytest.fixture
def requests_made(db):
    ga = builders.body()
    hrc = builders.body("Human Rights Council")
    unodc = builders.entity("UNODC")
    s78 = builders.instrument(session_number=78)
    s79 = builders.instrument(session_number=79)
    builders.mandate(instrument=s78, document_due_on=dt.date(2024, 5, 1), due_session_number=79)
    builders.mandate(instrument=s78, document_due_on=dt.date(2024, 5, 1), due_session_number=79, recurrence="annual")
    builders.mandate(instrument=s79, document_due_on=dt.date(2025, 5, 1), due_session_number=80, recurrence="annual")
    builders.mandate(
        instrument=s79, responsible_entity=unodc, delivered_to=hrc, due_body=hrc, due_session_number=58,
        document_due_on=dt.date(2025, 2, 1),
    )  # fmt: skip
    # Not reports owed: superseded, another category, a candidate.
    builders.mandate(instrument=s78, document_due_on=dt.date(2024, 5, 1), status=Mandate.Status.SUPERSEDED)
    builders.mandate(instrument=s78, document_due_on=dt.date(2024, 5, 1), category=Mandate.Category.ORAL)
    builders.candidate(instrument=s78, document_due_on=dt.date(2024, 5, 1))
    return ga, hrc


def _table(rows):
    return {(r.label, r.period): (r.one_off, r.recurring) for r in rows}


@pytest.mark.django_db
def test_burden_counts_one_off_and_recurring_reports_per_entity_year_body_session_and_adopting_session(
    requests_made,
):
    burden_ = burden()
    assert _table(burden_.entity_year) == {
        ("Secretary-General", "2024"): (1, 1),
        ("Secretary-General", "2025"): (0, 1),
        ("UNODC", "2025"): (1, 0),
    }
    assert _table(burden_.body_session) == {
        ("General Assembly", "session 79"): (1, 1),
        ("General Assembly", "session 80"): (0, 1),
        ("Human Rights Council", "session 58"): (1, 0),
    }
    assert _table(burden_.trend) == {
        ("General Assembly", "session 78"): (1, 1),
        ("General Assembly", "session 79"): (1, 1),
    }
    assert [e["label"] for e in burden_.entity_totals()] == ["Secretary-General", "UNODC"]


@pytest.mark.django_db
def test_burden_page_and_csv_read_the_same_numbers_in_a_bounded_number_of_queries(
    requests_made, client, bob, django_assert_max_num_queries
):
    client.force_login(bob)
    duplicates_refresh()  # the pairs and due years stored (the first refresh builds them)
    # Session, user, nav count, the refresh check (2), three aggregates and two for the names, whatever the rows.
    with django_assert_max_num_queries(15):
        page = client.get("/burden/")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-testid="burden-trend"' in html and "Human Rights Council" in html
    assert 'href="/burden/"' in html  # in the nav
    response = client.get("/burden/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    sg_2024 = next(r for r in rows if r["breakdown"] == "entity_year" and r["period"] == "2024")
    assert (sg_2024["one_off"], sg_2024["recurring"], sg_2024["total"]) == ("1", "1", "2")
    assert {r["breakdown"] for r in rows} == {"entity_year", "body_session", "adopting_session"}
    assert len(rows) == 3 + 3 + 2


# --- confirming and breaking a link -------------------------------------------------------------------


@pytest.mark.django_db
def test_an_editor_breaks_a_link_from_the_mandate_page_and_it_stays_broken_on_reingest(client, alice):
    first, second = series(True)
    link = MandateLink.objects.get()
    old = link.predecessor
    assert old.status == Mandate.Status.SUPERSEDED
    client.force_login(alice)
    page = client.get(f"/mandates/{old.pk}/").content.decode()
    assert f'action="/links/{link.pk}/break/"' in page
    response = client.post(f"/links/{link.pk}/break/", {"note": "a different report", "back_to": old.pk})
    assert response.status_code == 302 and response["Location"] == f"/mandates/{old.pk}/"
    link.refresh_from_db()
    old.refresh_from_db()
    assert link.state == MandateLink.State.BROKEN and link.decided_by == alice and link.decided_at is not None
    assert old.status == Mandate.Status.PENDING
    latest = link.history.first()
    assert latest.history_user == alice and latest.history_change_reason == "a different report"

    # The successor's document arrives again, changed: the pair is not proposed again.
    ingest(
        resolution(
            78,
            120,
            TITLE,
            ["Recalling its resolution 75/124 of 11 December 2020,"],
            ["Takes note of the report of the Secretary-General;1", report(79), "Decides to remain seized."],
            notes="1  A/78/360.",
        ),
        "b.txt",
    )
    link.refresh_from_db()
    old.refresh_from_db()
    assert MandateLink.objects.count() == 1
    assert link.state == MandateLink.State.BROKEN and old.status == Mandate.Status.PENDING
    page = client.get(f"/mandates/{old.pk}/").content.decode()
    assert "Broken by staff" in page and "a different report" in page


@pytest.mark.django_db
def test_confirming_a_waiting_link_applies_the_renewal_and_viewers_cannot(client, alice, bob):
    first = ingest(resolution(75, 124, TITLE, [], [REPORT.format(due="seventy-sixth", subject="assistance")]), "a.txt")
    old = Mandate.objects.get(instrument__document=first)
    from mandates.services.ingest import mandate_edit

    mandate_edit(mandate=old, by=alice, subject="assistance, as corrected")
    ingest(resolution(78, 120, TITLE, ["Recalling its resolution 75/124,"], [report(79, "assistance")]), "b.txt")
    link = MandateLink.objects.get()
    assert link.needs_review
    client.force_login(bob)
    assert client.post(f"/links/{link.pk}/confirm/", {"back_to": old.pk}).status_code == 403
    client.force_login(alice)
    response = client.post(f"/links/{link.pk}/confirm/", {"back_to": old.pk, "note": "same report"})
    assert response["Location"] == f"/mandates/{old.pk}/"
    link.refresh_from_db()
    old.refresh_from_db()
    assert link.state == MandateLink.State.CONFIRMED and not link.needs_review and link.decided_by == alice
    assert old.status == Mandate.Status.SUPERSEDED and old.superseded_by == link.successor


@pytest.mark.django_db
def test_the_burden_is_counted_again_when_a_request_is_superseded(requests_made, alice):
    from mandates.services.workflow import mandate_set_status

    def sg_2024():
        return _table(burden().entity_year)[("Secretary-General", "2024")]

    assert sg_2024() == (1, 1)
    one_off = Mandate.objects.get(
        document_due_on=dt.date(2024, 5, 1),
        recurrence="",
        status=Mandate.Status.PENDING,
        category=Mandate.Category.REPORT,
    )
    mandate_set_status(mandate=one_off, status=Mandate.Status.SUPERSEDED, by=alice)
    assert sg_2024() == (0, 1)
