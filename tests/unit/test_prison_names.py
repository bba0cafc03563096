"""UK prison names count as guessable in every passphrase, with no context words given."""

from __future__ import annotations

import pytest

from engager_desktop.crypto import passphrase_strength as strength
from engager_desktop.domain import passphrase_policy as pp
from engager_desktop.domain import prison_names


@pytest.mark.parametrize(
    "phrase",
    ["kestrel-wandsworth-1987", "Belmarsh2026kestrel", "wormwoodscrubs-otter-92", "HMPStyal!2025"],
)
def test_prison_names_are_penalised_without_being_given(phrase: str) -> None:
    judged = strength.assess(phrase)
    assert not judged.acceptable
    assert pp.REASON_CONTEXT in judged.reasons


def test_a_prison_name_costs_far_less_than_an_unknown_word() -> None:
    prison = strength.assess("kestrel-barlinnie-lamp").guesses_log10
    other = strength.assess("kestrel-qorvintel-lamp").guesses_log10  # same length, made up
    assert prison < other - 5


def test_ordinary_parts_of_names_are_not_penalised_alone() -> None:
    assert "hall" in prison_names.COMMON_PARTS
    judged = strength.assess("garden-hall-window-lamp")
    assert pp.REASON_CONTEXT not in judged.reasons


def test_the_list_is_clean() -> None:
    lowered = [name.lower() for name in prison_names.NAMES]
    assert len(lowered) == len(set(lowered)) >= 150
    assert all(name.replace(" ", "").isalpha() for name in prison_names.NAMES)


def test_suggestions_still_pass() -> None:
    for _ in range(5):
        assert strength.assess(strength.suggest()).acceptable
