"""The one FilterSet behind the mandate list, the CSV and iCalendar exports and the JSON API."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from mandates.models import Body, Document, Entity, Instrument, Mandate
from mandates.search import SYMBOL, mandate_search, symbol_condition
from mandates.services.calendar import UNDATED_REASONS, undated_condition
from mandates.services.flags import flag_conditions


def mandate_text_search(queryset: QuerySet, value: str) -> QuerySet:
    """Mandates matching what was typed (mandates.search: phrase, symbol), or whose entity's name contains it
    (or acronym is it).

    Entities are few: they are matched first, so the condition on mandates is a plain id list that
    PostgreSQL can OR with the text conditions.
    """
    value = value.strip()
    if not value:
        return queryset
    entity_ids = list(
        Entity.objects.filter(Q(name__icontains=value) | Q(acronym__iexact=value)).values_list("pk", flat=True)
    )
    return mandate_search(queryset, value, entity_ids=entity_ids)


class InstrumentField(forms.CharField):
    """An instrument id (links from the document and mandate pages), or a symbol or words of its title."""

    def clean(self, value):
        value = super().clean(value)
        if value and value.isdigit() and not Instrument.objects.filter(pk=int(value)).exists():
            raise forms.ValidationError("No instrument has this id.")
        return value


class InstrumentFilter(django_filters.CharFilter):
    field_class = InstrumentField


WHEN_CHOICES = [("overdue", "Overdue"), ("next6", "Due in the next six weeks")]


class MandateFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        field_name="due_body",
        queryset=Body.objects.all(),
        label="Due body",
        empty_label="Any body",
        method="filter_body",
    )
    # Due at session N (or, for bodies that name sessions by year, the session of year N) of the chosen body,
    # as the session page counts it: selectors.mandates_due_at.
    session = django_filters.NumberFilter(
        label="Due session",
        min_value=1,
        widget=forms.NumberInput(attrs={"min": 1}),
        method="filter_session",
    )
    entity = django_filters.ModelChoiceFilter(
        field_name="responsible_entity",
        queryset=Entity.objects.all(),
        label="Responsible entity",
        empty_label="Any entity",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Mandate.Status.choices,
        label="Status",
        widget=forms.CheckboxSelectMultiple,
        distinct=False,  # no join: DISTINCT would only slow the count down
    )
    category = django_filters.ChoiceFilter(choices=Mandate.Category.choices, label="Category", empty_label="Any")
    flag = django_filters.ChoiceFilter(
        # "" is a real flag value ("no deadline"), so it is spelled "none" in the URL.
        choices=[("none", "No deadline"), *[c for c in Mandate.Flag.choices if c[0]]],
        method="filter_flag",
        label="Flag",
        empty_label="Any",
    )
    document = django_filters.ModelChoiceFilter(
        field_name="instrument__document",
        queryset=Document.objects.only("id", "symbol", "title", "filename"),  # not the text, for the <select>
        label="Document",
        empty_label="Any",
    )
    # There can be thousands of instruments: a search by symbol or title, not a <select> that loads them all.
    instrument = InstrumentFilter(
        label="Instrument",
        method="filter_instrument",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": "Symbol or title, e.g. A/RES/80/123"}),
    )
    mine = django_filters.BooleanFilter(
        label="My mandates", method="filter_mine", widget=forms.CheckboxInput, help_text="Owner or backup: you."
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owner",
        queryset=get_user_model().objects.filter(is_active=True),
        label="Owner",
        empty_label="Anyone",
    )
    # The overview's questions, as the overview asks them (selectors.mandates_overdue, mandates_due_next).
    when = django_filters.ChoiceFilter(choices=WHEN_CHOICES, method="filter_when", label="When", empty_label="Any")
    due_after = django_filters.DateFilter(
        field_name="document_due_on",
        lookup_expr="gte",
        label="Due from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_before = django_filters.DateFilter(
        field_name="document_due_on",
        lookup_expr="lte",
        label="Due until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(method="filter_text", label="Text", max_length=200)
    o = django_filters.OrderingFilter(
        fields=(
            ("document_due_on", "due"),
            ("due_session_number", "session"),
            ("due_body__name", "body"),
            ("responsible_entity__name", "entity"),
            ("status", "status"),
            ("flag", "flag"),
            ("category", "category"),
            ("id", "id"),
        ),
        label="Sort",
    )

    # Why a mandate has no due date (services.calendar.UNDATED_REASONS), as its page says.
    undated = django_filters.ChoiceFilter(
        choices=list(UNDATED_REASONS.items()), method="filter_undated", label="No due date because", empty_label="Any"
    )

    class Meta:
        model = Mandate
        fields: list[str] = []

    def filter_body(self, queryset: QuerySet, name: str, value) -> QuerySet:
        if self.form.cleaned_data.get("session") is not None:
            return queryset  # filter_session picks that body's session
        return queryset.filter(due_body=value)

    def filter_session(self, queryset: QuerySet, name: str, value) -> QuerySet:
        from mandates.selectors import mandates_due_at, sessions_numbered

        sessions = sessions_numbered(int(value), body=self.form.cleaned_data.get("body"))
        return mandates_due_at(sessions, mandates=queryset)

    def filter_flag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The flag as of today, from the dates (the definition the flags are set by), so the list agrees with
        # the overview's counts at every moment, whenever the daily flag job last ran.
        return queryset.filter(flag_conditions(today=timezone.localdate())["" if value == "none" else value])

    def filter_undated(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(undated_condition(value))

    def filter_instrument(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if value.isdigit():
            return queryset.filter(instrument_id=int(value))
        words = Q()
        for word in value.split():
            words &= (
                Q(instrument__title__icontains=word)
                | Q(instrument__label__icontains=word)
                | Q(instrument__document__title__icontains=word)
            )
        return queryset.filter(symbol_condition(value) | (words if SYMBOL.match(value) is None else Q(pk__in=[])))

    def filter_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        user = getattr(self.request, "user", None)
        if not value or user is None or not user.is_authenticated:
            return queryset
        return queryset.filter(Q(owner=user) | Q(backup_owner=user))

    def filter_when(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        from mandates.selectors import mandates_due_next, mandates_overdue

        today = timezone.localdate()
        return (
            mandates_overdue(today, mandates=queryset)
            if value == "overdue"
            else mandates_due_next(today, mandates=queryset)
        )

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return mandate_text_search(queryset, value)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        # A sort on a non-unique column needs a tie-breaker, or pages overlap. It follows the first key's
        # direction so that "-due" can walk the (document_due_on, id) index backwards.
        ordering = self.form.cleaned_data.get("o")
        if not ordering:
            # Default: soonest document due date first, undated last (SQLite would put NULL first).
            return queryset.order_by(F("document_due_on").asc(nulls_last=True), "id")
        if ordering:
            first = str(queryset.query.order_by[0]) if queryset.query.order_by else ""
            queryset = queryset.order_by(*queryset.query.order_by, "-id" if first.startswith("-") else "id")
        return queryset
