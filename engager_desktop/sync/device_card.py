"""Device cards: the small public file two laptops swap to enrol each other, and its fingerprint.

A card is canonical JSON holding the device id, its name, its Ed25519 signing key and its age
(X25519) recipient, signed by that signing key (so a card cannot be edited without the private
key). Since bundle format 1.2 a card may also name the practitioner who uses the laptop and their
role (``practitioner`` and ``role``, both or neither): a card without them is the same bytes as
before, so older builds still read it, and every older card still reads here. The fingerprint is
the first 128 bits of SHA-256 of the raw signing key, as 8 groups of 4
lowercase hex digits joined by dashes; practitioners compare it on both screens before enrolling.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from engager_desktop.domain import device_names
from engager_desktop.i18n import tr
from engager_desktop.sync.errors import TrustError

FORMAT = "engager-device-card/1"
MAX_CARD_BYTES = 4096
CARD_SUFFIX = ".engager-card"
_CONTEXT = b"engager-device-card/v1\x00"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_AGE_RECIPIENT = re.compile(r"age1[02-9ac-hj-np-z]{58}")
_KEYS = {"format", "device_id", "name", "signing_key", "age_recipient", "signature"}
_TEAM_KEYS = _KEYS | {"practitioner", "role"}
ROLES = ("practitioner", "supervisor")


@dataclass(frozen=True)
class DeviceCard:
    device_id: str
    name: str
    signing_key: bytes  # raw Ed25519 public key, 32 bytes
    age_recipient: str
    practitioner: str | None = None  # the practitioner's name, as set on that laptop
    role: str | None = None  # one of ROLES, with a practitioner's name only

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)


def fingerprint(signing_key: bytes) -> str:
    digest = hashlib.sha256(signing_key).hexdigest()[:32]
    return "-".join(digest[i : i + 4] for i in range(0, 32, 4))


def normalise_fingerprint(text: str) -> str:
    """What a practitioner typed, compared ignoring case, spaces and dashes."""
    return re.sub(r"[\s\-]", "", text).lower()


def fingerprints_match(card: DeviceCard, typed: str) -> bool:
    return normalise_fingerprint(typed) == normalise_fingerprint(card.fingerprint)


def _body(card: DeviceCard) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": FORMAT,
        "device_id": card.device_id,
        "name": card.name,
        "signing_key": base64.b64encode(card.signing_key).decode("ascii"),
        "age_recipient": card.age_recipient,
    }
    if card.practitioner:
        body["practitioner"] = card.practitioner
        body["role"] = card.role or ROLES[0]
    return body


def _canonical(obj: dict[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def write_card(card: DeviceCard, signing_private: bytes) -> bytes:
    """The card file's bytes, signed with the device's own signing key."""
    key = Ed25519PrivateKey.from_private_bytes(signing_private[:32])
    body = _body(card)
    body["signature"] = base64.b64encode(key.sign(_CONTEXT + _canonical(body))).decode("ascii")
    return _canonical(body) + b"\n"


def _bad(detail: str) -> TrustError:
    return TrustError(
        "card_invalid",
        tr("Errors", "this is not a valid device card ({detail})").format(detail=detail),
    )


def read_card(data: bytes) -> DeviceCard:
    """Parse and check a card file (format, fields, self-signature); TrustError if not right."""
    if len(data) > MAX_CARD_BYTES:
        raise _bad(tr("Errors", "too large"))
    try:
        raw = json.loads(data.decode("ascii"))
    except (ValueError, RecursionError) as exc:
        raise _bad(tr("Errors", "not a card file")) from exc
    if not isinstance(raw, dict) or raw.keys() not in (_KEYS, _TEAM_KEYS):
        raise _bad(tr("Errors", "unexpected fields"))
    if raw["format"] != FORMAT:
        raise _bad(tr("Errors", "unexpected fields"))
    device_id, name, recipient = raw["device_id"], raw["name"], raw["age_recipient"]
    if not isinstance(device_id, str) or not _UUID.fullmatch(device_id):
        raise _bad(tr("Errors", "device id"))
    if not device_names.is_clean(name):
        raise _bad(tr("Errors", "device name"))
    if not isinstance(recipient, str) or not _AGE_RECIPIENT.fullmatch(recipient):
        raise _bad(tr("Errors", "encryption key"))
    signing_key = _b64(raw["signing_key"], 32, "signing key")
    signature = _b64(raw["signature"], 64, "signature")
    practitioner, role = raw.get("practitioner"), raw.get("role")
    if practitioner is not None and (not practitioner or not device_names.is_clean(practitioner)):
        raise _bad(tr("Errors", "practitioner's name"))
    if practitioner is not None and role not in ROLES:
        raise _bad("role")
    card = DeviceCard(device_id, name, signing_key, recipient, practitioner, role)
    try:
        Ed25519PublicKey.from_public_bytes(signing_key).verify(
            signature, _CONTEXT + _canonical(_body(card))
        )
    except (InvalidSignature, ValueError):
        raise _bad(tr("Errors", "its signature does not match")) from None
    return card


def _b64(value: Any, size: int, what: str) -> bytes:
    if not isinstance(value, str):
        raise _bad(what)
    try:
        decoded = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _bad(what) from None
    if len(decoded) != size:
        raise _bad(what)
    return decoded
