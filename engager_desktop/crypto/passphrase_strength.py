"""How strong a passphrase is: zxcvbn's estimate, with this vault's context words, and suggestions.

zxcvbn (Dropbox's estimator, kept by others) finds the guessable pieces: listed passwords,
dictionary words and names, keyboard runs, sequences, repeats and dates, also in capitals,
reversed or with look-alike symbols. Three things are added for this work, each only ever making
the estimate lower: the context words (Engager, HMP, prison names, the laptop's name) go in as
zxcvbn's user inputs, ranked first; the passphrase is also judged with its separators taken out and
in lower case (zxcvbn counts a dash or a capital as a guess of its own); and it is judged once more
with every context word taken out and charged by its rank, so a phrase made of the place's names
is never strong however many of them it strings together. The lowest estimate counts.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from collections.abc import Sequence
from functools import cache
from typing import Any

from zxcvbn import zxcvbn

from engager_desktop.domain import passphrase_policy as policy
from engager_desktop.domain import prison_names

_SEPARATORS = re.compile(r"[\s\-_.,/:;~]+")
_KINDS = {
    "spatial": "sequence",
    "sequence": "sequence",
    "repeat": "repeat",
    "date": "date",
    "regex": "date",  # zxcvbn's only pattern: recent years
    "bruteforce": "bruteforce",
}


@cache
def _prison_words() -> tuple[str, ...]:
    return tuple(sorted(prison_names.words(set(policy.word_list()))))


def context_inputs(context_words: Sequence[str] = ()) -> list[str]:
    """zxcvbn's user inputs, most likely first: the defaults, the caller's words, prison names."""
    first = list(policy.DEFAULT_CONTEXT_WORDS)
    for phrase in context_words:
        parts = [p for p in re.split(r"[^0-9a-z]+", phrase.lower()) if p]
        first += [p for p in parts if len(p) >= 3]
        if len(parts) > 1:
            first.append("".join(parts))
    return list(dict.fromkeys([*first, *_prison_words()]))


def _kind(match: dict[str, Any]) -> str:
    if match["pattern"] != "dictionary":
        return _KINDS.get(match["pattern"], "bruteforce")
    name = str(match.get("dictionary_name", ""))
    return {"passwords": "common", "user_inputs": "context"}.get(name, "word")


def _estimate(text: str, inputs: list[str]) -> tuple[float, set[str], bool]:
    """(log10 guesses, kinds of piece, any look-alike swaps) of the cheapest reading of ``text``."""
    squeezed = _SEPARATORS.sub("", text)
    readings = [text, *sorted({squeezed, text.lower(), squeezed.lower()} - {text, ""})]
    best: tuple[float, set[str], bool] | None = None
    for reading in readings:
        found = zxcvbn(reading, user_inputs=inputs)
        kinds = {_kind(m) for m in found["sequence"]}
        l33t = any(m.get("l33t") for m in found["sequence"])
        if best is None or found["guesses_log10"] < best[0]:
            best = (float(found["guesses_log10"]), kinds, l33t)
    assert best is not None
    return _without_context(squeezed.lower(), inputs, best)


def _without_context(
    lowered: str, inputs: list[str], best: tuple[float, set[str], bool]
) -> tuple[float, set[str], bool]:
    """Take every context word out, charge each by its rank, and judge what is left."""
    rank = {word: n for n, word in enumerate(inputs, start=1)}
    cost, taken = 0.0, 0
    for word in sorted(rank, key=len, reverse=True):
        if len(word) >= 3 and word in lowered:
            times = lowered.count(word)
            taken += times
            cost += times * math.log10(rank[word])
            lowered = lowered.replace(word, "")
    if not taken:
        return best
    rest = zxcvbn(lowered, user_inputs=inputs) if lowered else None
    cost += (float(rest["guesses_log10"]) if rest else 0.0) + math.log10(
        math.factorial(taken + (1 if lowered else 0))
    )
    if cost >= best[0]:
        return best
    kinds = {"context"} | ({_kind(m) for m in rest["sequence"]} if rest else set())
    return cost, kinds, best[2]


def assess(passphrase: str, context_words: Sequence[str] = ()) -> policy.Assessment:
    """Judge a passphrase: at least 12 characters and a score of 3 or more (≈10^10 guesses).

    ``context_words`` (the laptop's name, the practitioner's…) are added to the defaults and the
    UK prison names. Reasons are given only for a refusal and never quote the passphrase.
    """
    text = passphrase[: policy.MAX_ANALYSED]
    if not text:
        return policy.Assessment(False, 0, [policy.REASON_SHORT, policy.REASON_GUESSABLE], 0.0)
    guesses_log10, kinds, l33t = _estimate(text, context_inputs(context_words))
    score = policy.score(guesses_log10)
    acceptable = len(passphrase) >= policy.MIN_LENGTH and score >= policy.ACCEPTABLE_SCORE
    reasons = [] if acceptable else policy.reasons(len(passphrase), kinds, l33t, score)
    return policy.Assessment(acceptable, score, reasons, round(guesses_log10, 2))


def suggest(words: int = 5, rng: random.Random | None = None) -> str:
    """A passphrase of ``words`` random words from the word list, joined by dashes.

    Five words from the list of about 2,500 give about 56 bits. The system's secure random
    source is used unless a test passes its own ``rng``.
    """
    chooser = rng or secrets.SystemRandom()
    pool = policy.word_list()
    candidate = ""
    for _ in range(20):
        candidate = "-".join(chooser.choice(pool) for _ in range(words))
        if assess(candidate).acceptable:
            return candidate
    return candidate
