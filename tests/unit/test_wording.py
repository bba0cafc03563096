"""Tests for the wording check (labels and jargon) and the plain-English reading measures."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources

import pytest

from engager_desktop.domain.wording import (
    LONG_SENTENCE_WORDS,
    Term,
    check,
    load_terms,
    parse_terms,
    readability,
    sentence_spans,
)

BRIEF_TERMS = [
    "disorder", "mental illness", "mentally ill", "psychotic", "schizophrenic", "psycho",
    "personality disorder", "addict", "junkie", "substance misuser", "offender", "non-compliant",
    "manipulative", "attention-seeking", "service user", "OMU", "CRC", "ROTL", "HDC", "OASys",
    "intervention", "signpost", "multi-agency", "risk assessment", "comorbid", "psychoeducation",
    "disengaged",
]  # fmt: skip


def found(text: str) -> list[tuple[str, str]]:
    return [(f.term, text[f.start : f.end]) for f in check(text)]


def test_packaged_list_loads_and_holds_every_starting_term() -> None:
    terms = {t.term for t in load_terms()}
    assert set(BRIEF_TERMS) <= terms
    assert {t.kind for t in load_terms()} == {"label", "jargon"}


def test_packaged_file_is_valid_json_with_unique_terms() -> None:
    raw = resources.files("engager_desktop.resources").joinpath("wording_terms.json").read_text()
    data = json.loads(raw)
    keys = [item["term"].casefold() for item in data]
    assert len(keys) == len(set(keys))
    for item in data:
        assert item["suggestion"].strip() and item["reason"].strip()


@pytest.mark.parametrize("term", BRIEF_TERMS)
def test_each_starting_term_is_found_as_written(term: str) -> None:
    text = f"The note said {term} twice."
    findings = check(text)
    assert [(f.term, text[f.start : f.end]) for f in findings] == [(term, term)]


def test_case_insensitive_and_offsets_point_at_the_text() -> None:
    text = "He is an ADDICT. Oasys done."
    assert found(text) == [("addict", "ADDICT"), ("OASys", "Oasys")]


def test_plurals_and_possessives() -> None:
    text = "Offenders, addicts, the addict's family, junkies and CRCs; multi-agencies."
    assert [term for term, _ in found(text)] == [
        "offender", "addict", "addict", "junkie", "CRC", "multi-agency",
    ]  # fmt: skip
    assert found("the offenders' wing")[0][1].startswith("offenders")


def test_listed_forms_are_found() -> None:
    assert found("We signposted him; signposting again.") == [
        ("signpost", "signposted"),
        ("signpost", "signposting"),
    ]
    assert found("his disengagement")[0][0] == "disengaged"


def test_whole_words_only() -> None:
    assert check("addiction and addictive behaviour, offending, psychology, the bOMUs") == []
    assert check("disorderly conduct; reintervention") == []


def test_hyphen_inside_a_word_joins_it() -> None:
    assert found("psycho-education sessions") == [("psychoeducation", "psycho-education")]
    assert found("an ex-offender") == [("ex-offender", "ex-offender")]


def test_multi_word_terms_across_spaces_lines_and_hyphens() -> None:
    assert found("a mental\n  illness")[0] == ("mental illness", "mental\n  illness")
    assert found("service-user feedback")[0][0] == "service user"
    assert found("non compliant, noncompliant, non-compliance") == [
        ("non-compliant", "non compliant"),
        ("non-compliant", "noncompliant"),
        ("non-compliant", "non-compliance"),
    ]


def test_longest_overlapping_match_wins() -> None:
    text = "diagnosed with a personality disorder and another disorder"
    assert found(text) == [
        ("personality disorder", "personality disorder"),
        ("disorder", "disorder"),
    ]


def test_findings_carry_suggestion_reason_and_kind() -> None:
    (finding,) = check("ROTL")
    assert finding.kind == "jargon"
    assert "licence" in finding.suggestion
    assert finding.reason
    (label,) = check("junkie")
    assert label.kind == "label"


def test_empty_and_clean_text() -> None:
    assert check("") == []
    assert check("He wants to see his children and find a flat near his sister.") == []


def test_welsh_text_offsets_and_boundaries() -> None:
    text = "Mae'r dyn yn gweld y gŵr; offender ŵ addict ŷ."
    findings = check(text)
    assert [text[f.start : f.end] for f in findings] == ["offender", "addict"]
    # A Welsh letter stuck to the word makes it a different word.
    assert check("ŵaddict addictŷ") == []


def test_decomposed_welsh_accent_counts_as_part_of_the_word() -> None:
    decomposed = unicodedata.normalize("NFD", "addictŵ")
    assert len(decomposed) == len("addictŵ") + 1
    assert check(decomposed) == []


def test_extra_terms_extend_and_replace() -> None:
    extra = [
        Term("cat A", "the highest security category", "Prison shorthand.", "jargon"),
        Term("addict", "a man who uses drugs", "Our own reason.", "label"),
    ]
    text = "moved from Cat A; an addict"
    findings = check(text, extra_terms=extra)
    assert [f.term for f in findings] == ["cat A", "addict"]
    assert findings[1].reason == "Our own reason."


def test_terms_argument_replaces_the_packaged_list() -> None:
    only = [Term("lag", "a man who has served many sentences", "Slang.", "label")]
    assert [f.term for f in check("an old lag, an addict", terms=only)] == ["lag"]


def test_y_ending_plural() -> None:
    only = [Term("agency", "service", "Vague.", "jargon")]
    assert [f.start for f in check("agencies and agency's view", terms=only)] == [0, 13]


def test_bad_terms_are_refused() -> None:
    with pytest.raises(ValueError):
        Term("x", "y", "z", "insult")
    with pytest.raises(ValueError):
        Term(" ", "y", "z", "label")
    with pytest.raises(ValueError):
        parse_terms('{"term": "x"}')
    with pytest.raises(ValueError):
        parse_terms('[{"term": "x", "suggestion": "y", "reason": "z"}]')
    with pytest.raises(ValueError):
        parse_terms(
            '[{"term": "x", "suggestion": "y", "reason": "z", "kind": "label", "forms": 3}]'
        )
    parsed = parse_terms('[{"term": "x", "suggestion": "y", "reason": "z", "kind": "label"}]')
    assert parsed == (Term("x", "y", "z", "label"),)


# --- readability ----------------------------------------------------------------------------


def test_readability_of_plain_text() -> None:
    stats = readability("I will meet you at the gate. We go to the hostel together.")
    assert stats.sentences == 2
    assert stats.words == 13
    assert stats.average_sentence_length == pytest.approx(6.5)
    assert stats.long_words == 1  # "together"
    assert stats.long_word_share == pytest.approx(1 / 13)
    assert stats.plain
    assert stats.lix == pytest.approx(6.5 + 100 / 13)


def test_sentence_over_the_limit_is_flagged_with_its_place() -> None:
    long_one = " ".join(["word"] * (LONG_SENTENCE_WORDS + 1)) + "."
    text = "Short one. " + long_one + " Another short one."
    stats = readability(text)
    assert not stats.plain
    (flagged,) = stats.long_sentences
    assert text[flagged.start : flagged.end] == long_one
    assert flagged.words == LONG_SENTENCE_WORDS + 1
    exactly = " ".join(["word"] * LONG_SENTENCE_WORDS) + "."
    assert readability(exactly).plain


def test_empty_text_reads_as_zero() -> None:
    for text in ("", "   \n\n", "..."):
        stats = readability(text)
        assert stats.sentences == 0 and stats.words == 0
        assert stats.average_sentence_length == 0.0 and stats.long_word_share == 0.0
        assert stats.plain


def test_abbreviations_and_numbers_do_not_end_sentences() -> None:
    text = "Mr. Jones has 2.5 hours, e.g. for the GP. Then home!"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Mr. Jones has 2.5 hours, e.g. for the GP.",
        "Then home!",
    ]


def test_line_breaks_end_sentences_for_lists() -> None:
    text = "What to bring:\n- ID\n- phone charger\n\nKeep this sheet."
    assert readability(text).sentences == 4


def test_welsh_words_are_counted_whole() -> None:
    stats = readability("Mae'r dyn yn mynd i'r carchar. Dŵr ŷd.")
    assert stats.words == 8
    assert stats.long_words == 1  # "carchar"
    decomposed = unicodedata.normalize("NFD", "Dŵr ŷd.")
    assert readability(decomposed).words == 2


def test_offender_manager_is_jargon_not_a_label() -> None:
    text = "Ask his offender manager; the offender management unit"
    findings = check(text)
    assert [(f.term, f.kind) for f in findings] == [
        ("offender manager", "jargon"),
        ("offender management", "jargon"),
    ]


def test_our_own_suggestions_and_reasons_pass_the_check() -> None:
    for term in load_terms():
        assert check(term.suggestion) == [], term.term
        assert check(term.reason) == [], term.term
        assert readability(term.reason).plain, term.term


def test_prompts_from_other_rules_are_plain_and_free_of_labels() -> None:
    from engager_desktop.domain import contact_frequency, distress, endings, release_readiness

    texts = [
        *(spec.label for spec in release_readiness.SPECS),
        *(spec.why for spec in release_readiness.SPECS),
        release_readiness.PEER_BETTER,
        *contact_frequency.lost_contact_steps(),
        *(distress.support_suggestion(score) for score in (0, 5, 10)),
        endings.NO_SUPPORT_WARNING,
        *(item.label for item in endings.ending_checks(endings.EndingCheckInput()).items),
    ]
    for text in texts:
        assert check(text) == [], text
        assert readability(text).plain, text
