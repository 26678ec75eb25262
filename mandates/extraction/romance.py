"""Clause grammar for French and Spanish resolutions: operative paragraphs -> mandates, with the same outputs as the
English grammar (`clauses.Draft`), so the rest of the pipeline does not care which language it read.

The shape is the same in both languages:

    <request verb> <one asked> de/à|que <action>[, et de|y que <action>]...

"Prie le Secrétaire général de lui présenter, à sa soixante-seizième session, un rapport ...";
"Solicita al Secretario General que le presente en su septuagésimo sexto período de sesiones un informe ...".
"lui"/"le"/"la" before a delivery verb is the adopting body. Names resolve to their canonical English form through
vocab/<lang>/names.json; every word and pattern lives in vocab/<lang>/grammar.toml. The subject stays in the
document's language.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise, takewhile

from mandates.extraction.clauses import Draft
from mandates.extraction.names import ENTITY_NAMES, EVENT_WORDS, VOCAB, Resolver
from mandates.extraction.numbers import ordinal_pattern_for, ordinal_to_int_for
from mandates.extraction.subjects import MAX_LENGTH as MAX_SUBJECT
from mandates.extraction.types import InstrumentRecord, ParagraphRecord

LANGUAGES = ("fr", "es")
_APOSTROPHE = "[’']"
_NUMBER = r"^\s*\d{1,3}\.\s*"


def _rx(source: str, flags: int = re.I) -> re.Pattern[str]:
    return re.compile(source.replace("’", _APOSTROPHE), flags)


def _alt(entries: list[str]) -> str:
    return "|".join(sorted(entries, key=len, reverse=True))


# "Décide de ...", "Decide ...": the adopting body decides (not "décide que", whose clause names who acts)
_DECIDES = re.compile(r"(?:décide|decide)(?!.*\bque$)", re.I)
# "à"/"a" before the one asked: "Prie ... au Comité", "Solicita a la Oficina"
_TO_THE_ASKED = re.compile(r"\s*,?\s*(?:a|al|à|au|aux)\s+(?=\S)")


@dataclass(frozen=True)
class Grammar:
    """The compiled grammar of one language."""

    language: str
    trigger: re.Pattern[str]
    action_start: re.Pattern[str]
    next_action: re.Pattern[str]
    purpose: re.Pattern[str]
    delivery: re.Pattern[str]
    acting: re.Pattern[str]
    oral: re.Pattern[str]
    report: re.Pattern[str]
    information: re.Pattern[str]
    transmit: re.Pattern[str]
    recipient_before: re.Pattern[str]
    channel_before: re.Pattern[str]
    asked_before: re.Pattern[str] | None  # "de demander aux États Membres de": the one a nested request asks
    governed_before: re.Pattern[str] | None  # "améliorations à apporter au Forum": the object of another verb
    context: re.Pattern[str] | None  # "en tenant compte de": what follows is context, not the action's date
    taken_up: re.Pattern[str] | None  # "Décide d'inscrire à l'ordre du jour de sa soixante-seizième session"
    reflexive_start: re.Pattern[str]  # "se célébrera ...": a reflexive passive, no one acting
    relative: re.Pattern[str]  # "qui assistera à la session": a relative clause's session
    start_lead: re.Pattern[str]  # "à partir de la soixante-quinzième session": when work starts
    deadline_lead: re.Pattern[str]  # "avant sa soixante-seizième session": a deadline
    self_recipient: re.Pattern[str]
    session: re.Pattern[str]
    session_inverted: re.Pattern[str] | None  # ordinals after the word "session" (Spanish plural)
    next_session: re.Pattern[str]
    that_session: re.Pattern[str]
    sub_action: re.Pattern[str]
    session_mention: re.Pattern[str]
    that_session_read: str
    year_session: re.Pattern[str]
    year: re.Pattern[str]
    past: re.Pattern[str]
    starting_cycle: re.Pattern[str]
    recurrence: tuple[tuple[re.Pattern[str], str], ...]
    months: dict[str, str]
    names: re.Pattern[str]  # every alias and short form, longest first (case-sensitive)
    aliases: dict[str, str]  # printed name -> canonical English name
    groups: dict[str, str]  # "institutions spécialisées" -> "specialized agencies": only as the whole name asked
    short: dict[str, str]  # printed short form -> English short form ("Conseil" -> "the Council")
    titles: dict[str, str]  # "Rapporteur spécial" -> "Special Rapporteur"
    demonstratives: tuple[str, ...]  # "celui-ci": the one named before
    quantifier: re.Pattern[str]  # "tous les États": "all", which the English name drops
    articles: tuple[str, ...]  # "la", "l’": before the first of those asked
    article_before: re.Pattern[str]  # an article and its space, or nothing ("solicita que la Secretaría")
    asked_lead: re.Pattern[str]  # "à"/"a" and an article before a name, or nothing ("au Comité", "a la Oficina")
    conjunction: re.Pattern[str]  # "l’Office ... et l’Organe ...": what joins two of those asked
    subject_elided: re.Pattern[str]  # "solicita que le presente": an action start with no one named before it
    own_act: re.Pattern[str]  # "Décide d’examiner": the adopting body acts itself (read for review candidates)
    own_president: re.Pattern[str]  # "son président", "su Presidencia": the adopting body's President
    unasked: re.Pattern[str]  # "Alienta la labor ...": a request verb whose object is no one asked
    chair: re.Pattern[str]  # "Présidente du Comité spécial": (title, the body chaired)
    chair_head: re.Pattern[str]  # "Présidente du ": a chair title before a body's name
    chair_titles: dict[str, str]  # "Présidente" -> "Chair"
    presided: frozenset[str]  # bodies with a President, not a Chair
    holder_adjective: re.Pattern[str]  # "la actual Relatora Especial": an adjective of the holder before a title


@cache
def _loose_ordinal(language: str) -> str:
    """Ordinals in words, also when the text breaks a compound after its hyphen ("soixante- seizième")."""
    return ordinal_pattern_for(language).replace("[-‑–\\s]", "[-‑–\\s]\\s?")


def _session_rx(source: str, ordinal: str, printed: str) -> re.Pattern[str]:
    return re.compile(
        source.replace("’", _APOSTROPHE).replace("<ORD>", ordinal).replace("<NAME>", f"(?-i:{printed})"), re.I
    )


@cache
def grammar(language: str) -> Grammar:
    with (VOCAB / language / "grammar.toml").open("rb") as f:
        g = tomllib.load(f)
    names = json.loads((VOCAB / language / "names.json").read_text(encoding="utf-8"))
    articles = tuple(a.replace("’", "'") for a in g["articles"])
    aliases: dict[str, str] = {}
    for table in ("bodies", "entities"):
        for canonical, printed in names[table].items():
            for alias in printed:
                aliases[alias.replace("’", "'")] = canonical
    groups = {alias.replace("’", "'"): canonical for canonical, printed in names["groups"].items() for alias in printed}
    short, titles = names["short"], names["titles_en"]
    ordinal = _loose_ordinal(language)
    # A space in a name is any run of spaces: the UN's files put marks (left-to-right, read as spaces) inside names.
    printed = _alt([re.escape(a).replace("'", _APOSTROPHE).replace("\\ ", r"\s+") for a in [*aliases, *short, *titles]])
    name = r"(?:<PRINTED>)(?![\w-])(?:\s+(?!(?:sobre\s+el\s+particular|sobre\s+la\s+cuestión|sur\s+la\s+question|sur\s+cette\s+question)\b)(?:sur|chargé\w*\s+de|de\s+la|du|des|de|sobre|de\s+los|del|para)\s+(?!(?-i:[a-zéèêîôûçáíóúñ]+(?:er|ir|re|oir|ar))\b)[^,;.()]{1,120}?(?=[,;.()]|\s+(?:de\s+|d’|à\s+|que\s+|a\s+que\s+|a\s+)(?=\w)|\s+(?:en|durante|lors\s+de)\s+(?:su|sus|sa|ses|leur)\s|\s+(?:sobre\s+el\s+particular|al\s+respecto|à\s+ce\s+sujet)|$))?"
    verbs = _alt(g["request_verbs"])
    adverbs = _alt(g["adverbs"])
    asides = _alt(g["asides"])
    pronouns = _alt(g["object_pronouns"])
    # "e invita": Spanish writes "y" as "e" before an "i".
    trigger = (
        rf"(?:^(?:\s*\(?[a-z]{{1,6}}\)\s*)?|{_NUMBER}|[,;]\s+(?:(?:et|y|e(?=\s+[ií]))\s+)?|\s(?:et|y|e(?=\s+[ií]))\s+)(?:(?:{asides}),?\s+)?"
        rf"(?:(?P<pron>{pronouns})\s*)?(?P<verb>{verbs}|{_alt(g['self_verbs'])})"
        rf"(?:\s*,?\s+(?:{adverbs}|{asides}))*(?:\s*,\s*(?:{asides})\s*,)?(?=[\s,])"
    )
    return Grammar(
        language=language,
        trigger=_rx(trigger),
        action_start=_rx(g["action_start"]),
        next_action=_rx(g["next_action"]),
        purpose=_rx(g["purpose"]),
        delivery=_rx(g["delivery"]),
        acting=_rx(g["acting"]),
        oral=_rx(g["oral"]),
        report=_rx(g["report"]),
        information=_rx(g["information"]),
        transmit=_rx(g["transmit"]),
        recipient_before=_rx(g["recipient_before"]),
        channel_before=_rx(g["channel_before"]),
        asked_before=_rx(g["asked_before"]) if "asked_before" in g else None,
        governed_before=_rx(g["governed_before"]) if "governed_before" in g else None,
        self_recipient=_rx(g["self_recipient"]),
        session=_session_rx(g["session"], ordinal, printed),
        session_inverted=_session_rx(g["session_inverted"], ordinal, printed) if "session_inverted" in g else None,
        next_session=_session_rx(g["next_session"], ordinal, printed),
        that_session=_rx(g["that_session"]),
        sub_action=_rx(g["sub_action"]),
        session_mention=_session_rx(g["session_mention"], ordinal, printed),
        context=_rx(g["context"]) if "context" in g else None,
        taken_up=_session_rx(g["taken_up"], ordinal, printed) if "taken_up" in g else None,
        reflexive_start=_rx(g["reflexive_start"]),
        relative=_rx(g["relative"]),
        start_lead=_rx(g["start_lead"]),
        deadline_lead=_rx(g["deadline_lead"]),
        that_session_read=g["that_session_read"],
        year_session=_rx(g["year_session"]),
        year=_rx(g["year"].replace("<MONTH>", _alt(list(g["months"])))),
        past=_rx(g["past"]),
        starting_cycle=_rx(g["starting_cycle"]),
        recurrence=tuple((_rx(rf"\b(?:{source})\b"), value) for value, source in g["recurrence"].items()),
        months=g["months"],
        names=re.compile(name.replace("’", _APOSTROPHE).replace("<PRINTED>", printed)),
        aliases=aliases,
        groups=groups,
        short=short,
        titles=titles,
        demonstratives=tuple(g["demonstratives"]),
        quantifier=_rx(rf"^(?:{_alt(g['quantifiers'])})\s+(?=[A-ZÀ-Ý])", 0),
        conjunction=_rx(g["conjunction"]),
        subject_elided=_rx(g.get("subject_elided", "(?!)")),
        own_act=_rx(g["own_act"]),
        own_president=_rx(g["own_president"]),
        unasked=_rx(g.get("unasked", "(?!)")),
        chair=re.compile(
            rf"(?P<title>{_alt([re.escape(t) for t in g['chair_titles']])})\s+{g['chair_of'].replace('’', _APOSTROPHE)}\s+(?P<of>.+)"
        ),
        chair_head=re.compile(
            rf"(?:{_alt([re.escape(t) for t in g['chair_titles']])})\s+{g['chair_of'].replace('’', _APOSTROPHE)}\s+"
        ),
        chair_titles=g["chair_titles"],
        presided=frozenset(g["presided_bodies"]),
        holder_adjective=_rx(rf"^(?:(?:la|el|le|l’)\s+)?(?:{_alt(g['holder_adjectives'])})\s+(?=[A-ZÀ-Ý])", 0)
        if g.get("holder_adjectives")
        else re.compile("(?!)"),
        articles=articles,
        article_before=re.compile(rf"(?:(?:{_alt(list(articles))})\s+)?"),
        asked_lead=re.compile(rf"[\s,]*(?:(?:à|a|al|au|aux)\s+)?(?:(?:{_alt(list(articles))})\s*)?"),
    )


def canonical(printed: str, g: Grammar, resolver: Resolver, near: str = "") -> str:
    """The canonical English name of a name printed in French or Spanish; an unknown name is kept as printed."""
    text = re.sub(r"\s+", " ", printed).strip(" ,;:").replace("’", "'")
    text = re.sub(r"^(?i:le|la|les|l'|au|aux|à|al|a|el|los|las|del|de)\s*(?=[A-ZÀ-Ý])", "", text)
    if g.own_president.fullmatch(text):
        return f"President of the {resolver.adopting_body}"  # "Prie son président": the adopting body's President
    if g.quantifier.sub("", text) in g.aliases:
        return g.aliases[g.quantifier.sub("", text)]  # "tous les États": "States", as "all States" is
    group = re.sub(r"^(?:les|la|le|l'|los|las|el)\s*", "", g.quantifier.sub("", text))
    if group in g.groups:
        return g.groups[group]  # "Prie les institutions spécialisées": "specialized agencies"
    for alias in sorted(g.aliases, key=len, reverse=True):
        if text == alias or text.startswith(alias) and not text[len(alias) :].strip():
            return g.aliases[alias]
    if text in g.aliases:
        return g.aliases[text]
    text = g.holder_adjective.sub("", text)  # "la actual Relatora Especial": the title
    for title, english in g.titles.items():
        if text == title:
            # "la Relatora Especial" alone: the mandate named in full before, as the English resolver reads it.
            return _printed_before(english, g, resolver) or english
    for alias in sorted(g.aliases, key=len, reverse=True):
        if text.startswith(alias):
            return g.aliases[alias]
    # "Rapporteur spécial sur ..." -> "Special Rapporteur on ..." would translate the subject: keep the title's English
    # head and the printed tail.
    for title, english in g.titles.items():
        if text.startswith(title):
            return f"{english} ({text})"
    for word, english in sorted(g.short.items(), key=lambda kv: -len(kv[0])):
        if text == word or text.startswith(word + " "):
            if text == word:
                return _printed_before(english, g, resolver, word) or resolver.resolve(english, near="")
            break
    if chaired := g.chair.fullmatch(text):
        # "Présidente du Comité spécial": the Chair of the body, when the body's name resolves to English.
        body = canonical(chaired.group("of"), g, resolver)
        if body != re.sub(r"\s+", " ", chaired.group("of")).strip(" ,;:").replace("’", "'"):
            head = "President" if body in g.presided else g.chair_titles[chaired.group("title")]
            return f"{head} of the {body}"
    return text


def _printed_before(short: str, g: Grammar, resolver: Resolver, printed: str = "") -> str | None:
    """ "le Comité spécial" -> the full name of the Special Committee printed last before the clause, in the
    document's language (the English resolver cannot read the French text for it): a name whose English starts
    with the short form's, or whose printed form does ("el Comité" after "el Comité Mixto": the Pension Board)."""
    head = re.sub(r"^the\s+", "", short)
    text = resolver.context_text[: resolver.cursor] if resolver.cursor else resolver.context_text
    best, at = None, -1
    for alias, name in g.aliases.items():
        if (name.startswith(head) and name != head) or (printed and alias.startswith(printed + " ")):
            found = max(text.rfind(alias), text.rfind(alias.replace("'", "’")))
            if found > at:
                best, at = name, found
    return best


