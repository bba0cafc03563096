"""Tests for the packaged practice guidance prompts and their loader."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from engager_desktop.domain import guidance
from engager_desktop.domain.guidance import (
    EVIDENCE_TAGS,
    PLACES,
    GuidanceError,
    Prompt,
    covered_points,
    for_place,
    for_places,
    for_point,
    load_all,
    load_directory,
)

ALL_POINTS = {f"P{n}" for n in range(1, 39)} | {"MBA"}
EXPECTED_FILES = {
    "understanding.json",
    "review.json",
    "release.json",
    "community.json",
    "ending.json",
    "working_with_services.json",
    "supervision.json",
    "mba.json",
}
STIGMATISING = (
    "disorder",
    "mental illness",
    "mentally ill",
    "psychotic",
    "schizophrenic",
    "psycho",
    "addict",
    "junkie",
    "offender",
    "non-compliant",
    "manipulative",
    "attention-seeking",
    "service user",
)
MANUAL_NAME = "000_29fa77fd47fc9981.txt"
RUN_LENGTH = 8
PACKAGE_DIR = Path(guidance.__file__).resolve().parent.parent / "resources" / "guidance"


def _manual_path() -> Path | None:
    """The manual narrative lives outside the repo; find it by env var or beside the checkout."""
    candidates = (
        [Path(os.environ["ENGAGER_MANUAL_TEXT"])] if "ENGAGER_MANUAL_TEXT" in os.environ else []
    )
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "reference" / MANUAL_NAME)
    return next((path for path in candidates if path.is_file()), None)


def _words(text: str) -> list[str]:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).split()


def _runs(words: list[str], length: int = RUN_LENGTH) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def _shared_runs(text: str, source_runs: set[tuple[str, ...]]) -> list[str]:
    return [" ".join(run) for run in _runs(_words(text)) if run in source_runs]


def _good_prompt(**changes: object) -> dict[str, object]:
    prompt: dict[str, object] = {
        "id": "sample-prompt",
        "points": ["P5"],
        "evidence": ["study group"],
        "places": ["understanding.family"],
        "text": "Check his notes for limits on family contact first.",
    }
    prompt.update(changes)
    return prompt


def _write(folder: Path, name: str, items: object) -> Path:
    path = folder / name
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


# --- the packaged data -------------------------------------------------------------------------


def test_packaged_files_are_the_expected_areas() -> None:
    assert {path.name for path in PACKAGE_DIR.glob("*.json")} == EXPECTED_FILES
    assert (PACKAGE_DIR / "__init__.py").is_file()


def test_load_all_is_cached_and_sized() -> None:
    prompts = load_all()
    assert prompts is load_all()
    assert 70 <= len(prompts) <= 120
    assert all(isinstance(prompt, Prompt) for prompt in prompts)


def test_every_point_is_covered() -> None:
    assert covered_points() == ALL_POINTS
    for point in sorted(ALL_POINTS):
        assert for_point(point), point


def test_at_least_four_mba_prompts() -> None:
    assert len(for_point("MBA")) >= 4


def test_every_place_has_a_prompt() -> None:
    empty = [place for place in PLACES if not for_place(place)]
    assert empty == []


def test_ids_unique_and_tags_valid() -> None:
    prompts = load_all()
    ids = [prompt.id for prompt in prompts]
    assert len(ids) == len(set(ids))
    for prompt in prompts:
        assert prompt.evidence and set(prompt.evidence) <= EVIDENCE_TAGS, prompt.id
        assert prompt.places and set(prompt.places) <= set(PLACES), prompt.id
        assert prompt.points and set(prompt.points) <= ALL_POINTS, prompt.id


def test_texts_are_short() -> None:
    for prompt in load_all():
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", prompt.text) if s]
        assert 1 <= len(sentences) <= 3, prompt.id
        assert len(prompt.text) <= guidance.MAX_TEXT_LENGTH, prompt.id


def test_no_stigmatising_labels() -> None:
    found = [
        (prompt.id, label)
        for prompt in load_all()
        for label in STIGMATISING
        if label in prompt.text.lower()
    ]
    assert found == []


def test_trauma_and_consent_prompts_carry_caution() -> None:
    assert all(prompt.caution for prompt in for_point("P6"))
    assert all(prompt.caution for prompt in for_point("P35"))


def test_for_place_puts_its_own_prompts_first_then_cautions_first() -> None:
    for place in PLACES:
        prompts = for_place(place)
        order = [(not guidance.is_own(p, (place,)), not p.caution) for p in prompts]
        assert order == sorted(order), place
    assert for_place("understanding.trauma")[0].caution
    assert not for_place("understanding.life_story")[0].caution
    assert for_place("understanding.life_story")[0].id == "life-story-whole-life"


def test_a_caution_shows_on_one_page_of_a_wizard() -> None:
    for wizard in ("understanding", "review", "release", "ending"):
        pages = [place for place in PLACES if place.startswith(f"{wizard}.")]
        cautions = [p.id for place in pages for p in for_place(place) if p.caution]
        assert len(cautions) == len(set(cautions)), wizard


def test_for_places_gives_each_prompt_once() -> None:
    both = for_places(("tab.people", "tab.services"))
    assert len({p.id for p in both}) == len(both)
    assert {p.id for p in both} == {p.id for p in for_place("tab.people")} | {
        p.id for p in for_place("tab.services")
    }


def test_lookups_reject_unknown_names() -> None:
    with pytest.raises(GuidanceError, match="unknown guidance place"):
        for_place("understanding.nowhere")
    with pytest.raises(GuidanceError, match="unknown guidance place"):
        for_places(("tab.people", "tab.nowhere"))
    with pytest.raises(GuidanceError, match="unknown practice point"):
        for_point("P39")


# --- our own words ---------------------------------------------------------------------------


def test_run_check_catches_a_copied_sentence() -> None:
    source = "Before sharing any contact details with other services, it is important to discuss."
    copied = "Remember: before sharing any contact details with other services, ask him."
    assert _shared_runs(copied, _runs(_words(source)))
    assert not _shared_runs("Talk with him before his details go anywhere.", _runs(_words(source)))


def test_no_prompt_copies_the_manual() -> None:
    path = _manual_path()
    if path is None:
        pytest.skip(f"manual text {MANUAL_NAME} not found; set ENGAGER_MANUAL_TEXT")
    manual_runs = _runs(_words(path.read_text(encoding="utf-8")))
    assert len(manual_runs) > 5000
    copied = {prompt.id: _shared_runs(prompt.text, manual_runs) for prompt in load_all()}
    assert {key: runs for key, runs in copied.items() if runs} == {}


# --- the loader's checks ---------------------------------------------------------------------


def test_load_directory_reads_a_good_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", [_good_prompt(caution=True)])
    _write(tmp_path, "b.json", [_good_prompt(id="other", points=["MBA"])])
    prompts = load_directory(tmp_path)
    assert [prompt.id for prompt in prompts] == ["sample-prompt", "other"]
    assert prompts[0] == Prompt(
        id="sample-prompt",
        points=("P5",),
        evidence=("study group",),
        places=("understanding.family",),
        text="Check his notes for limits on family contact first.",
        caution=True,
    )
    assert prompts[1].caution is False
    assert covered_points(prompts) == {"P5", "MBA"}
    assert for_place("understanding.family", prompts) == list(prompts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence": ["gut feeling"]}, "unknown evidence tag 'gut feeling'"),
        ({"places": ["tab.nowhere"]}, "unknown place 'tab.nowhere'"),
        ({"points": ["P39"]}, "unknown point 'P39'"),
        ({"points": []}, "'points' must be a non-empty list"),
        ({"text": "   "}, "'text' is empty"),
        ({"text": "x" * 401}, "over 400"),
        ({"caution": "yes"}, "'caution' must be true or false"),
        ({"evidance": ["case study"]}, "unexpected key"),
        ({"id": "Not A Slug"}, "'id' must be a lower-case slug"),
    ],
)
def test_loader_rejects_bad_prompt(
    tmp_path: Path, changes: dict[str, object], message: str
) -> None:
    _write(tmp_path, "bad.json", [_good_prompt(**changes)])
    with pytest.raises(GuidanceError, match=re.escape(message)) as caught:
        load_directory(tmp_path)
    assert "bad.json" in str(caught.value)
    if "id" not in changes:
        assert "'sample-prompt'" in str(caught.value)


def test_loader_rejects_missing_key(tmp_path: Path) -> None:
    item = _good_prompt()
    del item["evidence"]
    _write(tmp_path, "bad.json", [item])
    with pytest.raises(GuidanceError, match=r"bad\.json: prompt 'sample-prompt': missing evidence"):
        load_directory(tmp_path)


def test_loader_rejects_duplicate_id_across_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.json", [_good_prompt()])
    _write(tmp_path, "b.json", [_good_prompt()])
    with pytest.raises(GuidanceError, match=r"b\.json: prompt 'sample-prompt': duplicate id"):
        load_directory(tmp_path)


def test_loader_rejects_broken_json_and_wrong_shape(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    with pytest.raises(GuidanceError, match=r"broken\.json: not valid JSON"):
        load_directory(tmp_path)
    (tmp_path / "broken.json").unlink()
    _write(tmp_path, "shape.json", {"id": "x"})
    with pytest.raises(GuidanceError, match=r"shape\.json: must hold a JSON list"):
        load_directory(tmp_path)
