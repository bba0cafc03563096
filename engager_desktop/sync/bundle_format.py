"""The bundle file: an age v1 envelope around a signed manifest and a compressed record payload.

Inside the age plaintext (all lengths big-endian, nothing may follow the payload):

    MAGIC | u32 manifest length | manifest | 64-byte Ed25519 signature | u64 payload len | payload

The signature covers ``SIGNATURE_CONTEXT + manifest``; the manifest holds the payload's SHA-256,
so the signature covers the records too. An X25519 bundle is also encrypted to its maker (not
listed among the manifest's recipients), so the maker can read it back and verify it on the stick.
The payload is a zlib stream of canonical record lines, inflated in bounded steps so a "zip bomb"
stops at the cap. Decryption is in memory only (``pyrage.decrypt`` / ``pyrage.passphrase.decrypt``,
never a ``*_file``/``*_io`` form that could leave plaintext on disk). Each step raises
BundleRefused with a one-line reason.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from engager_desktop.fsutil import read_at_most
from engager_desktop.i18n import tr
from engager_desktop.sync.age_header import PASSPHRASE, AgeHeader
from engager_desktop.sync.bundle_passphrase import normalise
from engager_desktop.sync.canonical import MAX_RECORD_BYTES
from engager_desktop.sync.errors import BundleRefused, ExportFailed
from engager_desktop.sync.manifest import MAX_MANIFEST_BYTES

MIB = 1 << 20
MAX_FILE_BYTES = 200 * MIB
MAX_INFLATED_BYTES = 1024 * MIB
MAGIC = b"ENGAGER-BUNDLE/1\n"
SIGNATURE_CONTEXT = b"engager-bundle-manifest/v1\x00"
SIGNATURE_BYTES = 64
COMPRESSION_LEVEL = 6
_IN_CHUNK = 256 * 1024
_OUT_CHUNK = 4 * MIB
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")


@dataclass(frozen=True)
class Limits:
    """Caps on what a reader accepts; tests shrink them to prove they hold."""

    file: int = MAX_FILE_BYTES
    inflated: int = MAX_INFLATED_BYTES
    record: int = MAX_RECORD_BYTES


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Container:
    manifest: bytes
    signature: bytes
    payload: memoryview  # a view into the decrypted bundle: no second copy of the records


@dataclass(frozen=True)
class Payload:
    data: bytes
    sha256: str
    inflated_length: int
    lines: int


# --------------------------------------------------------------------------- writing


def compress_lines(lines: Iterable[bytes]) -> Payload:
    """Compress canonical lines (each written with a trailing newline) into one zlib stream."""
    packer = zlib.compressobj(COMPRESSION_LEVEL)
    parts: list[bytes] = []
    batch: list[bytes] = []
    size = count = inflated = 0
    for line in lines:
        batch.append(line)
        size += len(line) + 1
        count += 1
        if size >= MIB:
            inflated += size
            parts.append(packer.compress(b"\n".join(batch) + b"\n"))
            batch, size = [], 0
    if batch:
        inflated += size
        parts.append(packer.compress(b"\n".join(batch) + b"\n"))
    parts.append(packer.flush())
    data = b"".join(parts)
    return Payload(data, hashlib.sha256(data).hexdigest(), inflated, count)


def sign(private_raw: bytes, manifest: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(private_raw[:32])
    return key.sign(SIGNATURE_CONTEXT + manifest)


def pack(manifest: bytes, signature: bytes, payload: bytes) -> bytes:
    if len(manifest) > MAX_MANIFEST_BYTES or len(signature) != SIGNATURE_BYTES:
        raise ExportFailed("too_big", tr("Errors", "the bundle's manifest is too large"))
    return b"".join(
        (MAGIC, _U32.pack(len(manifest)), manifest, signature, _U64.pack(len(payload)), payload)
    )


def encrypt_to_devices(plaintext: bytes, recipients: Iterable[str]) -> bytes:
    try:
        keys = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
        return bytes(pyrage.encrypt(plaintext, keys))
    except (pyrage.RecipientError, pyrage.EncryptError, ValueError) as exc:
        raise ExportFailed(
            "encrypt", tr("Errors", "the bundle could not be encrypted to its devices")
        ) from exc


def encrypt_to_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    try:
        return bytes(pyrage.passphrase.encrypt(plaintext, normalise(passphrase)))
    except (pyrage.EncryptError, ValueError) as exc:
        raise ExportFailed("encrypt", tr("Errors", "the bundle could not be encrypted")) from exc


# --------------------------------------------------------------------------- reading


def read_capped(source: BinaryIO, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a whole bundle from a stream, refusing one larger than the file cap."""
    data = read_at_most(source, limits.file + 1)
    if len(data) > limits.file:
        raise too_large(limits)
    return data


def too_large(limits: Limits) -> BundleRefused:
    return BundleRefused(
        "too_large",
        tr("Errors", "the bundle is larger than {value} MiB; it was not opened").format(
            value=limits.file // MIB
        ),
    )


def decrypt(
    data: bytes, header: AgeHeader, *, identity: str | None, passphrase: str | None
) -> bytes:
    """Decrypt in memory with this device's age identity or the bundle passphrase."""
    try:
        if header.recipient_kind == PASSPHRASE:
            if passphrase is None:
                raise BundleRefused(
                    "passphrase_needed",
                    tr("Errors", "this bundle is locked with a passphrase: enter it"),
                )
            return bytes(pyrage.passphrase.decrypt(data, normalise(passphrase)))
        if identity is None:
            raise BundleRefused(
                "no_identity", tr("Errors", "this vault has no device key to open bundles")
            )
        return bytes(pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)]))
    except pyrage.DecryptError as exc:
        raise _decrypt_refusal(header, str(exc)) from None
    except (pyrage.IdentityError, ValueError) as exc:
        raise BundleRefused("damaged", tr("Errors", "the bundle cannot be decrypted")) from exc