def adopting_body(printed: str, language: str) -> str:
    """ "L'Assemblée générale" (a draft's formula) -> "General Assembly"; a name not in the tables is kept."""
    text = re.sub(r"^(?i:le|la|les|l'|el|los|las)\s*(?=[A-ZÀ-Ý])", "", printed.replace("’", "'").strip(" ,;:"))
    return grammar(language).aliases.get(text, printed)


@dataclass
class Mention:
    name: str
    start: int
    end: int
    role: str  # "recipient" | "channel" | "other"


def _mentions(action: str, g: Grammar, resolver: Resolver) -> list[Mention]:
    found: list[Mention] = []
    for m in g.names.finditer(action):
        before = action[max(0, m.start() - 50) : m.start()]
        name = canonical(m.group(), g, resolver)
        resolver.note(name)
        if g.channel_before.search(before):
            role = "channel"
        elif g.asked_before and g.asked_before.search(before):
            role = "other"  # "que pida a los Estados Miembros que presenten": asked, not receiving
        elif g.recipient_before.search(before) and not (g.governed_before and g.governed_before.search(before)):
            role = "recipient"
        else:
            role = "other"
        found.append(Mention(name, m.start(), m.end(), role))
    for m in g.self_recipient.finditer(action):
        found.append(Mention(resolver.adopting_body, m.start(), m.end(), "recipient"))
    found.sort(key=lambda x: x.start)
    return found


