"""Translation for every layer: one gettext catalogue per language, read from ``resources/i18n``.

Code marks what a person reads with ``tr(context, text)``; counted words with
``trn(context, singular, plural, n)`` (the catalogue's own plural forms pick the form: Welsh has
six, so never build a plural by adding letters); a constant defined at import time is marked with
``N_(context, text)`` and passed through ``tr`` where it is shown. The context says where a
string is used, so one English word can be put two ways. ``python3 dev.py strings`` extracts the
marked strings into ``engager.pot`` and merges them into each language's ``.po``.

Standard library only, so the Qt-free layers use it directly; ``ui.i18n`` hands the same
catalogue to Qt (for Qt's own words such as the standard buttons). The pseudo-language ``xx``
wraps every string the catalogue knows in ⟦…⟧, so a test can walk a window and find any string
that does not go through the catalogue.
"""

from __future__ import annotations

import ast
import contextvars
import gettext
import io
import struct
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources

ENGLISH = "en"
PSEUDO = "xx"
# The languages a practitioner can choose, each named in its own language.
LANGUAGES: dict[str, str] = {"en": "English", "cy": "Cymraeg"}
TEMPLATE = "engager.pot"
PSEUDO_OPEN, PSEUDO_CLOSE = "\u27e6", "\u27e7"
_SEP = "\x04"  # gettext's separator between a context and a message

_lock = threading.Lock()
_language = ENGLISH
# A language for one block of one thread (``using``): printing on a worker thread builds his
# document in his language while the screens, on the GUI thread, stay in theirs. A new thread
# starts with no override, so it sees the global setting.
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


# --------------------------------------------------------------------------- the .po format


@dataclass
class Entry:
    """One message of a ``.po`` file: its context, English text(s) and translation(s)."""

    context: str
    msgid: str
    plural: str | None = None
    strings: list[str] = field(default_factory=list)  # one, or one per plural form
    fuzzy: bool = False
    comments: list[str] = field(default_factory=list)  # "#" lines kept as they are

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.msgid)

    @property
    def finished(self) -> bool:
        return bool(self.strings) and all(self.strings) and not self.fuzzy


@dataclass
class Catalogue:
    header: str
    entries: list[Entry]

    def plural_count(self) -> int:
        for line in self.header.splitlines():
            if line.lower().startswith("plural-forms:"):
                for part in line.split(":", 1)[1].split(";"):
                    name, _, value = part.strip().partition("=")
                    if name.strip() == "nplurals":
                        return int(value)
        return 2


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    if not isinstance(value, str):
        raise ValueError("a .po string must be quoted text")
    return value


def parse_po(text: str) -> Catalogue:
    """Read a ``.po`` file (the subset we write: msgctxt, msgid, msgid_plural, msgstr[n])."""
    header = ""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    comments: list[str] = []
    fuzzy = False
    current: str | None = None

    def flush() -> None:
        nonlocal header, fuzzy, comments
        if "msgid" in fields:
            if fields["msgid"] == "" and "msgctxt" not in fields:
                header = fields.get("msgstr", "")
            else:
                if "msgid_plural" in fields:
                    count = len([k for k in fields if k.startswith("msgstr[")])
                    strings = [fields.get(f"msgstr[{n}]", "") for n in range(count)]
                else:
                    strings = [fields.get("msgstr", "")]
                entries.append(
                    Entry(
                        fields.get("msgctxt", ""),
                        fields["msgid"],
                        fields.get("msgid_plural"),
                        strings,
                        fuzzy,
                        comments,
                    )
                )
        fields.clear()
        comments = []
        fuzzy = False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            current = None
            continue
        if line.startswith("#"):
            if current is not None:
                flush()
                current = None
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif not line.startswith("#~"):
                comments.append(raw)
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"a continued string with nothing before it: {line}")
            fields[current] += _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt" and "msgid" in fields:
            flush()
        current = keyword
        fields[keyword] = _unquote(rest)
    flush()
    return Catalogue(header, entries)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def write_po(catalogue: Catalogue) -> str:
    """The ``.po`` text of ``catalogue`` (entries in the order given)."""
    out = ['msgid ""', "msgstr " + _quote("")]
    out.extend(_quote(line + "\n") for line in catalogue.header.splitlines())
    for entry in catalogue.entries:
        out.append("")
        out.extend(entry.comments)
        if entry.fuzzy:
            out.append("#, fuzzy")
        if entry.context:
            out.append("msgctxt " + _quote(entry.context))
        out.append("msgid " + _quote(entry.msgid))
        if entry.plural is not None:
            out.append("msgid_plural " + _quote(entry.plural))
            for n, text in enumerate(entry.strings):
                out.append(f"msgstr[{n}] " + _quote(text))
        else:
            out.append("msgstr " + _quote(entry.strings[0] if entry.strings else ""))
    return "\n".join(out) + "\n"