def _decrypt_refusal(header: AgeHeader, reason: str) -> BundleRefused:
    if header.recipient_kind == PASSPHRASE and "excessive work" in reason.lower():
        # age measures this laptop's speed at each decryption and refuses a work factor more
        # than 16 times what it can do in about a second: a slow or busy laptop, not a wrong
        # passphrase (the passphrase was never tried).
        return BundleRefused(
            "too_slow",
            tr(
                "Errors",
                (
                    "this laptop is too slow or too busy just now to open a bundle locked with a "
                    "passphrase (the passphrase was not tried); close other programs and try "
                    "again, or ask for the bundle to be made for this laptop's device key"
                ),
            ),
        )
    if header.recipient_kind == PASSPHRASE:  # scrypt cannot tell the two apart
        return BundleRefused(
            "wrong_passphrase", tr("Errors", "wrong bundle passphrase, or a damaged bundle")
        )
    if "no matching keys" in reason.lower():  # no key stanza opened: for others, or damaged
        return BundleRefused(
            "cannot_open",
            tr(
                "Errors",
                (
                    "this laptop cannot open the bundle: it is damaged, or it was made only "
                    "for other laptops; it was not opened"
                ),
            ),
        )
    return BundleRefused(
        "damaged", tr("Errors", "the bundle is damaged or incomplete; it was not opened")
    )


def unpack(plaintext: bytes, limits: Limits = DEFAULT_LIMITS) -> Container:
    """Split the decrypted bundle into manifest, signature and payload, checking every length."""
    view = memoryview(plaintext)
    if not plaintext.startswith(MAGIC):
        raise _structure(tr("Errors", "it is not an Engager bundle"))
    pos = len(MAGIC)
    manifest_len = _read(_U32, view, pos)
    pos += _U32.size
    if manifest_len > MAX_MANIFEST_BYTES or pos + manifest_len + SIGNATURE_BYTES > len(view):
        raise _structure(tr("Errors", "the manifest length is wrong"))
    manifest = bytes(view[pos : pos + manifest_len])
    pos += manifest_len
    signature = bytes(view[pos : pos + SIGNATURE_BYTES])
    pos += SIGNATURE_BYTES
    payload_len = _read(_U64, view, pos)
    pos += _U64.size
    if payload_len > limits.file or pos + payload_len != len(view):
        raise _structure(tr("Errors", "the payload length is wrong"))
    return Container(manifest, signature, view[pos:])


def _read(fmt: struct.Struct, view: memoryview, pos: int) -> int:
    if pos + fmt.size > len(view):
        raise _structure(tr("Errors", "it is cut short"))
    value: int = fmt.unpack_from(view, pos)[0]
    return value


def _structure(detail: str) -> BundleRefused:
    return BundleRefused(
        "structure", tr("Errors", "the bundle is damaged ({detail})").format(detail=detail)
    )


def verify_signature(public_raw: bytes, manifest: bytes, signature: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(
            signature, SIGNATURE_CONTEXT + manifest
        )
    except (InvalidSignature, ValueError):
        raise BundleRefused(
            "signature",
            tr("Errors", "the bundle's signature does not match its maker's enrolled key"),
        ) from None


def check_payload(payload: bytes | memoryview, sha256: str, length: int) -> None:
    if len(payload) != length or hashlib.sha256(payload).hexdigest() != sha256:
        raise BundleRefused(
            "payload_hash", tr("Errors", "the bundle's records do not match its manifest")
        )


def inflate_lines(
    payload: bytes | memoryview, expected: int, limits: Limits = DEFAULT_LIMITS
) -> Iterator[bytes]:
    """Yield each record line, inflating in bounded steps; refuse over-long lines and totals."""
    if expected > limits.inflated:
        raise inflated_too_large(limits)
    unpacker = zlib.decompressobj()
    pending = bytearray()
    total = offset = 0
    try:
        while not unpacker.eof:
            chunk: bytes | memoryview
            if unpacker.unconsumed_tail:
                chunk = unpacker.unconsumed_tail
            elif offset < len(payload):
                chunk = payload[offset : offset + _IN_CHUNK]
                offset += len(chunk)
            else:
                raise _structure(tr("Errors", "the records are cut short"))
            out = unpacker.decompress(chunk, _OUT_CHUNK)
            total += len(out)
            if total > expected:
                raise _structure(tr("Errors", "the records are longer than the manifest says"))
            pending += out
            yield from _complete_lines(pending, limits.record)
    except zlib.error:
        raise _structure(tr("Errors", "the records cannot be inflated")) from None
    if unpacker.unused_data or offset < len(payload) or total != expected or pending:
        raise _structure(tr("Errors", "the records do not end where the manifest says"))


def _complete_lines(pending: bytearray, cap: int) -> Iterator[bytes]:
    start = 0
    while True:
        end = pending.find(b"\n", start)
        if end < 0:
            break
        if end - start > cap:
            raise _record_cap()
        yield bytes(pending[start:end])
        start = end + 1
    del pending[:start]
    if len(pending) > cap:
        raise _record_cap()


def inflated_too_large(limits: Limits) -> BundleRefused:
    return BundleRefused(
        "inflated_too_large",
        tr(
            "Errors",
            "the bundle's records would take more than {value} MiB unpacked; it was not opened",
        ).format(value=limits.inflated // MIB),
    )


def _record_cap() -> BundleRefused:
    return BundleRefused(
        "record_too_large", tr("Errors", "the bundle holds a record larger than 1 MiB")
    )
