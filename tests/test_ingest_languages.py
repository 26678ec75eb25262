"""One resolution, several languages (issue #12): the French and Spanish versions of a symbol add their clause to
the Mandate records the English version holds, in whichever order they are ingested."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mandates.models import Document, Mandate, MandateText
from mandates.services import languages
from mandates.services.ingest import mandate_edit
from mandates.services.workflow import mandate_set_status
from tests.test_ingest import extraction, mandate_record, store, views_record

pytestmark = pytest.mark.django_db

FR_REQUEST = "Prie le Secrétaire général de lui présenter, à sa quatre-vingtième session, un rapport"
ES_REQUEST = "Solicita al Secretario General que le presente en su octogésimo período de sesiones un informe"
FR_VIEWS = "Invite les États Membres à communiquer leurs vues à la Commission de la condition de la femme"


def english():
    return extraction()


def french(*, views: bool = True):
    records = [mandate_record(text=FR_REQUEST, subject="l'application de la présente résolution")]
    if views:
        records.append(views_record(text=FR_VIEWS, subject="leurs vues"))
    return replace(extraction(records), language="fr")


def spanish():
    return replace(extraction([mandate_record(text=ES_REQUEST, subject="la aplicación")]), language="es")


def texts(mandate: Mandate) -> dict[str, str]:
    return dict(MandateText.objects.filter(mandate=mandate).values_list("language", "source_text"))


def test_french_after_english_adds_its_clause_to_the_english_mandates():
    store(english(), b"en")
    outcome = store(french(), b"fr", filename="A_RES_78_999_F.xml")

    assert Mandate.all_objects.count() == 2
    fr_doc = Document.objects.get(language="fr")
    assert not Mandate.all_objects.filter(instrument__document=fr_doc).exists()
    assert outcome.mandates_linked == 2 and outcome.mandates_tracked == 2
    request = Mandate.objects.get(paragraph_label="1")
    assert request.instrument.document.language == "en"
    assert texts(request)["fr"] == FR_REQUEST
    assert texts(request)["en"].startswith("Requests the Secretary-General")
    assert list(languages.language_versions(fr_doc)) == [request.instrument.document]


def test_english_after_french_takes_the_french_mandates_over_with_their_status():
    store(french(), b"fr", filename="A_RES_78_999_F.xml")
    request = Mandate.objects.get(paragraph_label="1")
    mandate_set_status(mandate=request, status=Mandate.Status.IN_PREPARATION, by=None)

    outcome = store(english(), b"en")

    assert Mandate.all_objects.count() == 2
    request.refresh_from_db()
    assert request.instrument.document.language == "en"
    assert request.status == Mandate.Status.IN_PREPARATION
    assert request.source_text.startswith("Requests the Secretary-General")
    assert texts(request) == {"en": request.source_text, "fr": FR_REQUEST}
    assert outcome.mandates_created == 0


def test_three_languages_in_any_order_converge_on_one_mandate_per_clause():
    store(spanish(), b"es", filename="A_RES_78_999_S.xml")
    store(french(views=False), b"fr", filename="A_RES_78_999_F.xml")
    store(english(), b"en")

    request = Mandate.all_objects.get(paragraph_label="1")
    assert Mandate.all_objects.count() == 2  # the request, and paragraph 2 read from English only
    assert set(texts(request)) == {"en", "fr", "es"}
    assert request.instrument.document.language == "en"


def test_a_clause_only_one_language_version_reads_stays_its_own_mandate():
    store(extraction([mandate_record()]), b"en")
    store(french(), b"fr", filename="A_RES_78_999_F.xml")

    fr_doc = Document.objects.get(language="fr")
    own = Mandate.objects.filter(instrument__document=fr_doc)
    assert [m.paragraph_label for m in own] == ["2"]
    assert texts(own[0]) == {"fr": FR_VIEWS}


def test_versions_of_other_symbols_are_never_matched():
    store(english(), b"en")
    store(replace(french(), symbol="A/RES/78/998"), b"fr", filename="A_RES_78_998_F.xml")
    assert Mandate.all_objects.count() == 4


def test_a_new_french_version_without_the_clause_removes_only_its_french_text():
    store(english(), b"en")
    store(french(), b"fr", filename="A_RES_78_999_F.xml")
    store(french(views=False), b"fr2", filename="A_RES_78_999_F.xml")

    views = Mandate.objects.get(paragraph_label="2")
    assert set(texts(views)) == {"en"}
    assert set(texts(Mandate.objects.get(paragraph_label="1"))) == {"en", "fr"}


def test_staff_edits_on_the_french_mandate_survive_the_english_take_over(admin_user):
    store(french(views=False), b"fr", filename="A_RES_78_999_F.xml")
    request = Mandate.objects.get()
    mandate_edit(mandate=request, by=admin_user, subject="the report staff named")
    store(english(), b"en")
    request.refresh_from_db()
    assert request.subject == "the report staff named"
    assert request.instrument.document.language == "en"


def test_the_mandate_page_shows_the_clause_in_each_language(admin_client):
    store(english(), b"en")
    store(french(), b"fr", filename="A_RES_78_999_F.xml")
    store(spanish(), b"es", filename="A_RES_78_999_S.xml")
    request = Mandate.objects.get(paragraph_label="1")

    html = admin_client.get(f"/mandates/{request.pk}/").content.decode()
    assert 'data-testid="clause-fr"' in html and "Prie le Secrétaire général" in html
    assert 'data-testid="clause-es"' in html and "Solicita al Secretario General" in html
    assert 'data-testid="clause-en"' not in html  # the English clause is the main one
