"""Issue #13: mandates through time. Rules (plain Python) with generic variants, then the services through
ingestion: series and same-mandate links, supersede through the workflow or the review queue, staff confirm and
break, fulfilment from "takes note of the report" footnotes, the command, and the hook on PostgreSQL."""

import json

import pytest
from django.core.management import call_command

from mandates.extraction import lineage as rules
from mandates.models import Mandate, MandateLink, NoteFulfilment
from mandates.services import lineage
from mandates.services.ingest import document_ingest, mandate_edit

ORDINAL = {75: "seventy-fifth", 76: "seventy-sixth", 77: "seventy-seventh", 78: "seventy-eighth", 79: "seventy-ninth"}
REPORT = "Requests the Secretary-General to report to the General Assembly at its {due} session on {subject}."


def resolution(session, number, title, preamble=(), operative=(), notes=""):
    """A General Assembly resolution laid out as the UN's PDF text is (footnotes at the end)."""
    body = "\n\n".join(f"{i}. \n{p}" for i, p in enumerate(operative, 1))
    year = session + 1945
    return (
        f"United Nations\nA/RES/{session}/{number}\n\nGeneral Assembly\nDistr.: General\n10 December {year}\n\n"
        f"{ORDINAL[session].capitalize()} session\nAgenda item 70\n\nResolution adopted by the General Assembly\n"
        f"on 8 December {year}\n\n[without reference to a Main Committee (A/{session}/L.20)]\n\n"
        f"{session}/{number}. {title}\n\nThe General Assembly,\n\n" + "\n\n".join(preamble) + f"\n\n{body}\n\n"
        f"50th plenary meeting\n8 December {year}\n\n__________________\n{notes}\n"
    ).encode()


def ingest(data, name):
    return document_ingest(data=data, filename=name).document


def report(session, subject="the implementation of the present resolution"):
    return REPORT.format(due=ORDINAL[session], subject=subject)


# --- rules ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "symbols"),
    [
        ("Recalling its resolution 75/124 of 11 December 2020,", ["75/124"]),
        ("Recalling its resolutions 73/10 of 26 November 2018 and 75/124 of 11 December 2020,", ["73/10", "75/124"]),
        (
            "Reaffirming General Assembly resolution 46/182, and recalling its resolution 75/251 B,",
            ["46/182", "75/251"],
        ),
        ("Recalling Human Rights Council resolution 52/27 of 4 April 2023,", ["52/27"]),
        ("Recalling the Sendai Declaration and resolution 2200 A (XXI),", []),
    ],
)
def test_recalled_resolutions_of_the_same_body(paragraph, symbols):
    assert [r.symbol for r in rules.recalled_symbols([paragraph])] == symbols


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Follow-up to the Fourth United Nations Conference on X",
            "Follow-up to the Fifth United Nations Conference on X",
            True,
        ),
        ("Oceans and the law of the sea 2021", "Oceans and the law of the sea 2023", True),
        ("Situation of human rights in the Islamic Republic of Iran", "Situation of human rights in Myanmar", False),
        (
            "Financing of the United Nations Mission in South Sudan",
            "Financing of the United Nations Operation in Côte d’Ivoire",
            False,
        ),
    ],
)
def test_title_similarity_ignores_ordinals_and_years_not_the_subject(a, b, same):
    assert (rules.title_similarity(a, b) >= lineage.SAME_TITLE_MIN) is same


