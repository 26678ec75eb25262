"""Staff dashboard. Views are thin: read through selectors, write through services, redirect with a message."""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mandates import exports, selectors
from mandates.errors import ApplicationError
from mandates.forms import (
    BulkForm,
    CycleAnswerForm,
    CycleDecisionForm,
    CycleOpenForm,
    DocumentUploadForm,
    DuplicateDismissForm,
    LinkDecisionForm,
    MandateEditForm,
    NoteForm,
    OwnerForm,
    RejectForm,
    ReviewNoteForm,
    SavedFilterForm,
    StatusForm,
    SubmittedSymbolForm,
    UpdateDoneForm,
)
from mandates.models import CycleItem, JobState, Mandate
from mandates.roles import APPROVE_PERM_CODENAME
from mandates.services.ingest import found_text
from mandates.services.workflow import SUBMITTED_STATUSES

PAGE_SIZE = 50


def _form_errors(form) -> str:
    """A form's errors as one line for a message."""
    return " ".join(m for msgs in form.errors.values() for m in msgs)


API_PAGE_SIZE_MAX = 200
EDIT_PERM = "mandates.change_mandate"
UPLOAD_PERM = "mandates.add_document"


def permission_required(perm: str):
    """Login first (redirect), then the permission (403): viewers read, editors write."""

    def decorator(view):
        @functools.wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.has_perm(perm):
                group = "approvers" if perm.endswith(APPROVE_PERM_CODENAME) else "editors"
                raise PermissionDenied(f"You need the {perm} permission (the {group} group has it).")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _params_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


# --- Overview ---------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    counts = selectors.overview_counts(today)
    heartbeats = selectors.heartbeats_read("flag_due", "send_reminders")
    return render(
        request,
        "mandates/overview.html",
        {
            "today": today,
            "totals": counts["totals"],
            "by_body": counts["by_body"],
            "sessions": selectors.upcoming_sessions(today),
            "heartbeat": heartbeats["flag_due"],
            "reminder_heartbeat": heartbeats["send_reminders"],
            "given_up": selectors.reminders_given_up_read(),
            "windows": selectors.WINDOWS_WEEKS,
            "kpi_windows": [
                {"weeks": w, "count": counts["totals"][f"within_{w}"], "until": today + dt.timedelta(weeks=w)}
                for w in selectors.WINDOWS_WEEKS
            ],
            "status_choices": Mandate.Status.choices,
            "todo": selectors.overview_todo(today),
        },
    )


# --- Mandate list, exports, API ---------------------------------------------------------------


@login_required
@require_GET
def mandate_list(request: HttpRequest) -> HttpResponse:
    result = selectors.mandate_filter(request.GET, request)
    page = selectors.mandate_page(result.qs, request.GET.get("page"), PAGE_SIZE)
    query = _params_without(request, "page")
    can_edit = request.user.has_perm(EDIT_PERM)
    return render(
        request,
        "mandates/mandate_list.html",
        {
            "filter": result.filterset,
            "errors": result.errors,
            "page": page,
            "query": query,
            "sort_query": _params_without(request, "page", "o"),
            "current_sort": request.GET.get("o", ""),
            "can_edit": can_edit,
            "today": timezone.localdate(),
            "saved_filters": selectors.saved_filters(request.user),
            "bulk_form": BulkForm(auto_id="bulk_%s") if can_edit else None,
            "mine": request.GET.get("mine") in ("on", "true", "1", "True"),
        },
    )


