"""keyslots.json: round trips, wrong secrets, damage detection, floor, and two generations."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import unicodedata
from typing import Any

import pytest

from engager_desktop.crypto import keyslots
from engager_desktop.crypto.errors import (
    RecoveryCodeFormatError,
    VaultDamaged,
    WrongPassphrase,
    WrongRecoveryCode,
)
from engager_desktop.crypto.kdf import PRODUCTION, Argon2Params, KdfPolicy
from engager_desktop.crypto.keyslots import Keyslots
from engager_desktop.crypto.recovery_code import generate

POLICY = KdfPolicy.for_tests()
TINY = Argon2Params(1, 8, 1)
PASS = "kestrel-lantern-meadow-quartz"
VAULT_ID = "3f1c2b8e-1d2a-4c55-9d0e-8b7a6c5d4e3f"
DEK = bytes(range(32))
CODE = generate()


@pytest.fixture(scope="module")
def ks() -> Keyslots:
    return keyslots.create(VAULT_ID, DEK, PASS, CODE, TINY)


def _reparse(ks: Keyslots) -> Keyslots:
    return Keyslots.from_bytes(ks.to_bytes(), POLICY)


def _document(ks: Keyslots) -> dict[str, Any]:
    return dict(json.loads(ks.to_bytes()))


def _with_checksum(document: dict[str, Any]) -> bytes:
    body = {k: v for k, v in document.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return json.dumps({**body, "checksum": hashlib.sha256(canonical).hexdigest()}).encode()


def test_round_trip(ks: Keyslots) -> None:
    parsed = _reparse(ks)
    assert parsed == ks
    assert parsed.vault_id == VAULT_ID and parsed.generations == (1,)
    assert keyslots.open_with_passphrase(parsed, PASS) == {1: DEK}
    assert keyslots.open_with_recovery(parsed, CODE) == {1: DEK}
    assert keyslots.open_with_recovery(parsed, CODE.replace("-", " ")) == {1: DEK}
    assert keyslots.kdf_params(parsed) == TINY


def test_layout_matches_design(ks: Keyslots) -> None:
    doc = _document(ks)
    assert set(doc) == {"format", "version", "vault_id", "slots", "checksum"}
    assert (doc["format"], doc["version"], doc["vault_id"]) == ("engager-keyslots", 1, VAULT_ID)
    passphrase, recovery = doc["slots"]
    assert passphrase["kind"] == "passphrase" and recovery["kind"] == "recovery"
    assert set(passphrase["kdf"]) == {"alg", "t", "m", "p", "salt"}
    assert (passphrase["kdf"]["alg"], passphrase["kdf"]["t"], passphrase["kdf"]["m"]) == (
        "argon2id", 1, 8,
    )  # fmt: skip
    assert recovery["kdf"]["alg"] == "hkdf-sha256"
    assert [set(w) for w in passphrase["wrapped"]] == [{"gen", "nonce", "ct"}]
    body = {k: v for k, v in doc.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    assert doc["checksum"] == hashlib.sha256(canonical).hexdigest()
    assert DEK.hex() not in ks.to_bytes().decode() and PASS not in ks.to_bytes().decode()


def test_salts_and_nonces_are_fresh() -> None:
    a = keyslots.create(VAULT_ID, DEK, PASS, CODE, TINY)
    b = keyslots.create(VAULT_ID, DEK, PASS, CODE, TINY)
    assert a.passphrase.salt != b.passphrase.salt and a.recovery.salt != b.recovery.salt
    assert a.passphrase.wrapped[0].nonce != b.passphrase.wrapped[0].nonce


def test_wrong_passphrase(ks: Keyslots) -> None:
    for wrong in ("", PASS + " ", PASS.upper(), "kestrel-lantern-meadow-quartZ"):
        with pytest.raises(WrongPassphrase):
            keyslots.open_with_passphrase(ks, wrong)


def test_wrong_recovery_code(ks: Keyslots) -> None:
    with pytest.raises(WrongRecoveryCode):
        keyslots.open_with_recovery(ks, generate())


def test_mistyped_recovery_code_is_a_format_error(ks: Keyslots) -> None:
    typo = CODE[:-1] + str((int(CODE[-1]) + 3) % 10)
    with pytest.raises(RecoveryCodeFormatError, match="group 8"):
        keyslots.open_with_recovery(ks, typo)


def test_passphrase_is_nfc_normalised() -> None:
    composed = unicodedata.normalize("NFC", "café-ŵyn-über-straße-sŷr")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    ks = keyslots.create(VAULT_ID, DEK, decomposed, CODE, TINY)
    assert keyslots.open_with_passphrase(ks, composed) == {1: DEK}


def test_every_single_bit_flip_is_damage_never_a_wrong_key(ks: Keyslots) -> None:
    data = ks.to_bytes()
    damaged = 0
    for index in range(len(data)):
        for bit in range(8):
            flipped = bytearray(data)
            flipped[index] ^= 1 << bit
            try:
                parsed = Keyslots.from_bytes(bytes(flipped), POLICY)
            except VaultDamaged:
                damaged += 1
                continue
            # Only a change the parser cannot see could get here; it must still open correctly.
            assert keyslots.open_with_passphrase(parsed, PASS) == {1: DEK}
    assert damaged == len(data) * 8


def test_every_truncation_is_damage(ks: Keyslots) -> None:
    data = ks.to_bytes()
    for length in range(len(data) - 1):  # the final newline is optional
        with pytest.raises(VaultDamaged, match="keyslots.json"):
            Keyslots.from_bytes(data[:length], POLICY)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xfe",
        b"[]",
        b"null",
        b'{"checksum": NaN}',
        b"x" * 100_000,
        "é".encode("latin-1"),
        b"[" * 30_000 + b"]" * 30_000,
    ],
)
def test_garbage_is_damage(data: bytes) -> None:
    with pytest.raises(VaultDamaged):
        Keyslots.from_bytes(data, POLICY, "keyslots.json")


def test_damage_names_the_file(ks: Keyslots) -> None:
    with pytest.raises(VaultDamaged, match="the vault is damaged: other.json"):
        Keyslots.from_bytes(ks.to_bytes()[:-10], POLICY, "other.json")


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(version=2),
        lambda d: d.update(format="something-else"),
        lambda d: d.update(vault_id=""),
        lambda d: d.update(extra=1),
        lambda d: d["slots"].reverse(),
        lambda d: d["slots"].pop(),
        lambda d: d["slots"][0]["kdf"].update(t=True),
        lambda d: d["slots"][0]["kdf"].update(m=8 * 1024 * 1024),
        lambda d: d["slots"][0]["kdf"].update(alg="scrypt"),
        lambda d: d["slots"][0]["wrapped"][0].update(gen=0),
        lambda d: d["slots"][0]["wrapped"][0].update(nonce="AAAA"),
        lambda d: d["slots"][0]["wrapped"][0].update(ct="not base64!"),
        lambda d: d["slots"][1]["wrapped"].clear(),
        lambda d: d["slots"][1]["wrapped"].extend([d["slots"][1]["wrapped"][0]] * 2),
    ],
)
def test_structural_problems_with_a_valid_checksum_are_damage(ks: Keyslots, edit: Any) -> None:
    doc = _document(ks)
    edit(doc)
    with pytest.raises(VaultDamaged):
        Keyslots.from_bytes(_with_checksum(doc), POLICY)


def test_duplicate_keys_are_damage(ks: Keyslots) -> None:
    text = ks.to_bytes().decode()
    doubled = text.replace('"version": 1', '"version": 1, "version": 1')
    with pytest.raises(VaultDamaged):
        Keyslots.from_bytes(doubled.encode(), POLICY)


def test_params_below_floor_are_refused(ks: Keyslots) -> None:
    with pytest.raises(VaultDamaged, match="below the floor"):
        Keyslots.from_bytes(ks.to_bytes(), PRODUCTION)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(vault_id="another-vault"),
        lambda d: d["slots"][0]["kdf"].update(t=2),
        lambda d: d["slots"][0]["wrapped"][0].update(gen=2),
    ],
)
def test_associated_data_binds_context(ks: Keyslots, edit: Any) -> None:
    """Even with the checksum recomputed, an edited file never yields a key."""
    doc = _document(ks)
    edit(doc)
    parsed = Keyslots.from_bytes(_with_checksum(doc), POLICY)
    with pytest.raises(WrongPassphrase):
        keyslots.open_with_passphrase(parsed, PASS)


def test_two_generations_round_trip(ks: Keyslots) -> None:
    new_dek, new_code = os.urandom(32), generate()
    both = keyslots.with_deks(ks, {1: DEK, 2: new_dek}, PASS, new_code, TINY)
    parsed = _reparse(both)
    assert parsed.generations == (1, 2)
    assert keyslots.open_with_passphrase(parsed, PASS) == {1: DEK, 2: new_dek}
    assert keyslots.open_with_recovery(parsed, new_code) == {1: DEK, 2: new_dek}
    with pytest.raises(WrongRecoveryCode):
        keyslots.open_with_recovery(parsed, CODE)
    final = _reparse(keyslots.keep_generation(parsed, 2))
    assert final.generations == (2,)
    assert keyslots.open_with_passphrase(final, PASS) == {2: new_dek}
    assert keyslots.open_with_recovery(final, new_code) == {2: new_dek}
    with pytest.raises(ValueError):
        keyslots.keep_generation(final, 1)


def test_a_wrapped_key_that_does_not_open_is_damage(ks: Keyslots) -> None:
    other = keyslots.create(VAULT_ID, os.urandom(32), PASS, CODE, TINY, gen=2)
    mixed_slot = dataclasses.replace(
        ks.passphrase, wrapped=ks.passphrase.wrapped + other.passphrase.wrapped
    )
    mixed = _reparse(dataclasses.replace(ks, passphrase=mixed_slot))
    with pytest.raises(VaultDamaged):
        keyslots.open_with_passphrase(mixed, PASS)


def test_new_passphrase_keeps_recovery_slot(ks: Keyslots) -> None:
    new_params = Argon2Params(2, 16, 1)
    changed = _reparse(keyslots.with_new_passphrase(ks, {1: DEK}, "a-new-passphrase", new_params))
    assert changed.recovery == ks.recovery
    assert keyslots.kdf_params(changed) == new_params
    assert keyslots.open_with_passphrase(changed, "a-new-passphrase") == {1: DEK}
    assert keyslots.open_with_recovery(changed, CODE) == {1: DEK}
    with pytest.raises(WrongPassphrase):
        keyslots.open_with_passphrase(changed, PASS)


def test_new_recovery_keeps_passphrase_slot(ks: Keyslots) -> None:
    new_code = generate()
    changed = _reparse(keyslots.with_new_recovery(ks, {1: DEK}, new_code))
    assert changed.passphrase == ks.passphrase
    assert keyslots.open_with_recovery(changed, new_code) == {1: DEK}
    assert keyslots.open_with_passphrase(changed, PASS) == {1: DEK}
    with pytest.raises(WrongRecoveryCode):
        keyslots.open_with_recovery(changed, CODE)


@pytest.mark.parametrize(
    "deks",
    [{}, {2: DEK}, {1: DEK, 2: DEK}, {1: DEK[:16]}, {0: DEK}, {1: DEK, 2: DEK, 3: DEK}],
)
def test_data_keys_must_match_the_file(ks: Keyslots, deks: dict[int, bytes]) -> None:
    with pytest.raises(ValueError):
        keyslots.with_new_passphrase(ks, deks, PASS, TINY)
    with pytest.raises(ValueError):
        keyslots.with_new_recovery(ks, deks, CODE)


def test_create_checks_its_inputs() -> None:
    with pytest.raises(ValueError):
        keyslots.create("", DEK, PASS, CODE, TINY)
    with pytest.raises(ValueError):
        keyslots.create(VAULT_ID, DEK[:31], PASS, CODE, TINY)
    with pytest.raises(RecoveryCodeFormatError):
        keyslots.create(VAULT_ID, DEK, PASS, CODE[:-2], TINY)
