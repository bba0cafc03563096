"""Flag stigmatising labels and jargon in text meant for print, and measure how plain it reads.

The terms are data (``resources/wording_terms.json``) so the list can grow without code changes;
``check`` also takes extra terms, which replace a listed term of the same spelling.

Matching is whole-word and case-insensitive. A hyphen or apostrophe inside a word joins it, so
"psycho-education" is not read as "psycho". Multi-word terms match across spaces, line breaks or
a hyphen; the last word also matches its simple plural and possessive ("offenders", "addict's",
"agencies"); other forms (e.g. "signposting") are listed per term as ``forms``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from engager_desktop.domain import welsh

TERMS_RESOURCE = "wording_terms.json"
# One list per language, applied to text in that language; a language with no list uses English's.
TERMS_RESOURCES = {"en": TERMS_RESOURCE, "cy": "wording_terms_cy.json"}
KINDS = frozenset({"label", "jargon"})

LONG_SENTENCE_WORDS = 20  # printed material should keep sentences to this many words or fewer
LONG_WORD_LETTERS = 7  # a word of this many letters or more counts as long (as in the LIX index)

_MARKS = "\u0300-\u036f"  # combining accents: a decomposed ŵ is "w" followed by one of these
_JOINERS = "-\u2010\u2011'\u2019"  # hyphens and apostrophes that join a word
_BEFORE = rf"(?<![\w{_MARKS}])(?<![^\W_][{_JOINERS}])"
_AFTER = rf"(?![\w{_MARKS}])(?![{_JOINERS}][^\W_])"
_DASH = "[-\u2010\u2011\u2013]"
_SPACE_SEP = rf"(?:\s*{_DASH}\s*|\s+)"
_HYPHEN_SEP = rf"(?:\s*{_DASH}\s*|\s+|)"
_PLURAL = "(?:'s|\u2019s|s'|s\u2019|es|s)?"
_Y_PLURAL = "(?:y(?:'s|\u2019s)?|ies(?:'|\u2019)?)"


@dataclass(frozen=True)
class Term:
    """One word or phrase to flag, with a plain alternative and the reason, in our own words."""

    term: str
    suggestion: str
    reason: str
    kind: str  # "label" or "jargon"
    forms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.term.strip() or not self.suggestion.strip() or not self.reason.strip():
            raise ValueError("a wording term needs a term, a suggestion and a reason")
        if self.kind not in KINDS:
            raise ValueError("a wording term's kind must be 'label' or 'jargon'")


@dataclass(frozen=True)
class Finding:
    """A flagged place in the text: ``text[start:end]`` is what was found; ``term`` is the entry."""

    term: str
    start: int
    end: int
    suggestion: str
    reason: str
    kind: str


@dataclass(frozen=True)
class LongSentence:
    start: int
    end: int
    words: int


@dataclass(frozen=True)
class ReadingStats:
    sentences: int
    words: int
    average_sentence_length: float  # words per sentence
    long_words: int
    long_word_share: float  # 0.0 to 1.0
    long_sentences: tuple[LongSentence, ...]

    @property
    def lix(self) -> float:
        """LIX readability: words per sentence plus the percent of long words (under 40: easy)."""
        return self.average_sentence_length + 100.0 * self.long_word_share

    @property
    def plain(self) -> bool:
        """True when no sentence is over the limit (the check printed material must pass)."""
        return not self.long_sentences


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 record', '2 records'; ``many`` for plurals that are not the noun plus s."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def _term_from_json(item: Any) -> Term:
    if not isinstance(item, dict):
        raise ValueError("each wording term must be an object")
    forms = item.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
        raise ValueError("a wording term's forms must be a list of text")
    fields = [item.get(name) for name in ("term", "suggestion", "reason", "kind")]
    if not all(isinstance(value, str) for value in fields):
        raise ValueError("a wording term needs term, suggestion, reason and kind as text")
    term, suggestion, reason, kind = (str(value) for value in fields)
    return Term(term, suggestion, reason, kind, tuple(forms))


def parse_terms(raw: str) -> tuple[Term, ...]:
    """Read a JSON list of ``{term, suggestion, reason, kind[, forms]}`` objects."""
    data = json.loads(raw)
    if not isinstance(data, list):
        raise ValueError("the wording terms file must hold a list")
    return tuple(_term_from_json(item) for item in data)


@lru_cache(maxsize=4)
def load_terms(language: str = "en") -> tuple[Term, ...]:
    """The packaged term list of ``language``, read once; Welsh terms match mutated too."""
    name = TERMS_RESOURCES.get(language, TERMS_RESOURCE)
    source = resources.files("engager_desktop.resources").joinpath(name)
    terms = parse_terms(source.read_text(encoding="utf-8"))
    if language == "cy":
        terms = tuple(_with_welsh_mutations(term) for term in terms)
    return terms


def _with_welsh_mutations(term: Term) -> Term:
    spellings = (term.term, *term.forms)
    extra = sorted({m for s in spellings for m in welsh.phrase_forms(s)} - set(spellings))
    return Term(term.term, term.suggestion, term.reason, term.kind, (*term.forms, *extra))


def _last_word_pattern(word: str) -> str:
    if len(word) > 1 and word[-1] in "yY" and word[-2].lower() not in "aeiou":
        return re.escape(word[:-1]) + _Y_PLURAL
    return re.escape(word) + _PLURAL


def _phrase_pattern(phrase: str) -> str:
    pieces = re.split(rf"(\s+|{_DASH})", phrase.strip())
    words = pieces[0::2]
    seps = pieces[1::2]
    out = []
    for index, word in enumerate(words):
        is_last = index == len(words) - 1
        out.append(_last_word_pattern(word) if is_last else re.escape(word))
        if not is_last:
            out.append(_SPACE_SEP if seps[index].isspace() else _HYPHEN_SEP)
    return "".join(out)


@lru_cache(maxsize=1024)
def _compiled(term: Term) -> re.Pattern[str]:
    variants = sorted({term.term, *term.forms}, key=len, reverse=True)
    body = "|".join(_phrase_pattern(variant) for variant in variants)
    return re.compile(f"{_BEFORE}(?:{body}){_AFTER}", re.IGNORECASE)


def _merge(base: Sequence[Term], extra: Iterable[Term] | None) -> list[Term]:
    merged = {term.term.casefold(): term for term in base}
    for term in extra or ():
        merged[term.term.casefold()] = term
    return list(merged.values())


def check(
    text: str,
    extra_terms: Iterable[Term] | None = None,
    terms: Sequence[Term] | None = None,
    *,
    language: str = "en",
) -> list[Finding]:
    """Find labels and jargon in ``text``, in order; where two matches overlap the longer wins.

    ``terms`` replaces the packaged list (for tests); ``extra_terms`` add to it; ``language``
    chooses the packaged list (Welsh text is checked against the Welsh list).
    """
    if not text:
        return []
    candidates: list[tuple[int, int, Term]] = []
    for term in _merge(load_terms(language) if terms is None else terms, extra_terms):
        candidates.extend((m.start(), m.end(), term) for m in _compiled(term).finditer(text))
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    findings: list[Finding] = []
    reached = 0
    for start, end, term in candidates:
        if start < reached:
            continue
        findings.append(Finding(term.term, start, end, term.suggestion, term.reason, term.kind))
        reached = end
    return findings


# --- readability ----------------------------------------------------------------------------

_WORD = re.compile(rf"[^\W_](?:[^\W_]|[{_MARKS}]|[{_JOINERS}](?=[^\W_]))*")
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "approx", "vs", "tel", "ref"}
)


def _ends_with_abbreviation(chunk: str) -> bool:
    tokens = chunk.split()
    if not tokens:
        return False
    return tokens[-1].strip("\"'(\u2018\u201c").rstrip(".").casefold() in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end of each sentence; a line break also ends one (lists and headings on paper)."""
    spans: list[tuple[int, int]] = []
    start = 0

    def add(end: int) -> None:
        chunk = text[start:end]
        if _WORD.search(chunk):
            left = len(chunk) - len(chunk.lstrip())
            spans.append((start + left, start + len(chunk.rstrip())))

    for match in _SENTENCE_END.finditer(text):
        if match.group() != "\n" and _ends_with_abbreviation(text[start : match.start()]):
            continue
        add(match.end())
        start = match.end()
    add(len(text))
    return spans


