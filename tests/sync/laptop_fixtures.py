"""The sync fixtures ``make_laptop`` and ``pair``, registered for every test folder by
``pytest_plugins`` in tests/conftest.py (the ui and services tests use them too)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from engager_desktop.domain.clock import FakeClock
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.sync.identity import renew_for_tests
from tests.sync.conftest import Laptop
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options


@pytest.fixture
def make_laptop(
    template_vault: tuple[Path, str], tmp_path: Path
) -> Iterator[Callable[[str], Laptop]]:
    made: list[Laptop] = []

    def make(name: str) -> Laptop:
        path = tmp_path / name
        shutil.copytree(template_vault[0], path, ignore=shutil.ignore_patterns("vault.lock"))
        clock = FakeClock(TEST_START)
        vault = unlock_vault(path, TEST_PASSPHRASE, test_options(clock))
        renew_for_tests(vault)
        stick = tmp_path / f"{name}-stick"
        stick.mkdir()
        laptop = Laptop(name, path, vault, clock, stick)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.vault.lock()


@pytest.fixture
def pair(make_laptop: Callable[[str], Laptop]) -> tuple[Laptop, Laptop]:
    """A prison laptop and a community laptop, each enrolled on the other."""
    prison, community = make_laptop("prison"), make_laptop("community")
    prison.enrol(community)
    community.enrol(prison)
    return prison, community
