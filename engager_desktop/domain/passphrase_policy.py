"""Passphrase policy: minimum length, a zxcvbn-style guess estimate, context words, suggestions.

The estimate follows zxcvbn's approach, written here with the standard library only: find every
guessable piece of the passphrase (dictionary words and common passwords, also reversed, in
capitals or with look-alike symbols; runs such as ``abc``, ``123`` or ``qwerty``; repeats; years
and dates; words tied to the context), give each a guess count, and take the cheapest way to
cover the whole passphrase, charging for the number of pieces. Anything left over is guessed at
ten tries a character. The score runs 0-4; 3 or more (about 10^10 guesses) is acceptable.
"""

from __future__ import annotations

import math
import random
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from engager_desktop.domain import prison_names

MIN_LENGTH = 12
ACCEPTABLE_SCORE = 3
SCORE_THRESHOLDS = (3.0, 6.0, 10.0, 14.0)  # log10 guesses needed for scores 1, 2, 3 and 4
DEFAULT_CONTEXT_WORDS: tuple[str, ...] = ("engager", "prison", "hmp", "practitioner", "password")
MAX_ANALYSED = 100  # characters examined; a longer passphrase is judged on its first 100
_SEPARATORS = frozenset(" -_.,/:;~")
_SEPARATOR_COST = math.log10(2)  # a separator between pieces: a small, uncounted extra
_MIN_SUBMATCH = math.log10(50)
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_L33T: dict[str, tuple[str, ...]] = {
    "4": ("a",), "@": ("a",), "8": ("b",), "(": ("c",), "{": ("c",), "[": ("c",), "<": ("c",),
    "3": ("e",), "6": ("g",), "9": ("g",), "1": ("i", "l"), "!": ("i",), "|": ("i", "l"),
    "7": ("t", "l"), "0": ("o",), "$": ("s",), "5": ("s",), "+": ("t",), "%": ("x",), "2": ("z",),
}  # fmt: skip
_MAX_L33T_TABLES = 32
_DATE_WITH_SEPARATOR = re.compile(r"(\d{1,4})([\s/\\_.-])(\d{1,2})\2(\d{1,4})")

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


@dataclass(frozen=True)
class _Match:
    i: int  # first character
    j: int  # last character (inclusive)
    kind: str  # word, common, context, sequence, repeat, year, date, bruteforce
    log10: float
    l33t: bool = False


# --------------------------------------------------------------------------- word lists


@cache
def _load(name: str) -> tuple[str, ...]:
    text = resources.files("engager_desktop.resources").joinpath(name).read_text("utf-8")
    lines = (line.strip().lower() for line in text.splitlines())
    return tuple(dict.fromkeys(line for line in lines if line and not line.startswith("#")))


def word_list() -> tuple[str, ...]:
    """The words generated passphrases are made of (also a dictionary for the estimate)."""
    return _load("wordlist.txt")


@cache
def _base_dictionary() -> dict[str, tuple[float, str]]:
    """Lower-case token → (log10 guesses, kind): common passwords by rank, words by list size."""
    words = word_list()
    table = {word: (math.log10(len(words)), "word") for word in words}
    for rank, password in enumerate(_load("common_passwords.txt"), start=1):
        if password not in table or math.log10(rank) < table[password][0]:
            table[password] = (math.log10(rank), "common")
    return table


def _context_set(context_words: Iterable[str]) -> frozenset[str]:
    """Default context words and UK prison names plus the caller's, each split into words and
    also joined up."""
    found: set[str] = set(DEFAULT_CONTEXT_WORDS) | _prison_words()
    for phrase in context_words:
        parts = _parts(phrase)
        found.update(p for p in parts if len(p) >= 3)
        if len(parts) > 1:
            found.add("".join(parts))
    return frozenset(found)


def _parts(phrase: str) -> list[str]:
    return [p for p in re.split(r"[^0-9a-z]+", phrase.lower()) if p]


@cache
def _prison_words() -> frozenset[str]:
    return prison_names.words(_base_dictionary())


# --------------------------------------------------------------------------- matchers


