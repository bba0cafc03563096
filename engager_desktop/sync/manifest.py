"""The bundle manifest: what a bundle holds and who made it, as canonical JSON checked strictly.

Every field is required and no other is allowed; strings and lists have length limits, so a hostile
manifest cannot make the reader allocate much. The Ed25519 signature covers these exact bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from engager_desktop.domain import device_names
from engager_desktop.i18n import tr
from engager_desktop.sync import field_lists
from engager_desktop.sync.errors import BundleRefused

FORMAT = "engager-bundle/1"  # format 1.0; field_lists.label gives the others
MAX_MANIFEST_BYTES = 64 * 1024
MAX_RECIPIENTS = 32
MAX_ACKS = 256
MAX_SENT_BEFORE = 32
MAX_EARLIER_HEADS = 64
SCOPES = ("all", "since_ack", "men")
RECIPIENT_KINDS = ("x25519", "passphrase")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_HLC = re.compile(r"\d{13}-\d{6}")
_REVISION = re.compile(r"[0-9a-z_]{1,32}")
_WHEN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_TABLE = re.compile(r"[a-z_]{1,40}")
_MAX_INT = 1 << 53


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    exporter: str  # device id
    exporter_name: str
    seq: int
    previous: str | None  # SHA-256 of this device's previous bundle file
    schema: str  # the schema revision its records' format describes (field_lists.Version)
    recipient_kind: str  # x25519 | passphrase
    recipients: tuple[str, ...]  # device ids (empty for a passphrase bundle)
    scope: str  # all | since_ack | men
    complete: bool  # holds every record up to ``hlc`` the recipients had not acknowledged
    payload_sha256: str
    payload_length: int
    inflated_length: int
    counts: dict[str, tuple[int, int]]  # table -> (live, deleted)
    created_at: str  # exporter's wall clock, UTC
    hlc: str  # exporter's clock stamp at export: every record included is at or below it
    acks: dict[str, tuple[int, int]]  # device -> (last seq imported, last complete seq imported)
    audit_count: int
    audit_head: str
    format_minor: int = 0  # the records' format is 1.<minor> (field_lists)
    # recipient -> this maker's earlier bundles made for it (at most MAX_SENT_BEFORE, oldest
    # first), so a gap is counted per receiver; None in a passphrase bundle or an older one.
    sent_before: dict[str, tuple[int, ...]] | None = None
    # (count, head) of this vault's audit log at earlier bundles: those the other devices last
    # acknowledged and the most recent ones; each receiver compares those it saw (sync.audit_anchor)
    audit_earlier: tuple[tuple[int, str], ...] = ()

    @property
    def records(self) -> int:
        return sum(live + dead for live, dead in self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": field_lists.label(field_lists.MAJOR, self.format_minor),
            "bundle_id": self.bundle_id,
            "exporter": {"device_id": self.exporter, "name": self.exporter_name},
            "seq": self.seq,
            "previous": self.previous,
            "schema": self.schema,
            "recipients": {"kind": self.recipient_kind, "devices": list(self.recipients)},
            "scope": {"kind": self.scope, "complete": self.complete},
            "payload": {
                "sha256": self.payload_sha256,
                "length": self.payload_length,
                "inflated": self.inflated_length,
                "compression": "zlib",
            },
            "counts": {t: list(pair) for t, pair in sorted(self.counts.items())},
            "created": {"at": self.created_at, "hlc": self.hlc},
            "acks": {d: list(pair) for d, pair in sorted(self.acks.items())},
            "audit": self._audit_json(),
        } | self._sent_before_json()

    def _audit_json(self) -> dict[str, Any]:
        audit: dict[str, Any] = {"count": self.audit_count, "head": self.audit_head}
        if self.audit_earlier:  # format 1.1; a 1.0 bundle has none
            audit["earlier"] = [[count, head] for count, head in self.audit_earlier]
        return audit

    def _sent_before_json(self) -> dict[str, Any]:
        if self.sent_before is None:
            return {}
        return {"sent_before": {d: list(seqs) for d, seqs in sorted(self.sent_before.items())}}

    def to_bytes(self) -> bytes:
        text = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return text.encode("ascii")


def _bad(detail: str) -> BundleRefused:
    return BundleRefused(
        "manifest",
        tr("Errors", "the bundle's manifest is invalid ({detail})").format(detail=detail),
    )


def _obj(value: Any, keys: set[str], what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or value.keys() != keys:
        raise _bad(
            tr("Errors", "{what} does not have exactly the expected fields").format(what=what)
        )
    return value


def _str(value: Any, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _bad(tr("Errors", "{what} is malformed").format(what=what))
    return value


def _int(value: Any, what: str, low: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value < _MAX_INT:
        raise _bad(tr("Errors", "{what} is not a whole number in range").format(what=what))
    return value


def _pair(value: Any, what: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2:
        raise _bad(tr("Errors", "{what} is not a pair of numbers").format(what=what))
    return _int(value[0], what), _int(value[1], what)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _bad(tr("Errors", "a field is repeated"))
    return out


def parse(data: bytes) -> Manifest:
    """Strictly parse manifest bytes; BundleRefused for anything unexpected."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise _bad(tr("Errors", "too long"))
    try:
        raw = json.loads(data.decode("ascii"), object_pairs_hook=_no_duplicates)
    except BundleRefused:
        raise
    except (ValueError, RecursionError) as exc:
        raise _bad(tr("Errors", "not JSON")) from exc
    minor = _format_minor(raw)
    known = _known_only(raw) if minor > field_lists.FORMATS.current.minor else raw
    optional = {"sent_before"} & known.keys() if isinstance(known, dict) else set()
    top = _obj(known, _TOP_KEYS | optional, "the manifest")
    manifest = _build(top, minor)
    if _canonical(raw) != data:  # the JSON as parsed, so keys a newer minor added count too
        raise _bad(tr("Errors", "not in canonical form"))
    return manifest