@dataclass
class Session:
    numbers: list[int]
    start: int
    body: str | None
    possessive: bool
    end: int


def _sessions(action: str, g: Grammar, resolver: Resolver, next_session: int | None) -> list[Session]:
    out: list[Session] = []
    if "essio" not in action and "esion" not in action:
        return out
    ordinal = re.compile(_loose_ordinal(g.language), re.I)
    for m in _session_matches(action, g):
        if _opens_nothing(m, action, g):
            continue
        # The phrase before the session and its preposition ("celebradas en su ... período de sesiones").
        phrase = re.split(r"[,;]", action[max(0, m.start() - 120) : m.start()])[-1] + m.group().split(" ")[0]
        if g.past.search(phrase):
            continue  # "le rapport qu'il a présenté à sa soixantième session"
        numbers = [n for n in (ordinal_to_int_for(w, g.language) for w in ordinal.findall(m.group("ords"))) if n]
        if numbers:
            body = canonical(m.group("of"), g, resolver) if m.group("of") else None
            out.append(Session(numbers, m.start(), body, bool(m.group("pos")), m.end()))
    for m in g.next_session.finditer(action):
        if m.group("of"):
            # "avant la prochaine session du Comité": that body's next session, whose number the text does not give.
            out.append(Session([], m.start(), canonical(m.group("of"), g, resolver), False, m.end()))
        else:
            out.append(Session([next_session] if next_session else [], m.start(), None, True, m.end()))
    out.sort(key=lambda s: s.start)
    return out