def _dictionary_matches(text: str, context: frozenset[str]) -> list[_Match]:
    """Words, common passwords and context words; in capitals, reversed or with l33t symbols."""
    lower = text.lower()
    matches = _lookup_all(text, lower, context, reversed_=False)
    n = len(text)
    for m in _lookup_all(text[::-1], lower[::-1], context, reversed_=True):
        matches.append(_Match(n - 1 - m.j, n - 1 - m.i, m.kind, m.log10 + math.log10(2)))
    for table in _l33t_tables(lower):
        translated = "".join(table.get(c, c) for c in lower)
        for m in _lookup_all(text, translated, context, reversed_=False):
            token = lower[m.i : m.j + 1]
            if any(c in table for c in token):
                extra = _l33t_variations(token, translated[m.i : m.j + 1], table)
                matches.append(_Match(m.i, m.j, m.kind, m.log10 + extra, l33t=True))
    return matches


@cache
def _longest_word() -> int:
    return max(map(len, _base_dictionary()))


def _lookup_all(
    original: str, lower: str, context: frozenset[str], reversed_: bool
) -> list[_Match]:
    base = _base_dictionary()
    longest = max(_longest_word(), max(map(len, context), default=0))
    found = []
    for i in range(len(lower)):
        for j in range(i + 2, min(len(lower), i + longest)):
            token = lower[i : j + 1]
            if token in context:
                log10, kind = 0.0, "context"
            elif token in base:
                log10, kind = base[token]
            else:
                continue
            if reversed_ and token == token[::-1]:
                continue  # a palindrome is already found forwards
            found.append(_Match(i, j, kind, log10 + _upper_variations(original[i : j + 1])))
    return found


def _n_choose_k_sum(total: int, up_to: int) -> float:
    return math.log10(sum(math.comb(total, k) for k in range(1, up_to + 1)))


def _upper_variations(word: str) -> float:
    """log10 of the ways of capitalising a word, as zxcvbn counts them."""
    if word == word.lower():
        return 0.0
    rest = word[1:-1]
    if word == word.upper() or (rest == rest.lower() and (word[0].isupper() != word[-1].isupper())):
        return math.log10(2)
    upper = sum(c.isupper() for c in word)
    lower = sum(c.islower() for c in word)
    return _n_choose_k_sum(upper + lower, min(upper, lower))


def _l33t_tables(lower: str) -> list[dict[str, str]]:
    """Substitution tables (symbol → letter) for the symbols present, a bounded number of them."""
    symbols = sorted({c for c in lower if c in _L33T})
    tables: list[dict[str, str]] = [{}]
    for symbol in symbols:
        tables = [{**t, symbol: letter} for t in tables for letter in _L33T[symbol]]
        tables = tables[:_MAX_L33T_TABLES]
    return [t for t in tables if t]


def _l33t_variations(token: str, translated: str, table: dict[str, str]) -> float:
    total = 0.0
    for symbol, letter in table.items():
        subbed = token.count(symbol)
        if not subbed:
            continue
        unsubbed = sum(1 for a, b in zip(token, translated, strict=True) if a == b == letter)
        if unsubbed == 0:
            total += math.log10(2)
        else:
            total += _n_choose_k_sum(subbed + unsubbed, min(subbed, unsubbed))
    return total


def _sequence_matches(text: str) -> list[_Match]:
    """Runs with a steady step of 1-5 (abc, 2468, zyx) and keyboard rows (qwerty, lkjh)."""
    matches = []
    n, i = len(text), 0
    while i < n - 2:
        delta = ord(text[i + 1]) - ord(text[i])
        j = i + 1
        while j + 1 < n and ord(text[j + 1]) - ord(text[j]) == delta:
            j += 1
        if j - i >= 2 and 0 < abs(delta) <= 5:
            first = text[i]
            base = 4 if first in "aAzZ019" else 10 if first.isdigit() else 26
            base *= 1 if delta > 0 else 2
            matches.append(_Match(i, j, "sequence", math.log10(base * (j - i + 1))))
        i = j
    lower = text.lower()
    rows = _KEYBOARD_ROWS + tuple(row[::-1] for row in _KEYBOARD_ROWS)
    for i in range(n - 2):
        for j in range(i + 2, n):
            if not any(lower[i : j + 1] in row for row in rows):
                break
            matches.append(_Match(i, j, "sequence", math.log10(400 * (j - i))))
    return matches


