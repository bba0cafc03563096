"""Passphrase policy: refusals with reasons, suggestions accepted, context words penalised."""

from __future__ import annotations

import random
import re
import time

import pytest

from engager_desktop.crypto.passphrase_strength import assess, suggest
from engager_desktop.domain import passphrase_policy as pp
from engager_desktop.domain.passphrase_policy import DEFAULT_CONTEXT_WORDS, MIN_LENGTH


@pytest.mark.parametrize(
    "passphrase",
    [
        "password1234",
        "engager-prison-2026",
        "correcthorse",  # 12 characters, so refused for strength rather than length
        "P@ssw0rd2024!",
        "qwertyuiop123",
        "abcdefghijklmnop",
        "aaaaaaaaaaaaaaaaaaaa",
        "summer2023summer2023",
        "Liverpool1234!",
        "engager prison hmp practitioner",
        "drowssap-drowssap",
        "01/02/1990-2468",
    ],
)
def test_weak_passphrases_are_refused(passphrase: str) -> None:
    result = assess(passphrase)
    assert not result.acceptable
    assert result.score < pp.ACCEPTABLE_SCORE
    assert result.reasons and pp.REASON_GUESSABLE in result.reasons
    assert result.guesses_log10 < 10


def test_too_short_is_refused_even_if_random() -> None:
    result = assess("x7#Kq9!vB2m")
    assert len("x7#Kq9!vB2m") == MIN_LENGTH - 1
    assert not result.acceptable
    assert result.reasons == [pp.REASON_SHORT]


@pytest.mark.parametrize(
    "passphrase",
    [
        "zebra-umpire-kettle-onion-glade",
        "correct horse battery staple",
        "x7#Kq9!vB2m$Lp",
        "i like to eat cheese on toast",
    ],
)
def test_strong_passphrases_are_accepted(passphrase: str) -> None:
    result = assess(passphrase)
    assert result.acceptable and result.score >= 3 and result.reasons == []
    assert result.guesses_log10 >= 10


def test_specific_reasons() -> None:
    assert pp.REASON_COMMON in assess("password1234").reasons
    assert pp.REASON_CONTEXT in assess("engager-prison-2026").reasons
    assert pp.REASON_DATE in assess("engager-prison-2026").reasons
    assert pp.REASON_SEQUENCE in assess("abcdefghijklmnop").reasons
    assert pp.REASON_REPEAT in assess("summer2023summer2023").reasons
    assert pp.REASON_L33T in assess("m0nk3y-dr4g0n-2020").reasons
    assert pp.REASON_WORDS in assess("gardenwindow").reasons


def test_context_words_are_penalised() -> None:
    plain = assess("kestrel-tollemache-1987")  # prison names are penalised anyway: a surname
    with_context = assess("kestrel-tollemache-1987", ["Sam Tollemache"])
    assert plain.acceptable
    assert not with_context.acceptable
    assert pp.REASON_CONTEXT in with_context.reasons
    assert with_context.guesses_log10 < plain.guesses_log10 - 5


def test_context_words_match_in_capitals_reversed_and_l33t() -> None:
    base = assess("Tobermeadowlark", ["Sam Tober"]).guesses_log10
    for variant in ("TOBERmeadowlark", "rebotmeadowlark", "T0b3rmeadowlark"):
        assert assess(variant, ["Sam Tober"]).guesses_log10 < base + 3
        assert assess(variant, ["Sam Tober"]).guesses_log10 < assess(variant).guesses_log10


@pytest.mark.parametrize("word", DEFAULT_CONTEXT_WORDS)
def test_default_context_words_are_always_penalised(word: str) -> None:
    assert word in {"engager", "prison", "hmp", "practitioner", "password"}
    weak = assess(f"{word.capitalize()}2026!")
    assert not weak.acceptable


def test_suggestions_are_accepted_and_made_of_list_words() -> None:
    words = set(pp.word_list())
    rng = random.Random(20261102)
    for _ in range(200):
        suggestion = suggest(rng=rng)
        parts = suggestion.split("-")
        assert len(parts) == 5 and set(parts) <= words
        assert assess(suggestion).acceptable


def test_suggestion_length_and_randomness() -> None:
    assert len(suggest(7, random.Random(1)).split("-")) == 7
    assert suggest(rng=random.Random(5)) == suggest(rng=random.Random(5))
    assert len({suggest() for _ in range(20)}) == 20  # SystemRandom by default


def test_word_lists() -> None:
    words = pp.word_list()
    assert len(words) >= 2000 and len(set(words)) == len(words)
    assert all(re.fullmatch(r"[a-z]{3,8}", w) for w in words)
    assert not set(words) & set(DEFAULT_CONTEXT_WORDS)


def test_reasons_never_quote_the_passphrase() -> None:
    for passphrase in ("Wandsworth1987", "engager-prison-2026", "kestrelkestrel", "brief"):
        result = assess(passphrase, ["HMP Wandsworth"])
        assert all(passphrase.lower() not in reason.lower() for reason in result.reasons)
        assert all("wandsworth" not in reason.lower() for reason in result.reasons)


def test_empty_and_long_inputs() -> None:
    empty = assess("")
    assert (empty.acceptable, empty.score, empty.guesses_log10) == (False, 0, 0.0)
    long = assess(LONG_INPUT)
    assert long.acceptable and long.score == 4


_RNG = random.Random(3)
LONG_INPUT = "".join(_RNG.choice("abcdefXYZ0123!-") for _ in range(5000))


@pytest.mark.bench  # a timing: run by `python3 dev.py bench`
def test_a_long_input_is_assessed_within_a_second() -> None:
    start = time.perf_counter()
    assess(LONG_INPUT)
    assert time.perf_counter() - start < 1.0


def test_score_follows_thresholds() -> None:
    for passphrase in ("a", "abc123", "monkey-dragon", "correct horse battery staple"):
        result = assess(passphrase)
        expected = sum(result.guesses_log10 >= t for t in pp.SCORE_THRESHOLDS)
        assert result.score == expected and 0 <= result.score <= 4
