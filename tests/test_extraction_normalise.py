"""Normalisation stages: each one on a tiny inline string, and the offset map back to the original."""

from __future__ import annotations

import pytest

from mandates.extraction.context import Context
from mandates.extraction.normalise import (
    close_spaced_hyphens,
    detect_wrapping,
    normalise,
    remove_page_furniture,
    remove_running_heads,
    strip_emphasis,
    strip_footnote_markers,
    strip_front_matter,
    strip_links,
    strip_list_prefixes,
    strip_tags,
    tidy_lines,
    unwrap_lines,
)
from mandates.extraction.offsets import apply_edits, map_back


def run_stage(stage, text: str, hard_wrapped: bool = False) -> Context:
    ctx = Context(source=text, hard_wrapped=hard_wrapped)
    stage(ctx)
    return ctx


def test_apply_edits_maps_copied_and_replaced_text_back():
    text = "ab*cd*ef"
    new, omap = apply_edits(text, [(2, 3, ""), (5, 6, "")])
    assert new == "abcdef"
    start, end = map_back([omap], 2, 4)
    assert text[start:end] == "cd"
    assert map_back([omap], 4, 6) == (6, 8)


def test_front_matter_is_removed():
    ctx = run_stage(strip_front_matter, "---\ntitle: x\nsymbol: A/1\n---\nThe General Assembly,\n")
    assert ctx.text == "The General Assembly,\n"


def test_tags_go_and_sup_markers_go_with_their_content():
    ctx = run_stage(strip_tags, "<i>Chapter</i> text<sup>12</sup> more")
    assert ctx.text == "Chapter text more"


def test_links_keep_their_label_and_footnote_references_vanish():
    ctx = run_stage(strip_links, "see [E/2021/30/Add.1](#) and note[^3].\n[^3]: A footnote.\nNext")
    assert ctx.text == "see E/2021/30/Add.1 and note.\nNext"


def test_emphasis_markers_are_removed_but_rules_stay():
    ctx = run_stage(strip_emphasis, "13. *Also requests* the **Secretary-General** to act\n_____\n")
    assert ctx.text == "13. Also requests the Secretary-General to act\n_____\n"


def test_markdown_bullets_before_paragraph_numbers_are_removed():
    ctx = run_stage(strip_list_prefixes, "- 13. Requests\n - (b) Reaffirms\n")
    assert ctx.text == "13. Requests\n(b) Reaffirms\n"


def test_page_headers_footers_and_footnote_lines_are_removed():
    text = "first line\nV.21-04032 5/63\nE/2021/30\n12\n¹ See A/CONF.234/16.\n__________\nsecond line\n"
    ctx = run_stage(remove_page_furniture, text)
    assert ctx.text == "first line\nsecond line\n"


def test_pdf_running_header_block_with_repeated_title_is_removed():
    text = "of the present\nA/RES/78/130\nSustainable water and sanitation\n23-21234 7/12\nresolution;\n"
    ctx = run_stage(remove_page_furniture, text)
    assert ctx.text == "of the present\nresolution;\n"


def test_footnote_markers_glued_to_words_are_removed_but_numbers_stay():
    ctx = run_stage(strip_footnote_markers, "at its thirtieth session,12 the victims³¹ of resolution 75/196 in 2021.")
    assert ctx.text == "at its thirtieth session, the victims of resolution 75/196 in 2021."


def test_wrapping_is_detected_from_line_lengths():
    wrapped = "\n".join(["a line of typeset text broken at the margin of the page"] * 20)
    assert run_stage(detect_wrapping, wrapped).hard_wrapped
    assert not run_stage(detect_wrapping, "\n".join(["x" * 400] * 20)).hard_wrapped


def test_unwrap_joins_sentences_but_not_paragraphs_or_headings():
    text = (
        "Draft resolution I\nFourteenth Congress\nThe General Assembly,\nRecalling its resolution,\n"
        "Noting the report,\n1. Requests the Secretary-\nGeneral to submit to the General\nAssembly at its seventy-\n"
        "seventh session a report.\n2. Decides"
    )
    ctx = run_stage(unwrap_lines, text, hard_wrapped=True)
    assert ctx.text.split("\n") == [
        "Draft resolution I",
        "Fourteenth Congress",
        "The General Assembly,",
        "Recalling its resolution,",
        "Noting the report,",
        "1. Requests the Secretary-General to submit to the General Assembly at its seventy-seventh session a report.",
        "2. Decides",
    ]


