"""Request hygiene that no view should have to repeat, our own 405 page (Django renders 403, 404 and 500 from
templates, but returns an empty 405), and the interface language (issue #12)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never valid input: answer 400 at once.

    PostgreSQL refuses NUL in text, so such a value reaching a lookup (a feed token, an admin filter)
    would otherwise be a 500.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("NUL bytes are not allowed in URLs.", content_type="text/plain")
        return self.get_response(request)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for login throttling: behind our TLS proxy, the last X-Forwarded-For hop (the
    one the proxy appended; earlier ones are the client's to invent), else the socket's peer.
    """
    if settings.BEHIND_TLS_PROXY:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


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
