"""The speed-ups of issue #11 (third pass) must find exactly what the patterns they replace find.

Each fast form is compared with the plain pattern it stands for, on invented texts that exercise its edges.
"""

import random
import re

import pytest

from mandates.extraction import grammar
from mandates.extraction.names import mention_regex, mention_regex_for
from mandates.extraction.offsets import apply_edits
from mandates.extraction.recall_net import WordAlternation, _phrase

# Texts where lower-casing and IGNORECASE part ways: the dotted capital I (two characters in lower case), the dotless i,
# the long s and the Kelvin sign.
TRICKY = [
    "to İnform the Assembly",
    "to ınform the Assembly",
    "to ſubmit a report",
    "to \u212aeep the Council informed",
    "to SUBMIT A REPORT",
    "an in-depth Report",
    "to transmit-ready text",
    "at its Seventy-Ninth Session of the General Assembly",
    "at the ſeventy-ninth session",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize(
    "pattern, twin",
    [
        (grammar.DELIVERY, grammar.DELIVERY_FOLDED),
        (grammar.ORAL, grammar.ORAL_FOLDED),
        (grammar.REPORT, grammar.REPORT_FOLDED),
        (grammar.TRANSMIT, grammar.TRANSMIT_FOLDED),
    ],
)
def test_folded_twins_agree_with_ignorecase(pattern, twin, text):
    assert grammar.search_folded(pattern, twin, text) == bool(pattern.search(text))


def test_folded_refuses_patterns_it_cannot_twin():
    for source in (r"\bFund\b", r"(?-i:information)", r"(?P<x>a)B"):
        with pytest.raises(ValueError):
            grammar.folded(re.compile(source, re.I))
    assert grammar.folded(re.compile(r"(?P<Name>x)\s\b", re.I)).flags & re.I == 0


@pytest.mark.parametrize("text", TRICKY + ["before the end of its eightieth and eighty-first sessions", "no session"])
def test_session_matches_are_those_of_the_session_pattern(text):
    assert [(m.span(), m.groupdict()) for m in grammar.session_matches(text)] == [
        (m.span(), m.groupdict()) for m in grammar.SESSION.finditer(text)
    ]


def test_clause_end_without_its_verb_branch_only_where_no_verb_occurs():
    with_verb = "Requests a report, and welcomes the offer; notes. Also"
    without = "Requests a report, and the offer; takes. Also"
    assert grammar.clause_end_for(with_verb) is grammar.CLAUSE_END
    for text in (with_verb, without):
        found = [m.span() for m in grammar.clause_end_for(text).finditer(text)]
        assert found == [m.span() for m in grammar.CLAUSE_END.finditer(text)]


def test_word_alternation_finds_what_the_single_pattern_finds():
    entries = ["report*", "reports of", "note", "notes", "for consideration", "high-level forum", "in", "inform"]
    items = [(None, _phrase(e)) for e in sorted(entries, key=len, reverse=True)]
    single = re.compile(rf"(?<![\w-])(?:{'|'.join(source for _, source in items)})(?![\w-])")
    split = WordAlternation(items)
    rng = random.Random(7)
    words = ["report", "reports", "of", "note", "notes", "for", "consideration", "-", "high-level", "forum", "in", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "-", ", "]) for _ in range(rng.randint(1, 8)))
        start = rng.randrange(len(text) + 1)
        stop = rng.randrange(start, len(text) + 1)
        assert [m.span() for m in split.finditer(text, start, stop)] == [
            m.span() for m in single.finditer(text, start, stop)
        ]
        found, expected = split.search(text), single.search(text)
        assert (found and found.span()) == (expected and expected.span())


def test_one_for_one_replacements_map_as_before():
    # "\n" -> " " joins the copied text around it; at the very end of the new text it stays a replaced segment.
    text = "ab\ncd\nef\n"
    new, omap = apply_edits(text, [(2, 3, " "), (5, 6, " "), (8, 9, "\n")])
    assert new == "ab cd ef\n"
    assert [omap.to_old(p) for p in range(len(new) + 1)] == [0, 1, 2, 3, 4, 5, 6, 7, 8, 8]
    assert [omap.end_to_old(p) for p in range(1, len(new) + 1)] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    deleted_after, omap = apply_edits("ab\ncd", [(2, 3, " "), (3, 5, "")])
    assert deleted_after == "ab " and omap.to_old(3) == 2  # the replaced "\n" ends the new text


@pytest.mark.parametrize(
    "text",
    [
        "the Twelfth United Nations Congress on Crime Prevention and Criminal Justice and the Commission",
        "to the Meeting of States Parties and the Committee",
        "to the Commission on the Status of Women and its bureau",
    ],
)
def test_mention_regex_for_a_text_matches_the_full_regex(text):
    for qualified in (False, True):
        full = [(m.span(), m.lastgroup) for m in mention_regex(qualified).finditer(text)]
        assert [(m.span(), m.lastgroup) for m in mention_regex_for(text, qualified).finditer(text)] == full


# Lines around a head noun: names printed before and after it, "and" inside names, apostrophes, hyphens, tabs, lists,
# a capital glued to a word ("SubCommittee"), the head inside another word, at the start and end of a line and text.
_NAME_LINES = [
    "Committee on the Peaceful Uses of Outer Space and its Legal Subcommittee",
    "the Special Committee on the Situation with regard to the Implementation, and the Committee",
    "Human Rights Council Advisory Committee and the Scientific and Technical SubCommittee",
    "(Committee) requests the Ad\tHoc Committee on Women’s Rights, the O'Neill Committee-Group",
    "Committee",
    "the Committees of the Fourth Committee; Committee of Experts on Public Administration",
    "Relief and Works Agency for Palestine Refugees in the Near East, the Agency and Committee",
    "the The Committee on Contributions — the Committee for Programme and Coordination",
]


@pytest.mark.parametrize("head", ["Committee", "Special Committee", "Agency", "Subcommittee"])
def test_full_name_matches_are_those_of_the_line_scan(head):
    from mandates.extraction.names import _full_name_regex, finditer_in_lines, full_name_matches

    regex, literal = _full_name_regex(head), head.split()[-1]
    rng = random.Random(11)
    texts = ["\n".join(_NAME_LINES), " ".join(_NAME_LINES)]
    texts += ["\n".join(rng.sample(_NAME_LINES, 4)).replace(",", rng.choice([",", " ", "’", "\n"])) for _ in range(40)]
    for text in texts:
        expected = [(m.span(), m.group()) for m in finditer_in_lines(regex, text, literal)]
        assert [(m.span(), m.group()) for m in full_name_matches(regex, text, literal)] == expected


_RECURRENCE_TEXTS = [
    "to report annually to the assembly",
    "at the twenty-fifth annual session",
    "every two years on the matter",
    "to submit triennially a report",
    "every five months thereafter",
    "every fifty years",
    "to keep the council regularly informed",
    "to keep; the council informed",
    "within existing reporting obligations",
    "to submit a report at its eightieth session",
    "quadrennial review, biennial report",
    "an annual-report and periodic updates",
    "",
]


@pytest.mark.parametrize("text", _RECURRENCE_TEXTS)
def test_recurrence_prefilter_matches_where_some_pattern_does(text):
    some = any(regex.search(text) for regex, _ in grammar.RECURRENCE_FOLDED)
    assert bool(grammar.RECURRENCE_ANY_FOLDED.search(text)) == some
