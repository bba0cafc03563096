"""Who a bundle says it is from: the name enrolled here, never the bundle's own claim; a name
with control characters is refused; a same-numbered bundle is compared by its hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from engager_desktop.services import sync
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man


def _write(tmp_path: Path, data: bytes, name: str = "crafted.engager") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_name_shown_is_the_one_enrolled_here(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = pair
    enrolled = [d.name for d in sync.list_devices(community.vault) if not d.is_self]
    data = craft.craft(
        craft.own(prison.vault), [craft.target(community.vault)], exporter_name="Head Office"
    )
    path = _write(tmp_path, data)
    assert sync.verify_bundle(community.vault, path).exporter_name == enrolled[0]
    preview = sync.preview_import(community.vault, path)
    assert preview.exporter_name == enrolled[0]
    assert "Head Office" not in "\n".join(preview.lines())
    assert sync.commit_import(community.vault, path).exporter_name == enrolled[0]


@pytest.mark.parametrize("name", ["Sam\x1b[2J", "Sam\nHMP", "Sam\u202eevil", "Sam\x00"])
def test_a_bundle_naming_its_maker_with_control_characters_is_refused(
    pair: tuple[Laptop, Laptop], tmp_path: Path, name: str
) -> None:
    prison, community = pair
    data = craft.craft(craft.own(prison.vault), [craft.target(community.vault)], exporter_name=name)
    with pytest.raises(BundleRefused) as caught:
        sync.verify_bundle(community.vault, _write(tmp_path, data))
    assert caught.value.code == "manifest"


def test_verify_compares_hashes_before_calling_a_bundle_different(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = pair
    add_man(prison)
    first = prison.export(community)
    community.take(first)
    again = sync.verify_bundle(community.vault, first)
    assert again.already_imported
    assert not [w for w in again.warnings if "different bundle" in w]
    other = craft.craft(craft.own(prison.vault), [craft.target(community.vault)], seq=1)
    result = sync.verify_bundle(community.vault, _write(tmp_path, other))
    assert not result.already_imported
    assert [w for w in result.warnings if "a different bundle numbered 1" in w]
