"""Oversized files and decompression bombs, signed by an enrolled laptop: refused, nothing changed.

Each bundle here is genuine as far as the outer checks go (encrypted to this laptop, signed by an
enrolled one, payload hash right), so only the caps stand between it and the vault. The reader
inflates in bounded steps: the memory it takes stays small however big the bomb claims to be.
"""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import sync
from engager_desktop.store.orm.system import AuditEvent
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man

MIB = 1 << 20
BOMB = 256 * MIB  # inflates to 256 MiB of one byte; about 250 KB compressed


@pytest.fixture
def laptops(pair: tuple[Laptop, Laptop]) -> tuple[Laptop, Laptop]:
    prison, community = pair
    add_man(community, given_name="Already", family_name="Here")
    return prison, community


def _refused(community: Laptop, bundle: bytes, tmp_path: Path) -> tuple[str, int]:
    """Import ``bundle`` through the service; the refusal code and the peak memory it took."""
    path = tmp_path / "bundle.engager"
    path.write_bytes(bundle)
    before = community.digest()
    tracemalloc.start()
    try:
        with pytest.raises(BundleRefused) as refused:
            sync.commit_import(community.vault, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert community.digest() == before  # no record changed
    with community.vault.read() as session:
        action = session.scalars(
            select(AuditEvent.action).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    assert action == "import_refused"
    return refused.value.code, peak


def _bomb(prison: Laptop, community: Laptop, payload: bytes, claimed: int) -> bytes:
    return craft.craft(
        craft.own(prison.vault),
        [craft.target(community.vault)],
        raw_payload=payload,
        inflated=claimed,
    )


def test_a_bomb_claiming_a_small_size_stops_at_the_claim(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = laptops
    code, peak = _refused(
        community, _bomb(prison, community, craft.zlib_bomb(BOMB), 4096), tmp_path
    )
    assert code == "structure"  # more came out than the signed manifest claims
    assert peak < 32 * MIB, f"reading a 256 MiB bomb took {peak / MIB:.0f} MiB"


def test_a_bomb_claiming_more_than_the_cap_is_refused_before_inflating(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = laptops
    claimed = fmt.MAX_INFLATED_BYTES + 1
    code, peak = _refused(
        community, _bomb(prison, community, craft.zlib_bomb(BOMB), claimed), tmp_path
    )
    assert code == "inflated_too_large"
    assert peak < 32 * MIB


def test_a_bomb_claiming_its_true_size_is_refused_at_the_first_long_line(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    prison, community = laptops
    one_line = zlib.compress(b"x" * BOMB, 9)  # a single 256 MiB "record"
    code, peak = _refused(community, _bomb(prison, community, one_line, BOMB), tmp_path)
    assert code == "record_too_large"
    assert peak < 32 * MIB


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(
    laptops: tuple[Laptop, Laptop], tmp_path: Path
) -> None:
    _prison, community = laptops
    path = tmp_path / "huge.engager"
    with path.open("wb") as handle:  # sparse: no disk used
        handle.truncate(fmt.MAX_FILE_BYTES + 1)
    before = community.digest()
    with pytest.raises(BundleRefused) as refused:
        sync.commit_import(community.vault, path)
    assert refused.value.code == "too_large"
    assert community.digest() == before
