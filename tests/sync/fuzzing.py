"""Seeded input makers for the long bundle fuzz run (tests/sync/test_fuzz.py).

Every maker takes a ``random.Random`` so a run is repeatable from its seed (the bundles it starts
from are fresh each run: age encryption is randomised). Three families:

* byte-level mutations of a real bundle file: bit flips, byte changes, truncations, insertions,
  deletions, splices of two bundles, edits to the age header's lines;
* random input: any bytes, or the age intro line followed by any bytes;
* re-signed bundles: a real bundle's records or manifest changed, then packed, signed with the
  maker's real key and encrypted to the importer, so the checks past the signature are reached.

``encrypt_passphrase`` writes an age v1 passphrase file with a chosen (small) scrypt work factor,
which pyrage cannot do; tests put it in place of the exporter's own to make passphrase bundles
that open in milliseconds rather than seconds.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import json
import random
import struct
import uuid
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import trust
from engager_desktop.sync.age_header import INTRO
from engager_desktop.sync.manifest import Manifest

PASSPHRASE = "harbour-lantern-fuzz-2026"
# One inserted digit makes 13 (cheap) or 23-93 / 30-39 (refused unopened), never 19 or 20 (which
# would cost seconds and up to 1 GiB of scrypt memory per input).
SMALL_WORK_FACTOR = 3
_CHUNK = 64 * 1024

# --------------------------------------------------------------------------- age, by hand


def _b64(data: bytes) -> bytes:
    return base64.b64encode(data).rstrip(b"=")


def _hkdf(key: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt, info).derive(key)


def encrypt_passphrase(plaintext: bytes, passphrase: str, factor: int = SMALL_WORK_FACTOR) -> bytes:
    """An age v1 file to one scrypt recipient with work factor ``factor`` (per the age spec)."""
    rng = random.SystemRandom()
    file_key, salt, nonce = (rng.randbytes(n) for n in (16, 16, 16))
    wrap = Scrypt(b"age-encryption.org/v1/scrypt" + salt, 32, 1 << factor, 8, 1)
    body = ChaCha20Poly1305(wrap.derive(passphrase.encode())).encrypt(bytes(12), file_key, None)
    header = INTRO + b"-> scrypt " + _b64(salt) + b" %d\n" % factor + _b64(body) + b"\n---"
    mac = hmac.new(_hkdf(file_key, b"", b"header"), header, hashlib.sha256).digest()
    stream = ChaCha20Poly1305(_hkdf(file_key, nonce, b"payload"))
    chunks = [plaintext[i : i + _CHUNK] for i in range(0, len(plaintext), _CHUNK)] or [b""]
    out = [header, b" ", _b64(mac), b"\n", nonce]
    for n, chunk in enumerate(chunks):
        last = b"\x01" if n == len(chunks) - 1 else b"\x00"
        out.append(stream.encrypt(n.to_bytes(11, "big") + last, chunk, None))
    return b"".join(out)


def header_length(data: bytes) -> int:
    """Bytes up to and including the MAC line (the whole input if it has none)."""
    at = data.find(b"\n--- ")
    if at < 0:
        return len(data)
    end = data.find(b"\n", at + 1)
    return len(data) if end < 0 else end + 1


# --------------------------------------------------------------------------- byte-level mutations


def _position(rng: random.Random, data: bytes) -> int:
    """Where to change a byte: the header and the last chunk's tag get more than their share."""
    if not data:
        return 0
    roll = rng.random()
    if roll < 0.4:
        return rng.randrange(min(len(data), header_length(data) + 16))
    if roll < 0.6:
        return max(0, len(data) - 1 - rng.randrange(min(len(data), 64)))
    return rng.randrange(len(data))