def test_unwrap_in_paragraph_text_only_joins_lowercase_continuations():
    text = "9. Invites all Member States to work with the Office\n\nto ensure follow-up;\n\n10. Requests"
    ctx = run_stage(unwrap_lines, text)
    assert ctx.text == "9. Invites all Member States to work with the Office to ensure follow-up;\n\n10. Requests"


def test_a_sentence_runs_on_over_a_form_feed_page_break():
    # PDF pages are joined by a form feed on its own line (readers.PAGE_BREAK): a sentence carries on past it.
    text = "(c) To request the Special Rapporteur to submit reports on the fulfilment of her\n\f\nmandate;\n\f\n(d) To"
    ctx = run_stage(unwrap_lines, text, hard_wrapped=True)
    assert (
        ctx.text
        == "(c) To request the Special Rapporteur to submit reports on the fulfilment of her mandate;\n\f\n(d) To"
    )


def test_spaced_hyphens_from_pdf_text_are_closed():
    text = "the Secretary - General and the Secretary- General"
    assert run_stage(close_spaced_hyphens, text).text == text  # word-processor text is left alone
    assert run_stage(close_spaced_hyphens, text, hard_wrapped=True).text == (
        "the Secretary-General and the Secretary-General"
    )


def test_tidy_lines_leaves_one_paragraph_per_line():
    ctx = run_stage(tidy_lines, "  first   para  \n\n \n second\n")
    assert ctx.text == "first para\nsecond\n"


def test_normalise_keeps_offsets_into_the_original_text():
    original = (
        "---\nsymbol: A/C.3/76/L.9\n---\n<i>The General Assembly,</i>\n\n"
        "- 13. *Also requests* the Secretary-General to submit to it, at its seventy-seventh\n"
        "session,² a report on the implementation of the present resolution.\n"
    )
    ctx = normalise(original)
    clean = ctx.text
    assert "13. Also requests the Secretary-General to submit to it, at its seventy-seventh session, a report" in clean
    start = clean.index("Also requests")
    end = clean.index("resolution.") + len("resolution")
    o_start, o_end = ctx.to_source(start, end)
    assert original[o_start:o_end].startswith("Also requests*")
    assert original[o_start:o_end].endswith("present resolution")


def test_pdf_page_break_footnotes_and_running_title_are_removed():
    from mandates.extraction.normalise import remove_pdf_page_breaks

    text = (
        "4. Commends the Agency for its capacity to\n"
        "__________________\n"
        " 12 S/2015/286, annex.\n"
        " 13 Official Records of the General Assembly, Forty-ninth Session, Supplement No. 13,\n"
        "annex I.\n"
        "Operations of the United Nations Relief and Works Agency\n"
        "for Palestine Refugees in the Near East A/RES/78/73\n"
        "7/11 23-24924\n"
        "mobilize in emergencies;\n"
    )
    ctx = run_stage(remove_pdf_page_breaks, text, hard_wrapped=True)
    assert ctx.text == (
        "4. Commends the Agency for its capacity to\n"
        "for Palestine Refugees in the Near East A/RES/78/73\n"
        "7/11 23-24924\n"
        "mobilize in emergencies;\n"
    )
    assert normalise(text).text == "4. Commends the Agency for its capacity to mobilize in emergencies;\n"


def test_a_page_without_footnotes_loses_only_its_short_running_title():
    from mandates.extraction.normalise import remove_pdf_page_breaks

    text = (
        "the Secretary-General to submit to the General Assembly at its seventy-ninth session a\n"
        "Rights of the child\n"
        "and other matters A/RES/78/187\n"
        "19/19 23-26041\n"
        "report on the rights of the child;\n"
    )
    assert "Rights of the child\n" not in run_stage(remove_pdf_page_breaks, text, hard_wrapped=True).text
    assert "seventy-ninth session a\n" in run_stage(remove_pdf_page_breaks, text, hard_wrapped=True).text