@permission_required(EDIT_PERM)
@require_POST
def mandate_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk actions of the list (editors): the same services, checks and history as one mandate at a time."""
    from mandates.services.workflow import mandates_bulk_set_owner, mandates_bulk_set_status

    back = reverse("mandates:mandate_list") + (f"?{request.POST['query']}" if request.POST.get("query") else "")
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Nothing changed: " + _form_errors(form))
        return redirect(back)
    data = form.cleaned_data
    if data["action"] == "status":
        outcome = mandates_bulk_set_status(ids=data["ids"], status=data["status"], by=request.user, note=data["note"])
        done = f"Status {Mandate.Status(data['status']).label.lower()}"
    else:
        outcome = mandates_bulk_set_owner(ids=data["ids"], owner=data["owner"], by=request.user)
        done = f"Owner {data['owner'].get_full_name() or data['owner'].username if data['owner'] else 'cleared'}"
    (messages.success if not outcome.refused else messages.warning)(request, f"{done}: {outcome.summary()}.")
    return redirect(back)


@login_required
@require_POST
def saved_filter_save(request: HttpRequest) -> HttpResponse:
    from mandates.services.saved_filters import saved_filter_save as service

    form = SavedFilterForm(request.POST)
    if form.is_valid():
        saved = service(user=request.user, name=form.cleaned_data["name"], query=form.cleaned_data["query"])
        messages.success(request, f"Filter “{saved.name}” saved.")
        return redirect(reverse("mandates:mandate_list") + (f"?{saved.query}" if saved.query else ""))
    messages.error(request, "Filter not saved: give it a name.")
    return redirect(reverse("mandates:mandate_list") + f"?{request.POST.get('query', '')}")


@login_required
@require_POST
def saved_filter_delete(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.saved_filters import saved_filter_delete as service

    service(user=request.user, pk=pk)
    messages.success(request, "Saved filter removed.")
    return redirect("mandates:mandate_list")


def _bad_filter_text(errors: dict) -> str:
    lines = [f"{name}: {' '.join(str(m) for m in msgs)}" for name, msgs in errors.items()]
    return "Invalid filter. " + "; ".join(lines)


def _private(response: HttpResponse) -> HttpResponse:
    """Data behind a login (or a feed token) must not be kept by a shared cache or the browser's disk cache."""
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def mandate_export_csv(request: HttpRequest) -> HttpResponse:
    """Stream the filtered list as CSV; beyond EXPORT_ASYNC_THRESHOLD_ROWS, a task writes a file instead."""
    result = selectors.mandate_filter(request.GET, request)
    if not result.is_valid:
        return HttpResponseBadRequest(_bad_filter_text(result.errors), content_type="text/plain; charset=utf-8")
    threshold = settings.EXPORT_ASYNC_THRESHOLD_ROWS
    if threshold:
        rows = result.qs.count()
        if rows > threshold:
            from mandates.services.jobs import export_job_create
            from mandates.tasks import export_csv

            job = export_job_create(user=request.user, query=request.GET.urlencode(), expected_rows=rows)
            export_csv.delay(job.pk)
            messages.info(request, f"{rows:,} rows: the export is prepared as a file, to download when ready.")
            return redirect("mandates:export_job", pk=job.pk)
    response = StreamingHttpResponse(exports.csv_lines(result.qs), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mandates-{timezone.localdate():%Y-%m-%d}.csv"'
    return _private(response)


@login_required
@require_GET
def export_job_list(request: HttpRequest) -> HttpResponse:
    return render(request, "mandates/export_jobs.html", {"jobs": selectors.export_jobs_of(request.user)})


@login_required
@require_GET
def export_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get(request.user, pk)
    return render(request, "mandates/export_job.html", {"job": job, "retention_hours": settings.EXPORT_RETENTION_HOURS})


@login_required
@require_GET
def export_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The finished file, for the user who asked for it only (anyone else gets a 404)."""
    job = selectors.export_job_get(request.user, pk)
    if job.state != JobState.DONE or not job.file:
        return HttpResponse(f"This export is {job.get_state_display().lower()}.", status=409, content_type="text/plain")
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])
    response["Content-Type"] = "text/csv; charset=utf-8"
    return _private(response)


def _ical_response(request: HttpRequest) -> HttpResponse:
    result = selectors.mandate_filter(request.GET, request)
    if not result.is_valid:
        return HttpResponseBadRequest(_bad_filter_text(result.errors), content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(exports.ical_chunks(result.qs), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="mandates.ics"'
    return _private(response)


@login_required
@require_GET
def mandate_export_ics(request: HttpRequest) -> HttpResponse:
    return _ical_response(request)


@require_GET
def mandate_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The subscribable calendar: calendar clients send no cookies, so a per-user secret in the URL."""
    found = selectors.feed_token_find(token)
    if found is None:
        return HttpResponse("Unknown or revoked feed token.", status=404, content_type="text/plain")
    request.user = found.user  # the token's owner: "mine=on" in a feed URL means their mandates
    return _ical_response(request)


@login_required
@require_GET
def mandate_feed_info(request: HttpRequest) -> HttpResponse:
    token = exports.feed_token_for(request.user)
    query = _params_without(request, "page", "o")
    path = reverse("mandates:feed_ics", args=[token.token]) + (f"?{query}" if query else "")
    return render(
        request,
        "mandates/feed_info.html",
        {
            "feed_url": request.build_absolute_uri(path),
            "query": query,
            "filter": selectors.mandate_filter(request.GET),
            "expires_at": selectors.feed_token_expires_at(token),
            "expired": selectors.feed_token_expires_at(token) <= timezone.now(),
        },
    )


@login_required
@require_POST
def mandate_feed_rotate(request: HttpRequest) -> HttpResponse:
    """A new feed address; the old one stops working at once (for a leaked or expired address)."""
    from mandates.services.feeds import feed_token_rotate

    feed_token_rotate(user=request.user)
    messages.success(request, "New calendar address issued: the old one no longer works. Update your calendar.")
    query = request.POST.get("query", "")
    return redirect(reverse("mandates:feed_info") + (f"?{query}" if query else ""))


@require_GET
def api_mandates(request: HttpRequest) -> JsonResponse:
    """Read-only JSON: the same filters as the list, paginated (page, page_size up to 200)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Authentication required."}, status=401)
    result = selectors.mandate_filter(request.GET, request)
    if not result.is_valid:
        errors = {name: [str(m) for m in msgs] for name, msgs in result.errors.items()}
        return JsonResponse({"error": "Invalid filter.", "errors": errors}, status=400)
    try:
        page_size = max(1, min(int(request.GET.get("page_size", PAGE_SIZE)), API_PAGE_SIZE_MAX))
    except ValueError:
        return JsonResponse({"error": "page_size must be a number."}, status=400)
    paginator = Paginator(result.qs, page_size)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as exc:
        return JsonResponse({"error": f"Invalid page: {exc}"}, status=404)

    def build_url(number: int) -> str:
        params = request.GET.copy()
        params["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return _private(JsonResponse(exports.page_json(page, build_url=build_url)))


# --- Mandate page -----------------------------------------------------------------------------


@login_required
@require_GET
def mandate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.duplicates import duplicates_refresh

    mandate = selectors.mandate_get(pk)
    duplicates_refresh()  # catch-up for writes that sent no signal: two small queries when there were none
    can_edit = request.user.has_perm(EDIT_PERM)
    return render(
        request,
        "mandates/mandate_detail.html",
        {
            "mandate": mandate,
            "highlight": selectors.mandate_clause_context(mandate),
            "status_changes": selectors.mandate_status_changes(mandate),
            "field_history": selectors.mandate_field_history(mandate),
            "reminders": selectors.mandate_reminders(mandate),
            "review_decisions": selectors.mandate_review_decisions(mandate),
            "cycle_events": list(selectors.mandate_cycle_events(mandate)),
            "other_languages": selectors.mandate_other_languages(mandate),
            "due_rule": selectors.mandate_due_rule(mandate),
            "lineage": selectors.mandate_lineage(mandate),
            "links": selectors.mandate_links(mandate),
            "duplicates": selectors.mandate_possible_duplicates(mandate),
            "dismissals": selectors.mandate_duplicate_dismissals(mandate),
            "can_edit": can_edit,
            "notes": selectors.mandate_notes(mandate),
            "note_form": NoteForm() if can_edit else None,
            "owner_form": OwnerForm(initial={"owner": mandate.owner_id, "backup_owner": mandate.backup_owner_id})
            if can_edit and mandate.is_tracked
            else None,
            "status_form": StatusForm(mandate=mandate) if can_edit and mandate.is_tracked else None,
            "reject_form": RejectForm() if can_edit else None,
            "symbol_form": SubmittedSymbolForm(initial={"submitted_symbol": mandate.submitted_symbol})
            if can_edit and mandate.status in SUBMITTED_STATUSES
            else None,
        },
    )


@permission_required(EDIT_PERM)
@require_POST
def mandate_status(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.workflow import mandate_set_status

    mandate = selectors.mandate_get(pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Status not changed: " + _form_errors(form))
        return redirect("mandates:mandate_detail", pk=pk)
    extra = {}
    if form.cleaned_data["submitted_symbol"]:
        extra["submitted_symbol"] = form.cleaned_data["submitted_symbol"]
    try:
        mandate_set_status(
            mandate=mandate,
            status=form.cleaned_data["status"],
            by=request.user,
            note=form.cleaned_data["note"],
            **extra,
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Status changed to {mandate.get_status_display().lower()}.")
    return redirect("mandates:mandate_detail", pk=pk)


@permission_required(EDIT_PERM)
@require_POST
def mandate_owner(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.workflow import mandate_set_owner

    mandate = selectors.mandate_get(pk)
    form = OwnerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Owner not changed: " + _form_errors(form))
        return redirect("mandates:mandate_detail", pk=pk)
    try:
        mandate_set_owner(
            mandate=mandate,
            owner=form.cleaned_data["owner"],
            backup_owner=form.cleaned_data["backup_owner"],
            by=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Owner saved.")
    return redirect("mandates:mandate_detail", pk=pk)


@permission_required(EDIT_PERM)
@require_POST
def mandate_note(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.notes import mandate_add_note

    mandate = selectors.mandate_get(pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_form_errors(form))
        mandate_add_note(mandate=mandate, text=form.cleaned_data["text"], by=request.user)
    except ApplicationError as exc:
        messages.error(request, f"Note not added: {exc}")
    else:
        messages.success(request, "Note added.")
    return redirect(reverse("mandates:mandate_detail", args=[pk]) + "#notes")


@permission_required(EDIT_PERM)
@require_POST
def mandate_submitted_symbol(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.workflow import mandate_set_submitted_symbol

    mandate = selectors.mandate_get(pk)
    form = SubmittedSymbolForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Symbol not saved: " + _form_errors(form))
        return redirect("mandates:mandate_detail", pk=pk)
    try:
        mandate = mandate_set_submitted_symbol(
            mandate=mandate, symbol=form.cleaned_data["submitted_symbol"], by=request.user
        )
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        linked = " and linked to the stored report" if mandate.submitted_document_id else ""
        messages.success(request, f"Submitted symbol {mandate.submitted_symbol} recorded{linked}.")
    return redirect("mandates:mandate_detail", pk=pk)


@permission_required(EDIT_PERM)
@require_http_methods(["GET", "POST"])
def mandate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct extracted fields (services.review.mandate_correct): a staff edit, recorded as a review
    decision; a candidate is confirmed with its corrections ("Save and confirm")."""
    from mandates.services.review import mandate_correct

    mandate = selectors.mandate_get(pk)
    if mandate.review_state == Mandate.ReviewState.REJECTED:
        messages.error(request, "This mandate was rejected: return it to review before correcting it.")
        return redirect("mandates:mandate_detail", pk=pk)
    form = MandateEditForm(request.POST or None, instance=mandate)
    context = {"mandate": mandate, "form": form, "next": _next_url(request)}
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name != "note"}
        if not changes and not mandate.is_candidate:
            messages.info(request, "Nothing changed.")
            return redirect("mandates:mandate_detail", pk=pk)
        # The ModelForm has already assigned the new values to `mandate`: hand the service a fresh copy.
        try:
            mandate_correct(
                mandate=selectors.mandate_get(pk), by=request.user, note=form.cleaned_data["note"], **changes
            )
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
            return render(request, "mandates/mandate_edit.html", context, status=400)
        except ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect("mandates:mandate_detail", pk=pk)
        saved = ", ".join(form.fields[n].label or n for n in changes)
        if mandate.is_candidate:
            messages.success(request, f"Confirmed #{pk}" + (f" with corrections: {saved}." if saved else "."))
        else:
            messages.success(request, f"Saved: {saved}.")
        return redirect(context["next"] or reverse("mandates:mandate_detail", args=[pk]))
    return render(request, "mandates/mandate_edit.html", context)