def _session_matches(text: str, g: Grammar) -> list[re.Match[str]]:
    matches = [*g.session.finditer(text), *(g.session_inverted.finditer(text) if g.session_inverted else ())]
    return _outermost(matches)


def _opens_nothing(m: re.Match[str], action: str, g: Grammar) -> bool:
    """ "à présenter, à partir de la soixante-quinzième session, des contributions" with no cycle after it: the
    session the work starts at, not a deadline ("à partir de sa soixante-dix-huitième session, tous les deux ans" is
    the first of a cycle)."""
    if not g.start_lead.match(m.group()):
        return False
    rest = action[: m.start()] + action[m.end() :]
    return not (_periodic(action, g) or g.starting_cycle.search(rest))


def _dated(action: str, g: Grammar) -> bool:
    """The action names a numbered session that is not in the past ("qu'elle a adopté à sa soixantième session"), nor
    the session of a relative clause ("désigner un scientifique qui assistera à la soixante-huitième session"); a
    reflexive passive ("Decide que la reunión se celebrará en su ... período de sesiones") has no one acting."""
    if g.reflexive_start.match(action):
        return False
    for m in _session_matches(action, g):
        before = re.split(r"[,;]", action[max(0, m.start() - 120) : m.start()])[-1]
        if _opens_nothing(m, action, g):
            continue
        if not g.past.search(before + m.group().split(" ")[0]) and not g.relative.search(before):
            return True
    return False


def _has_session(text: str, g: Grammar) -> bool:
    return bool(_session_matches(text, g) or g.next_session.search(text))