def test_windows_line_ends_and_invisible_characters_are_normalised():
    from mandates.extraction.normalise import normalise_characters

    ctx = run_stage(normalise_characters, "first\r\nsecond\rthird co\u00adoperation\u200b")
    assert ctx.text == "first\nsecond\nthird cooperation"
    assert ctx.to_source(0, len(ctx.text)) == (0, len("first\r\nsecond\rthird co\u00adoperation"))


def test_crlf_documents_extract_like_lf_documents():
    from mandates.extraction import extract_text

    lf = (
        "Draft resolution\n\nThe General Assembly,\n\nRecalling its resolutions,\n\n1. Requests the Secretary-General "
        "to submit to the General Assembly at its eightieth session a report.\n"
    )
    crlf = lf.replace("\n", "\r\n")
    found = extract_text(crlf).mandates
    assert [(m.responsible_entity, m.due_session) for m in found] == [("Secretary-General", 80)]
    assert crlf[found[0].start : found[0].end] == found[0].text


# A/RES/78/195-like page breaks: the running head is the symbol, the title wrapped over three lines, a blank
# line and the job number with the page; even pages print the symbol first, odd pages after the title.
RUNNING_TITLE = (
    "Implementation of the Convention on the Rights of Persons with\n"
    "Disabilities and the Optional Protocol thereto: situations of risk and\n"
    "humanitarian emergencies"
)
BODY = (
    "15. Encourages Member States to take appropriate measures to ensure that persons with\n"
    "disabilities have access on an equal basis with others to basic and essential services\n"
    "provided in the context of situations of risk and humanitarian emergencies, including\n"
    "programmes, transportation and information and communications technologies and\n"
    "systems;\n"
)


def paragraphs(text: str) -> list[str]:
    ctx = normalise(text)
    assert ctx.hard_wrapped
    return ctx.text.split("\n")


def test_even_page_running_head_with_symbol_above_a_wrapped_title_is_removed():
    text = (
        BODY
        + f"\f\nA/RES/78/195\n{RUNNING_TITLE}\n\n23-26042 10/13\n\n"
        + "16. Calls upon Member States, the United Nations system, civil society and other\n"
        "relevant stakeholders to fully include persons with disabilities in all stages;\n"
    )
    lines = paragraphs(text)
    assert [line[:4] for line in lines if line] == ["15. ", "16. "]
    assert not any("Implementation of" in line or "\f" in line for line in lines)


def test_odd_page_running_head_with_the_symbol_after_the_title_is_removed_and_the_sentence_joined():
    text = (
        BODY.replace("systems;\n", "systems, including\n")
        + f"\f\n{RUNNING_TITLE} A/RES/78/195\n\n9/13 23-26042\n\n"
        + "at the family level, regarding persons with disabilities and to foster respect for\n"
        "their rights and dignity, including participation;\n"
        "16. Calls upon States to act.\n"
    )
    lines = [line for line in paragraphs(text) if line]
    assert len(lines) == 2
    assert "systems, including at the family level, regarding" in lines[0]
    assert lines[1] == "16. Calls upon States to act."


def test_running_head_title_with_a_comma_beside_the_symbol_is_removed():
    text = (
        BODY.replace("systems;\n", "systems and\n")
        + "\f\nA/RES/78/260 International Year of Sustainable and Resilient Tourism, 2027\n\n24-04404 2/2\n\n"
        + "decent work for all, accelerating the change to more sustainable consumption;\n"
    )
    (line,) = [line for line in paragraphs(text) if line]
    assert "systems and decent work for all" in line
    assert "A/RES/78/260" not in line and "Tourism, 2027" not in line


def test_a_form_feed_alone_on_its_line_leaves_no_empty_paragraph():
    text = BODY + "\f\n16. Calls upon States to act.\n"
    assert [line[:4] for line in paragraphs(text) if line] == ["15. ", "16. "]


