"""The bundle format's pieces: age header, manifest, container, payload caps, records, cards."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pyrage
import pytest

from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import canonical, device_card, manifest
from engager_desktop.sync.age_header import parse_header
from engager_desktop.sync.errors import BundleRefused, RecordInvalid, TrustError
from engager_desktop.sync.verify import OpenKeys, open_bundle

SALT = base64.b64encode(b"s" * 16).decode().rstrip("=")
BODY = "A" * 43
MAC = "B" * 43


def _scrypt_file(factor: int, extra: str = "") -> bytes:
    header = f"age-encryption.org/v1\n-> scrypt {SALT} {factor}\n{BODY}\n{extra}--- {MAC}\n"
    return header.encode() + b"\x00" * 64


def _no_lookup(_device: str) -> bytes:
    raise AssertionError("the signer must not be looked up")


# --------------------------------------------------------------------------- age header


def test_work_factor_above_twenty_refused_before_any_key_derivation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def must_not_run(*_args: object) -> bytes:
        raise AssertionError("decrypt must not be called")

    monkeypatch.setattr(pyrage.passphrase, "decrypt", must_not_run)
    with pytest.raises(BundleRefused) as caught:
        open_bundle(_scrypt_file(21), OpenKeys("x", None, "some passphrase"), _no_lookup)
    assert caught.value.code == "work_factor"  # and decrypt never ran (no scrypt at 2**21)
    with pytest.raises(BundleRefused, match="work factor 40"):
        parse_header(_scrypt_file(40))


def test_work_factor_twenty_is_allowed() -> None:
    header = parse_header(_scrypt_file(20))
    assert header.recipient_kind == "passphrase" and header.work_factor == 20


def test_a_laptop_too_slow_for_the_work_factor_is_not_told_the_passphrase_is_wrong() -> None:
    """age refuses a work factor far above what this laptop does in a second (it measures at
    every decryption, so a busy laptop can refuse a bundle a quiet one opens): say so, since the
    passphrase was never tried. The message is age's own, made here for real."""
    sealed = pyrage.passphrase.encrypt(b"bundle", "some passphrase")
    line = sealed.split(b"\n")[1]
    factor = int(line.rsplit(b" ", 1)[1])
    heavier = sealed.replace(line, line.rsplit(b" ", 1)[0] + b" " + str(factor + 8).encode())
    with pytest.raises(pyrage.DecryptError) as age_says:
        pyrage.passphrase.decrypt(heavier, "some passphrase")
    refusal = fmt._decrypt_refusal(parse_header(_scrypt_file(20)), str(age_says.value))
    assert refusal.code == "too_slow"
    assert "passphrase was not tried" in str(refusal)
    wrong = fmt._decrypt_refusal(parse_header(_scrypt_file(20)), "header MAC is invalid")
    assert wrong.code == "wrong_passphrase"


def test_passphrase_stanza_must_stand_alone() -> None:
    extra = f"-> X25519 {BODY}\n{BODY}\n"
    with pytest.raises(BundleRefused, match="stand alone"):
        parse_header(_scrypt_file(18, extra))


@pytest.mark.parametrize(
    "text",
    [
        "age-encryption.org/v2\n",
        "age-encryption.org/v1\n-> X25519 arg\n" + "A" * 65 + "\n--- " + MAC + "\n",
        "age-encryption.org/v1\n-> X25519 arg\n\n--- short\n",
        "age-encryption.org/v1\n->  double-space\n\n--- " + MAC + "\n",
        "age-encryption.org/v1\n-> X25519 arg\n",
        "age-encryption.org/v1\n-> grease arg\n\n--- " + MAC + "\n",
        "age-encryption.org/v1\n" + "-> X25519 a\n\n" * 65 + "--- " + MAC + "\n",
    ],
)
def test_malformed_headers_refused(text: str) -> None:
    with pytest.raises(BundleRefused):
        parse_header(text.encode())


def test_real_age_headers_parse() -> None:
    identity = pyrage.x25519.Identity.generate()
    data = pyrage.encrypt(b"x", [identity.to_public()])
    header = parse_header(data)
    assert header.recipient_kind == "x25519" and header.work_factor is None
    assert data[header.length :] and data[: header.length].endswith(b"\n")


# --------------------------------------------------------------------------- manifest


def _manifest() -> manifest.Manifest:
    return manifest.Manifest(
        bundle_id="0f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",
        exporter="1f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",
        exporter_name="Engager laptop",
        seq=3,
        previous="a" * 64,
        schema="0004",
        recipient_kind="x25519",
        recipients=("2f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",),
        scope="since_ack",
        complete=True,
        payload_sha256="b" * 64,
        payload_length=10,
        inflated_length=20,
        counts={"participants": (1, 0)},
        created_at="2026-11-02T09:00:00.000000Z",
        hlc="1793610000000-000001",
        acks={"2f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b": (2, 1)},
        audit_count=7,
        audit_head="c" * 64,
    )


def test_manifest_round_trip() -> None:
    made = _manifest()
    assert manifest.parse(made.to_bytes()) == made


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("acks"),
        lambda d: d.update(seq=0),
        lambda d: d.update(seq=True),
        lambda d: d.update(previous="A" * 64),
        lambda d: d["recipients"].update(devices=[]),
        lambda d: d["payload"].update(compression="lzma"),
        lambda d: d["scope"].update(kind="some"),
    ],
)
def test_manifest_strictness(change: object) -> None:
    raw = json.loads(_manifest().to_bytes())
    change(raw)  # type: ignore[operator]
    text = json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()
    with pytest.raises(BundleRefused):
        manifest.parse(text)