def bit_flips(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 8))):
        at = _position(rng, data)
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def byte_changes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    fills = (0x00, 0xFF, 0x0A, 0x0D, 0x20, 0x2D, 0x3D, 0x80)
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        at = _position(rng, data)
        out[at] = rng.choice(fills) if rng.random() < 0.3 else rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    """Cut the file short: anywhere, at the header's end, inside the nonce, or a few bytes off."""
    end = header_length(data)
    cut = rng.choice(
        (
            rng.randrange(len(data)),
            rng.randrange(end + 1),
            end + rng.randrange(17),
            len(data) - 1 - rng.randrange(min(len(data), 32)),
            len(data) - 16,
        )
    )
    return data[: max(0, cut)]


def _junk(rng: random.Random, most: int) -> bytes:
    size = rng.randint(1, most)
    roll = rng.random()
    if roll < 0.2:
        return b"\n" * size
    if roll < 0.4:
        return _b64(rng.randbytes(size))[:size]
    return rng.randbytes(size)


def insert(rng: random.Random, data: bytes) -> bytes:
    at = _position(rng, data) if rng.random() < 0.8 else len(data)
    return data[:at] + _junk(rng, rng.choice((1, 4, 64, 4096))) + data[at:]


def delete(rng: random.Random, data: bytes) -> bytes:
    at = _position(rng, data)
    return data[:at] + data[at + rng.randint(1, rng.choice((1, 8, 64, 70_000))) :]


def splice(rng: random.Random, first: bytes, second: bytes) -> bytes:
    """The start of one bundle and the end of another; often cut at the header's end."""
    if rng.random() < 0.4:
        return first[: header_length(first)] + second[header_length(second) :]
    return first[: rng.randrange(len(first) + 1)] + second[rng.randrange(len(second) + 1) :]


def random_bytes(rng: random.Random) -> bytes:
    return rng.randbytes(rng.choice((0, 1, 16, 200, 1000, 5000)) + rng.randrange(64))


def random_age(rng: random.Random) -> bytes:
    """The age intro line, then random bytes or random header-shaped lines."""
    if rng.random() < 0.5:
        return INTRO + random_bytes(rng)
    lines = [_random_line(rng) for _ in range(rng.randint(0, 8))]
    return INTRO + b"\n".join(lines) + b"\n" + random_bytes(rng)


def _random_line(rng: random.Random) -> bytes:
    kind = rng.choice((b"-> X25519 ", b"-> scrypt ", b"-> ", b"--- ", b""))
    return kind + _b64(rng.randbytes(rng.choice((0, 16, 32, 48, 64))))


# --------------------------------------------------------------------------- header-line edits

_TYPES = (b"X25519", b"x25519", b"scrypt", b"ssh-ed25519", b"grease-x", b"", b"X25519\x00", b"\xff")
_ARGS = (
    b"",
    b"0",
    b"1",
    b"2",
    b"10",
    b"14",
    b"21",
    b"22",
    b"64",
    b"99",
    b"100",
    b"01",
    b"-1",
    b"1e3",
    b"A" * 43,  # an all-zero X25519 share: a low-order point
    b"AQ" + b"A" * 41,
    b"/" * 43,
    b"A" * 22,
    b"A" * 21 + b"=",
    b"x" * 2000,
)
_BODIES = (b"", b"A" * 42, b"A" * 43, b"A" * 44, b"A" * 63, b"A" * 64, b"A" * 65, b"A" * 43 + b"=")
_MACS = (
    b"---",
    b"--- ",
    b"---  " + b"A" * 43,
    b"--- " + b"A" * 42,
    b"--- " + b"A" * 44,
    b"--- !" * 9,
)


def _replace_word(rng: random.Random, line: bytes) -> bytes:
    words = line[3:].split(b" ")
    at = rng.randrange(len(words))
    roll = rng.random()
    if at == 0 and roll < 0.5:
        words[0] = rng.choice(_TYPES)
    elif roll < 0.8:
        words[at] = rng.choice(_ARGS)
    elif roll < 0.9:
        words.insert(at + 1, rng.choice(_ARGS))
    elif len(words) > 1:
        del words[at]
    return b"-> " + b" ".join(words)


