"""Drafts: kept encrypted in the vault, replaced, discarded, and never synced."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.domain.clock import FakeClock
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import drafts
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import SYNCED_MODELS
from engager_desktop.store.orm.system import Draft
from engager_desktop.store.vault import Vault, VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE

CANARY = "Zebedee-canary-7731 was scared of the landing at night"


def test_save_then_load_gives_back_the_content(vault: Vault) -> None:
    key = drafts.draft_key("wizard.review", "man-1")
    content = {"values": {"notes": "Talked about his sister ŵ", "distress": 6}, "page": 2}
    saved_at = drafts.save(vault, key, content, "man-1")
    found = drafts.load(vault, key)
    assert found is not None
    assert found.content == content
    assert found.participant_id == "man-1"
    assert found.saved_at == saved_at
    assert found.saved_at.tzinfo is not None


def test_saving_again_replaces_the_draft(vault: Vault, clock: FakeClock) -> None:
    key = drafts.draft_key("wizard.ending", "man-1")
    drafts.save(vault, key, {"v": 1}, "man-1")
    clock.advance(180)
    later = drafts.save(vault, key, {"v": 2}, "man-1")
    found = drafts.load(vault, key)
    assert found is not None and found.content == {"v": 2} and found.saved_at == later
    with vault.read() as session:
        assert session.scalars(select(Draft.key)).all() == [key]


def test_discard_removes_only_that_draft(vault: Vault) -> None:
    drafts.save(vault, "a:1", {"x": 1}, "1")
    drafts.save(vault, "b:1", {"x": 2}, "1")
    assert drafts.discard(vault, "a:1") is True
    assert drafts.discard(vault, "a:1") is False
    assert drafts.load(vault, "a:1") is None
    assert drafts.load(vault, "b:1") is not None


@pytest.mark.parametrize("key", ["", "   ", "k" * 201])
def test_a_bad_key_is_refused(vault: Vault, key: str) -> None:
    with pytest.raises(ValidationError):
        drafts.save(vault, key, {})


def test_content_that_is_not_plain_data_is_refused(vault: Vault) -> None:
    with pytest.raises(ValidationError, match="text, numbers and lists"):
        drafts.save(vault, "k", {"when": object()})
    with pytest.raises(ValidationError):
        drafts.save(vault, "k", {"x": float("nan")})
    assert drafts.load(vault, "k") is None


def test_an_oversized_draft_is_refused_with_a_plain_message(vault: Vault) -> None:
    with pytest.raises(drafts.DraftTooLarge, match="too large"):
        drafts.save(vault, "k", {"text": "x" * (drafts.CONTENT_MAX + 1)})


def test_a_damaged_draft_reads_as_none(vault: Vault) -> None:
    drafts.save(vault, "k", {"x": 1})
    with vault.write() as session:
        row = session.get(Draft, "k")
        assert row is not None
        row.content = "{not json"
    assert drafts.load(vault, "k") is None


def test_a_draft_survives_lock_and_unlock(
    vault: Vault, vault_path: Path, options: VaultOptions
) -> None:
    drafts.save(vault, "review:1", {"notes": "half a sentence"}, "1")
    vault.lock()
    reopened = unlock_vault(vault_path, TEST_PASSPHRASE, options)
    try:
        found = drafts.load(reopened, "review:1")
        assert found is not None and found.content == {"notes": "half a sentence"}
    finally:
        reopened.lock()


def test_drafts_are_encrypted_and_never_synced(vault: Vault, vault_path: Path) -> None:
    drafts.save(vault, "review:1", {"notes": CANARY}, "1")
    vault.lock()
    for path in vault_path.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path.name
    assert Draft not in SYNCED_MODELS


def test_saving_a_draft_writes_no_audit_entry(vault: Vault) -> None:
    before = vault.audit_head()
    drafts.save(vault, "k", {"x": 1})
    drafts.discard(vault, "k")
    assert vault.audit_head() == before
