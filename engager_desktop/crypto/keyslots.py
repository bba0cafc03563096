"""The keyslots.json file: the vault's data key wrapped under the passphrase and the recovery code.

Layout (docs/vault.md): a canonical-JSON body ``{"format", "version", "vault_id", "slots"}`` and a
top-level ``"checksum"``, the hex SHA-256 of the canonical body, so a damaged file reads as
"damaged", never as "wrong passphrase". Each slot derives one key-encryption key (Argon2id of the
passphrase, or HKDF of the recovery code) and wraps the data key of one generation, or two during
a full rekey, with ChaCha20-Poly1305; the associated data binds the format, version, vault id,
slot kind, KDF parameters and generation. Passphrases are encoded as UTF-8 after NFC normalisation.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from engager_desktop.crypto import recovery_code
from engager_desktop.crypto.errors import VaultDamaged, WrongPassphrase, WrongRecoveryCode
from engager_desktop.crypto.kdf import (
    Argon2Params,
    KdfPolicy,
    derive_argon2,
    meets_floor,
    within_ceiling,
)
from engager_desktop.i18n import tr

FORMAT = "engager-keyslots"
VERSION = 1
DEFAULT_FILE_NAME = "keyslots.json"
DEK_LENGTH = 32
NONCE_LENGTH = 12
SALT_LENGTH = 16
TAG_LENGTH = 16
MAX_GENERATIONS = 2
MAX_FILE_BYTES = 64 * 1024
MAX_VAULT_ID = 128


class _Malformed(ValueError):
    """Internal: the file's structure is not what this version writes."""


@dataclass(frozen=True)
class Wrapped:
    """One data key of generation ``gen``, encrypted under a slot's key-encryption key."""

    gen: int
    nonce: bytes
    ct: bytes

    def to_json(self) -> dict[str, Any]:
        return {"gen": self.gen, "nonce": _b64(self.nonce), "ct": _b64(self.ct)}


@dataclass(frozen=True)
class PassphraseSlot:
    params: Argon2Params
    salt: bytes
    wrapped: tuple[Wrapped, ...]
    kind: ClassVar[str] = "passphrase"

    def kdf_json(self) -> dict[str, Any]:
        p = self.params
        salt = _b64(self.salt)
        return {"alg": "argon2id", "t": p.time_cost, "m": p.memory_kib, "p": p.lanes, "salt": salt}


@dataclass(frozen=True)
class RecoverySlot:
    salt: bytes
    wrapped: tuple[Wrapped, ...]
    kind: ClassVar[str] = "recovery"

    def kdf_json(self) -> dict[str, Any]:
        return {"alg": "hkdf-sha256", "salt": _b64(self.salt)}


Slot = PassphraseSlot | RecoverySlot


@dataclass(frozen=True)
class Keyslots:
    """The parsed file. Build new ones with the module's functions; never edit one in place."""

    vault_id: str
    passphrase: PassphraseSlot
    recovery: RecoverySlot

    @property
    def generations(self) -> tuple[int, ...]:
        gens = {w.gen for w in self.passphrase.wrapped} | {w.gen for w in self.recovery.wrapped}
        return tuple(sorted(gens))

    def body(self) -> dict[str, Any]:
        slots = [_slot_json(self.passphrase), _slot_json(self.recovery)]
        return {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id, "slots": slots}

    def to_bytes(self) -> bytes:
        body = self.body()
        document = {**body, "checksum": _checksum(body)}
        return (json.dumps(document, sort_keys=True, indent=2) + "\n").encode("ascii")

    @classmethod
    def from_bytes(
        cls, data: bytes, policy: KdfPolicy, file_name: str = DEFAULT_FILE_NAME
    ) -> Keyslots:
        """Parse and check a keyslots file; any problem at all raises ``VaultDamaged``."""
        try:
            parsed = _parse(data)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise VaultDamaged(file_name) from exc
        if not meets_floor(parsed.passphrase.params, policy.floor):
            raise VaultDamaged(
                file_name, tr("Errors", "its key-derivation parameters are below the floor")
            )
        return parsed


# --------------------------------------------------------------------------- encoding


def _canonical(value: object) -> bytes:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return text.encode("ascii")


def _checksum(body: Mapping[str, Any]) -> str:
    return hashlib.sha256(_canonical(body)).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _slot_json(slot: Slot) -> dict[str, Any]:
    return {
        "kind": slot.kind,
        "kdf": slot.kdf_json(),
        "wrapped": [w.to_json() for w in slot.wrapped],
    }


def _associated_data(vault_id: str, slot_kind: str, kdf: Mapping[str, Any], gen: int) -> bytes:
    return _canonical(
        {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": vault_id,
            "kind": slot_kind,
            "kdf": kdf,
            "gen": gen,
        }
    )


def _encode_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8", "surrogatepass")


# --------------------------------------------------------------------------- parsing


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Malformed(tr("Errors", "duplicate key"))
    return result


def _no_constants(name: str) -> None:
    raise _Malformed(tr("Errors", "non-finite number {name}").format(name=name))


def _object(value: object, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) != keys:
        raise _Malformed(tr("Errors", "unexpected object"))
    return value


