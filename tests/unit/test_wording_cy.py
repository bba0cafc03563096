"""The Welsh wording list: its terms are found in Welsh text in every mutated spelling, and the
Welsh list, not the English one, is applied to Welsh text."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from engager_desktop.domain import welsh
from engager_desktop.domain.wording import TERMS_RESOURCES, check, load_terms


def welsh_items() -> list[dict[str, object]]:
    raw = resources.files("engager_desktop.resources").joinpath(TERMS_RESOURCES["cy"])
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_the_welsh_list_is_valid_with_unique_terms_of_both_kinds() -> None:
    items = welsh_items()
    keys = [str(item["term"]).casefold() for item in items]
    assert len(keys) == len(set(keys)) and len(keys) >= 45
    assert {item["kind"] for item in items} == {"label", "jargon"}
    assert {t.term for t in load_terms("cy")} == {str(item["term"]) for item in items}


@pytest.mark.parametrize(
    ("word", "mutated"),
    [
        ("troseddwr", {"droseddwr", "nhroseddwr", "throseddwr"}),
        ("camddefnyddiwr", {"gamddefnyddiwr", "nghamddefnyddiwr", "chamddefnyddiwr"}),
        ("gwallgofddyn", {"wallgofddyn", "ngwallgofddyn"}),
        ("lloerig", {"loerig"}),
        ("rheolwr", {"reolwr"}),
        ("anhwylder", {"hanhwylder"}),
        ("defnyddiwr", {"ddefnyddiwr", "nefnyddiwr"}),
        ("ffactorau", set()),  # ff never changes
        ("CMHT", set()),  # an abbreviation is read letter by letter
    ],
)
def test_every_initial_mutation_of_a_word(word: str, mutated: set[str]) -> None:
    assert welsh.forms(word) == mutated


@pytest.mark.parametrize(
    ("text", "term", "seen"),
    [
        ("Mae e'n droseddwr ers tro.", "troseddwr", "droseddwr"),
        ("Soniodd am ei hanhwylder.", "anhwylder", "hanhwylder"),
        ("Roedd yn poeni am ei nhroseddwyr.", "troseddwr", "nhroseddwyr"),
        ("Mae'n ddefnyddiwr gwasanaeth.", "defnyddiwr gwasanaeth", "ddefnyddiwr gwasanaeth"),
        ("Gwelodd y CMHT ddydd Llun.", "CMHT", "CMHT"),
        ("Dyma ei ymyriadau.", "ymyriad", "ymyriadau"),
    ],
)
def test_welsh_text_is_checked_with_the_welsh_list(text: str, term: str, seen: str) -> None:
    found = [(f.term, text[f.start : f.end]) for f in check(text, language="cy")]
    assert found == [(term, seen)]
    assert check(text) == [] or term == "CMHT"  # the English list does not know Welsh words


def test_english_text_keeps_the_english_list() -> None:
    text = "He is an offender."
    assert [f.term for f in check(text)] == ["offender"]
    assert check(text, language="cy") == []
    assert [f.term for f in check(text, language="fr")] == ["offender"]  # no list: English's


def test_plain_welsh_is_not_flagged() -> None:
    text = "Mae e'n byw gyda'i frawd ac yn mynd i weld y swyddog prawf ddydd Mawrth."
    assert check(text, language="cy") == []