def _repeat_matches(text: str, context: frozenset[str], memo: dict[str, float]) -> list[_Match]:
    """A unit written two or more times in a row: cost is the unit's guesses times the count."""
    matches = []
    n = len(text)
    for i in range(n - 1):
        for size in range(1, (n - i) // 2 + 1):
            unit = text[i : i + size]
            if text[i + size : i + 2 * size] != unit or (unit + unit).find(unit, 1) < size:
                continue  # not repeated here, or itself a repeat of a shorter unit
            count = 2
            while text[i + count * size : i + (count + 1) * size] == unit:
                count += 1
            if unit not in memo:
                memo[unit] = _cheapest(unit, context, memo)[0]
            log10 = memo[unit] + math.log10(count)
            matches.append(_Match(i, i + count * size - 1, "repeat", log10))
    return matches


def _year_space(year: int) -> float:
    return math.log10(max(abs(year - date.today().year), 20))


def _valid_date(parts: Sequence[str]) -> int | None:
    """The year if the three digit groups read as a day, a month and a year in some order."""
    for year_at, rest in ((2, (0, 1)), (0, (1, 2))):
        raw = parts[year_at]
        if len(raw) not in (2, 4):
            continue
        year = int(raw) if len(raw) == 4 else int(raw) + (1900 if int(raw) > 50 else 2000)
        first, second = (parts[k] for k in rest)
        if not (1000 <= year <= 2099 and len(first) <= 2 and len(second) <= 2):
            continue
        a, b = int(first), int(second)
        if (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31):
            return year
    return None


def _date_matches(text: str) -> list[_Match]:
    matches = []
    n = len(text)
    for i in range(n - 3):
        if re.fullmatch(r"19\d\d|20\d\d", text[i : i + 4]):
            matches.append(_Match(i, i + 3, "year", _year_space(int(text[i : i + 4]))))
        for length in range(4, 9):
            chunk = text[i : i + length]
            if len(chunk) == length and chunk.isdigit():
                year = _split_date(chunk)
                if year is not None:
                    log10 = math.log10(365) + _year_space(year)
                    matches.append(_Match(i, i + length - 1, "date", log10))
        for length in range(6, 11):
            found = _DATE_WITH_SEPARATOR.fullmatch(text, i, i + length)
            if found:
                year = _valid_date((found[1], found[3], found[4]))
                if year is not None:
                    log10 = math.log10(365 * 4) + _year_space(year)
                    matches.append(_Match(i, i + length - 1, "date", log10))
    return matches


def _split_date(digits: str) -> int | None:
    n = len(digits)
    for a in range(1, 5):
        for b in range(1, 5):
            if 0 < n - a - b <= 4:
                year = _valid_date((digits[:a], digits[a : a + b], digits[a + b :]))
                if year is not None:
                    return year
    return None


# --------------------------------------------------------------------------- search


def _all_matches(text: str, context: frozenset[str], memo: dict[str, float]) -> list[_Match]:
    matches = _dictionary_matches(text, context) + _sequence_matches(text)
    matches += _repeat_matches(text, context, memo) + _date_matches(text)
    whole = len(text)
    floored = [
        m
        if m.j - m.i + 1 == whole
        else _Match(m.i, m.j, m.kind, max(m.log10, _MIN_SUBMATCH), m.l33t)
        for m in matches
    ]
    separators = [_Match(i, i, "separator", _SEPARATOR_COST) for i, c in enumerate(text)]
    return floored + [m for m in separators if text[m.i] in _SEPARATORS]


def _cheapest(
    text: str, context: frozenset[str], memo: dict[str, float]
) -> tuple[float, list[_Match]]:
    """The least guesses over all ways of covering ``text`` with pieces, and those pieces.

    Dynamic programming as in zxcvbn: for each prefix and each number of pieces, the least
    product of guesses; the total is that product times the pieces' orderings (count!).
    Separators between pieces cost a little and are not counted as pieces. Unlike zxcvbn, no
    10,000-guess charge per extra piece is added: it would credit a passphrase made of four
    context words (engager, prison, …) with a trillion guesses. An entry beaten by one with
    fewer pieces can never win, so it is dropped.
    """
    n = len(text)
    if n == 0:
        return 0.0, []
    by_end: list[list[_Match]] = [[] for _ in range(n)]
    for m in _all_matches(text, context, memo):
        by_end[m.j].append(m)
    # best[k][count] = (log10 product of guesses, last piece) for text[: k + 1] in count pieces
    best: list[dict[int, tuple[float, _Match]]] = [{} for _ in range(n)]
    for k in range(n):
        slot = best[k]
        pieces = by_end[k] + [_Match(i, k, "bruteforce", float(k - i + 1)) for i in range(k + 1)]
        for m in pieces:
            step = 0 if m.kind == "separator" else 1
            before = [(0, (0.0, m))] if m.i == 0 else best[m.i - 1].items()
            for count, (log10, _) in before:
                total = log10 + m.log10
                if count + step not in slot or total < slot[count + step][0]:
                    slot[count + step] = (total, m)
        best[k] = _undominated(slot)
    totals = {
        count: math.log10(math.factorial(count)) + log10
        for count, (log10, _) in best[n - 1].items()
    }
    count = min(totals, key=lambda c: totals[c])
    pieces, k, left = [], n - 1, count
    while k >= 0:
        piece = best[k][left][1]
        pieces.append(piece)
        k, left = piece.i - 1, left - (0 if piece.kind == "separator" else 1)
    return totals[count], pieces[::-1]


def _undominated(slot: dict[int, tuple[float, _Match]]) -> dict[int, tuple[float, _Match]]:
    kept: dict[int, tuple[float, _Match]] = {}
    lowest = math.inf
    for count in sorted(slot):
        if slot[count][0] < lowest:
            kept[count] = slot[count]
            lowest = slot[count][0]
    return kept


# --------------------------------------------------------------------------- public API


def _score(guesses_log10: float) -> int:
    return sum(guesses_log10 >= threshold for threshold in SCORE_THRESHOLDS)


def _reasons(length: int, pieces: Sequence[_Match], score: int) -> list[str]:
    kinds = {p.kind for p in pieces}
    found = [
        (length < MIN_LENGTH, REASON_SHORT),
        ("common" in kinds, REASON_COMMON),
        ("context" in kinds, REASON_CONTEXT),
        (kinds <= {"word", "common", "context", "bruteforce"} and "word" in kinds, REASON_WORDS),
        (any(p.l33t for p in pieces), REASON_L33T),
        ("sequence" in kinds, REASON_SEQUENCE),
        ("repeat" in kinds, REASON_REPEAT),
        (bool(kinds & {"year", "date"}), REASON_DATE),
        (score < ACCEPTABLE_SCORE, REASON_GUESSABLE),
    ]
    return [reason for present, reason in found if present]


def assess(passphrase: str, context_words: Sequence[str] = ()) -> Assessment:
    """Judge a passphrase: at least 12 characters and a score of 3 or more (≈10^10 guesses).

    ``context_words`` (prison names, the practitioner's name…) are added to the defaults and
    count as the first things an attacker would try. Reasons are given only for a refusal and
    never quote the passphrase.
    """
    text = passphrase[:MAX_ANALYSED]
    guesses_log10, pieces = _cheapest(text, _context_set(context_words), {})
    score = _score(guesses_log10)
    acceptable = len(passphrase) >= MIN_LENGTH and score >= ACCEPTABLE_SCORE
    reasons = [] if acceptable else _reasons(len(passphrase), pieces, score)
    return Assessment(acceptable, score, reasons, round(guesses_log10, 2))


def suggest(words: int = 5, rng: random.Random | None = None) -> str:
    """A passphrase of ``words`` random words from the word list, joined by dashes.

    Five words from the list of about 2,500 give about 56 bits. The system's secure random
    source is used unless a test passes its own ``rng``.
    """
    chooser = rng or secrets.SystemRandom()
    pool = word_list()
    for _ in range(20):
        candidate = "-".join(chooser.choice(pool) for _ in range(words))
        if assess(candidate).acceptable:
            return candidate
    return candidate