def _int(value: object, low: int = 1) -> int:
    if type(value) is not int or value < low:
        raise _Malformed(tr("Errors", "expected a positive whole number"))
    return value


def _bytes(value: object, low: int, high: int) -> bytes:
    if not isinstance(value, str):
        raise _Malformed(tr("Errors", "expected base64 text"))
    raw = base64.b64decode(value, validate=True)
    if _b64(raw) != value or not low <= len(raw) <= high:
        raise _Malformed(tr("Errors", "bad base64 value"))
    return raw


def _parse(data: bytes) -> Keyslots:
    if len(data) > MAX_FILE_BYTES:
        raise _Malformed(tr("Errors", "file too large"))
    document = json.loads(
        data.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants
    )
    document = _object(document, {"format", "version", "vault_id", "slots", "checksum"})
    body = {key: value for key, value in document.items() if key != "checksum"}
    if document["checksum"] != _checksum(body):
        raise _Malformed(tr("Errors", "checksum mismatch"))
    if document["format"] != FORMAT or document["version"] != VERSION:
        raise _Malformed(tr("Errors", "unknown format or version"))
    vault_id = document["vault_id"]
    if not isinstance(vault_id, str) or not 0 < len(vault_id) <= MAX_VAULT_ID:
        raise _Malformed(tr("Errors", "bad vault id"))
    slots = document["slots"]
    if not isinstance(slots, list) or len(slots) != 2:
        raise _Malformed(tr("Errors", "expected two slots"))
    return Keyslots(vault_id, _parse_passphrase_slot(slots[0]), _parse_recovery_slot(slots[1]))


def _slot_parts(value: object, kind: str, kdf_keys: set[str]) -> tuple[dict[str, Any], bytes, Any]:
    slot = _object(value, {"kind", "kdf", "wrapped"})
    if slot["kind"] != kind:
        raise _Malformed(tr("Errors", "unexpected slot kind"))
    kdf = _object(slot["kdf"], kdf_keys)
    return kdf, _bytes(kdf["salt"], SALT_LENGTH, 64), slot["wrapped"]


def _parse_passphrase_slot(value: object) -> PassphraseSlot:
    kdf, salt, wrapped = _slot_parts(value, "passphrase", {"alg", "t", "m", "p", "salt"})
    if kdf["alg"] != "argon2id":
        raise _Malformed(tr("Errors", "unknown KDF"))
    params = Argon2Params(_int(kdf["t"]), _int(kdf["m"]), _int(kdf["p"]))
    if not within_ceiling(params):
        raise _Malformed(tr("Errors", "KDF parameters above the ceiling"))
    return PassphraseSlot(params, salt, _parse_wrapped(wrapped))


def _parse_recovery_slot(value: object) -> RecoverySlot:
    kdf, salt, wrapped = _slot_parts(value, "recovery", {"alg", "salt"})
    if kdf["alg"] != "hkdf-sha256":
        raise _Malformed(tr("Errors", "unknown KDF"))
    return RecoverySlot(salt, _parse_wrapped(wrapped))


