"""Build bundles by hand for tests: any manifest, any payload, signed with a chosen key."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
import zlib
from collections.abc import Sequence
from typing import Any

import pyrage

from engager_desktop.store.vault import Vault
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import trust, verify
from engager_desktop.sync.manifest import Manifest


def own(vault: Vault) -> trust.OwnKeys:
    with vault.read() as session:
        return trust.own_keys(session.connection())


def keys_and_signer(vault: Vault) -> tuple[verify.OpenKeys, verify.SignerLookup]:
    """The importer's keys and an in-memory roster lookup, for fast reader-only checks."""
    with vault.read() as session:
        conn = session.connection()
        mine = trust.own_keys(conn)
        roster = {k.device_id: k for k in trust.devices(conn)}

    def signer(device_id: str) -> bytes:
        key = roster.get(device_id)
        if key is None or key.is_self or key.revoked:
            from engager_desktop.sync.errors import BundleRefused

            raise BundleRefused("not_enrolled", "not enrolled")
        return key.signing_public

    return verify.OpenKeys(mine.device_id, mine.age_identity), signer


def manifest_for(
    maker: trust.OwnKeys, payload: fmt.Payload, recipients: Sequence[str], **changes: Any
) -> Manifest:
    base = Manifest(
        bundle_id=str(uuid.uuid4()),
        exporter=maker.device_id,
        exporter_name=maker.name,
        seq=1,
        previous=None,
        schema="0001",
        recipient_kind="x25519",
        recipients=tuple(recipients),
        scope="all",
        complete=True,
        payload_sha256=payload.sha256,
        payload_length=len(payload.data),
        inflated_length=payload.inflated_length,
        counts={},
        created_at="2026-11-02T09:00:00.000000Z",
        hlc="1793610000000-000000",
        acks={},
        audit_count=1,
        audit_head="0" * 64,
    )
    return dataclasses.replace(base, **changes)


def craft(
    maker: trust.OwnKeys,
    to: Sequence[tuple[str, str]],
    lines: Sequence[bytes] = (),
    *,
    manifest_recipients: Sequence[str] | None = None,
    raw_payload: bytes | None = None,
    **changes: Any,
) -> bytes:
    """A signed bundle for ``to`` (device id, age recipient) pairs holding ``lines`` (or
    ``raw_payload`` as the compressed bytes, with ``inflated=`` its claimed inflated size)."""
    if raw_payload is not None:
        payload = fmt.Payload(
            raw_payload, hashlib.sha256(raw_payload).hexdigest(), changes.pop("inflated", 0), 0
        )
    else:
        payload = fmt.compress_lines(lines)
    ids = list(manifest_recipients) if manifest_recipients is not None else [d for d, _ in to]
    made = manifest_for(maker, payload, ids, **changes)
    body = made.to_bytes()
    plain = fmt.pack(body, fmt.sign(maker.signing_private, body), payload.data)
    keys = [pyrage.x25519.Recipient.from_str(r) for _, r in to]
    return bytes(pyrage.encrypt(plain, keys))


def target(vault: Vault) -> tuple[str, str]:
    mine = own(vault)
    return mine.device_id, mine.age_recipient


def zlib_bomb(size: int) -> bytes:
    return zlib.compress(b"\n" * size, 9)
