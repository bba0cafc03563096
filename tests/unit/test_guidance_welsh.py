"""The practice guidance through the catalogue: every prompt's text and every evidence tag is in
it with its Welsh, and the domain gives the prompts in the language in use."""

from __future__ import annotations

from engager_desktop import i18n
from engager_desktop.domain import guidance
from engager_desktop.i18n_strings import GUIDANCE_DIR, guidance_strings


def test_every_prompt_and_evidence_tag_is_in_the_catalogue_with_its_welsh() -> None:
    keys = i18n.template_keys()
    prompts = guidance.load_all()
    assert len(prompts) > 100
    for prompt in prompts:
        key = (guidance.text_context(prompt.id), prompt.text)
        assert key in keys, prompt.id
        welsh = i18n.lookup(*key, code="cy")
        assert welsh and welsh != prompt.text, prompt.id
    for tag in guidance.EVIDENCE_TAGS:
        assert ("GuidanceEvidence", tag) in keys
        assert i18n.lookup("GuidanceEvidence", tag, code="cy"), tag


def test_the_extractor_reads_each_prompt_of_the_guidance_files() -> None:
    entries = guidance_strings(GUIDANCE_DIR, "engager_desktop/resources/guidance")
    assert [(e.context, e.msgid) for e in entries] == [
        (guidance.text_context(p.id), p.text) for p in guidance.load_all()
    ]
    assert entries[0].comments[0].startswith("#: engager_desktop/resources/guidance/")


def test_prompts_are_shown_in_the_language_in_use() -> None:
    written = {p.id: p for p in guidance.load_all()}
    with i18n.using("cy"):
        shown = guidance.for_place("understanding.family")
        tags = {tag for p in guidance.for_point("P34") for tag in p.evidence}
    assert tags and not tags & guidance.EVIDENCE_TAGS  # "grŵp astudio", not "study group"
    assert shown
    for prompt in shown:
        source = written[prompt.id]
        assert prompt.text == i18n.lookup(guidance.text_context(prompt.id), source.text, "cy")
        assert (prompt.points, prompt.places, prompt.caution) == (
            source.points,
            source.places,
            source.caution,
        )
    english = guidance.for_place("understanding.family")
    assert english[0] is written[english[0].id]  # in English the prompt as written, unchanged


def test_the_pseudo_language_marks_every_prompt() -> None:
    with i18n.using(i18n.PSEUDO):
        shown = [p for place in guidance.PLACES for p in guidance.for_place(place)]
    assert shown
    assert all(p.text.startswith(i18n.PSEUDO_OPEN) for p in shown)
    assert all(t.startswith(i18n.PSEUDO_OPEN) for p in shown for t in p.evidence)


def test_points_stay_as_they_are_in_welsh() -> None:
    with i18n.using("cy"):
        points = guidance.covered_points()
    assert points == {f"P{n}" for n in range(1, 39)} | {"MBA"}