def _parse_wrapped(value: object) -> tuple[Wrapped, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_GENERATIONS:
        raise _Malformed(tr("Errors", "expected one or two wrapped keys"))
    entries = []
    for item in value:
        entry = _object(item, {"gen", "nonce", "ct"})
        nonce = _bytes(entry["nonce"], NONCE_LENGTH, NONCE_LENGTH)
        ct = _bytes(entry["ct"], DEK_LENGTH + TAG_LENGTH, DEK_LENGTH + TAG_LENGTH)
        entries.append(Wrapped(_int(entry["gen"]), nonce, ct))
    if len({w.gen for w in entries}) != len(entries):
        raise _Malformed(tr("Errors", "repeated generation"))
    return tuple(entries)


# --------------------------------------------------------------------------- wrapping


def _check_deks(deks: Mapping[int, bytes]) -> None:
    if not 1 <= len(deks) <= MAX_GENERATIONS:
        raise ValueError("a keyslot wraps one or two generations of the data key")
    for gen, dek in deks.items():
        if type(gen) is not int or gen < 1 or len(dek) != DEK_LENGTH:
            raise ValueError("a data key is 32 bytes with a generation number of 1 or more")


def _wrap_all(
    vault_id: str, kind: str, kdf: Mapping[str, Any], kek: bytes, deks: Mapping[int, bytes]
) -> tuple[Wrapped, ...]:
    aead = ChaCha20Poly1305(kek)
    wrapped = []
    for gen in sorted(deks):
        nonce = os.urandom(NONCE_LENGTH)
        ad = _associated_data(vault_id, kind, kdf, gen)
        wrapped.append(Wrapped(gen, nonce, aead.encrypt(nonce, deks[gen], ad)))
    return tuple(wrapped)


def _passphrase_slot(
    vault_id: str, deks: Mapping[int, bytes], passphrase: str, params: Argon2Params
) -> PassphraseSlot:
    salt = os.urandom(SALT_LENGTH)
    kek = derive_argon2(_encode_passphrase(passphrase), salt, params)
    empty = PassphraseSlot(params, salt, ())
    return replace(empty, wrapped=_wrap_all(vault_id, empty.kind, empty.kdf_json(), kek, deks))


def _recovery_slot(vault_id: str, deks: Mapping[int, bytes], code: str) -> RecoverySlot:
    salt = os.urandom(SALT_LENGTH)
    kek = recovery_code.derive_recovery_key(code, salt)
    empty = RecoverySlot(salt, ())
    return replace(empty, wrapped=_wrap_all(vault_id, empty.kind, empty.kdf_json(), kek, deks))


def _unwrap(ks: Keyslots, slot: Slot, kek: bytes) -> dict[int, bytes]:
    aead = ChaCha20Poly1305(kek)
    kdf = slot.kdf_json()
    opened: dict[int, bytes] = {}
    for entry in slot.wrapped:
        ad = _associated_data(ks.vault_id, slot.kind, kdf, entry.gen)
        try:
            opened[entry.gen] = aead.decrypt(entry.nonce, entry.ct, ad)
        except InvalidTag:
            continue
    if opened and len(opened) != len(slot.wrapped):
        raise VaultDamaged(DEFAULT_FILE_NAME, tr("Errors", "one of its wrapped keys does not open"))
    return opened


# --------------------------------------------------------------------------- public API


def create(
    vault_id: str,
    dek: bytes,
    passphrase: str,
    recovery_code: str,
    params: Argon2Params,
    gen: int = 1,
) -> Keyslots:
    """Keyslots for a new vault: ``dek`` of generation ``gen`` under both secrets."""
    if not isinstance(vault_id, str) or not 0 < len(vault_id) <= MAX_VAULT_ID:
        raise ValueError("a vault id is a non-empty string of at most 128 characters")
    return _build(vault_id, {gen: dek}, passphrase, recovery_code, params)


def _build(
    vault_id: str,
    deks: Mapping[int, bytes],
    passphrase: str,
    code: str,
    params: Argon2Params,
) -> Keyslots:
    _check_deks(deks)
    return Keyslots(
        vault_id,
        _passphrase_slot(vault_id, deks, passphrase, params),
        _recovery_slot(vault_id, deks, code),
    )


def open_with_passphrase(ks: Keyslots, passphrase: str) -> dict[int, bytes]:
    """Every data key the passphrase unwraps (generation → key); ``WrongPassphrase`` if none."""
    slot = ks.passphrase
    kek = derive_argon2(_encode_passphrase(passphrase), slot.salt, slot.params)
    opened = _unwrap(ks, slot, kek)
    if not opened:
        raise WrongPassphrase()
    return opened


def open_with_recovery(ks: Keyslots, code: str) -> dict[int, bytes]:
    """Every data key the recovery code unwraps; the code's format is checked first."""
    digits = recovery_code.normalise(code)
    kek = recovery_code.derive_recovery_key(digits, ks.recovery.salt)
    opened = _unwrap(ks, ks.recovery, kek)
    if not opened:
        raise WrongRecoveryCode()
    return opened


def _require_same_generations(ks: Keyslots, deks: Mapping[int, bytes]) -> None:
    _check_deks(deks)
    if tuple(sorted(deks)) != ks.generations:
        raise ValueError("the data keys given are not the generations this file holds")


def with_new_passphrase(
    ks: Keyslots, deks: Mapping[int, bytes], new_passphrase: str, params: Argon2Params
) -> Keyslots:
    """A new passphrase slot (new salt, ``params``); the recovery slot is kept as it is."""
    _require_same_generations(ks, deks)
    return replace(ks, passphrase=_passphrase_slot(ks.vault_id, deks, new_passphrase, params))


def with_new_recovery(ks: Keyslots, deks: Mapping[int, bytes], new_code: str) -> Keyslots:
    """A new recovery slot for ``new_code``; the passphrase slot is kept as it is."""
    _require_same_generations(ks, deks)
    return replace(ks, recovery=_recovery_slot(ks.vault_id, deks, new_code))


def with_deks(
    ks: Keyslots,
    deks: Mapping[int, bytes],
    passphrase: str,
    recovery_code: str,
    params: Argon2Params,
) -> Keyslots:
    """Both slots made afresh, wrapping every generation in ``deks`` (a rekey holds two)."""
    return _build(ks.vault_id, deks, passphrase, recovery_code, params)


def keep_generation(ks: Keyslots, gen: int) -> Keyslots:
    """Drop every wrapped key but generation ``gen`` from both slots (the end of a rekey)."""

    def only(wrapped: tuple[Wrapped, ...]) -> tuple[Wrapped, ...]:
        kept = tuple(w for w in wrapped if w.gen == gen)
        if not kept:
            raise ValueError(f"generation {gen} is not in this keyslots file")
        return kept

    return Keyslots(
        ks.vault_id,
        replace(ks.passphrase, wrapped=only(ks.passphrase.wrapped)),
        replace(ks.recovery, wrapped=only(ks.recovery.wrapped)),
    )


def kdf_params(ks: Keyslots) -> Argon2Params:
    """The Argon2id parameters of the passphrase slot."""
    return ks.passphrase.params