def _next_url(request: HttpRequest) -> str:
    """Where to go after a review decision: the page the editor came from (the queue), if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _review_action(request: HttpRequest, pk: int, service, done: str, text_field: str, form_class) -> HttpResponse:
    mandate = selectors.mandate_get(pk)
    form = form_class(request.POST)
    text = form.cleaned_data.get(text_field, "") if form.is_valid() else ""
    try:
        service(mandate=mandate, by=request.user, **{"reason" if text_field == "reason" else "note": text})
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{done} #{pk}: {mandate.subject or mandate.source_text[:60]}.")
    return redirect(_next_url(request) or reverse("mandates:mandate_detail", args=[pk]))


@permission_required(EDIT_PERM)
@require_POST
def mandate_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.review import mandate_confirm as service

    return _review_action(request, pk, service, "Confirmed", "note", ReviewNoteForm)


@permission_required(EDIT_PERM)
@require_POST
def mandate_reject(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.review import mandate_reject as service

    return _review_action(request, pk, service, "Rejected", "reason", RejectForm)


@permission_required(EDIT_PERM)
@require_POST
def mandate_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.review import mandate_reopen as service

    return _review_action(request, pk, service, "Returned to review", "note", ReviewNoteForm)


# --- Review queue -----------------------------------------------------------------------------


@login_required
@require_GET
def review_list(request: HttpRequest, document_pk: int | None = None) -> HttpResponse:
    """Candidates waiting for a person: across all documents (newest first) or in one document."""
    document = selectors.review_document_get(document_pk) if document_pk else None
    page = Paginator(selectors.review_queue(document), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mandates/review_list.html",
        {
            "document": document,
            "counts": selectors.document_counts(document) if document else None,
            "page": page,
            "can_edit": request.user.has_perm(EDIT_PERM),
            "reject_form": RejectForm(),
        },
    )


# --- Sessions ---------------------------------------------------------------------------------


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    return render(request, "mandates/session_list.html", {"sessions": selectors.session_list(timezone.localdate())})


@login_required
@require_GET
def session_detail(request: HttpRequest, body_id: int, number: int) -> HttpResponse:
    body, session, mandates = selectors.session_get(body_id, number)
    rows = list(mandates)
    return render(
        request,
        "mandates/session_detail.html",
        {
            "body": body,
            "number": number,
            "session": session,
            "mandates": rows,
            "open_count": sum(1 for m in rows if m.status in m.OPEN_STATUSES),
            "today": timezone.localdate(),
            "filter_query": f"body={body.pk}&session={number}",
            "label": selectors.session_label(session),
        },
    )


# --- Documents --------------------------------------------------------------------------------


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.document_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "mandates/document_list.html",
        {"page": page, "can_upload": request.user.has_perm(UPLOAD_PERM), "upload_form": DocumentUploadForm()},
    )


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(pk)
    counts = selectors.document_counts(document)
    return render(
        request,
        "mandates/document_detail.html",
        {"document": document, "counts": counts, "found": found_text(counts["mandates"], counts["waiting"])},
    )


@permission_required(UPLOAD_PERM)
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest) -> HttpResponse:
    """Store the file and hand it to the ingest task (time and memory limits, never the web worker's risk).

    With eager tasks (the demo) the result is known at once and shown as before; with a worker, the
    upload's page shows it when the task finishes.
    """
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        from mandates.services.jobs import upload_job_create
        from mandates.tasks import ingest_upload

        job = upload_job_create(user=request.user, upload=form.cleaned_data["file"])
        ingest_upload.delay(job.pk)
        job.refresh_from_db()
        if job.state == JobState.FAILED:
            form.add_error("file", job.error)  # the one-line reason the ingestion gives, as it is
        elif job.state == JobState.DONE:
            messages.success(request, _ingested_text(job))
            return redirect("mandates:document_detail", pk=job.document_id)
        else:
            return redirect("mandates:upload_job", pk=job.pk)
    return render(request, "mandates/document_upload.html", {"form": form}, status=400 if form.errors else 200)


def _ingested_text(job) -> str:
    return f"Ingested {job.filename}" + (f": {job.summary}." if job.summary else ".")


# --- Batches: several files at once, read by the Celery workers (issue #11) ---------------------------------


@permission_required(UPLOAD_PERM)
@require_http_methods(["GET", "POST"])
def batch_upload(request: HttpRequest) -> HttpResponse:
    from mandates.forms import DocumentBatchUploadForm
    from mandates.models import IngestBatch
    from mandates.services.batches import batch_create, batch_dispatch

    form = DocumentBatchUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploads = form.cleaned_data["files"]
        batch = batch_create(
            files=[(f.name, f.read() if f.size <= settings.INGEST_MAX_BYTES else None, f.size) for f in uploads],
            source=IngestBatch.Source.UPLOAD,
            created_by=request.user,
        )
        batch_dispatch(batch=batch)
        return redirect("mandates:batch_detail", pk=batch.pk)
    return render(request, "mandates/batch_upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def upload_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.upload_job_get(request.user, pk)
    return render(request, "mandates/upload_job.html", {"job": job, "ingested": _ingested_text(job)})


@login_required
@require_GET
def document_original(request: HttpRequest, pk: int) -> HttpResponse:
    """The original file of the document's current version, as uploaded."""
    stored = selectors.document_original(pk)
    response = HttpResponse(
        bytes(stored.content), content_type=ORIGINAL_TYPES.get(stored.format, "application/octet-stream")
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=stored.filename)
    return response


ORIGINAL_TYPES = {
    "text": "text/plain; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "xml": "application/xml",
}


# --- Calendar, reminder preview -------------------------------------------------------------------------


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(pk)
    progress = selectors.batch_progress(batch)
    return render(
        request,
        "mandates/batch_detail.html",
        {
            "batch": batch,
            "progress": progress,
            "refused": progress.reasons("refused"),
            "failed": progress.reasons("failed"),
            "stored": [i for i in progress.done_items if i.document_id],
        },
    )


@login_required
@require_GET
def calendar_view(request: HttpRequest) -> HttpResponse:
    """A month of document due dates and session openings; the list's filters apply to the mandates."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    result = selectors.mandate_filter(request.GET, request)
    previous_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "mandates/calendar.html",
        {
            "first": first,
            "weeks": selectors.calendar_month(first.year, first.month, mandates=result.qs),
            "filter": result.filterset,
            "errors": result.errors,
            "query": _params_without(request, "month", "page"),
            "previous_month": previous_month,
            "next_month": next_month,
            "today": today,
        },
    )


@login_required
@require_GET
def reminder_preview(request: HttpRequest) -> HttpResponse:
    """The digest a recipient would get from today's reminder run (the job's own rendering)."""
    from mandates.services.reminders import reminders_preview

    today = timezone.localdate()
    recipient = (request.GET.get("recipient") or request.user.email or "").strip()
    message = reminders_preview(recipient=recipient, today=today) if recipient else None
    html = message.alternatives[0][0] if message is not None and message.alternatives else ""
    return render(
        request,
        "mandates/reminder_preview.html",
        {
            "recipient": recipient,
            "message": message,
            "html": html,
            "recipients": selectors.reminder_recipients(),
            "today": today,
        },
    )


# --- Mandate review cycles (issue #13, UN80) --------------------------------------------------------


APPROVE_PERM = f"mandates.{APPROVE_PERM_CODENAME}"
CYCLE_PAGE_SIZE = 100
# --- Duplicates, burden and lineage links (issue #13) -------------------------------------------------

DUPLICATE_GROUPS_PER_PAGE = 25


@login_required
@require_GET
def cycle_list(request: HttpRequest) -> HttpResponse:
    can_edit = request.user.has_perm(EDIT_PERM)
    return render(
        request,
        "mandates/cycle_list.html",
        {"cycles": selectors.review_cycles(), "open_form": CycleOpenForm() if can_edit else None},
    )


@permission_required(EDIT_PERM)
@require_POST
def cycle_open(request: HttpRequest) -> HttpResponse:
    from mandates.services.cycles import cycle_open as service

    form = CycleOpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cycle not opened: " + _form_errors(form))
        return redirect("mandates:cycle_list")
    try:
        cycle = service(
            name=form.cleaned_data["name"],
            entity=form.cleaned_data["entity"],
            body=form.cleaned_data["body"],
            by=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, f"Cycle not opened: {exc}")
        return redirect("mandates:cycle_list")
    messages.success(request, f"Opened “{cycle}” with {cycle.items.count()} mandates to review.")
    return redirect("mandates:cycle_detail", pk=cycle.pk)


@login_required
@require_GET
def duplicate_list(request: HttpRequest) -> HttpResponse:
    from mandates.services.duplicates import duplicates_refresh

    duplicates_refresh()  # catch-up for writes that sent no signal: two small queries when there were none
    groups = selectors.possible_duplicates()
    paginator = Paginator(groups, DUPLICATE_GROUPS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage:
        page = paginator.page(1)
    selectors.duplicate_groups_load(page.object_list)
    from mandates.duplicates import SIMILARITY_MIN

    return render(
        request,
        "mandates/duplicates.html",
        {
            "page": page,
            "groups": page.object_list,
            "min_similarity": SIMILARITY_MIN,
            "can_edit": request.user.has_perm(EDIT_PERM),
        },
    )


@permission_required(EDIT_PERM)
@require_POST
def mandate_update_done(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.workflow import mandate_update_done as service

    mandate = selectors.mandate_get(pk)
    form = UpdateDoneForm(request.POST)
    try:
        service(mandate=mandate, by=request.user, note=form.cleaned_data["note"] if form.is_valid() else "")
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"#{pk}: marked updated.")
    return redirect("mandates:mandate_detail", pk=pk)


@permission_required(EDIT_PERM)
@require_POST
def duplicate_dismiss(request: HttpRequest) -> HttpResponse:
    from mandates.services.duplicates import duplicate_dismiss as service

    form = DuplicateDismissForm(request.POST)
    back = _next_url(request) or reverse("mandates:duplicates")
    if not form.is_valid():
        messages.error(request, "Not dismissed: " + _form_errors(form))
        return redirect(back)
    found = Mandate.objects.in_bulk([form.cleaned_data["first"], form.cleaned_data["second"]])
    try:
        if len(found) != 2:
            raise ApplicationError("Both must be tracked mandates.")
        dismissal = service(
            first=found[form.cleaned_data["first"]],
            second=found[form.cleaned_data["second"]],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ApplicationError as exc:
        messages.error(request, f"Not dismissed: {exc}")
    else:
        messages.success(request, f"#{dismissal.first_id} and #{dismissal.second_id} marked “not a duplicate”.")
    return redirect(back)


@login_required
@require_GET
def burden(request: HttpRequest) -> HttpResponse:
    from mandates.services.duplicates import duplicates_refresh

    duplicates_refresh()  # the due years it groups on, brought up to date like the pairs
    data = selectors.reporting_burden()
    return render(request, "mandates/burden.html", {"burden": data, "entities": data.entity_totals()})


@login_required
@require_GET
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.review_cycle_get(pk)
    entity = request.GET.get("entity", "")
    state = request.GET.get("state", "")
    entity_id = int(entity) if entity.isdigit() else None
    state = state if state in CycleItem.State.values else ""
    items = selectors.cycle_items(cycle, entity_id=entity_id, state=state)
    page = Paginator(items, CYCLE_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.cycle_rows(page.object_list)
    return render(
        request,
        "mandates/cycle_detail.html",
        {
            "cycle": cycle,
            "progress": selectors.cycle_progress(cycle),
            "page": page,
            "entity_id": entity_id,
            "state": state,
            "states": CycleItem.State.choices,
            "query": _params_without(request, "page"),
            "can_review": cycle.is_open and request.user.has_perm(EDIT_PERM),
            "can_approve": cycle.is_open and request.user.has_perm(APPROVE_PERM),
            "decision_form": CycleDecisionForm(),
            "decisions": [c for c in CycleItem.Decision.choices if c[0]],
            "bands": selectors.AGE_BANDS_YEARS,
        },
    )


def _cycle_item(cycle_pk: int, item_pk: int) -> CycleItem:
    return get_object_or_404(CycleItem.objects.select_related("mandate"), pk=item_pk, cycle_id=cycle_pk)


def _back_to_cycle(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    return redirect((_next_url(request) or reverse("mandates:cycle_detail", args=[pk])) + f"#item-{item_pk}")


@permission_required(EDIT_PERM)
@require_POST
def cycle_decide(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    from mandates.services.cycles import cycle_decision_record

    item = _cycle_item(pk, item_pk)
    form = CycleDecisionForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_form_errors(form))
        target_pk = form.cleaned_data["merge_into"]
        target = Mandate.objects.filter(pk=target_pk).first() if target_pk else None
        if target_pk and target is None:
            raise ApplicationError(f"#{target_pk} is not a tracked mandate.")
        item = cycle_decision_record(
            item=item,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            merge_into=target,
            by=request.user,
        )
    except ApplicationError as exc:
        messages.error(request, f"Decision on #{item.mandate_id} not recorded: {exc}")
    else:
        messages.success(request, f"#{item.mandate_id}: {item.get_decision_display()} recorded, waiting for approval.")
    return _back_to_cycle(request, pk, item_pk)


def _cycle_answer(request: HttpRequest, pk: int, item_pk: int, service, done: str) -> HttpResponse:
    item = _cycle_item(pk, item_pk)
    form = CycleAnswerForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        item = service(item=item, by=request.user, note=note)
    except ApplicationError as exc:
        messages.error(request, f"#{item.mandate_id}: {exc}")
    else:
        messages.success(request, f"#{item.mandate_id}: {item.get_decision_display()} {done}.")
    return _back_to_cycle(request, pk, item_pk)


@permission_required(APPROVE_PERM)
@require_POST
def cycle_approve(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    from mandates.services.cycles import cycle_decision_approve

    return _cycle_answer(request, pk, item_pk, cycle_decision_approve, "approved")


@permission_required(APPROVE_PERM)
@require_POST
def cycle_return(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    from mandates.services.cycles import cycle_decision_return

    return _cycle_answer(request, pk, item_pk, cycle_decision_return, "returned to the reviewer")


@login_required
@require_GET
def burden_csv(request: HttpRequest) -> HttpResponse:
    from mandates.services.duplicates import duplicates_refresh

    duplicates_refresh()
    response = HttpResponse(exports.burden_csv(selectors.reporting_burden()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reporting-burden-{timezone.localdate():%Y-%m-%d}.csv"'
    return _private(response)


def _link_decision(request: HttpRequest, pk: int, decide) -> HttpResponse:
    from mandates.models import MandateLink

    link = selectors.link_get(pk)
    form = LinkDecisionForm(request.POST)
    back_to = link.successor_id
    if form.is_valid() and form.cleaned_data["back_to"] in (link.predecessor_id, link.successor_id):
        back_to = form.cleaned_data["back_to"]
    if not form.is_valid():
        messages.error(request, "Link not changed: " + _form_errors(form))
        return redirect("mandates:mandate_detail", pk=back_to)
    try:
        decide(link, form.cleaned_data["note"])
    except ApplicationError as exc:
        messages.error(request, str(exc))
    else:
        link.refresh_from_db()
        state = "confirmed" if link.state == MandateLink.State.CONFIRMED else "broken"
        messages.success(request, f"Link #{link.predecessor_id} → #{link.successor_id} {state}.")
    return redirect("mandates:mandate_detail", pk=back_to)


@permission_required(EDIT_PERM)
@require_POST
def link_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.lineage import link_confirm as confirm

    return _link_decision(request, pk, lambda link, note: confirm(link=link, by=request.user, note=note))


@permission_required(EDIT_PERM)
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.cycles import cycle_close as service

    cycle = selectors.review_cycle_get(pk)
    try:
        service(cycle=cycle, by=request.user)
    except ApplicationError as exc:
        messages.error(request, f"Not closed: {exc}")
    else:
        messages.success(request, f"“{cycle}” is closed.")
    return redirect("mandates:cycle_detail", pk=pk)


def _cycle_filename(cycle, extension: str) -> str:
    return f"review-cycle-{cycle.pk}-{timezone.localdate():%Y-%m-%d}.{extension}"


@login_required
@require_GET
def cycle_export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.review_cycle_get(pk)
    response = HttpResponse(
        exports.cycle_csv(selectors.cycle_export(cycle)["decisions"]), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, _cycle_filename(cycle, "csv"))
    return _private(response)


@login_required
@require_GET
def cycle_export_json(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = selectors.review_cycle_get(pk)
    response = JsonResponse(selectors.cycle_export(cycle), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = content_disposition_header(True, _cycle_filename(cycle, "json"))
    return _private(response)


@permission_required(EDIT_PERM)
@require_POST
def link_break(request: HttpRequest, pk: int) -> HttpResponse:
    from mandates.services.lineage import link_break as break_

    return _link_decision(request, pk, lambda link, note: break_(link=link, by=request.user, reason=note))
