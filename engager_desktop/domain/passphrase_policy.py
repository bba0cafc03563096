"""Passphrase policy: the rules, the reasons for a refusal, the words of generated suggestions.

The strength estimate itself is zxcvbn's (``crypto.passphrase_strength``, a library kept by
others rather than an estimator of our own); this module holds what is ours and needs only the
standard library: at least 12 characters, a score of 3 or more (about 10^10 guesses, stricter than
zxcvbn's own 3), the context words every vault penalises, and the plain reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

MIN_LENGTH = 12
ACCEPTABLE_SCORE = 3
SCORE_THRESHOLDS = (3.0, 6.0, 10.0, 14.0)  # log10 guesses needed for scores 1, 2, 3 and 4
DEFAULT_CONTEXT_WORDS: tuple[str, ...] = ("engager", "prison", "hmp", "practitioner", "password")
MAX_ANALYSED = 72  # characters examined (zxcvbn's limit); a longer passphrase is judged on these

REASON_SHORT = f"it is shorter than {MIN_LENGTH} characters"
REASON_COMMON = "it is, or contains, one of the most often used passwords"
REASON_CONTEXT = "it uses a word linked to this work or place, such as the app's or a prison's name"
REASON_WORDS = "a few common words are not enough: use four or more unrelated words"
REASON_L33T = "swapping letters for look-alike symbols (such as @ for a) adds little"
REASON_SEQUENCE = "runs such as abc, 123 or qwerty are among the first things tried"
REASON_REPEAT = "repeated characters or patterns add little"
REASON_DATE = "dates and years are easy to guess"
REASON_GUESSABLE = "it would be guessed too quickly: add more unrelated words"


@dataclass(frozen=True)
class Assessment:
    acceptable: bool
    score: int
    reasons: list[str]
    guesses_log10: float


@cache
def _load(name: str) -> tuple[str, ...]:
    text = resources.files("engager_desktop.resources").joinpath(name).read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


def word_list() -> tuple[str, ...]:
    """The words generated passphrases are made of."""
    return _load("wordlist.txt")


def score(guesses_log10: float) -> int:
    return sum(guesses_log10 >= threshold for threshold in SCORE_THRESHOLDS)


def reasons(length: int, kinds: set[str], l33t: bool, score: int) -> list[str]:
    """The plain reasons for a refusal, from the kinds of guessable piece found (never the text).

    Kinds: ``common`` (a listed password), ``context`` (a context word or prison name), ``word``
    (a dictionary word or name), ``sequence``, ``repeat``, ``date``, ``bruteforce``.
    """
    found = [
        (length < MIN_LENGTH, REASON_SHORT),
        ("common" in kinds, REASON_COMMON),
        ("context" in kinds, REASON_CONTEXT),
        (kinds <= {"word", "common", "context", "bruteforce"} and "word" in kinds, REASON_WORDS),
        (l33t, REASON_L33T),
        ("sequence" in kinds, REASON_SEQUENCE),
        ("repeat" in kinds, REASON_REPEAT),
        ("date" in kinds, REASON_DATE),
        (score < ACCEPTABLE_SCORE, REASON_GUESSABLE),
    ]
    return [reason for present, reason in found if present]
