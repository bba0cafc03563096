"""Spot a goal written about him ("He will find a flat") and suggest it in his voice ("I will…").

Goals are printed for him to keep, so they read best in his own voice. This only suggests: the
practitioner decides, and nothing is changed for them.
"""

from __future__ import annotations

import re

_STARTS_ABOUT_HIM = re.compile(r"^\s*(?:he|he'll|he's|he'd|his|him)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][a-z]+)?")
_SWAPS = {
    "he": "I",
    "he'll": "I'll",
    "he's": "I'm",
    "he'd": "I'd",
    "his": "my",
    "him": "me",
    "himself": "myself",
}
_VERBS = {
    "is": "am",
    "was": "was",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "am not",
}
_MODALS = frozenset({"will", "can", "could", "would", "should", "must", "might", "may"})
_MODALS |= frozenset({"won't", "can't", "couldn't", "wouldn't", "shouldn't"})
_ADVERBS = frozenset({"also", "still", "then", "now", "really", "never", "just", "often", "only"})


def _first_person_verb(word: str) -> str:
    lower = word.lower()
    if lower in _VERBS:
        return _VERBS[lower]
    unchanged = lower in _MODALS or lower in _ADVERBS or len(lower) < 3
    if unchanged or not lower.endswith("s") or lower.endswith("ss"):
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "oes")):
        return word[:-2]
    return word[:-1]


def _swap(word: str, start_of_sentence: bool) -> str:
    swapped = _SWAPS.get(word.lower().replace("\u2019", "'"))
    if swapped is None:
        return word
    if swapped.startswith("I") or not start_of_sentence:
        return swapped
    return swapped.capitalize()


def about_him(text: str) -> bool:
    """True when the text starts by talking about him in the third person."""
    return bool(_STARTS_ABOUT_HIM.match(text))


def in_his_voice(text: str) -> str | None:
    """The text rewritten in the first person, or None when it does not read as about him.

    "He wants to find a flat near his mum" becomes "I want to find a flat near my mum".
    """
    if not about_him(text):
        return None
    out: list[str] = []
    last = 0
    after_he = False
    for number, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        out.append(text[last : match.start()])
        lower = word.lower().replace("\u2019", "'")
        if after_he and lower not in _SWAPS:
            out.append(_first_person_verb(word))
            after_he = lower in _ADVERBS  # "he really wants": the verb comes next
        else:
            out.append(_swap(word, number == 0))
            after_he = lower == "he"
        last = match.end()
    out.append(text[last:])
    suggestion = "".join(out)
    return suggestion if suggestion != text else None
