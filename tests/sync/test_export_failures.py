"""A full disk or a pulled stick during export: no file at the bundle's name, vault unchanged."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import func, select

from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.sync_state import SyncExport
from engager_desktop.sync.errors import ExportFailed
from engager_desktop.sync.export import bundle_name, export_bundle
from tests.sync.conftest import Laptop, add_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

ROOT = Path(__file__).resolve().parents[2]


def _fill(laptop: Laptop, men: int = 30) -> None:
    for _ in range(men):
        add_man(laptop, notes=os.urandom(600).hex())  # does not compress: a big bundle


def _exports(laptop: Laptop) -> int:
    with laptop.vault.read() as session:
        return int(session.execute(select(func.count()).select_from(SyncExport)).scalar_one())


def test_stick_full_part_way(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    _fill(prison, 5)
    before = prison.digest()

    def full(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportFailed, match="full or removed") as caught:
        export_bundle(prison.vault, prison.stick, recipients=(community.device_id,), write=full)
    assert caught.value.code == "write"
    assert list(prison.stick.iterdir()) == []  # neither the bundle nor its temp file
    assert prison.digest() == before and _exports(prison) == 0
    # The next export takes the same number: nothing was recorded.
    done = export_bundle(prison.vault, prison.stick, recipients=(community.device_id,))
    assert done.path.name == bundle_name(prison.device_id, 1)


def _failing_at_every_nth_byte(prison: Laptop, community: Laptop, step: int) -> int:
    """Export with a stick that fails after N bytes, for N = 0, step, 2*step… up to the whole
    bundle (then failing as the last byte goes: a flush or close that fails). Returns the cases."""
    add_man(prison, notes="a small bundle")
    before = prison.digest()
    size: list[int] = []
    cases = 0
    n = 0
    while not size or n <= size[0]:

        def fail_after(handle: BinaryIO, data: bytes, n: int = n) -> None:
            size[:] = [len(data)]
            handle.write(data[:n])
            raise OSError(errno.ENOSPC, "No space left on device")

        with pytest.raises(ExportFailed) as caught:
            export_bundle(
                prison.vault, prison.stick, recipients=(community.device_id,), write=fail_after
            )
        assert caught.value.code == "write"
        assert list(prison.stick.iterdir()) == [], f"a file was left after {n} bytes"
        cases += 1
        n += step
    assert prison.digest() == before and _exports(prison) == 0
    # Once the stick has room again the export goes through, with the number never used.
    done = export_bundle(prison.vault, prison.stick, recipients=(community.device_id,))
    assert done.path.name == bundle_name(prison.device_id, 1) and _exports(prison) == 1
    return cases


def test_stick_failing_at_every_97th_byte(pair: tuple[Laptop, Laptop]) -> None:
    assert _failing_at_every_nth_byte(*pair, step=97) >= 10


@pytest.mark.slow
def test_stick_failing_at_every_byte(pair: tuple[Laptop, Laptop]) -> None:
    cases = _failing_at_every_nth_byte(*pair, step=1)
    print(f"bundle export failing after N bytes: {cases} values of N, all clean")


def test_stick_that_returns_other_bytes_is_caught(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    _fill(prison, 2)
    before = prison.digest()

    def flaky(handle: BinaryIO, data: bytes) -> None:
        handle.write(data[:-1] + bytes([data[-1] ^ 1]))

    with pytest.raises(ExportFailed, match="did not verify"):
        export_bundle(prison.vault, prison.stick, recipients=(community.device_id,), write=flaky)
    assert list(prison.stick.iterdir()) == []
    assert prison.digest() == before and _exports(prison) == 0


def test_existing_file_is_never_overwritten(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    squatter = prison.stick / bundle_name(prison.device_id, 1)
    squatter.write_bytes(b"someone else's file")
    done = export_bundle(prison.vault, prison.stick, recipients=(community.device_id,))
    assert squatter.read_bytes() == b"someone else's file"
    assert done.path.name == bundle_name(prison.device_id, 2)


def test_disk_full_in_a_child_under_a_file_size_limit(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    _fill(prison)
    before = prison.digest()
    prison.vault.lock()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.sync.export_child",
            str(prison.path),
            str(prison.stick),
            "8192",
            community.device_id,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert proc.stdout.startswith("failed ")
    assert list(prison.stick.iterdir()) == []
    prison.vault = unlock_vault(prison.path, TEST_PASSPHRASE, test_options(prison.clock))
    assert prison.digest() == before and _exports(prison) == 0