def _edit_lines(rng: random.Random, lines: list[bytes]) -> None:
    """One edit to the header's lines (the intro is lines[0], the MAC line lines[-1])."""
    n = len(lines)
    stanzas = [i for i, line in enumerate(lines) if line.startswith(b"-> ")]
    bodies = [i for i in range(1, n - 1) if i not in stanzas]
    op = rng.randrange(12)
    if op == 0:
        del lines[rng.randrange(n)]
    elif op == 1:
        at = rng.randrange(n)
        lines.insert(at, lines[at])
    elif op == 2:
        i, j = rng.randrange(n), rng.randrange(n)
        lines[i], lines[j] = lines[j], lines[i]
    elif op in (3, 4) and stanzas:
        at = rng.choice(stanzas)
        lines[at] = _replace_word(rng, lines[at])
    elif op == 5 and bodies:
        lines[rng.choice(bodies)] = rng.choice(_BODIES) if rng.random() < 0.7 else b"!" * 10
    elif op == 6:
        lines[-1] = rng.choice(_MACS) if rng.random() < 0.5 else lines[-1][:-1] + b"B"
    elif op == 7:
        lines[0] = rng.choice((b"age-encryption.org/v2", b"age-encryption.org/v1 ", b"age", b""))
    elif op == 8:  # an extra stanza, shaped right or not
        stanza = [b"-> " + rng.choice(_TYPES) + b" " + rng.choice(_ARGS), rng.choice(_BODIES)]
        at = rng.randint(1, n - 1)
        lines[at:at] = stanza * rng.choice((1, 1, 2, 70))
    elif op == 9:
        at = rng.randrange(n)
        lines[at] = lines[at] + b" " * rng.choice((1, 1100))
    elif op == 10:  # Windows line ends
        lines[:] = [line + b"\r" for line in lines]
    else:  # a scrypt stanza in place of (or beside) a recipient: the work factor is checked first
        factor = rng.choice((b"1", b"2", b"10", b"14", b"21", b"30", b"99", b"0", b"x"))
        stanza = [b"-> scrypt " + _b64(rng.randbytes(16)) + b" " + factor, _b64(rng.randbytes(32))]
        at = rng.choice(stanzas) if stanzas else 1
        lines[at : at + (2 if stanzas and rng.random() < 0.5 else 0)] = stanza


def header_edit(rng: random.Random, data: bytes) -> bytes:
    end = header_length(data)
    lines = data[:end].split(b"\n")[:-1]
    if not lines:
        return random_age(rng)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if lines:
            _edit_lines(rng, lines)
    return b"\n".join(lines) + b"\n" + data[end:]


BYTE_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "bit_flip": bit_flips,
    "byte_change": byte_changes,
    "truncate": truncate,
    "insert": insert,
    "delete": delete,
    "header_edit": header_edit,
}


# --------------------------------------------------------------------------- re-signed bundles

_VALUES: tuple[Any, ...] = (
    None,
    "",
    " ",
    "x" * 101,
    "x" * 70_000,
    0,
    -1,
    1,
    2**53,
    2**63,
    1.5,
    True,
    False,
    [],
    {},
    {"r": 1},
    "0000000000000-000000",
    "9999999999999-999999",
    "2026-02-30",
    "2026-11-02",
    "2026-11-02T09:00:00.000000",
    "2026-11-02T25:00:00.000000",
    "00000000-0000-4000-8000-000000000000",
    "not-an-id",
    "\u0000",
    "\ud800",
    "Mr Rees",
    "9999_newer",
    "x" * (1 << 20),
)


def _canonical(obj: Any, *, ascii: bool = False) -> bytes:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=ascii)
    return text.encode("utf-8", "surrogatepass")


def _change_value(rng: random.Random, obj: Any) -> Any:
    """Set one value somewhere in a JSON tree to something odd (a copy is returned)."""
    if isinstance(obj, dict) and obj and rng.random() < 0.8:
        key = rng.choice(list(obj))
        copy = dict(obj)
        roll = rng.random()
        if roll < 0.1:
            del copy[key]
        elif roll < 0.15:
            copy[key + "x"] = copy[key]
        else:
            copy[key] = _change_value(rng, copy[key])
        return copy
    if isinstance(obj, list) and obj and rng.random() < 0.8:
        items = list(obj)
        at = rng.randrange(len(items))
        items[at] = _change_value(rng, items[at])
        return items
    if isinstance(obj, int) and not isinstance(obj, bool) and rng.random() < 0.5:
        return obj + rng.choice((-1, 1, 1000))
    return rng.choice(_VALUES)


