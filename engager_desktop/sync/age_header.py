"""Read an age v1 header ourselves, before any decryption: recipient kind and scrypt work factor.

pyrage would run whatever scrypt work factor a file asks for; a hostile file could ask for hours of
work or gigabytes of memory. So the header is parsed here first (strictly, with length limits, per
the age v1 specification) and a passphrase file whose work factor is above ``MAX_WORK_FACTOR`` is
refused before the passphrase is touched. A passphrase stanza must stand alone, as age requires,
so a passphrase bundle costs at most one key derivation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engager_desktop.i18n import tr
from engager_desktop.sync.errors import BundleRefused

INTRO = b"age-encryption.org/v1\n"
MAX_WORK_FACTOR = 20
MAX_HEADER_BYTES = 64 * 1024
MAX_STANZAS = 64
MAX_LINE = 1024
_COLUMNS = 64
_ARG = re.compile(rb"[\x21-\x7e]+")
_B64 = re.compile(rb"[A-Za-z0-9+/]*")
_SALT = re.compile(rb"[A-Za-z0-9+/]{22}")  # 16 bytes, unpadded
_FACTOR = re.compile(rb"[1-9][0-9]?")

X25519 = "x25519"
PASSPHRASE = "passphrase"


@dataclass(frozen=True)
class Stanza:
    kind: bytes
    args: tuple[bytes, ...]


@dataclass(frozen=True)
class AgeHeader:
    stanzas: tuple[Stanza, ...]
    length: int  # bytes up to and including the MAC line

    @property
    def recipient_kind(self) -> str:
        return PASSPHRASE if any(s.kind == b"scrypt" for s in self.stanzas) else X25519

    @property
    def work_factor(self) -> int | None:
        for stanza in self.stanzas:
            if stanza.kind == b"scrypt":
                return int(stanza.args[1])
        return None


def _damaged(detail: str) -> BundleRefused:
    return BundleRefused(
        "not_age",
        tr("Errors", "the file is not a readable bundle ({detail})").format(detail=detail),
    )


class _Lines:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def next(self) -> bytes:
        end = self.data.find(b"\n", self.pos, self.pos + MAX_LINE + 1)
        if end < 0:
            raise _damaged(tr("Errors", "a header line is too long or the header is cut short"))
        line = self.data[self.pos : end]
        self.pos = end + 1
        if self.pos > MAX_HEADER_BYTES:
            raise _damaged(tr("Errors", "the header is too long"))
        return line


def parse_header(data: bytes) -> AgeHeader:
    """Parse the header of an age v1 file; raise BundleRefused for anything out of the format."""
    if not data.startswith(INTRO):
        raise _damaged(tr("Errors", "it does not start as an age v1 file"))
    lines = _Lines(data)
    lines.pos = len(INTRO)
    stanzas: list[Stanza] = []
    while True:
        line = lines.next()
        if line.startswith(b"--- "):
            if not _B64.fullmatch(line[4:]) or len(line[4:]) != 43:
                raise _damaged(tr("Errors", "the header's MAC line is malformed"))
            break
        if not line.startswith(b"-> "):
            raise _damaged(tr("Errors", "a header line is not a recipient"))
        stanzas.append(_stanza(line, lines))
        if len(stanzas) > MAX_STANZAS:
            raise _damaged(tr("Errors", "too many recipients"))
    header = AgeHeader(tuple(stanzas), lines.pos)
    _check_scrypt(header)
    return header


def _stanza(line: bytes, lines: _Lines) -> Stanza:
    words = line[3:].split(b" ")
    if not words or not all(_ARG.fullmatch(w) for w in words):
        raise _damaged(tr("Errors", "a recipient line is malformed"))
    while True:  # body: full 64-column lines, then one shorter (possibly empty) line
        body = lines.next()
        if len(body) > _COLUMNS or not _B64.fullmatch(body):
            raise _damaged(tr("Errors", "a recipient body is malformed"))
        if len(body) < _COLUMNS:
            break
    return Stanza(words[0], tuple(words[1:]))


def _check_scrypt(header: AgeHeader) -> None:
    scrypt = [s for s in header.stanzas if s.kind == b"scrypt"]
    if not scrypt:
        if not any(s.kind == b"X25519" for s in header.stanzas):
            raise BundleRefused(
                "no_recipient", tr("Errors", "the bundle was not made for an Engager device")
            )
        return
    if len(header.stanzas) != 1:
        raise _damaged(tr("Errors", "a passphrase recipient must stand alone"))
    args = scrypt[0].args
    if len(args) != 2 or not _SALT.fullmatch(args[0]) or not _FACTOR.fullmatch(args[1]):
        raise _damaged(tr("Errors", "the passphrase recipient is malformed"))
    if int(args[1]) > MAX_WORK_FACTOR:
        raise BundleRefused(
            "work_factor",
            tr(
                "Errors",
                (
                    "the bundle's passphrase would need too much work to open (work factor "
                    "{args}, at most {max_work_factor} allowed); it was not opened"
                ),
            ).format(args=int(args[1]), max_work_factor=MAX_WORK_FACTOR),
        )