def compile_mo(catalogue: Catalogue) -> bytes:
    """The GNU ``.mo`` bytes of the finished entries (an unfinished one reads as English)."""
    pairs = {"": catalogue.header}
    for entry in catalogue.entries:
        if not entry.finished:
            continue
        key = entry.msgid if not entry.context else entry.context + _SEP + entry.msgid
        if entry.plural is not None:
            key += "\0" + entry.plural
        pairs[key] = "\0".join(entry.strings)
    keys = sorted(pairs)
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    start = 7 * 4 + 16 * len(keys)
    offsets: list[int] = []
    blob = b""
    for data in ids + strs:
        offsets += [len(data), start + len(blob)]
        blob += data + b"\0"
    head = struct.pack("<7I", 0x950412DE, 0, len(keys), 28, 28 + 8 * len(keys), 0, 0)
    return head + struct.pack(f"<{len(offsets)}I", *offsets) + blob


# --------------------------------------------------------------------------- loading


def _read_resource(name: str) -> str | None:
    source = resources.files("engager_desktop.resources").joinpath("i18n").joinpath(name)
    return source.read_text(encoding="utf-8") if source.is_file() else None


@lru_cache(maxsize=8)
def catalogue(language: str) -> Catalogue | None:
    """The language's catalogue as written (``cy.po``); None when there is none."""
    text = _read_resource(f"{language}.po")
    return None if text is None else parse_po(text)


@lru_cache(maxsize=8)
def _translations(language: str) -> gettext.NullTranslations:
    found = catalogue(language)
    if found is None:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(compile_mo(found)))


@lru_cache(maxsize=1)
def template_keys() -> frozenset[tuple[str, str]]:
    """Every (context, English text) the code marks, from ``engager.pot``."""
    text = _read_resource(TEMPLATE)
    return frozenset(e.key for e in parse_po(text).entries) if text else frozenset()


def available() -> tuple[str, ...]:
    """The languages with a catalogue (and English, which needs none)."""
    return tuple(code for code in LANGUAGES if code == ENGLISH or catalogue(code) is not None)


# --------------------------------------------------------------------------- choosing


def set_language(code: str) -> str:
    """Use ``code`` from now on (an unknown code means English); returns the one in use."""
    global _language
    chosen = _chosen(code)
    with _lock:
        _language = chosen
    return chosen


def _chosen(code: str) -> str:
    return code if code in LANGUAGES or code == PSEUDO else ENGLISH


def language() -> str:
    """The language in use in this thread: a ``using`` block's, else the global setting."""
    return _override.get() or _language


def global_language() -> str:
    """The global setting (what every thread uses outside a ``using`` block)."""
    return _language


class using:
    """``with using("cy"):`` — a language for a block of this thread only (printing in his
    language on a worker, tests); other threads and the global setting are unchanged."""

    def __init__(self, code: str) -> None:
        self._code = code
        self._token: contextvars.Token[str | None] | None = None

    def __enter__(self) -> str:
        chosen = _chosen(self._code)
        self._token = _override.set(chosen)
        return chosen

    def __exit__(self, *_exc: object) -> None:
        if self._token is not None:
            _override.reset(self._token)
            self._token = None