def _letters(word: str) -> int:
    return sum(ch.isalnum() for ch in word)


def readability(text: str, max_words: int = LONG_SENTENCE_WORDS) -> ReadingStats:
    """Average sentence length, share of long words, and the sentences over ``max_words``."""
    spans = sentence_spans(text)
    total_words = 0
    long_words = 0
    long_sentences: list[LongSentence] = []
    for start, end in spans:
        words = _WORD.findall(text, start, end)
        total_words += len(words)
        long_words += sum(_letters(word) >= LONG_WORD_LETTERS for word in words)
        if len(words) > max_words:
            long_sentences.append(LongSentence(start, end, len(words)))
    return ReadingStats(
        sentences=len(spans),
        words=total_words,
        average_sentence_length=total_words / len(spans) if spans else 0.0,
        long_words=long_words,
        long_word_share=long_words / total_words if total_words else 0.0,
        long_sentences=tuple(long_sentences),
    )


# --- voice: a note written about him, going onto a paper written to him ---------------------

EASY_READ_SENTENCE_WORDS = 15  # an Easy Read paper keeps each sentence to this many words

# "he" with the verb that follows, as it reads when written to him
_HE_VERBS = {
    "was": "were", "is": "are", "has": "have", "does": "do", "doesn't": "don't",
    "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "goes": "go",
}  # fmt: skip
_CONTRACTIONS = {"he's": "you're", "he'll": "you'll", "he'd": "you'd", "he’s": "you’re"}
_WORDS_ABOUT_HIM = {
    "himself": "yourself",
    "his": "your",
    "him": "you",
    "the client's": "your",
    "client's": "your",
}
_SUBJECTS = ("he", "the client", "client", "the participant", "service user")
_ADVERBS = ("always", "never", "also", "only", "still", "just", "really", "often", "usually")
_NOT_A_VERB = frozenset({"this", "is", "thus", "us", "yes", "as", "less", "unless"})


