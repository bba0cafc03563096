"""The wording check on entered text, so the GUI can show findings before anything is printed.

On a paper written to him ("you"), a note written about him ("he was inside") is found too,
with the sentence rewritten to speak to him, for the practitioner to use or not.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum

from engager_desktop.domain.wording import (
    LONG_SENTENCE_WORDS,
    TERMS_RESOURCES,
    Finding,
    check,
    readability,
    third_person,
)
from engager_desktop.i18n import ENGLISH, language, tr
from engager_desktop.worksheets.fonts import missing


@dataclass(frozen=True)
class TextFinding:
    """A finding in one entered field: ``where`` names it ("goals[0].steps[1].what").

    ``finding`` is a label or jargon term from the wording check, or None when the finding is a
    sentence longer than printed material should have (then ``words`` says how long), or a
    sentence about him on a paper written to him (then ``rewrite`` is how it reads to him).
    """

    where: str
    text: str
    start: int
    end: int
    finding: Finding | None = None
    words: int | None = None
    rewrite: str | None = None
    limit: int = LONG_SENTENCE_WORDS  # the most words a sentence should have on this paper

    @property
    def message(self) -> str:
        found = self.text[self.start : self.end]
        if self.finding is not None:
            return tr("Doc.Check", "'{found}': try {suggestion}").format(
                found=found, suggestion=self.finding.suggestion
            )
        if self.rewrite is not None:
            return tr(
                "Doc.Check",
                "'{found}' speaks about him, but this paper is written to him: try '{rewrite}'",
            ).format(found=found, rewrite=self.rewrite)
        return tr(
            "Doc.Check",
            "A sentence of {words} words: keep sentences to {limit} words or fewer so they are "
            "easy to read",
        ).format(words=self.words, limit=self.limit)


def entered_text(data: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every non-blank text field in an input dataclass, nested ones and tuples included."""
    if isinstance(data, Enum):
        return  # a fixed vocabulary value, printed as our own words
    if isinstance(data, str):
        if data.strip():
            yield where, data
    elif isinstance(data, tuple | list):
        for index, item in enumerate(data):
            yield from entered_text(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(data) and not isinstance(data, type):
        for field in dataclasses.fields(data):
            path = f"{where}.{field.name}" if where else field.name
            yield from entered_text(getattr(data, field.name), path)


ABOUT_WHO = ("man", "worker")  # who the paper is for and who wrote it: not notes about him
PRINTED_PLAINLY = ("who",)  # "who does it" ("him", "client") prints as "You" by itself


def _about_him(where: str) -> bool:
    """Whether the field at ``where`` is a note that could speak about him."""
    first = where.split(".")[0].split("[")[0]
    last = where.split(".")[-1].split("[")[0]
    return first not in ABOUT_WHO and last not in PRINTED_PLAINLY


def wording_findings(
    data: object,
    *,
    sentences: bool = True,
    to_him: bool = False,
    names: tuple[str, ...] = (),
    max_words: int = LONG_SENTENCE_WORDS,
    words_of: str | None = None,
) -> list[TextFinding]:
    """Labels, jargon (and, with ``sentences``, sentences over ``max_words``) in the text
    entered in ``data``; with ``to_him`` (a paper written to him), sentences about him ("he",
    "his", "the client", one of ``names``) with a rewrite. The practitioner decides whether to
    change anything before printing.

    ``words_of`` is the language the paper is printed in (default: the language in use): a
    Welsh paper's text is checked against the Welsh wording list, and the English rewrite of
    sentences about him is offered only on an English paper."""
    chosen = words_of or language()
    checked = chosen if chosen in TERMS_RESOURCES else ENGLISH
    found: list[TextFinding] = []
    for where, text in entered_text(data):
        found.extend(
            TextFinding(where, text, item.start, item.end, finding=item)
            for item in check(text, language=checked)
        )
        if to_him and checked == ENGLISH and _about_him(where):
            found.extend(
                TextFinding(where, text, item.start, item.end, rewrite=item.rewrite)
                for item in third_person(text, names)
            )
        if sentences:
            found.extend(
                TextFinding(where, text, long.start, long.end, words=long.words, limit=max_words)
                for long in readability(text, max_words).long_sentences
            )
    return found


def names_of(data: object) -> tuple[str, ...]:
    """The names he goes by, from the input's ``man`` (each word of them), to find in notes."""
    man = getattr(data, "man", None)
    words: list[str] = []
    for value in (getattr(man, "preferred_name", None), getattr(man, "full_name", None)):
        if isinstance(value, str):
            words += [word for word in value.split() if len(word) > 1]
    return tuple(dict.fromkeys(words))


@dataclass(frozen=True)
class Undrawable:
    """A character entered in field ``where`` that no shipped font has: it prints as "�"."""

    where: str
    char: str

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, "unnamed character").lower()

    @property
    def message(self) -> str:
        """'"𓀀" (U+13000, egyptian hieroglyph a001) in goal 1, title' — never the text around it."""
        return tr("Doc.Check", "“{char}” ({code}, {name}) in {field}").format(
            char=self.char, code=self.code, name=self.name, field=field_label(self.where)
        )


def field_label(where: str) -> str:
    """A field path made readable: "goals[0].steps[1].what" -> "goal 1, step 2, what"."""
    parts = []
    for part in where.split("."):
        match = re.fullmatch(r"(\w+?)s?\[(\d+)\]", part)
        if match:
            parts.append(f"{match[1].replace('_', ' ')} {int(match[2]) + 1}")
        else:
            parts.append(part.replace("_", " "))
    return ", ".join(parts)


def undrawable(data: object) -> list[Undrawable]:
    """Each character in the text entered in ``data`` that no font can draw, with where it is,
    so the practitioner is told before printing (it would print as "�")."""
    return [Undrawable(where, char) for where, text in entered_text(data) for char in missing(text)]
