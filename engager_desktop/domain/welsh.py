"""Welsh initial mutations, so a Welsh word is matched in every form it takes in a sentence.

A Welsh word changes its first sound after certain words: "troseddwr" may read "droseddwr" (soft),
"nhroseddwr" (nasal) or "throseddwr" (aspirate), and a word starting with a vowel may take an "h"
("ei hanhwylder"). ``forms`` gives every such spelling of a word, for the wording check.
"""

from __future__ import annotations

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
# Letters of two characters: only "ll" and "rh" change, and none is read as its first character.
DIGRAPHS = frozenset({"ch", "dd", "ff", "ng", "ll", "ph", "rh", "th"})
VOWELS = frozenset("aeiouwyâêîôûŵŷáéíóúàèìòù")


def first_letter(word: str) -> str:
    """The word's first Welsh letter (a digraph counts as one), lower case."""
    head = word[:2].lower()
    return head if head in DIGRAPHS else word[:1].lower()


def forms(word: str) -> set[str]:
    """Every mutated spelling of ``word`` (not the word itself); none for an abbreviation."""
    if not word or (len(word) > 1 and word.isupper()):
        return set()
    letter = first_letter(word)
    rest = word[len(letter) :]
    found: set[str] = set()
    for table in (SOFT, NASAL, ASPIRATE):
        if letter in table and (table[letter] + rest):
            found.add(table[letter] + rest)
    if letter in VOWELS:
        found.add("h" + word)
    found.discard(word)
    return found


def phrase_forms(phrase: str) -> set[str]:
    """Mutated spellings of a phrase: only its first word changes."""
    first, space, rest = phrase.partition(" ")
    return {form + space + rest for form in forms(first)}