def test_offsets_map_back_over_a_removed_running_head():
    text = BODY + f"\f\nA/RES/78/195\n{RUNNING_TITLE}\n\n23-26042 10/13\n\n16. Calls upon States to act.\n"
    ctx = normalise(text)
    start = ctx.text.index("16. Calls")
    s, e = ctx.to_source(start, start + len("16. Calls upon States to act."))
    assert text[s:e] == "16. Calls upon States to act."


def test_running_heads_are_left_alone_in_word_processor_text():
    text = "A/RES/78/195\nSome title\n\n23-26042 10/13\n"
    assert run_stage(remove_running_heads, "x\n\f\n" + text, hard_wrapped=False).text == "x\n\f\n" + text


def test_unwrap_runs_on_after_an_abbreviation_and_a_colon_inside_a_title():
    text = (
        "10. Expresses deep concern that, despite the provisional measures ordered by\n"
        "the International Court of Justice on 23 January 2020 in the case of The Gambia v.\n"
        "Myanmar, Rohingya Muslims in Myanmar, including women and children, are not\n"
        "protected and continue to suffer from discrimination and serious injuries, and\n"
        "recalls the commitments made at the Cairo International Conference on Palestine:\n"
        "Reconstructing Gaza, held on 12 October 2014;\n"
        "11. Requests the Secretary-General:\n"
        "(a) To report;\n"
    )
    lines = [line for line in paragraphs(text) if line]
    assert len(lines) == 3
    assert "The Gambia v. Myanmar, Rohingya" in lines[0]
    assert "Palestine: Reconstructing Gaza" in lines[0]
    assert lines[1:] == ["11. Requests the Secretary-General:", "(a) To report;"]


# --- reader artefacts and reader-independent layout (issues 8 and 11) ------------------------------


def test_ligatures_and_soft_hyphens_are_repaired_with_offsets_kept():
    from mandates.extraction.normalise import normalise_characters

    original = "ﬁnancial ﬂows and implemen\u00ad\ntation of the\u00adreport"
    ctx = run_stage(normalise_characters, original)
    assert ctx.text == "financial flows and implementation of thereport"
    start = ctx.text.index("implementation")
    s, e = map_back(ctx.maps, start, start + len("implementation"))
    assert original[s:e] == "implemen\u00ad\ntation"
    s, e = map_back(ctx.maps, 0, len("financial"))
    assert original[s:e] == "ﬁnancial"


def test_split_ordinals_are_joined_in_any_text():
    from mandates.extraction.normalise import join_split_ordinals

    for split in ("eighty -first", "eighty- first", "eighty - first", "Eighty -First"):
        text = f"at its {split} session"
        ctx = run_stage(join_split_ordinals, text)
        assert ctx.text == f"at its {split.replace(' ', '').replace('--', '-')} session"
        assert map_back(ctx.maps, 7, 7 + len("eighty-first")) == (7, 7 + len(split))
    # Not an ordinal: a dash between words stays.
    assert run_stage(join_split_ordinals, "eighty - the rest").text == "eighty - the rest"


def test_lower_case_hyphens_spaced_on_one_side_are_closed_but_suspended_hyphens_stay():
    text = "a follow -up and high- level meeting on medium- and long-term plans, pre- or post-conflict"
    assert run_stage(close_spaced_hyphens, text, hard_wrapped=True).text == (
        "a follow-up and high-level meeting on medium- and long-term plans, pre- or post-conflict"
    )


def test_paragraph_numbers_on_lines_of_their_own_join_their_paragraph():
    from mandates.extraction.normalise import join_paragraph_labels

    text = "Recalling its resolution,\n \n1. \nTakes note;\n\n(a)\nto include it;\n2.\n3.\nRequests"
    ctx = run_stage(join_paragraph_labels, text)
    # "2." followed by another label stays as it is.
    assert ctx.text == "Recalling its resolution,\n \n1. Takes note;\n\n(a) to include it;\n2.\n3. Requests"
    start = ctx.text.index("1. Takes")
    s, e = map_back(ctx.maps, start, start + len("1. Takes note;"))
    assert text[s:e] == "1. \nTakes note;"


