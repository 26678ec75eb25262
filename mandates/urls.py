from django.urls import path

from mandates import views

app_name = "mandates"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("mandates/", views.mandate_list, name="mandate_list"),
    path("mandates/bulk/", views.mandate_bulk, name="mandate_bulk"),
    path("mandates/filters/", views.saved_filter_save, name="saved_filter_save"),
    path("mandates/filters/<int:pk>/delete/", views.saved_filter_delete, name="saved_filter_delete"),
    path("calendar/", views.calendar_view, name="calendar"),
    path("reminders/preview/", views.reminder_preview, name="reminder_preview"),
    path("mandates/export.csv", views.mandate_export_csv, name="export_csv"),
    path("mandates/export.ics", views.mandate_export_ics, name="export_ics"),
    path("mandates/exports/", views.export_job_list, name="export_jobs"),
    path("mandates/exports/<int:pk>/", views.export_job_detail, name="export_job"),
    path("mandates/exports/<int:pk>/download/", views.export_job_download, name="export_job_download"),
    path("mandates/feed/", views.mandate_feed_info, name="feed_info"),
    path("mandates/feed/rotate/", views.mandate_feed_rotate, name="feed_rotate"),
    path("feeds/<str:token>/mandates.ics", views.mandate_feed_ics, name="feed_ics"),
    path("mandates/<int:pk>/", views.mandate_detail, name="mandate_detail"),
    path("mandates/<int:pk>/status/", views.mandate_status, name="mandate_status"),
    path("mandates/<int:pk>/owner/", views.mandate_owner, name="mandate_owner"),
    path("mandates/<int:pk>/notes/", views.mandate_note, name="mandate_note"),
    path("mandates/<int:pk>/edit/", views.mandate_edit, name="mandate_edit"),
    path("mandates/<int:pk>/confirm/", views.mandate_confirm, name="mandate_confirm"),
    path("mandates/<int:pk>/reject/", views.mandate_reject, name="mandate_reject"),
    path("mandates/<int:pk>/reopen/", views.mandate_reopen, name="mandate_reopen"),
    path("review/", views.review_list, name="review_list"),
    path("documents/<int:document_pk>/review/", views.review_list, name="review_document"),
    path("mandates/<int:pk>/submitted-symbol/", views.mandate_submitted_symbol, name="mandate_submitted_symbol"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:body_id>/<int:number>/", views.session_detail, name="session_detail"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/upload/", views.document_upload, name="document_upload"),
    path("documents/uploads/<int:pk>/", views.upload_job_detail, name="upload_job"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/upload/batch/", views.batch_upload, name="batch_upload"),
    path("documents/batches/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("documents/<int:pk>/original/", views.document_original, name="document_original"),
    path("api/mandates/", views.api_mandates, name="api_mandates"),
]
