"""A refusal says what actually went wrong: damage is never called "made for another device",
and records too big once unpacked are not called a file too big."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from engager_desktop.services import sync
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync.age_header import parse_header
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man


def test_header_bit_flips_are_never_called_another_device(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = pair
    add_man(prison)
    data = prison.export(community).read_bytes()
    header_bits = parse_header(data).length * 8
    rng = random.Random(15)
    path = tmp_path / "flipped.engager"
    codes: set[str] = set()
    for bit in [rng.randrange(header_bits) for _ in range(300)]:
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(flipped))
        with pytest.raises(BundleRefused) as caught:
            sync.verify_bundle(community.vault, path)
        assert "another device" not in str(caught.value)
        codes.add(caught.value.code)
    assert "not_for_me" not in codes
    assert "damaged" in codes  # a flip in this laptop's own key stanza or in the header's MAC


def test_a_bundle_for_other_laptops_is_not_called_damaged_for_certain(
    pair: tuple[Laptop, Laptop], make_laptop
) -> None:
    prison, community = pair
    other = make_laptop("other")
    prison.enrol(other)
    add_man(prison)
    with pytest.raises(BundleRefused) as caught:
        community.take(prison.export(other))
    assert caught.value.code == "cannot_open"
    assert "damaged" in str(caught.value) and "other laptops" in str(caught.value)


def test_records_too_big_unpacked_are_reported_as_such(
    pair: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = pair
    claimed = fmt.MAX_INFLATED_BYTES + 1
    data = craft.craft(
        craft.own(prison.vault),
        [craft.target(community.vault)],
        raw_payload=craft.zlib_bomb(1 << 20),
        inflated=claimed,
    )
    path = tmp_path / "bomb.engager"
    path.write_bytes(data)
    with pytest.raises(BundleRefused) as caught:
        sync.verify_bundle(community.vault, path)
    message = str(caught.value)
    assert caught.value.code == "inflated_too_large"
    assert "unpacked" in message and "1024 MiB" in message and "200 MiB" not in message