@dataclass(frozen=True)
class VoiceFinding:
    """A sentence that speaks of him in the third person: ``text[start:end]``; ``words`` are the
    words that do (as found); ``rewrite`` is the sentence as written to him."""

    start: int
    end: int
    words: tuple[str, ...]
    rewrite: str


def _verb_for_you(word: str) -> str:
    """'wants' -> 'want', 'tries' -> 'try', 'watches' -> 'watch'; other words unchanged."""
    lower = word.casefold()
    if lower in _HE_VERBS:
        return _match_case(_HE_VERBS[lower], word)
    if lower in _NOT_A_VERB or len(lower) < 3 or not lower.endswith("s") or lower.endswith("ss"):
        return word
    if lower.endswith(("ous", "ius", "us")):
        return word
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


def _match_case(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _name_pattern(names: Iterable[str]) -> str | None:
    words = sorted({n.strip() for n in names if n and len(n.strip()) > 1}, key=len, reverse=True)
    if not words:
        return None
    return "|".join(re.escape(word) for word in words)


def _voice_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    named = _name_pattern(names)
    plain = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in _SUBJECTS)
    subject = plain if named is None else rf"{plain}|(?:mr\.?\s+)?(?:{named})"
    adverb = "|".join(_ADVERBS)
    about = "|".join(re.escape(w) for w in sorted(_WORDS_ABOUT_HIM, key=len, reverse=True))
    contraction = "|".join(re.escape(w) for w in _CONTRACTIONS)
    possessive = "" if named is None else rf"|(?P<owner>(?:mr\.?\s+)?(?:{named}))['\u2019]s"
    return re.compile(
        rf"{_BEFORE}(?:(?P<contraction>{contraction})"
        rf"{possessive}"
        rf"|(?P<subject>{subject})(?:\s+(?P<adverb>{adverb}))?"
        rf"(?:\s+(?P<verb>[^\W\d_][\w'\u2019]*))?"
        rf"|(?P<about>{about})){_AFTER}",
        re.IGNORECASE,
    )


def _rewrite_match(match: re.Match[str], at_start: bool) -> str:
    found = match.group(0)
    if match.group("contraction"):
        new = _CONTRACTIONS[match.group("contraction").casefold()]
    elif match.groupdict().get("owner"):
        new = "your"
    elif match.group("subject"):
        verb, adverb = match.group("verb"), match.group("adverb")
        new = "you" + (f" {adverb}" if adverb else "")
        new += f" {_verb_for_you(verb)}" if verb else ""
    else:
        new = _WORDS_ABOUT_HIM[re.sub(r"\s+", " ", match.group("about")).casefold()]
    return new[:1].upper() + new[1:] if at_start or found[:1].isupper() else new


def third_person(text: str, names: Iterable[str] = ()) -> list[VoiceFinding]:
    """Sentences in ``text`` that speak of him as "he", "his", "him", "the client" or by one
    of ``names`` (his first name, family name or the name he likes), each with a suggested
    rewrite that speaks to him: "he was" -> "you were", "his" -> "your", "Dai's" -> "your".

    The rewrite is a suggestion for the practitioner to check, never applied by itself."""
    if not text:
        return []
    pattern = _voice_pattern(tuple(names))
    found: list[VoiceFinding] = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        matches = list(pattern.finditer(sentence))
        if not matches:
            continue
        pieces: list[str] = []
        reached = 0
        for match in matches:
            pieces.append(sentence[reached : match.start()])
            pieces.append(_rewrite_match(match, match.start() == 0))
            reached = match.end()
        pieces.append(sentence[reached:])
        words = tuple(match.group(0) for match in matches)
        found.append(VoiceFinding(start, end, words, "".join(pieces)))
    return found