def test_a_preamble_comma_before_an_operative_verb_ends_the_paragraph_in_wrapped_text():
    text = (
        "Having considered the report of the Ethics Office on its activities during the period,\n"
        "Takes note of the report of the Ethics Office.\n"
    )
    ctx = Context(source=text, hard_wrapped=True, line_width=85)  # the first line runs to the margin
    unwrap_lines(ctx)
    assert ctx.text == text


def test_job_number_and_page_on_two_lines_are_page_furniture():
    text = "the end of a page;\nA/RES/78/999\nA running title\n \n23-24932\n2/2\nNext line\n23-24932\n3/4\nLast\n"
    ctx = normalise(text)
    assert ctx.text == "the end of a page;\nNext line Last\n"


def test_a_footnote_marker_after_a_paragraphs_last_punctuation_goes_but_listed_numbers_stay():
    ctx = run_stage(strip_footnote_markers, "in one or more informal meetings; 13\nin paragraphs 12, 13\nand 14.\n")
    assert ctx.text == "in one or more informal meetings;\nin paragraphs 12, 13\nand 14.\n"


def test_double_spaced_footnotes_before_a_running_title_and_a_symbol_alone_on_its_line_are_removed():
    notes = "".join(f" \n{n} Ibid., chap. IV, sect. B.{n}, and annex {n}. \n" for n in range(2, 14))
    text = (
        "6. Takes note of the decision of the Commission to task one of\n"
        "its working groups with the development of a model law; 12  \n"
        "__________________ \n" + notes + "\n"
        "Report of the United Nations Commission on International Trade \n"
        "Law on the work of its fifty-sixth session \n"
        "A/RES/78/103\n \n3/6\n23-24974 \n \n \n"
        "7. \nWelcomes the decision by the Commission to authorize the publication;\n"
    )
    cleaned = normalise(text).text
    assert "Ibid." not in cleaned and "fifty-sixth session" not in cleaned
    assert "model law;" in cleaned and "7. Welcomes the decision" in cleaned


def test_a_footnote_line_ending_in_a_symbol_does_not_end_the_footnote_block():
    text = (
        "3. Calls upon all States to fulfil their obligations pending the total elimination of nuclear weapons,\n"
        "__________________ \n \n"
        "2 1995 Review and Extension Conference of the Parties to the Treaty on the Non-Proliferation of \n"
        "Nuclear Weapons, Final Document, Part I (NPT/CONF.1995/32 (Part I) and NPT/CONF.1995/32 \n"
        "(Part I)/Corr.2), annex, decision 2. \n \n"
        "3 See 2000 Review Conference of the Parties, Final Document, vol. I (NPT/CONF.2000/28), part I. \n \n"
        "5 United Nations, Treaty Series, vol. 402, No. 5778. \n\n"
        "Follow-up to the advisory opinion of the International Court of \n"
        "Justice on the legality of the threat or use of nuclear weapons \n"
        "A/RES/78/33\n \n3/3\n23-24535 \n \n \n"
        "and to report thereon to the General Assembly at its eighty-first session;\n"
    )
    cleaned = normalise(text).text
    assert "Treaty Series" not in cleaned and "NPT/CONF" not in cleaned and "Follow-up" not in cleaned
    assert "nuclear weapons, and to report thereon" in cleaned


@pytest.mark.parametrize("letter", ["E", "F", "S"])
def test_a_job_number_line_in_any_language_version_is_page_furniture(letter):
    # the letter after the UN job number is the version's language: (E)nglish, (F)rench, (S)panish
    text = f"the end of a page;\n25-20100 ({letter})    151225\nNext line\n"
    assert normalise(text).text == "the end of a page;\nNext line\n"


@pytest.mark.parametrize("title", ["Rights of the child", "Étude d’ensemble des missions politiques spéciales"])
def test_a_running_header_in_any_language_is_page_furniture(title):
    text = f"the end of a page;\nA/RES/75/100 {title}\nNext line\n"
    assert normalise(text).text == "the end of a page;\nNext line\n"