def _outermost(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """Matches of two session patterns, without those inside a longer one."""
    kept: list[re.Match[str]] = []
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return kept


def _category(action: str, g: Grammar) -> str:
    if g.acting.search(action) or g.transmit.search(action):
        return "action"
    if g.oral.search(action):
        return "oral"
    # What is delivered is the first product named: "que proporcione información ... en el contexto del informe" is
    # information, "un informe que contenga información" a report.
    found = [
        (m.start(), kind)
        for kind, rx in (("report", g.report), ("information", g.information))
        if (m := rx.search(action))
    ]
    return min(found)[1] if found else "action"


def _recurrence(action: str, g: Grammar) -> str | None:
    return next((value for regex, value in g.recurrence if regex.search(action)), None)


def _periodic(action: str, g: Grammar) -> str | None:
    """A cycle ("chaque année", "cada dos años"), not a standing duty ("continuer à lui rendre compte", "siga
    informando"): only a cycle opens at a session or keeps a session named before from dating the action."""
    recurrence = _recurrence(action, g)
    return None if recurrence == "ongoing" else recurrence


# A bare year further than this after adoption is a goal ("d'ici à 2030", "para 2030"), not a reporting deadline.
GOAL_YEARS_AFTER = 5


def _adoption_year(instrument: InstrumentRecord) -> int | None:
    if instrument.adopted_on[:4].isdigit():
        return int(instrument.adopted_on[:4])
    n = instrument.session_number
    if n and n > 1900:
        return n  # ECOSOC sessions are years
    return 1945 + n if n and instrument.adopting_body == "General Assembly" else None


def _year_event(action: str, g: Grammar, instrument: InstrumentRecord | None = None) -> str | None:
    """ "à sa session de 2022" -> "2022"; "d'ici au 30 juin 2025" -> "30 June 2025" (English, as the English grammar
    writes events). A year before adoption is the past; a bare year long after it is a goal; a year after "en tenant
    compte de" / "teniendo en cuenta" dates what is taken into account, not the action."""
    context = g.context.search(action) if g.context else None
    if context:
        action = action[: context.start()]
    m = g.year_session.search(action)
    if m:
        return m.group("year")
    adopted = _adoption_year(instrument) if instrument else None
    for m in g.year.finditer(action):
        year = int(m.group("year"))
        month = (m.group("month") or "").lower()
        if adopted and (year < adopted or (not month and year > adopted + GOAL_YEARS_AFTER)):
            continue
        if month in g.months:
            day = re.search(r"\d{1,2}", m.group("date")).group()
            return f"{int(day)} {g.months[month]} {m.group('year')}"
        if m.group("month_only"):
            return f"{g.months[m.group('month_only').lower()]} {m.group('year')}"  # "en février 2023": February 2023
        return m.group("year")
    return None


def _bind(
    action: str, sessions: list[Session], mentions: list[Mention], responsible: str, instrument: InstrumentRecord
) -> list[tuple[str, int | None]]:
    bound: list[tuple[str, int | None]] = []
    for s in sessions:
        before = [m for m in mentions if m.start < s.start and m.role in ("recipient", "channel")]
        bodies = [m for m in before if Resolver.is_body(m.name)]
        # "présenter au Secrétaire général un rapport, qu'elle examinera à sa session": an office has no session.
        if bodies:
            # "que le presente, por conducto del Comité, una propuesta ... durante su período de sesiones": the
            # session is the recipient's, not the channel's.
            before = [m for m in bodies if m.role == "recipient"] or bodies
        elif s.possessive:
            before = [m for m in before if m.name not in ENTITY_NAMES]
        after = [m for m in mentions if m.start >= s.end and m.start - s.end < 15 and m.role == "recipient"]
        if s.body:
            target = s.body
        elif not s.possessive and _own_numbering(s.numbers, instrument):
            # "para que el Grupo de Trabajo la examine en los períodos de sesiones septuagésimo sexto y septuagésimo
            # séptimo", "à la soixante-seizième session": a session named by its number alone, in the adopting body's
            # numbering, is the adopting body's (as "at the seventy-sixth session" is in English).
            target = instrument.adopting_body
        elif before and all(m.role == "channel" for m in before) and _own_numbering(s.numbers, instrument):
            # "para examinarla, por conducto del Comité de Información, a más tardar en su septuagésimo sexto período
            # de sesiones": the channel passes it on; a session in the adopting body's numbering is the adopting
            # body's own.
            target = instrument.adopting_body
        elif before:
            target = before[-1].name
        elif s.possessive and after and after[0].name == instrument.adopting_body:
            target = instrument.adopting_body  # "que en su septuagésimo sexto período de sesiones la informe"
        elif s.possessive and Resolver.is_body(responsible):
            target = responsible
        else:
            target = instrument.adopting_body
        for n in s.numbers or [None]:
            past = (
                n and instrument.session_number and target == instrument.adopting_body and n < instrument.session_number
            )
            if not past:
                bound.append((target, n))
    return bound


# How far ahead of the adopting body's current session a bare session number is still read as one of its own.
OWN_SESSIONS_AHEAD = 5


def _own_numbering(numbers: list[int], instrument: InstrumentRecord) -> bool:
    n = instrument.session_number
    return bool(numbers and n and n < 1900 and all(n <= k <= n + OWN_SESSIONS_AHEAD for k in numbers))


def _is_event(name: str) -> bool:
    # An organisation named like a meeting ("United Nations Conference on Trade and Development", "Department for
    # General Assembly and Conference Management") is no event.
    return (
        bool(EVENT_WORDS.search(name))
        and not name.startswith("Conference of")
        and name not in ENTITY_NAMES
        and not OFFICE_HEAD.match(name)
    )


OFFICE_HEAD = re.compile(r"(?:Department|Office|Division|Secretariat|Bureau)\b")


def _action_drafts(
    action: str, category: str, responsible: str, instrument: InstrumentRecord, resolver: Resolver, g: Grammar
) -> list[Draft]:
    mentions = _mentions(action, g, resolver)
    recipients = [m for m in mentions if m.role == "recipient" and m.name != responsible]
    bodies = [m for m in recipients if Resolver.is_body(m.name) or _is_event(m.name)]
    recipients = bodies or recipients
    channel = next((m.name for m in mentions if m.role == "channel"), None)
    next_number = instrument.session_number + 1 if instrument.session_number else None
    bound = _bind(action, _sessions(action, g, resolver, next_number), mentions, responsible, instrument)
    event = _year_event(action, g, instrument)
    # A date named with a numbered session is kept beside it ("à sa soixante-dix-septième session, en février 2023 au
    # plus tard"); not a body's session of a year ("par l’intermédiaire du Conseil à sa session de 2021"): that is
    # another body's session.
    with_session = None if g.year_session.search(action) else event
    once = bool(bound or event) and not g.starting_cycle.search(action)
    recurrence = None if once else _recurrence(action, g)
    if recurrence == "ongoing" and category != "report":
        # Information given on a standing basis ("en tenant la Commission informée", "que la mantenga informada")
        # names no date and is often part of a request to cooperate: a review candidate, not a confident mandate
        # ("continuer à lui rendre compte", a report still owed, stays one).
        recurrence = None

    def draft(to, due_body, session, due_event, rec) -> Draft:
        return Draft(category, responsible, to, channel, due_body, session, due_event, rec, "", 0, len(action))

    if category == "action":
        if bound:
            # "se prononcera, à sa soixantième session, sur le thème de sa soixante et unième session": each session.
            to = recipients[0].name if recipients else None
            return [
                draft(to, target, number, with_session if number else "next session", None) for target, number in bound
            ]
        if g.transmit.search(action) and recipients:
            # "transmettre au Conseil, durant sa session de 2023, un rapport": that session of the body.
            return [
                draft(
                    r.name,
                    r.name if _is_event(r.name) or (event and Resolver.is_body(r.name)) else None,
                    None,
                    _event(r.name, event),
                    None,
                )
                for r in recipients
            ]
        return []
    if not recipients:
        if not bound and not recurrence:
            return []
        speaker = instrument.adopting_body
        if not bound and recurrence != "ongoing" and category in ("report", "oral") and responsible != speaker:
            # "Demande au Comité mixte de procéder à un suivi sous forme de rapports annuels": a periodic report that
            # names no recipient goes to the body that asks for it (as in English).
            return [draft(speaker, speaker, None, None, recurrence)]
        return [
            draft(t, t, n, (with_session if n else None if not t else "next session"), recurrence)
            for t, n in bound or [(None, None)]
        ]
    drafts: list[Draft] = []
    names = {r.name for r in recipients}
    for r in recipients:
        mine = [(t, n) for t, n in bound if t == r.name]
        if not mine and len(recipients) == 1:
            # A session of someone else: the first one named, with its other numbers ("aux soixante-seizième et
            # soixante-dix-septième sessions").
            others = [b for b in bound if b[0] not in names]
            mine = [(t, n) for t, n in bound if t == channel] or [b for b in others if b[0] == others[0][0]]
        if mine:
            drafts += [draft(r.name, t, n, with_session if n else "next session", recurrence) for t, n in mine]
        elif _event(r.name, event):
            drafts.append(draft(r.name, r.name, None, _event(r.name, event), None))
        elif recurrence:
            drafts.append(draft(r.name, r.name if Resolver.is_body(r.name) else None, None, None, recurrence))
        elif Resolver.is_body(r.name) or category in ("report", "information"):
            # Information to an office feeds the report it makes (pipeline.chain_across_paragraphs).
            drafts.append(draft(r.name, None, None, None, None))
    if bound and not any(d.due_session or d.due_event for d in drafts):
        # "informations ... sur lesquelles le Secrétariat ..., pour que le Groupe de travail les examine aux
        # soixante-seizième et soixante-dix-septième sessions": the adopting body's sessions no recipient claimed.
        own = [(t, n) for t, n in bound if t == instrument.adopting_body]
        drafts += [draft(t, t, n, with_session if n else "next session", recurrence) for t, n in own]
    return drafts


def _event(name: str, year: str | None) -> str | None:
    return name if _is_event(name) else year


def _split_actions(rest: str, g: Grammar) -> list[tuple[int, int, bool]]:
    cuts = [(m.start(), m.end(), False) for m in g.next_action.finditer(rest)]
    cuts += [(m.start(), m.end(), True) for m in g.purpose.finditer(rest)]
    cuts.sort()
    spans, begin, purpose = [], 0, False
    for start, end, is_purpose in cuts:
        if start < begin:
            continue
        if start > begin:
            spans.append((begin, start, purpose))
        begin, purpose = end, is_purpose
    spans.append((begin, len(rest), purpose))
    return [s for s in spans if s[1] > s[0]]


SUBJECT_LEAD = re.compile(
    r"\b(?:sur|concernant|au\s+sujet\s+de|relatif\s+à|de\s+(?=l[’']application|la\s+mise\s+en\s+œuvre)|des|du|de\s+la|sobre|acerca\s+de|respecto\s+de|relativo\s+a)\s+",
    re.I,
)


def _subject(action: str, title: str) -> str:
    """What is reported on, in the document's language: the words after "sur"/"sobre" (or "rendre compte de")."""
    product = re.search(r"\b(?:rapport|compte|exposé|informations?|informe|información|estudio|étude)\b", action, re.I)
    start = product.end() if product else 0
    lead = SUBJECT_LEAD.search(action, start)
    if not lead:
        return title[:MAX_SUBJECT]
    text = action[lead.end() :]
    text = re.split(
        r"\s*(?:[;:]|,\s+(?:et|y)\s|,\s+(?:qui|que|dans|en\s+particulier|notamment|incluidos?|en\s+el\s+que)\b)", text
    )[0]
    text = re.sub(r"\s+", " ", text).strip(" ,.")
    if len(text) > MAX_SUBJECT:
        text = text[:MAX_SUBJECT].rsplit(" ", 1)[0]
    return text or title[:MAX_SUBJECT]


def _asks_no_one(clause: str, verb: str, pronoun: str | None, g: Grammar) -> bool:
    """ "Alienta la labor que sigue realizando la Oficina": the verb's object is a thing, not someone asked (Spanish
    names the one asked with "a"). Not after "que" ("reitera la solicitud de que el Departamento elabore")."""
    return not pronoun and not re.search(r"\bque$", verb, re.I) and bool(g.unasked.match(clause))


def _responsible(
    clause: str, g: Grammar, resolver: Resolver, before: str, pronoun: str | None, previous: str | None = None
) -> tuple[str, int] | None:
    """The one asked to act and where its first action starts in `clause`."""
    # "Solicita a la Relatora Especial que ...": the preposition before the one asked is not the action's "a".
    # Not after a pronoun: "l’engage à accroître ...": the "à" is the action's, the one asked is the pronoun.
    lead = None if pronoun else _TO_THE_ASKED.match(clause)
    start = g.action_start.search(clause, lead.end() - 1 if lead else 0)
    if not start:
        return None
    if pronoun:
        # "et le prie également de ...": the one the paragraph asked before, else the one named last before.
        named = [m for m in _mentions(before, g, resolver) if m.name != resolver.adopting_body]
        # An aside may come first: "et le prie également, après ledit examen, de continuer à soumettre".
        if not re.fullmatch(r"\s*(?:,[^,;]{1,80},?)?\s*", clause[: start.start()]) or not (previous or named):
            return None
        return previous or named[-1].name, start.end()
    np = clause[: start.start()]
    if not np.strip(" ,") and g.subject_elided.fullmatch(start.group()):
        article = g.article_before.match(clause[start.end() :]).end()
        subject = g.names.match(clause, start.end() + article)
        if subject:
            # "solicita que la Secretaría le presente": the subject after "que" is the one asked.
            verb = g.action_start.match(clause, subject.end())
            return (canonical(subject.group(), g, resolver), verb.end()) if verb else None
        if g.reflexive_start.match(clause, start.end()):
            return None  # "solicita que se presente un informe": no one is named
        # "Toma nota del informe del Secretario General y solicita que ... le presente un informe": the verb's
        # subject is left out, and is the one named last before (as "requests that he submit" in English).
        named = [m for m in _mentions(before, g, resolver) if m.name != resolver.adopting_body]
        return (named[-1].name, start.end()) if named else None
    if re.fullmatch(rf"\s*,?\s*(?:(?:a|à)\s+)?(?:{_alt(g.demonstratives)})\s*", np, re.I):
        # "engage celui-ci à lui faire rapport": the one named last before.
        named = [m for m in _mentions(before, g, resolver) if m.name != resolver.adopting_body]
        return (named[-1].name, start.end()) if named else None
    # A name that holds "de"/"a" ("Comité de l'information"): the longest known name at the start wins.
    # Also after its article and preposition: "Prie le Comité spécial chargé d’étudier la situation ... de
    # poursuivre" is the Special Committee, not the infinitive "d’étudier" inside its name.
    offset = g.asked_lead.match(clause).end()
    if offset and clause[offset - 1].isalpha():
        offset = len(clause) - len(clause.lstrip(" ,"))  # "la" read as an article in "las"/"les": not one
    for at in dict.fromkeys((len(clause) - len(clause.lstrip(" ,")), offset)):
        # "la Présidente du Comité spécial chargé d’élaborer ... de lui présenter": the known name after the title.
        titled = g.chair_head.match(clause, at)
        known = g.names.match(clause, titled.end() if titled else at)
        if not known:
            continue
        # The action may start right after the name, before what the name pattern took as its complement ("le
        # Secrétaire général de lui présenter, à la première partie ...").
        printed = known.group().replace("’", "'")
        alias = max((a for a in g.aliases if printed.startswith(a)), key=len, default="")
        for end in dict.fromkeys((known.start() + len(alias), known.end()) if alias else (known.end(),)):
            after = g.action_start.match(clause, end)
            if after:
                return canonical(clause[at:end], g, resolver), after.end()
    np = re.sub(r"^\s*(?:à|a|al|aux|au)\s+", "", np.strip(" ,"))
    np = re.split(r",\s+(?:agissant|en|dans|par|avec|à|comme|actuando|con|por|dentro|como)\b", np)[0]
    if not np or len(np) > 250 or not re.search(r"[A-ZÀ-Ýa-zé]", np):
        return None
    return canonical(np, g, resolver), start.end()


_DIRECTION_MARKS = re.compile("[\u200e\u200f]")
# The non-breaking hyphen of the UN's French files ("Haut‑Commissaire", "celle‑ci"): a hyphen, one character for one.
_NON_BREAKING_HYPHEN = str.maketrans({"\u2011": "-"})


def paragraph_mandates(
    paragraph: ParagraphRecord, instrument: InstrumentRecord, resolver: Resolver, language: str, lead_text: str = ""
) -> list[Draft]:
    """All mandates of one French or Spanish operative paragraph; offsets relative to `paragraph.text`.

    `lead_text` is the lead-in of a lettered sub-paragraph ("Prie le Secrétaire général :"): its request carries
    over to "a) De lui présenter ...".
    """
    g = grammar(language)
    # Left-to-right marks inside words and names ("contra \u200ela Droga"): spaces, so that offsets do not move.
    text = _DIRECTION_MARKS.sub(" ", paragraph.text).translate(_NON_BREAKING_HYPHEN)
    lead_text = _DIRECTION_MARKS.sub(" ", lead_text).translate(_NON_BREAKING_HYPHEN)
    triggers = list(g.trigger.finditer(text))
    drafts: list[Draft] = []
    jobs: list[tuple[int, str, str | None, str, int]] = []  # (clause start, clause, pronoun, verb, trigger start)
    for k, m in enumerate(triggers):
        end = triggers[k + 1].start() if k + 1 < len(triggers) else len(text)
        stop = text.find(";", m.end(), end)
        jobs.append((m.end(), text[m.end() : stop if stop > 0 else end], m.group("pron"), m.group("verb"), m.start()))
    if not triggers and lead_text:
        lead = list(g.trigger.finditer(lead_text))
        if lead:
            # "a) De lui présenter" / "a) Que le presente": the lead-in's request and the one it asks.
            head = lead[-1]
            label = re.match(r"\s*\(?[a-z]{1,4}\)\s*", text)
            body_at = label.end() if label else 0
            if not g.sub_action.match(text[body_at:]):
                return drafts  # "a) une évaluation de ...": what the lead's report holds
            joined = lead_text[head.end() :].rstrip(" :") + " " + text[body_at:]
            shift = len(lead_text[head.end() :].rstrip(" :")) + 1 - body_at
            for draft in _clause_drafts(joined, g, instrument, resolver, None, head.group("verb"), ""):
                draft.start, draft.end = body_at, max(draft.end - shift, body_at + 1)
                drafts.append(draft)
            return drafts
    seen: set[tuple] = set()
    previous: str | None = None  # the one the paragraph asked last ("..., et le prie également de")
    for begin, clause, pronoun, verb, at in jobs:
        clause_drafts = _clause_drafts(clause, g, instrument, resolver, pronoun, verb, text[:at], previous)
        if not _DECIDES.match(verb) and not _asks_no_one(clause, verb, pronoun, g):
            asked = _responsible(clause, g, resolver, text[:at], pronoun, previous)
            previous = asked[0] if asked else previous
        for draft in clause_drafts:
            # "Prie le Secrétaire général de lui présenter à sa soixante-seizième session un rapport ..., et l’invite à
            # cet égard à s’assurer que des informations y figurent": one mandate per one asked, recipient and deadline.
            key = (draft.responsible, draft.delivered_to, draft.due_body, draft.due_session, draft.due_event)
            if key in seen and (draft.due_session or draft.due_event):
                continue
            seen.add(key)
            draft.start, draft.end = at, begin + draft.end
            drafts.append(draft)
    return drafts


def _clause_drafts(
    clause: str,
    g: Grammar,
    instrument: InstrumentRecord,
    resolver: Resolver,
    pronoun: str | None,
    verb: str,
    before: str,
    previous: str | None = None,
) -> list[Draft]:
    if not g.delivery.search(clause):
        return []
    if _DECIDES.match(verb):
        responsible, action_start = instrument.adopting_body, 0
    else:
        found = (
            None
            if _asks_no_one(clause, verb, pronoun, g)
            else _responsible(clause, g, resolver, before, pronoun, previous)
        )
        if not found:
            return []
        responsible, action_start = found
    together = [] if pronoun else _asked_together(clause, g, resolver)
    rest = clause[action_start:]
    # "Prie le Comité, à sa vingt-quatrième session, d'examiner ...": a session between the one asked and the action
    # belongs to the action.
    # Only a session set off by commas: "son président à sa soixante-quinzième session" is a title.
    head = clause[:action_start]
    ahead = ", ".join(m.group() for m in _session_matches(head, g) if head[: m.start()].rstrip().endswith(","))
    # "Decide volver a ocuparse de la cuestión en su septuagésimo sexto período de sesiones, y solicita al Secretario
    # General que facilite información sobre estas cuestiones": the session the paragraph set for the matter.
    # "Décide d'inscrire à l'ordre du jour de sa soixante-seizième session ... et prie le Secrétaire général de lui
    # présenter à cette session un rapport": the session named before in the paragraph.
    named = list(g.session_mention.finditer(before + clause[:action_start]))
    anaphor = g.that_session_read.format(named[-1].group("ords")) if named else ""
    earlier = [m for m in _session_matches(before, g) if m.group("pos")]
    own_ahead = bool(ahead)
    if not ahead and earlier and not g.past.search(before[max(0, earlier[-1].start() - 120) : earlier[-1].start()]):
        ahead = earlier[-1].group()
    # "Décide d'inscrire à l'ordre du jour provisoire de sa soixante-seizième session la question ..., et prie le
    # Secrétaire général de continuer à lui présenter chaque année un rapport": the session that takes the matter up
    # is when the first of the reports is due (as in English, grammar.TAKEN_UP_AT_SESSION).
    taken_up = list(g.taken_up.finditer(before)) if g.taken_up else []
    recurrent_too = bool(taken_up) and not own_ahead
    if not ahead and taken_up:
        ahead = g.that_session_read.format(taken_up[-1].group("ords"))
    drafts: list[Draft] = []
    seen: set[tuple] = set()
    spans = _split_actions(rest, g)
    for k, (a_start, a_end, purpose) in enumerate(spans):
        action = rest[a_start:a_end]
        if purpose:
            continue
        # "presente información, para que el Grupo la examine en su período de sesiones", "d'établir, en vue de les
        # lui présenter à sa soixante-seizième session, des rapports": the purpose's session is the deadline, also
        # after another purpose ("propuestas ... para dar seguimiento ..., a fin de que la Comisión las examine en su
        # 31er período de sesiones").
        purposes = list(takewhile(lambda span: span[2], spans[k + 1 :]))
        if not _has_session(action, g):
            dated = next((s for s in purposes if _has_session(rest[s[0] : s[1]], g)), None)
            if dated:
                a_end = dated[1]
                action = rest[a_start:a_end]
        if not g.delivery.search(action):
            continue
        category = _category(action, g)
        if category == "action" and not (g.acting.search(action) or g.transmit.search(action)):
            category = _category(rest, g)  # the product is named later in the clause ("..., des rapports")
        if category == "action" and not (g.acting.search(action) or g.transmit.search(action) or _dated(action, g)):
            # "désigner un scientifique qui assistera à la session": no delivery, no known act, no numbered session.
            # An act at or before a numbered session is dated whatever its verb ("de publier à sa soixante-dix-septième
            # session un recueil", "que, antes de que finalice el septuagésimo sexto período de sesiones, dé acceso").
            continue
        # Only a delivery, or a body's own action, is dated so: "Prie son président à sa soixante-quinzième session
        # d'organiser" names the president of that session.
        carry = (
            ahead
            and not _has_session(action, g)
            and (recurrent_too or not _periodic(action, g))
            and (category != "action" or Resolver.is_body(responsible))
        )
        read = f"{ahead}, {action}" if carry else action
        if anaphor:
            read = g.that_session.sub(lambda _: anaphor, read)
        if category == "action" and not Resolver.is_body(responsible):
            # "Pide a su Presidencia que, en el septuagésimo octavo período de sesiones, extraiga": the session
            # opening the action of an office is the term of that office. A deadline ("antes de que finalice el
            # septuagésimo sexto período de sesiones", "d'ici à la fin de") is not a term.
            opening = _session_matches(read, g)
            if opening and not read[: opening[0].start()].strip(" ,") and not g.deadline_lead.match(opening[0].group()):
                read = read[opening[0].end() :]
        for draft in _action_drafts(read, category, responsible, instrument, resolver, g):
            key = (draft.delivered_to, draft.due_body, draft.due_session, draft.due_event, draft.recurrence)
            if key in seen:
                continue
            seen.add(key)
            draft.subject = _subject(action, instrument.title)
            draft.start, draft.end = 0, action_start + a_end
            drafts.append(draft)
    # "Alienta a la Oficina ... y a la Junta ... a que": the same request to each one asked.
    return drafts + [replace(d, responsible=name) for name in together if name != responsible for d in drafts]


def _asked_together(clause: str, g: Grammar, resolver: Resolver) -> list[str]:
    """Every one asked when the request names several known ones joined by "et"/"y" ("Encourage l’Office ... et
    l’Organe international ... à", "Solicita al Secretario General y al Alto Comisionado ... que"); [] otherwise."""
    lead = _TO_THE_ASKED.match(clause)
    start = g.action_start.search(clause, lead.end() - 1 if lead else 0)
    asked = clause[lead.end() if lead else 0 : start.start()] if start else ""
    found = list(g.names.finditer(asked))
    if len(found) < 2 or asked[: found[0].start()].strip(" ,").replace("’", "'") not in ("", *g.articles):
        return []
    if asked[found[-1].end() :].strip(" ,") or any(
        not g.conjunction.fullmatch(asked[a.end() : b.start()]) for a, b in pairwise(found)
    ):
        return []
    return list(dict.fromkeys(canonical(m.group(), g, resolver) for m in found))


def clause_reading(
    clause: str, instrument: InstrumentRecord, resolver: Resolver, language: str
) -> tuple[str, str, list[tuple[str | None, str | None, str | None, int | None, str | None, str | None]], str]:
    """What the grammar can still read from a clause the recall net flagged (review.py): the one asked ("" when
    none), the category, the (recipient, channel, due body, session, event, recurrence) targets, and the action."""
    g = grammar(language)
    clause = _DIRECTION_MARKS.sub(" ", clause).translate(_NON_BREAKING_HYPHEN)
    clause = re.sub(r"^\s*(?:et|y)\s+", "", clause)  # "et demande au Secrétariat de ..."
    trigger = g.trigger.search(clause)
    responsible, action = "", clause
    if trigger:
        action = clause[trigger.end() :]
        if _DECIDES.match(trigger.group("verb")):
            responsible = instrument.adopting_body
        elif not _asks_no_one(action, trigger.group("verb"), trigger.group("pron"), g):
            found = _responsible(action, g, resolver, clause[: trigger.start()], trigger.group("pron"))
            if found:
                responsible, start = found
                action = action[start:]
    elif own := g.own_act.match(clause):
        # "Decide incluir en el programa provisional ... y examinar en ese período de sesiones": the adopting body
        # acts itself, and "that session" is the one the clause named.
        responsible, action = instrument.adopting_body, clause[own.end() :]
        named = list(g.session_mention.finditer(action))
        if named:
            action = g.that_session.sub(lambda _: g.that_session_read.format(named[-1].group("ords")), action)
    category = _category(action, g)
    drafts = _action_drafts(action, category, responsible or instrument.adopting_body, instrument, resolver, g)
    targets = [(d.delivered_to, d.channel, d.due_body, d.due_session, d.due_event, d.recurrence) for d in drafts]
    if not targets:
        mentions = [m for m in _mentions(action, g, resolver) if m.role == "recipient" and m.name != responsible]
        next_number = instrument.session_number + 1 if instrument.session_number else None
        bound = _bind(action, _sessions(action, g, resolver, next_number), mentions, responsible, instrument)
        due_body, session = bound[0] if bound else (None, None)
        recipient = mentions[0].name if mentions else due_body
        targets = [(recipient, None, due_body, session, _year_event(action, g, instrument), _recurrence(action, g))]
    return responsible, category, targets, action
