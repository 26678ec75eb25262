"""Language of the interface (issue #12): Django's LocaleMiddleware, held to the languages that are translated."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class InterfaceLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that activates a requested language only once its interface is translated.

    `LANGUAGES` lists every language the project plans (en, fr); `UI_LANGUAGES` the ones switched on. Until French
    strings exist, a French browser would otherwise get Django's own French (month names, admin) inside English
    pages, so the interface stays English.
    """

    def process_request(self, request):
        super().process_request(request)
        if translation.get_language() not in settings.UI_LANGUAGES:
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = translation.get_language()
