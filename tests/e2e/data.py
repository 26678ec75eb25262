"""Realistic dashboard data: GA, ECOSOC, CCPCJ and CND, their sessions, and clauses from real-looking resolutions.

Used by the browser test (and handy in a shell for screenshots). Offsets into Document.text are exact, so
the mandate page highlights the clause inside its paragraph and instrument.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from mandates.models import Body, Document, Entity, Instrument, JobHeartbeat, Mandate, Paragraph, Session

ORDINAL = {
    33: "thirty-third",
    34: "thirty-fourth",
    35: "thirty-fifth",
    36: "thirty-sixth",
    69: "sixty-ninth",
    70: "seventieth",
    80: "eightieth",
    81: "eighty-first",
    82: "eighty-second",
}

TOPICS = [
    ("Strengthening international cooperation to combat cybercrime", "cybercrime"),
    ("Countering trafficking in persons, especially women and children", "trafficking in persons"),
    ("Preventing and combating corruption and the transfer of proceeds of crime", "anti-corruption measures"),
    ("Promoting the rehabilitation and reintegration of offenders", "rehabilitation of offenders"),
    ("Integrating sport into youth crime prevention strategies", "youth crime prevention through sport"),
    ("Combating illicit trafficking in cultural property", "protection of cultural property"),
    ("Improving the coordination of efforts against trafficking in firearms", "illicit firearms"),
    ("Addressing the world drug problem in a balanced manner", "the world drug problem"),
    ("Technical assistance for implementing the international conventions against terrorism", "counter-terrorism"),
]

# (entity, body acronym, session number, status, category) per mandate; one instrument per topic.
PLAN = [
    ("SG", "GA", 80, "pending", "report"),
    ("UNODC", "CCPCJ", 35, "submitted", "report"),
    ("SG", "CCPCJ", 36, "pending", "report"),
    ("UNODC", "CCPCJ", 36, "in_preparation", "information"),
    ("SG", "GA", 81, "pending", "report"),
    ("UNODC", "CND", 70, "pending", "report"),
    ("UNODC", "CND", 70, "in_preparation", "oral"),
    ("SG", "GA", 80, "considered", "report"),
    ("UNODC", "CCPCJ", 36, "deferred", "report"),
    ("SG", "CCPCJ", 36, "pending", "report"),
    ("UNODC", "CND", 70, "submitted", "information"),
    ("SG", "GA", 82, "in_preparation", "report"),
    ("UNODC", "CCPCJ", 35, "cancelled", "action"),
    ("SG", "GA", 80, "in_preparation", "report"),
    ("UNODC", "CND", 69, "considered", "report"),
    ("SG", "CCPCJ", 36, "pending", "information"),
    ("SG", "GA", 82, "pending", "report"),
    ("UNODC", "GA", 82, "pending", "information"),
]

# Days from today that each session opens, so the data has the same shape whenever the test runs:
# GA 80/81 have passed (their open mandates are overdue), CND 70 is close, CCPCJ 36 and GA 82 ahead.
SESSION_OPENS = {
    ("GA", 80): -440,
    ("GA", 81): -77,
    ("GA", 82): 294,
    ("CCPCJ", 35): -190,
    ("CCPCJ", 36): 160,
    ("CND", 69): -260,
    ("CND", 70): 111,
}


def build(today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    bodies = {
        "GA": Body.objects.get_or_create(
            name="General Assembly", defaults={"acronym": "GA", "kind": Body.Kind.PRINCIPAL_ORGAN}
        )[0],
        "ECOSOC": Body.objects.get_or_create(
            name="Economic and Social Council", defaults={"acronym": "ECOSOC", "kind": Body.Kind.PRINCIPAL_ORGAN}
        )[0],
        "CCPCJ": Body.objects.get_or_create(
            name="Commission on Crime Prevention and Criminal Justice",
            defaults={"acronym": "CCPCJ", "kind": Body.Kind.FUNCTIONAL_COMMISSION},
        )[0],
        "CND": Body.objects.get_or_create(
            name="Commission on Narcotic Drugs", defaults={"acronym": "CND", "kind": Body.Kind.FUNCTIONAL_COMMISSION}
        )[0],
    }
    entities = {
        "SG": Entity.objects.get_or_create(name="Secretary-General", defaults={"acronym": "SG"})[0],
        "UNODC": Entity.objects.get_or_create(
            name="United Nations Office on Drugs and Crime", defaults={"acronym": "UNODC"}
        )[0],
    }
    sessions = {}
    for (acr, number), opens in SESSION_OPENS.items():
        opens = today + dt.timedelta(days=opens)
        sessions[(acr, number)] = Session.objects.get_or_create(
            body=bodies[acr],
            number=number,
            kind=Session.Kind.REGULAR,
            defaults={
                "start_date": opens,
                "end_date": opens + dt.timedelta(days=4),
                "venue": "New York" if acr == "GA" else "Vienna",
                "date_source": Session.Source.FIXTURE,
                "confirmed": True,
            },
        )[0]

    mandates = []
    for i, (topic, short) in enumerate(TOPICS):
        plan = PLAN[2 * i : 2 * i + 2]
        symbol = f"E/CN.15/2025/L.{i + 2}" if i != 7 else f"E/CN.7/2025/L.{i}"
        adopting = bodies["CND"] if i == 7 else bodies["CCPCJ"]
        head = f"Resolution {34 if i != 7 else 68}/{i + 1}\n{topic}\n\n"
        preamble = (
            f"The {adopting.name},\n\nRecalling General Assembly resolution 79/{190 + i} of 17 December 2024,\n\n"
        )
        paragraphs = []
        for n, (ent, acr, number, _status, category) in enumerate(plan, start=1):
            who = entities[ent].name if ent == "SG" else "the United Nations Office on Drugs and Crime"
            lead = "the Secretary-General" if ent == "SG" else who
            verb = "to submit a report on" if category == "report" else "to provide information on"
            if category == "oral":
                verb = "to provide an oral update on"
            if category == "action":
                verb = "to convene an intersessional meeting on"
            clause = (
                f"Requests {lead} {verb} the implementation of the present resolution, including on {short}, "
                f"to the {bodies[acr].name} at its {ORDINAL[number]} session"
            )
            prefix = f"{n}. "
            before = f"Encourages Member States to strengthen cooperation on {short}, and in that regard "
            paragraphs.append((prefix, before, clause, ";\n\n"))
        body_text = head + preamble
        layout = []
        for prefix, before, clause, tail in paragraphs:
            p_start = len(body_text) + len(prefix)
            c_start = p_start + len(before)
            body_text += prefix + before + clause + tail
            layout.append((p_start, c_start, c_start + len(clause), len(body_text) - len(tail)))
        doc_text = f"Commission report {symbol}\n\n" + body_text
        offset = len(f"Commission report {symbol}\n\n")
        doc, _ = Document.objects.get_or_create(
            source_key=symbol,
            defaults={
                "symbol": symbol,
                "title": topic,
                "filename": f"{symbol.replace('/', '_')}.txt",
                "format": Document.Format.TEXT,
                "content_hash": hashlib.sha256(doc_text.encode()).hexdigest(),
                "size_bytes": len(doc_text.encode()),
                "text": doc_text,
            },
        )
        inst, _ = Instrument.objects.get_or_create(
            document=doc,
            label=head.split("\n")[0],
            defaults={
                "title": topic,
                "adopting_body": adopting,
                "symbol": head.split("\n")[0].split()[-1],
                "session_number": 34 if i != 7 else 68,
                "start": offset,
                "end": offset + len(body_text),
            },
        )
        for n, ((p_start, c_start, c_end, p_end), (ent, acr, number, status, category)) in enumerate(
            zip(layout, plan, strict=True), start=1
        ):
            para, _ = Paragraph.objects.get_or_create(
                instrument=inst,
                order=n,
                defaults={
                    "number": str(n),
                    "kind": Paragraph.Kind.OPERATIVE,
                    "text": doc_text[offset + p_start : offset + p_end],
                    "start": offset + p_start,
                    "end": offset + p_end,
                },
            )
            opens = sessions[(acr, number)].start_date
            due = opens - dt.timedelta(weeks=10)
            flag = _flag(due, today, status)
            m, _ = Mandate.objects.get_or_create(
                instrument=inst,
                natural_key=f"{symbol}-{n}",
                defaults={
                    "paragraph": para,
                    "paragraph_label": str(n),
                    "category": category,
                    "responsible_entity": entities[ent],
                    "delivered_to": bodies[acr],
                    "due_body": bodies[acr],
                    "due_session_number": number,
                    "due_session": sessions[(acr, number)],
                    "session_opens_on": opens,
                    "document_due_on": due,
                    "subject": f"implementation of the resolution on {short}",
                    "source_text": doc_text[offset + c_start : offset + c_end],
                    "source_start": offset + c_start,
                    "source_end": offset + c_end,
                    "status": status,
                    "flag": flag,
                },
            )
            mandates.append(m)
    for job in ("flag_due", "send_reminders"):
        JobHeartbeat.objects.update_or_create(
            name=job, defaults={"last_success_at": timezone.now() - dt.timedelta(hours=3)}
        )
    return {"bodies": bodies, "entities": entities, "sessions": sessions, "mandates": mandates}


def _flag(due: dt.date, today: dt.date, status: str) -> str:
    if status not in Mandate.OPEN_STATUSES:
        return Mandate.Flag.DONE
    days = (due - today).days
    if days < 0:
        return Mandate.Flag.OVERDUE
    for weeks, flag in ((6, "upcoming_6"), (10, "upcoming_10"), (14, "upcoming_14")):
        if days <= weeks * 7:
            return flag
    return Mandate.Flag.LATER
