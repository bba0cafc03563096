"""Load, check and look up the practice guidance prompts packaged as JSON data.

The prompts are written in English in ``resources/guidance/*.json``; ``dev.py strings`` puts each
text in the catalogue under the context ``Guidance.<id>`` and each evidence tag under
``GuidanceEvidence``. ``for_place``, ``for_places`` and ``for_point`` give the prompts as shown,
in the language in use (``shown``); ``load_all`` keeps the English as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from engager_desktop.i18n import N_, tr

GUIDANCE_PACKAGE = "engager_desktop.resources.guidance"

EVIDENCE_TAGS: frozenset[str] = frozenset(
    {
        N_("GuidanceEvidence", "realist review"),
        N_("GuidanceEvidence", "case study"),
        N_("GuidanceEvidence", "focus group"),
        N_("GuidanceEvidence", "peer researcher group"),
        N_("GuidanceEvidence", "study group"),
        N_("GuidanceEvidence", "pilot work"),
    }
)

PLACES: tuple[str, ...] = (
    "understanding.background",
    "understanding.identity",
    "understanding.family",
    "understanding.life_story",
    "understanding.trauma",
    "understanding.needs",
    "understanding.goals",
    "understanding.links_map",
    "understanding.strengths",
    "understanding.expectations",
    "understanding.pledge",
    "understanding.quick_wins",
    "review.attendance",
    "review.steps",
    "review.distress",
    "review.new_steps",
    "review.next_session",
    "release.checklist",
    "release.health",
    "release.first_week",
    "release.gate",
    "release.first_day",
    "release.family",
    "ending.plan",
    "ending.blueprint",
    "ending.support",
    "ending.sign_off",
    "tab.overview",
    "tab.community",
    "tab.people",
    "tab.services",
    "tab.documents",
    "supervision",
    "directory",
)

POINTS: frozenset[str] = frozenset({f"P{n}" for n in range(1, 39)} | {"MBA"})

MAX_TEXT_LENGTH = 400

_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_REQUIRED_KEYS = frozenset({"id", "points", "evidence", "places", "text"})
_ALLOWED_KEYS = _REQUIRED_KEYS | {"caution"}
_PLACE_SET = frozenset(PLACES)
_NOUNS = {"points": "point", "evidence": "evidence tag", "places": "place"}


class GuidanceError(ValueError):
    """A guidance data file is malformed or uses a tag, place or point that does not exist."""


@dataclass(frozen=True)
class Prompt:
    """One short practice prompt shown in the guidance panel."""

    id: str
    points: tuple[str, ...]
    evidence: tuple[str, ...]
    places: tuple[str, ...]  # the first is the page it belongs to; the rest share it
    text: str
    caution: bool = False


def text_context(prompt_id: str) -> str:
    """The catalogue context of one prompt's text: ``Guidance.<id>``."""
    return f"Guidance.{prompt_id}"


def shown(prompt: Prompt) -> Prompt:
    """``prompt`` in the language in use: its text and evidence tags translated; its id, points
    and places as they are (the same object when nothing changes, as in English)."""
    text = tr(text_context(prompt.id), prompt.text)
    evidence = tuple(tr("GuidanceEvidence", tag) for tag in prompt.evidence)
    if text == prompt.text and evidence == prompt.evidence:
        return prompt
    return replace(prompt, text=text, evidence=evidence)


def _fail(source: str, label: str, problem: str) -> GuidanceError:
    return GuidanceError(f"guidance file {source}: prompt {label}: {problem}")


def _string_list(
    raw: dict[str, object], key: str, allowed: frozenset[str], source: str, label: str
) -> tuple[str, ...]:
    value = raw[key]
    if not isinstance(value, list) or not value:
        raise _fail(source, label, f"'{key}' must be a non-empty list")
    items: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise _fail(source, label, f"'{key}' holds a non-string value")
        if item not in allowed:
            raise _fail(source, label, f"unknown {_NOUNS[key]} {item!r}")
        if item in items:
            raise _fail(source, label, f"'{key}' repeats {item!r}")
        items.append(item)
    return tuple(items)


def _prompt_id(raw: dict[str, object], source: str, index: int) -> str:
    value = raw.get("id")
    if not isinstance(value, str) or not _ID_PATTERN.match(value):
        raise _fail(source, f"#{index + 1}", "'id' must be a lower-case slug like 'family-check'")
    return value


def _text(raw: dict[str, object], source: str, label: str) -> str:
    value = raw["text"]
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, label, "'text' is empty")
    if len(value) > MAX_TEXT_LENGTH:
        raise _fail(source, label, f"'text' is {len(value)} characters, over {MAX_TEXT_LENGTH}")
    return value.strip()