def test_manifest_refuses_repeats_and_non_canonical_bytes() -> None:
    good = _manifest().to_bytes()
    with pytest.raises(BundleRefused):
        manifest.parse(good.replace(b'{"acks"', b'{"seq":1,"acks"', 1))
    with pytest.raises(BundleRefused, match="canonical"):
        manifest.parse(json.dumps(json.loads(good), sort_keys=True).encode())


# --------------------------------------------------------------------------- container, payload


def test_container_lengths_are_exact() -> None:
    body = _manifest().to_bytes()
    packed = fmt.pack(body, b"s" * 64, b"payload")
    assert bytes(fmt.unpack(packed).payload) == b"payload"
    for broken in (packed + b"x", packed[:-1], b"X" + packed[1:], packed[:20]):
        with pytest.raises(BundleRefused):
            fmt.unpack(broken)


def test_inflate_stops_at_the_cap() -> None:
    bomb = zlib.compress(b"{}\n" * 400_000, 9)  # 1.2 MB from a few KB
    small = fmt.Limits(file=1 << 20, inflated=1 << 20, record=1024)
    with pytest.raises(BundleRefused, match="unpacked"):
        list(fmt.inflate_lines(bomb, 1_200_000, small))
    with pytest.raises(BundleRefused, match="longer than the manifest"):
        list(fmt.inflate_lines(bomb, 1000, small))


def test_inflate_refuses_long_lines_trailing_data_and_cut_streams() -> None:
    limits = fmt.Limits(record=100)
    with pytest.raises(BundleRefused, match="larger than 1 MiB"):
        list(fmt.inflate_lines(zlib.compress(b"x" * 500 + b"\n"), 501, limits))
    good = zlib.compress(b"a\nb\n")
    assert list(fmt.inflate_lines(good, 4)) == [b"a", b"b"]
    for broken, size in ((good + b"junk", 4), (good[:-3], 4), (zlib.compress(b"a\nb"), 3)):
        with pytest.raises(BundleRefused):
            list(fmt.inflate_lines(broken, size))


# --------------------------------------------------------------------------- records


def _participant() -> dict[str, object]:
    spec = canonical.table_specs()["participants"]
    values: dict[str, object] = {name: None for name in spec.sorted_names}
    values.update(
        id="3f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",
        created_at="2026-11-02T09:00:00.000000",
        updated_at="1793610000000-000001",
        updated_by="1f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",
        deleted=False,
        rev=1,
        given_name="Aled",
        family_name="Evans",
        preferred_name="Aled",
        phase="engagement",
        isolated=False,
    )
    return values


def test_record_round_trip() -> None:
    line = canonical.encode("participants", _participant())
    record = canonical.decode(line)
    assert record.table == "participants" and record.values == _participant()
    assert canonical.encode(record.table, record.values) == line


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("given_name", None, "missing"),
        ("given_name", "x" * 101, "longer than 100"),
        ("given_name", 5, "not text"),
        ("rev", "1", "whole number"),
        ("rev", True, "whole number"),
        ("rev", 0, "below 1"),
        ("isolated", 1, "true or false"),
        ("date_of_birth", "2026-02-30", "real date"),
        ("date_of_birth", "02/01/1990", "not a date"),
        ("created_at", "2026-11-02 09:00:00", "not a time"),
        ("id", "not-an-id", "not an id"),
        ("updated_at", "12345", "clock stamp"),
    ],
)
def test_record_checks(field: str, value: object, message: str) -> None:
    values = _participant()
    values[field] = value
    with pytest.raises(RecordInvalid, match=message):
        canonical.decode(json.dumps({"r": values, "t": "participants"}).encode())


def test_record_shape_checks() -> None:
    values = _participant()
    good = json.dumps({"r": values, "t": "participants"})
    for text in (
        "[]",
        "not json",
        json.dumps({"r": values, "t": "audit_events"}),
        json.dumps({"r": {**values, "extra": 1}, "t": "participants"}),
        good.replace('"rev": 1', '"rev": 1, "rev": 1', 1),
        good[:-1] + ',"t":"participants"}',
    ):
        with pytest.raises(RecordInvalid):
            canonical.decode(text.encode())


# --------------------------------------------------------------------------- device cards


def test_card_fingerprint_and_tamper() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw_private = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    recipient = str(pyrage.x25519.Identity.generate().to_public())
    card = device_card.DeviceCard(
        "4f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b", "Laptop", public, recipient
    )
    data = device_card.write_card(card, raw_private)
    assert device_card.read_card(data) == card
    assert re.fullmatch(r"([0-9a-f]{4}-){7}[0-9a-f]{4}", card.fingerprint)
    assert device_card.fingerprints_match(card, card.fingerprint.upper().replace("-", " "))
    assert not device_card.fingerprints_match(card, card.fingerprint[:-1] + "x")
    with pytest.raises(TrustError, match="signature"):
        device_card.read_card(data.replace(b"Laptop", b"Laptoq"))
    with pytest.raises(TrustError):
        device_card.read_card(b"{" * 5000)
