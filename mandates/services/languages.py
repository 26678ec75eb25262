"""One resolution, several languages (issue #12).

The English, French and Spanish texts of a resolution carry one symbol. Each is stored as its own Document
(source keys "A/RES/75/100" and "A/RES/75/100 [fr]"), linked by that symbol (`language_versions`). Their
mandates are one set: a mandate read from a second language version is matched to the Mandate already stored
from another (`counterparts`) and only its clause is kept (MandateText). Whichever language comes first, the
mandates converge on the English document once it is ingested: it takes over the Mandate records (keeping their
status, history and staff edits) rather than creating its own.
"""

from __future__ import annotations

import re
from collections import defaultdict

from mandates.models import Document, Instrument, Mandate

ENGLISH = "en"

# Passes from strict to loose: the instrument and paragraph always, then the deadline and who acts, then the
# deadline alone, then who acts alone (a pass pairs only where one old and one new mandate share the values,
# except the first, where equal values are equal mandates).
_PASSES = (
    ("responsible_entity", "due_body", "due_session_number", "due_event", "category"),
    ("due_body", "due_session_number", "due_event"),
    ("responsible_entity", "category"),
)


def language_versions(document: Document):
    """The other language versions of `document`: stored documents with the same symbol in another language."""
    if not document.symbol:
        return Document.objects.none()
    return Document.objects.filter(symbol=document.symbol).exclude(pk=document.pk).exclude(language=document.language)


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


def _value(obj, name: str):
    if isinstance(obj, dict):
        value = obj[name]
        return value.pk if hasattr(value, "pk") else value
    return getattr(obj, f"{name}_id") if name in ("responsible_entity", "due_body") else getattr(obj, name)


def counterparts(document: Document, wanted: list[tuple[int, Instrument, dict]]) -> dict[int, Mandate]:
    """For records of `document` not matched within it, the Mandate another language version already holds.

    `wanted` is (index, instrument, extracted values) per record. Mandates are paired one to one on the instrument
    label and paragraph, then on the passes above; English mandates are preferred when several versions are stored.
    """
    if not wanted or not document.symbol:
        return {}
    others = list(
        Mandate.all_objects.filter(instrument__document__in=language_versions(document))
        .select_related("instrument__document")
        .order_by("id")
    )
    others.sort(key=lambda m: m.instrument.document.language != ENGLISH)
    found: dict[int, Mandate] = {}
    taken: set[int] = set()
    for number, fields in enumerate(_PASSES):
        old: dict[tuple, list[Mandate]] = defaultdict(list)
        for m in others:
            if m.pk not in taken:
                key = (_norm(m.instrument.label), _norm(m.paragraph_label), *(_value(m, f) for f in fields))
                old[key].append(m)
        new: dict[tuple, list[int]] = defaultdict(list)
        for index, inst, values in wanted:
            if index not in found:
                key = (_norm(inst.label), _norm(values["paragraph_label"]), *(_value(values, f) for f in fields))
                new[key].append(index)
        for key, indexes in new.items():
            olds = old.get(key, [])
            if number > 0 and (len(olds) != 1 or len(indexes) != 1):
                continue
            for index, mandate in zip(indexes, olds, strict=False):
                found[index] = mandate
                taken.add(mandate.pk)
    return found


def takes_over(document: Document, mandate: Mandate) -> bool:
    """Does `document` take the matched `mandate` over (the English text arriving after another language), rather
    than only adding its clause?"""
    return document.language == ENGLISH and mandate.instrument.document.language != ENGLISH