def _canonical(raw: Any) -> bytes:
    try:
        text = json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    except (ValueError, RecursionError) as exc:
        raise _bad(tr("Errors", "not in canonical form")) from exc
    return text.encode("ascii")


# The keys of the manifest's objects this build knows; a newer minor's others are ignored.
_OBJECT_KEYS = {
    "exporter": {"device_id", "name"},
    "recipients": {"kind", "devices"},
    "scope": {"kind", "complete"},
    "payload": {"sha256", "length", "inflated", "compression"},
    "created": {"at", "hlc"},
    "audit": {"count", "head", "earlier"},
}


def _known_only(raw: dict[str, Any]) -> dict[str, Any]:
    """A manifest of a newer 1.x minor without the keys this build does not know: at the top
    and inside the objects whose keys it knows (maps of tables or devices are kept whole)."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _TOP_KEYS and key != "sent_before":
            continue
        wanted = _OBJECT_KEYS.get(key)
        if wanted is not None and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k in wanted}
        out[key] = value
    return out


_FORMAT = re.compile(r"engager-bundle/([1-9][0-9]{0,5})(?:\.([1-9][0-9]{0,5}))?")


def _format_minor(raw: Any) -> int:
    """The records' format minor version; a newer major version is refused whole, first (its
    manifest may differ in every other way)."""
    found = raw.get("format") if isinstance(raw, dict) else None
    matched = _FORMAT.fullmatch(found) if isinstance(found, str) else None
    if matched is None:
        raise BundleRefused(
            "format", tr("Errors", "the bundle was made in a format this version cannot read")
        )
    if int(matched[1]) > field_lists.MAJOR:
        raise BundleRefused(
            "format_newer",
            tr(
                "Errors",
                (
                    "this bundle was made by a newer version of Engager Desktop: update "
                    "Engager Desktop to read this bundle"
                ),
            ),
        )
    if int(matched[1]) < field_lists.MAJOR:
        raise BundleRefused(
            "format", tr("Errors", "the bundle was made in a format this version cannot read")
        )
    return int(matched[2] or 0)


_TOP_KEYS = {
    "format",
    "bundle_id",
    "exporter",
    "seq",
    "previous",
    "schema",
    "recipients",
    "scope",
    "payload",
    "counts",
    "created",
    "acks",
    "audit",
}


def _build(top: dict[str, Any], minor: int) -> Manifest:
    exporter = _obj(top["exporter"], {"device_id", "name"}, "exporter")
    name = exporter["name"]
    if not device_names.is_clean(name):  # no control characters: it is shown on screen
        raise _bad(tr("Errors", "exporter name is malformed"))
    recipients = _obj(top["recipients"], {"kind", "devices"}, "recipients")
    kind = recipients["kind"]
    devices = recipients["devices"]
    if kind not in RECIPIENT_KINDS or not isinstance(devices, list):
        raise _bad(tr("Errors", "recipients are malformed"))
    if len(devices) > MAX_RECIPIENTS or (kind == "passphrase") != (not devices):
        raise _bad(tr("Errors", "recipients are malformed"))
    scope = _obj(top["scope"], {"kind", "complete"}, "scope")
    if scope["kind"] not in SCOPES or not isinstance(scope["complete"], bool):
        raise _bad(tr("Errors", "scope is malformed"))
    payload = _obj(top["payload"], {"sha256", "length", "inflated", "compression"}, "payload")
    if payload["compression"] != "zlib":
        raise _bad(tr("Errors", "unknown compression"))
    created = _obj(top["created"], {"at", "hlc"}, "created")
    earlier = {"earlier"} & top["audit"].keys() if isinstance(top["audit"], dict) else set()
    audit = _obj(top["audit"], {"count", "head"} | earlier, "audit")
    previous = top["previous"]
    return Manifest(
        bundle_id=_str(top["bundle_id"], _UUID, "bundle id"),
        exporter=_str(exporter["device_id"], _UUID, "exporter"),
        exporter_name=name,
        seq=_int(top["seq"], "seq", 1),
        previous=None if previous is None else _str(previous, _HEX64, "previous"),
        schema=_str(top["schema"], _REVISION, "schema"),
        recipient_kind=kind,
        recipients=tuple(_str(d, _UUID, "recipient") for d in devices),
        scope=scope["kind"],
        complete=scope["complete"],
        payload_sha256=_str(payload["sha256"], _HEX64, "payload hash"),
        payload_length=_int(payload["length"], "payload length"),
        inflated_length=_int(payload["inflated"], "inflated length"),
        counts=_counts(top["counts"]),
        created_at=_str(created["at"], _WHEN, "created"),
        hlc=_str(created["hlc"], _HLC, "clock stamp"),
        acks=_acks(top["acks"]),
        audit_count=_int(audit["count"], "audit count"),
        audit_head=_str(audit["head"], _HEX64, "audit head"),
        format_minor=minor,
        sent_before=_sent_before(top.get("sent_before"), top["seq"], devices),
        audit_earlier=_earlier(audit.get("earlier", [])),
    )


def _counts(value: Any) -> dict[str, tuple[int, int]]:
    if not isinstance(value, dict) or len(value) > 64:
        raise _bad(tr("Errors", "counts are malformed"))
    return {_str(t, _TABLE, "a table name"): _pair(p, "a count") for t, p in value.items()}


def _sent_before(value: Any, seq: Any, devices: list[Any]) -> dict[str, tuple[int, ...]] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or sorted(value) != sorted(devices):
        raise _bad(tr("Errors", "earlier bundles are not listed for exactly the recipients"))
    out: dict[str, tuple[int, ...]] = {}
    for device, seqs in value.items():
        if not isinstance(seqs, list) or len(seqs) > MAX_SENT_BEFORE:
            raise _bad(tr("Errors", "earlier bundles are malformed"))
        numbers = tuple(_int(n, "an earlier bundle", 1) for n in seqs)
        if list(numbers) != sorted(set(numbers)) or (numbers and numbers[-1] >= seq):
            raise _bad(tr("Errors", "earlier bundles are malformed"))
        out[device] = numbers
    return out


def _acks(value: Any) -> dict[str, tuple[int, int]]:
    if not isinstance(value, dict) or len(value) > MAX_ACKS:
        raise _bad(tr("Errors", "acks are malformed"))
    return {_str(d, _UUID, "an ack"): _pair(p, "an ack") for d, p in value.items()}


def _earlier(value: Any) -> tuple[tuple[int, str], ...]:
    if not isinstance(value, list) or len(value) > MAX_EARLIER_HEADS:
        raise _bad(tr("Errors", "earlier audit heads are malformed"))
    heads = tuple(
        (_int(pair[0], "an earlier audit count"), _str(pair[1], _HEX64, "an earlier audit head"))
        for pair in value
        if isinstance(pair, list) and len(pair) == 2
    )
    counts = [count for count, _head in heads]
    if len(heads) != len(value) or counts != sorted(set(counts)):
        raise _bad(tr("Errors", "earlier audit heads are malformed"))
    return heads