@dataclasses.dataclass(frozen=True)
class Resigner:
    """Re-pack a real bundle's records and manifest, changed, under its maker's real key."""

    maker: trust.OwnKeys
    recipients: Sequence[str]  # age recipients
    manifest: Manifest
    lines: Sequence[bytes]
    devices: Sequence[str]  # device ids: the importer's own, one it has not enrolled...

    def build(
        self,
        rng: random.Random,
        lines: Sequence[bytes],
        manifest: bytes | None = None,
        *,
        forge: bool = False,
    ) -> bytes:
        payload = fmt.compress_lines(lines)
        if manifest is None:
            made = dataclasses.replace(
                self.manifest,
                bundle_id=str(uuid.uuid4()),
                payload_sha256=payload.sha256,
                payload_length=len(payload.data),
                inflated_length=payload.inflated_length,
            )
            manifest = made.to_bytes()
        signature = fmt.sign(self.maker.signing_private, manifest)
        if forge:  # signed by another key, or the signature damaged
            other = Ed25519PrivateKey.from_private_bytes(rng.randbytes(32)).private_bytes_raw()
            signature = fmt.sign(other, manifest) if rng.random() < 0.5 else signature[::-1]
        plain = b"".join(  # fmt.pack, without its size check: the reader must make its own
            (
                fmt.MAGIC,
                struct.pack(">I", len(manifest)),
                manifest,
                signature,
                struct.pack(">Q", len(payload.data)),
                payload.data,
            )
        )
        return fmt.encrypt_to_devices(plain, self.recipients)

    def records(self, rng: random.Random) -> tuple[bytes, bool]:
        """Records changed (a value, a field, a line dropped, doubled, cut...); ``True`` if so."""
        lines = list(self.lines)
        at = rng.randrange(len(lines))
        op = rng.randrange(10)
        if op < 4:
            lines[at] = _canonical(_change_value(rng, json.loads(lines[at])))
        elif op == 4:
            del lines[at]
        elif op == 5:
            lines.insert(at, lines[at])
        elif op == 6:
            lines[at] = lines[at][: rng.randrange(len(lines[at]))]
        elif op == 7:
            lines[at] = bit_flips(rng, lines[at])
        elif op == 8:
            lines.insert(at, _junk(rng, 200).replace(b"\n", b" "))
        else:
            lines[at] = rng.choice((b"", b"{}", b"[]", b"null", b'{"r":{},"t":"participants"}'))
        forge = rng.random() < 0.05
        return self.build(rng, lines, forge=forge), forge or lines != list(self.lines)

    def manifest_change(self, rng: random.Random) -> tuple[bytes, bool]:
        """A new bundle id, then the manifest changed (a value somewhere) and re-signed; ``True``
        if it changed beyond the id (an unchanged one is a new, valid bundle)."""
        original = dataclasses.replace(self.manifest, bundle_id=str(uuid.uuid4())).to_json()
        if rng.random() < 0.2:  # made by, or for, another device
            changed = json.loads(json.dumps(original))
            where = changed["exporter"] if rng.random() < 0.5 else changed["recipients"]
            if "devices" in where:
                where["devices"] = sorted(rng.sample(self.devices, rng.randint(0, 2)))
            else:
                where["device_id"] = rng.choice(self.devices)
        else:
            changed = _change_value(rng, original)
        body = _canonical(changed, ascii=True)
        if rng.random() < 0.1:
            return self.build(rng, self.lines, body[:-1]), True
        forge = rng.random() < 0.05
        same = body == _canonical(original, ascii=True)  # not ``==``: True == 1 in Python
        return self.build(rng, self.lines, body, forge=forge), forge or not same