@pytest.mark.parametrize(
    ("operative", "preamble", "notes", "expected"),
    [
        (["1. \nTakes note of the report of the Secretary-General;9"], [], "9  A/78/360.", ("1", "A/78/360")),
        (
            ["Takes note with appreciation of the main report of the Special Rapporteur18 and the conclusions;"],
            [],
            "18  A/HRC/53/35.",
            ("1", "A/HRC/53/35"),
        ),
        (["Also takes note of the report of the Executive Director;3"], [], "3 E/CN.7/2023/4.", ("1", "E/CN.7/2023/4")),
        (
            [
                "Takes note of the report of the Secretary-General submitted pursuant to resolution 77/2285 and of the report of the Rapporteur,6"
            ],
            [],
            "5 A/78/511.\n6 A/78/326.",
            ("1", "A/78/511"),
        ),
        (
            ["Takes note of the reports of the Secretary-General;3"],
            [],
            "3  A/78/72-E/2023/59 and A/78/72/Add.1.",
            ("1", "A/78/72-E/2023/59"),
        ),
        (
            ["Takes note of the report of the Secretary-General;"],
            [
                "Having considered the report of the Secretary-General1 and the related report of the Advisory Committee,2"
            ],
            "1 A/78/706.\n2 A/78/7/Add.43.",
            ("1", "A/78/706"),
        ),
    ],
)
def test_takes_note_reads_the_footnote_symbol_of_every_body(operative, preamble, notes, expected):
    found = rules.taken_note_reports([("1", text) for text in operative], preamble, "text\n" + notes)
    assert [(n.paragraph, n.symbol) for n in found] == [expected]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Takes note of the report of the Ad Hoc Committee on the Indian Ocean;",
        "Welcomes the report of the Secretary-General;1",
    ],
)
def test_no_symbol_no_fulfilment(paragraph):
    assert rules.taken_note_reports([("1", paragraph)], [], "x\n1 A/78/1.\n") == []


# --- services through ingestion --------------------------------------------------------------------------

TITLE = "Strengthening of the coordination of emergency assistance"


def series(db):
    first = ingest(resolution(75, 124, TITLE, ["Recalling its resolution 74/115,"], [report(76)]), "a.txt")
    second = ingest(
        resolution(
            78,
            120,
            TITLE,
            ["Recalling its resolution 75/124 of 11 December 2020,"],
            ["Takes note of the report of the Secretary-General;1", report(79)],
            notes="1  A/78/360.",
        ),
        "b.txt",
    )
    return first, second


@pytest.mark.django_db
def test_a_renewal_links_the_two_mandates_with_evidence_and_supersedes_the_open_one():
    first, second = series(True)
    old = Mandate.objects.get(instrument__document=first)
    new = Mandate.objects.get(instrument__document=second)
    link = MandateLink.objects.get()
    assert (link.predecessor, link.successor) == (old, new)
    assert "recalls 75/124" in link.evidence and link.confidence >= lineage.SUPERSEDE_MIN
    old.refresh_from_db()
    assert old.status == Mandate.Status.SUPERSEDED and old.superseded_by == new
    assert "A/RES/78/120" in old.status_changes.first().note


@pytest.mark.django_db
def test_same_title_without_recall_links_and_a_different_title_does_not():
    ingest(resolution(75, 10, TITLE, [], [report(76)]), "a.txt")
    ingest(resolution(78, 11, TITLE + " 2023", [], [report(79)]), "b.txt")
    ingest(
        resolution(78, 12, "Situation of human rights in Myanmar", ["Recalling its resolution 75/10,"], [report(79)]),
        "c.txt",
    )
    assert [(lk.predecessor.instrument.symbol, lk.successor.instrument.symbol) for lk in MandateLink.objects.all()] == [
        ("A/RES/75/10", "A/RES/78/11")
    ]


@pytest.mark.django_db
def test_a_different_request_in_the_same_series_is_not_linked():
    ingest(resolution(75, 10, TITLE, [], [report(76)]), "a.txt")
    ingest(
        resolution(
            78,
            11,
            TITLE,
            [],
            [
                "Requests the Secretary-General to submit to the Human Rights Council at its fifty-fifth session a report on X."
            ],
        ),
        "b.txt",
    )
    assert not MandateLink.objects.exists()


