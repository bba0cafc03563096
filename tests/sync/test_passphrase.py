"""A passphrase bundle, for a laptop whose card the exporter has not enrolled (real scrypt)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from engager_desktop.services import sync
from engager_desktop.sync.age_header import parse_header
from engager_desktop.sync.errors import BundleRefused, SyncError
from tests.sync.conftest import Laptop, add_man


def test_passphrase_round_trip(make_laptop: Callable[[str], Laptop]) -> None:
    prison, community = make_laptop("prison"), make_laptop("community")
    community.enrol(prison)  # the importer must still know who made it: the signature says so
    add_man(prison, notes="passphrase route")
    phrase = sync.generate_passphrase()
    result = sync.export(prison.vault, prison.stick, passphrase=phrase)
    assert result.by_passphrase and result.recipients == ()
    header = parse_header(result.path.read_bytes())
    assert header.recipient_kind == "passphrase" and header.work_factor is not None
    assert header.work_factor <= 20
    before = community.digest()
    with pytest.raises(BundleRefused) as caught:
        sync.commit_import(community.vault, result.path, "wrong-passphrase-entirely")
    assert caught.value.code == "wrong_passphrase" and community.digest() == before
    with pytest.raises(BundleRefused, match="passphrase"):
        sync.commit_import(community.vault, result.path)
    summary = sync.commit_import(community.vault, result.path, phrase)
    assert summary.committed and summary.by_passphrase and summary.men_new == 1
    assert community.digest() == prison.digest()


def test_passphrase_and_devices_together_refused(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    with pytest.raises(SyncError, match="not both"):
        sync.export(
            prison.vault,
            prison.stick,
            recipients=(community.device_id,),
            passphrase="otter-lantern-gravel-spoon-quilt",
        )
    with pytest.raises(SyncError, match="needs an enrolled device"):
        sync.export(
            prison.vault,
            prison.stick,
            passphrase="otter-lantern-gravel-spoon-quilt",
            since_ack=True,
        )


def test_generated_passphrases_look_right() -> None:
    phrases = {sync.generate_passphrase() for _ in range(50)}
    assert len(phrases) == 50
    for phrase in phrases:
        groups = phrase.split("-")
        assert len(groups) == 6 and all(len(g) == 4 for g in groups)
        assert not set(phrase) & set("01ilo")
