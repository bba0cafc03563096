"""Open a bundle in the order the design fixes, refusing at the first check that fails.

size cap -> age header (scrypt work factor above 20 refused before any decryption) -> decrypt in
memory -> strict container and manifest parse -> signer enrolled and not revoked -> signature ->
this vault is a recipient -> payload hash. The records' format version was checked with the
manifest (a newer major version is refused whole; every 1.x is read, see ``wire_format``). The
import ledger and the record checks in staging come after this, in the importer. Nothing here
touches the database except through the ``signer`` lookup the caller passes in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from engager_desktop.i18n import tr
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import canonical, manifest, wire_format
from engager_desktop.sync.age_header import PASSPHRASE, AgeHeader, parse_header
from engager_desktop.sync.errors import BundleRefused

SignerLookup = Callable[[str], bytes]
"""Device id -> its enrolled signing key; raises BundleRefused if not enrolled or revoked."""


@dataclass(frozen=True)
class OpenKeys:
    device_id: str
    age_identity: str | None
    passphrase: str | None = None


@dataclass(frozen=True)
class OpenedBundle:
    manifest: manifest.Manifest
    header: AgeHeader
    payload: memoryview
    file_sha256: str
    file_size: int


def open_bundle(
    data: bytes,
    keys: OpenKeys,
    signer: SignerLookup,
    *,
    as_recipient: bool = True,
    limits: fmt.Limits = fmt.DEFAULT_LIMITS,
) -> OpenedBundle:
    """Run every check up to the ledger; ``as_recipient=False`` is the exporter's read-back."""
    if len(data) > limits.file:
        raise fmt.too_large(limits)
    header = parse_header(data)
    plaintext = fmt.decrypt(data, header, identity=keys.age_identity, passphrase=keys.passphrase)
    container = fmt.unpack(plaintext, limits)
    made = manifest.parse(container.manifest)
    public = signer(made.exporter)
    fmt.verify_signature(public, container.manifest, container.signature)
    _check_recipient(made, header, keys, as_recipient)
    fmt.check_payload(container.payload, made.payload_sha256, made.payload_length)
    if made.inflated_length > limits.inflated:
        raise fmt.inflated_too_large(limits)
    return OpenedBundle(
        made, header, container.payload, hashlib.sha256(data).hexdigest(), len(data)
    )


def _check_recipient(
    made: manifest.Manifest, header: AgeHeader, keys: OpenKeys, as_recipient: bool
) -> None:
    if (made.recipient_kind == "passphrase") != (header.recipient_kind == PASSPHRASE):
        raise BundleRefused(
            "recipients", tr("Errors", "the bundle's envelope does not match its manifest")
        )
    if as_recipient and made.recipient_kind == "x25519" and keys.device_id not in made.recipients:
        raise BundleRefused(
            "not_for_me",
            tr("Errors", "this bundle was made for another device; this vault is not a recipient"),
        )


def lines(opened: OpenedBundle, limits: fmt.Limits = fmt.DEFAULT_LIMITS) -> Iterator[bytes]:
    return fmt.inflate_lines(opened.payload, opened.manifest.inflated_length, limits)


def records(
    opened: OpenedBundle, limits: fmt.Limits = fmt.DEFAULT_LIMITS
) -> list[canonical.Record]:
    """Every record, each strictly checked, no (table, id) twice, counts equal to the manifest's."""
    out: list[canonical.Record] = []
    seen: set[tuple[str, str]] = set()
    how = wire_format.reader(opened.manifest.format_minor)
    for line in lines(opened, limits):
        record = wire_format.decode(line, how)
        key = (record.table, record.id)
        if key in seen:
            raise BundleRefused("duplicate", tr("Errors", "the bundle holds the same record twice"))
        seen.add(key)
        out.append(record)
    _check_counts(opened.manifest, canonical.count_by_table(out))
    return out


def count_only(opened: OpenedBundle, limits: fmt.Limits = fmt.DEFAULT_LIMITS) -> int:
    """Inflate everything and count the lines (the exporter's read-back: it wrote the records)."""
    total = sum(1 for _ in lines(opened, limits))
    if total != opened.manifest.records:
        raise BundleRefused(
            "counts", tr("Errors", "the bundle's record counts do not match its manifest")
        )
    return total


def _check_counts(made: manifest.Manifest, counts: dict[str, list[int]]) -> None:
    expected = {t: list(pair) for t, pair in made.counts.items() if pair != (0, 0)}
    if counts != expected:
        raise BundleRefused(
            "counts", tr("Errors", "the bundle's record counts do not match its manifest")
        )
