"""Forms for the dashboard's writes: status change, field edit (correction), review decisions, document upload."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from mandates.models import EXTRACTED_FIELDS, Body, CycleItem, Entity, Mandate
from mandates.services.workflow import REVIEW_ONLY_STATUSES, allowed_targets

# Extracted fields staff may correct from the dashboard. Source text and offsets belong to the
# document and change only by re-ingesting it.
EDITABLE_FIELDS = tuple(name for name in EXTRACTED_FIELDS if name not in ("source_text", "source_start", "source_end"))


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Mandate.Status.choices)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    submitted_symbol = forms.CharField(
        required=False, max_length=128, help_text="Symbol of the report, when submitting (e.g. A/80/123)."
    )

    def __init__(self, *args, mandate: Mandate | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_targets = mandate is None or bool(allowed_targets(mandate.status))
        if mandate is not None and not self.is_bound:
            # Offer only the moves the workflow allows; the service still checks (a POST can say anything).
            targets = set(allowed_targets(mandate.status))
            self.fields["status"].choices = [("", "Choose the new status…")] + [
                c for c in Mandate.Status.choices if c[0] in targets
            ]


class SubmittedSymbolForm(forms.Form):
    submitted_symbol = forms.CharField(
        max_length=128, label="Submitted symbol", help_text="Symbol of the report that answered it (e.g. A/80/123)."
    )


class MandateEditForm(forms.ModelForm):
    # Not a mandate field: recorded with the review decision (services.review.mandate_correct).
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), help_text="Why (optional)."
    )

    class Meta:
        model = Mandate
        fields = EDITABLE_FIELDS
        widgets = {"subject": forms.Textarea(attrs={"rows": 3})}


class RejectForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": "Reason (optional)"}),
        help_text="Why this is not a mandate (optional).",
    )


class ReviewNoteForm(forms.Form):
    note = forms.CharField(required=False, max_length=2000)


class DocumentUploadForm(forms.Form):
    file = forms.FileField(help_text="Plain text, PDF, Word (.docx) or HTML.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.INGEST_MAX_BYTES:
            raise forms.ValidationError(
                f"{upload.name} is {filesizeformat(upload.size)}; the limit is "
                f"{filesizeformat(settings.INGEST_MAX_BYTES)}."
            )
        return upload


# --- Several files at once (issue #11) ------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of uploaded files (Django's documented pattern for <input type=file multiple>)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class DocumentBatchUploadForm(forms.Form):
    # Oversized files are not an error of the form: the batch refuses each with its size (services.batches).
    files = MultipleFileField(
        help_text="Several files at once: plain text, PDF, Word (.docx), HTML or Akoma Ntoso XML. "
        "They are read by the background workers; a progress page follows them."
    )


def _users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class OwnerForm(forms.Form):
    owner = UserChoiceField(queryset=_users(), required=False, empty_label="Nobody")
    backup_owner = UserChoiceField(queryset=_users(), required=False, empty_label="Nobody", label="Backup")


class NoteForm(forms.Form):
    text = forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label="Note")


class BulkForm(forms.Form):
    """A bulk action on the mandates ticked in the list."""

    ACTIONS = [("status", "Change status"), ("owner", "Assign owner")]
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=[])  # any ids: the service checks each
    action = forms.ChoiceField(choices=ACTIONS)
    status = forms.ChoiceField(
        choices=[("", "New status…"), *(c for c in Mandate.Status.choices if c[0] not in REVIEW_ONLY_STATUSES)],
        required=False,
    )
    owner = UserChoiceField(queryset=_users(), required=False, empty_label="Nobody")
    note = forms.CharField(max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.fields["ids"].choices = [(v, v) for v in self.data.getlist("ids") if str(v).isdigit()]

    def clean(self):
        data = super().clean()
        if data.get("action") == "status" and not data.get("status"):
            self.add_error("status", "Choose the new status.")
        return data


class SavedFilterForm(forms.Form):
    name = forms.CharField(max_length=100)
    query = forms.CharField(max_length=2000, required=False)


# --- Mandate review cycles (issue #13) ------------------------------------------------------------------------


class CycleOpenForm(forms.Form):
    name = forms.CharField(max_length=200, help_text="e.g. 2027 programme budget review")
    entity = forms.ModelChoiceField(
        queryset=Entity.objects.all(), required=False, empty_label="Any entity", help_text="Who owes the mandates."
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.all(),
        required=False,
        empty_label="Any body",
        help_text="Mandates the body adopted, receives or is due to consider.",
    )


class CycleDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[c for c in CycleItem.Decision.choices if c[0]])
    merge_into = forms.IntegerField(
        required=False, min_value=1, label="Merge into #", help_text="For “Merge”: the number of the other mandate."
    )
    reason = forms.CharField(max_length=2000, widget=forms.TextInput(attrs={"placeholder": "Reason"}))


class CycleAnswerForm(forms.Form):
    note = forms.CharField(max_length=2000, required=False)


class LinkDecisionForm(forms.Form):
    """Confirm or break a lineage link from the mandate page; the note goes into the link's history."""

    note = forms.CharField(max_length=500, required=False, label="Why (optional)")
    back_to = forms.IntegerField(widget=forms.HiddenInput)


class DuplicateDismissForm(forms.Form):
    """Mark two mandates "not a duplicate" (mandate page or duplicates page); the note goes into its history."""

    first = forms.IntegerField(widget=forms.HiddenInput)
    second = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(max_length=500, required=False, label="Why (optional)")
    next = forms.CharField(max_length=500, required=False, widget=forms.HiddenInput)


class UpdateDoneForm(forms.Form):
    """Staff made the update an approved review decision asked for."""

    note = forms.CharField(max_length=500, required=False, label="What was changed (optional)")