@pytest.mark.django_db
def test_a_predecessor_ingested_after_its_successor_is_linked_too():
    ingest(resolution(78, 120, TITLE, ["Recalling its resolution 75/124,"], [report(79)]), "b.txt")
    ingest(resolution(75, 124, TITLE, [], [report(76)]), "a.txt")
    assert MandateLink.objects.count() == 1


@pytest.mark.django_db
def test_a_mandate_staff_edited_is_not_superseded_but_waits_in_the_review_queue(alice):
    first = ingest(resolution(75, 124, TITLE, [], [report(76)]), "a.txt")
    old = Mandate.objects.get(instrument__document=first)
    mandate_edit(mandate=old, by=alice, subject="coordination, as staff wrote it")
    ingest(resolution(78, 120, TITLE, ["Recalling its resolution 75/124,"], [report(79)]), "b.txt")
    old.refresh_from_db()
    link = MandateLink.objects.get()
    assert old.status == Mandate.Status.PENDING and link.needs_review
    assert list(lineage.links_waiting()) == [link]

    lineage.link_confirm(link=link, by=alice)
    old.refresh_from_db()
    link.refresh_from_db()
    assert old.status == Mandate.Status.SUPERSEDED and not link.needs_review
    assert link.history.first().history_user == alice


@pytest.mark.django_db
def test_breaking_a_link_returns_the_superseded_mandate_and_recomputing_keeps_it_broken(alice):
    first, second = series(True)
    link = MandateLink.objects.get()
    lineage.link_break(link=link, by=alice, reason="different report")
    old = Mandate.objects.get(instrument__document=first)
    assert old.status == Mandate.Status.PENDING and old.superseded_by is None
    lineage.document_link(second)
    link.refresh_from_db()
    assert link.state == MandateLink.State.BROKEN and old.status == Mandate.Status.PENDING
    assert [h.history_user for h in link.history.all()][0] == alice


@pytest.mark.django_db
def test_takes_note_marks_the_predecessor_submitted_then_considered_with_the_footnote():
    ingest(resolution(75, 124, TITLE, [], [report(78)]), "a.txt")
    ingest(
        resolution(
            78,
            120,
            TITLE,
            ["Recalling its resolution 75/124,"],
            ["Takes note of the report of the Secretary-General;1", report(79)],
            notes="1  A/78/360.",
        ),
        "b.txt",
    )
    old = Mandate.objects.get(instrument__symbol="A/RES/75/124")
    assert old.status == Mandate.Status.CONSIDERED and old.submitted_symbol == "A/78/360"
    fulfilled = NoteFulfilment.objects.get()
    assert (fulfilled.paragraph, fulfilled.submitted_symbol) == ("1", "A/78/360")
    assert [c.to_status for c in old.status_changes.all()] == ["considered", "submitted"]


@pytest.mark.django_db
def test_a_report_of_another_session_does_not_fulfil():
    series(True)  # the 75 mandate is due at the 76th session; A/78/360 is a report of the 78th
    assert not NoteFulfilment.objects.exists()


@pytest.mark.django_db
def test_the_command_prints_what_is_stored(capsys):
    series(True)
    call_command("lineage", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    link = data["links"][0]
    assert (link["from_document"], link["to_document"]) == ("A/RES/75/124", "A/RES/78/120")
    assert set(link) >= {"from_mandate", "to_mandate", "evidence", "confidence"}
    assert data["fulfilled"] == []


@pytest.mark.django_db(transaction=True)
def test_the_ingest_hook_links_on_postgresql(require_postgres):
    series(True)
    assert MandateLink.objects.count() == 1
    assert Mandate.objects.filter(status=Mandate.Status.SUPERSEDED).count() == 1


@pytest.mark.django_db
def test_the_mandate_page_shows_the_chain_and_the_derived_recurrence(client, alice):
    series(True)
    new = Mandate.objects.get(instrument__symbol="A/RES/78/120")
    client.force_login(alice)
    page = client.get(f"/mandates/{new.pk}/").content.decode()
    assert "A/RES/75/124" in page and "Asked annual since 75" in page
