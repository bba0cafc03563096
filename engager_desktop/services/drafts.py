"""Unsaved form input kept encrypted in the vault (never synced), so a lock or crash loses nothing.

A draft is one JSON object under a key (a wizard uses ``draft_key(kind, man_id)``), optionally
tied to one man. ``save`` replaces the draft under its key, ``load`` reads it back, ``discard``
removes it (on commit or an explicit cancel). Drafts live in the ``drafts`` table of the vault:
they are encrypted with everything else, leave no file behind and are never part of a bundle.
Saving a draft changes no practice record, so it is not audited (an autosave every few seconds
would bury the audit log).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete

from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr
from engager_desktop.store.orm.system import Draft
from engager_desktop.store.vault import Vault

KEY_MAX = 200
ID_MAX = 36
# A draft is what one form holds; a million characters is far beyond any real one.
CONTENT_MAX = 1_000_000


class DraftTooLarge(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            "draft", tr("Errors", "This draft is too large to keep. Save the form instead.")
        )


@dataclass(frozen=True)
class DraftView:
    key: str
    participant_id: str | None
    saved_at: datetime  # aware, UTC
    content: dict[str, Any]


def draft_key(kind: str, man_id: str | None = None) -> str:
    """The key a form's draft is kept under: one draft per form and man."""
    return f"{kind}:{man_id}" if man_id else kind


def _check_key(key: str) -> str:
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_MAX:
        raise ValidationError(
            "key", tr("Errors", "A draft key is 1 to {key_max} characters.").format(key_max=KEY_MAX)
        )
    return key


def _encode(content: Mapping[str, Any]) -> str:
    if not isinstance(content, Mapping):
        raise ValidationError("draft", tr("Errors", "A draft must be a set of named values."))
    try:
        text = json.dumps(dict(content), ensure_ascii=False, allow_nan=False, sort_keys=True)
    except (TypeError, ValueError):
        raise ValidationError(
            "draft", tr("Errors", "A draft can only hold text, numbers and lists.")
        ) from None
    if len(text) > CONTENT_MAX:
        raise DraftTooLarge()
    return text


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def save(
    vault: Vault, key: str, content: Mapping[str, Any], participant_id: str | None = None
) -> datetime:
    """Keep ``content`` as the draft under ``key`` (replacing any before); returns when."""
    _check_key(key)
    if participant_id is not None and len(participant_id) > ID_MAX:
        raise ValidationError("participant_id", tr("Errors", "That is not a record id."))
    text = _encode(content)
    now = _aware(vault.clock.now())
    with vault.write() as session:
        row = session.get(Draft, key)
        if row is None:
            row = Draft(key=key)
            session.add(row)
        row.participant_id = participant_id
        row.saved_at = now.replace(tzinfo=None)
        row.content = text
    return now


def load(vault: Vault, key: str) -> DraftView | None:
    """The draft under ``key``, or None if there is none (or it cannot be read back)."""
    _check_key(key)
    with vault.read() as session:
        row = session.get(Draft, key)
        if row is None:
            return None
        try:
            content = json.loads(row.content)
        except ValueError:
            return None
        if not isinstance(content, dict):
            return None
        return DraftView(row.key, row.participant_id, _aware(row.saved_at), content)


def discard(vault: Vault, key: str) -> bool:
    """Remove the draft under ``key``; True if there was one."""
    _check_key(key)
    with vault.write() as session:
        result = session.execute(delete(Draft).where(Draft.key == key))
        return bool(getattr(result, "rowcount", 0))


__all__ = [
    "DraftTooLarge",
    "DraftView",
    "discard",
    "draft_key",
    "load",
    "save",
]