# --------------------------------------------------------------------------- translating


def N_(context: str, text: str) -> str:  # noqa: N802 - the usual gettext name for a marker
    """Mark ``text`` for the catalogue without translating it now (constants defined at import)."""
    del context
    return text


def _pseudo(context: str, text: str) -> str:
    if (context, text) in template_keys():
        return PSEUDO_OPEN + text + PSEUDO_CLOSE
    return text


def lookup(context: str, text: str, code: str | None = None) -> str | None:
    """The translation of ``text`` in ``code`` (default: the language in use); None if none."""
    code = code or language()
    if code == ENGLISH:
        return None
    if code == PSEUDO:
        marked = _pseudo(context, text)
        return None if marked == text else marked
    found = _translations(code).pgettext(context, text)
    return None if found == text else found


def tr(context: str, text: str) -> str:
    """``text`` in the language in use (English when the catalogue has no finished entry)."""
    return lookup(context, text) or text


def trn(context: str, singular: str, plural: str, n: int) -> str:
    """The form for ``n`` (the catalogue's plural rule), with ``{n}`` filled in."""
    code = language()
    if code == PSEUDO:
        english = singular if n == 1 else plural
        chosen = _pseudo(context, singular)
        chosen = english if chosen == singular else PSEUDO_OPEN + english + PSEUDO_CLOSE
    elif code == ENGLISH:
        chosen = singular if n == 1 else plural
    else:
        chosen = _translations(code).npgettext(context, singular, plural, n)
    return chosen.replace("{n}", str(n))


# --------------------------------------------------------------------------- dates

MONTHS = (
    N_("Month", "January"),
    N_("Month", "February"),
    N_("Month", "March"),
    N_("Month", "April"),
    N_("Month", "May"),
    N_("Month", "June"),
    N_("Month", "July"),
    N_("Month", "August"),
    N_("Month", "September"),
    N_("Month", "October"),
    N_("Month", "November"),
    N_("Month", "December"),
)
MONTHS_SHORT = (
    N_("Month (short)", "Jan"),
    N_("Month (short)", "Feb"),
    N_("Month (short)", "Mar"),
    N_("Month (short)", "Apr"),
    N_("Month (short)", "May"),
    N_("Month (short)", "Jun"),
    N_("Month (short)", "Jul"),
    N_("Month (short)", "Aug"),
    N_("Month (short)", "Sep"),
    N_("Month (short)", "Oct"),
    N_("Month (short)", "Nov"),
    N_("Month (short)", "Dec"),
)
DAYS_SHORT = (
    N_("Day (short)", "Mon"),
    N_("Day (short)", "Tue"),
    N_("Day (short)", "Wed"),
    N_("Day (short)", "Thu"),
    N_("Day (short)", "Fri"),
    N_("Day (short)", "Sat"),
    N_("Day (short)", "Sun"),
)


def month_name(month: int, *, short: bool = False) -> str:
    if short:
        return tr("Month (short)", MONTHS_SHORT[month - 1])
    return tr("Month", MONTHS[month - 1])


def weekday_short(day: date) -> str:
    return tr("Day (short)", DAYS_SHORT[day.weekday()])


def short_date(day: date | datetime) -> str:
    """'4 Dec 2026' / '4 Rhag 2026': the day, the month's short name, the year."""
    return f"{day.day} {month_name(day.month, short=True)} {day.year}"


def long_date(day: date | datetime) -> str:
    """'4 December 2026' / '4 Rhagfyr 2026'."""
    return f"{day.day} {month_name(day.month)} {day.year}"


# --------------------------------------------------------------------------- for tests and tools


def unfinished(code: str) -> Iterator[Entry]:
    """The entries of ``code``'s catalogue with an empty form or marked fuzzy."""
    found = catalogue(code)
    for entry in found.entries if found else ():
        if not entry.finished:
            yield entry


def reload() -> None:
    """Forget the loaded catalogues (after ``dev.py strings`` rewrote them)."""
    catalogue.cache_clear()
    _translations.cache_clear()
    template_keys.cache_clear()