def _parse_prompt(raw: object, source: str, index: int) -> Prompt:
    if not isinstance(raw, dict):
        raise _fail(source, f"#{index + 1}", "is not a JSON object")
    fields: dict[str, object] = {str(k): v for k, v in raw.items()}
    prompt_id = _prompt_id(fields, source, index)
    label = repr(prompt_id)
    missing = sorted(_REQUIRED_KEYS - fields.keys())
    if missing:
        raise _fail(source, label, f"missing {', '.join(missing)}")
    extra = sorted(fields.keys() - _ALLOWED_KEYS)
    if extra:
        raise _fail(source, label, f"unexpected key(s) {', '.join(extra)}")
    caution = fields.get("caution", False)
    if not isinstance(caution, bool):
        raise _fail(source, label, "'caution' must be true or false")
    return Prompt(
        id=prompt_id,
        points=_string_list(fields, "points", POINTS, source, label),
        evidence=_string_list(fields, "evidence", EVIDENCE_TAGS, source, label),
        places=_string_list(fields, "places", _PLACE_SET, source, label),
        text=_text(fields, source, label),
        caution=caution,
    )


def parse_file(source: str, content: str) -> list[Prompt]:
    """Parse and check one guidance file; ``source`` names it in any error."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise GuidanceError(f"guidance file {source}: not valid JSON (line {exc.lineno})") from None
    if not isinstance(data, list):
        raise GuidanceError(f"guidance file {source}: must hold a JSON list of prompts")
    return [_parse_prompt(raw, source, index) for index, raw in enumerate(data)]


def load_files(files: Iterable[tuple[str, str]]) -> tuple[Prompt, ...]:
    """Parse (name, content) pairs in order; ids must be unique across all of them."""
    seen: dict[str, str] = {}
    prompts: list[Prompt] = []
    for source, content in files:
        for prompt in parse_file(source, content):
            if prompt.id in seen:
                raise _fail(source, repr(prompt.id), f"duplicate id (also in {seen[prompt.id]})")
            seen[prompt.id] = source
            prompts.append(prompt)
    return tuple(prompts)


def load_directory(directory: Path) -> tuple[Prompt, ...]:
    """Load every ``*.json`` file in a directory, in name order (not cached)."""
    paths = sorted(directory.glob("*.json"))
    return load_files((path.name, path.read_text(encoding="utf-8")) for path in paths)


@lru_cache(maxsize=1)
def load_all() -> tuple[Prompt, ...]:
    """All packaged prompts, checked once and cached for the life of the process."""
    folder = resources.files(GUIDANCE_PACKAGE)
    entries = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
    return load_files((entry.name, entry.read_text(encoding="utf-8")) for entry in entries)


def _chosen(prompts: Sequence[Prompt] | None) -> Sequence[Prompt]:
    return load_all() if prompts is None else prompts


def for_place(place: str, prompts: Sequence[Prompt] | None = None) -> list[Prompt]:
    """Prompts for one wizard page, tab or window: see ``for_places``."""
    return for_places((place,), prompts)


def for_places(places: Sequence[str], prompts: Sequence[Prompt] | None = None) -> list[Prompt]:
    """Prompts for a page that shows one or more places, each prompt once.

    The page's own prompts (those whose first place is one of ``places``) lead, cautions first;
    prompts shared from elsewhere follow, cautions first; otherwise in file order. Each is given
    as shown, in the language in use.
    """
    unknown = [place for place in places if place not in _PLACE_SET]
    if unknown:
        raise GuidanceError(f"unknown guidance place {unknown[0]!r}")
    wanted = set(places)
    matching = [prompt for prompt in _chosen(prompts) if wanted & set(prompt.places)]
    ordered = sorted(matching, key=lambda p: (p.places[0] not in wanted, not p.caution))
    return [shown(prompt) for prompt in ordered]


def is_own(prompt: Prompt, places: Sequence[str]) -> bool:
    """True when ``prompt`` belongs first to one of ``places`` (not shared from elsewhere)."""
    return prompt.places[0] in places


def for_point(point: str, prompts: Sequence[Prompt] | None = None) -> list[Prompt]:
    """Prompts that serve one practice point (``"P5"`` or ``"MBA"``), in file order, as shown."""
    if point not in POINTS:
        raise GuidanceError(f"unknown practice point {point!r}")
    return [shown(prompt) for prompt in _chosen(prompts) if point in prompt.points]


def covered_points(prompts: Sequence[Prompt] | None = None) -> set[str]:
    """Every practice point served by at least one prompt."""
    return {point for prompt in _chosen(prompts) for point in prompt.points}
