"""Django i18n is wired (LocaleMiddleware, LANGUAGES, marked strings) while the interface stays English (#12)."""

from django.conf import settings
from django.utils import translation


def test_languages_list_english_and_french_and_the_locale_middleware_runs():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "fr"]
    assert "mandates.middleware.InterfaceLocaleMiddleware" in settings.MIDDLEWARE


def test_a_french_browser_still_gets_the_english_interface(admin_client):
    response = admin_client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign out" in html and "Overview" in html
    assert '<html lang="en' in html
    assert response.wsgi_request.LANGUAGE_CODE.startswith("en")


def test_a_language_switched_on_is_activated_from_the_browser(admin_client, settings):
    settings.UI_LANGUAGES = ["en", "en-gb", "fr"]
    response = admin_client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.wsgi_request.LANGUAGE_CODE == "fr"
    assert '<html lang="fr"' in response.content.decode()
    translation.activate(settings.LANGUAGE_CODE)
