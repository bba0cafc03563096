"""Laptops people can tell apart: a name chosen at creation and changed later, shown everywhere a
laptop is named (devices list, import preview, bundle file names), never with control characters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import laptops, sync
from engager_desktop.store.lifecycle import create_vault
from engager_desktop.store.orm.system import AuditEvent
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync import device_card
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import TEST_PASSPHRASE

ROOM = "Sam – HMP Example interview room"


def test_the_name_is_chosen_at_creation(tmp_path: Path, options: VaultOptions) -> None:
    vault, _code = create_vault(tmp_path / "v", TEST_PASSPHRASE, options, laptop_name=ROOM)
    try:
        assert laptops.laptop_name(vault) == ROOM
        assert sync.device_card(vault).name == ROOM
    finally:
        vault.lock()


@pytest.mark.parametrize("bad", ["", "   ", "Sam\x1b[2J", "Sam\nRoom", "Sam\u202eevil", "x" * 61])
def test_a_bad_name_is_refused_at_creation_and_rename(
    tmp_path: Path, options: VaultOptions, make_laptop: Callable[[str], Laptop], bad: str
) -> None:
    with pytest.raises(ValidationError):
        create_vault(tmp_path / "v", TEST_PASSPHRASE, options, laptop_name=bad)
    assert not (tmp_path / "v").exists()
    laptop = make_laptop("prison")
    with pytest.raises(ValidationError) as caught:
        laptops.rename_laptop(laptop.vault, bad)
    assert bad.strip() == "" or bad not in str(caught.value)
    assert laptops.laptop_name(laptop.vault) == "Engager laptop"


def test_renaming_reaches_the_card_the_partner_and_the_audit(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    assert laptops.rename_laptop(prison.vault, f"  {ROOM} ") == ROOM
    card = device_card.read_card(prison.card())
    assert card.name == ROOM
    sync.enrol(community.vault, prison.card(), prison.fingerprint())  # same keys, new name
    names = {d.device_id: d.name for d in laptops.devices(community.vault)}
    assert names[prison.device_id] == ROOM
    add_man(prison)
    summary = sync.preview_import(community.vault, prison.export(community))
    assert summary.exporter_name == ROOM and ROOM in summary.lines()[0]
    with prison.vault.read() as session:  # the rename is audited, without the name
        rows = session.execute(
            select(AuditEvent.action, AuditEvent.detail).where(
                AuditEvent.action == "laptop_renamed"
            )
        ).all()
    assert [tuple(r) for r in rows] == [("laptop_renamed", None)]


def test_bundle_file_names_use_a_safe_form_of_the_name(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    laptops.rename_laptop(prison.vault, "Sam / HMP Example: room 2 ü")
    add_man(prison, given_name="Dafydd")
    path = prison.export(community)
    assert path.name == f"sam-hmp-example-room-2-u-{prison.device_id[:8]}-1.engager"
    assert "dafydd" not in path.name.lower()


def test_devices_list_names_fingerprints_and_dates(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    rows = {d.device_id: d for d in laptops.devices(prison.vault)}
    peer = rows[community.device_id]
    assert peer.last_import_at is None and peer.last_export_at is None
    add_man(prison)
    community.take(prison.export(community))
    prison.tick(3600)
    add_man(community)
    prison.take(community.export(prison))
    rows = {d.device_id: d for d in laptops.devices(prison.vault)}
    peer, me = rows[community.device_id], rows[prison.device_id]
    assert me.is_self and me.fingerprint == prison.fingerprint()
    assert peer.fingerprint == community.fingerprint()
    assert peer.last_export_at is not None and peer.last_import_at is not None
    assert peer.last_import_at - peer.last_export_at >= timedelta(seconds=3600)


def test_the_device_card_sheet_prints_this_laptops_name_and_fingerprint(
    make_laptop: Callable[[str], Laptop], tmp_path: Path
) -> None:
    from engager_desktop.services import printing
    from tests.worksheets.pdfcheck import text_of

    laptop = make_laptop("prison")
    laptops.rename_laptop(laptop.vault, ROOM)
    doc = printing.prepare(laptop.vault, "device-card", None)
    text = text_of(doc.pdf)
    assert ROOM in text and laptop.device_id in text
    for number, group in enumerate(laptop.fingerprint().split("-"), start=1):
        assert f"{number}. {group}" in text
    assert "device-card" in [k.name for k in printing.kinds()]


def test_the_export_names_the_laptops_it_was_made_for(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    laptops.rename_laptop(community.vault, "Jo – Probation")
    sync.enrol(prison.vault, community.card(), community.fingerprint())
    add_man(prison)
    result = sync.export(prison.vault, prison.stick, recipients=(community.device_id,))
    assert result.recipient_names == ("Jo – Probation",)
