"""Fixtures for the GUI tests: a demo vault (40 fictional men) copied per test, isolated settings.

The fixtures are registered for every test folder by ``pytest_plugins`` in tests/conftest.py;
test modules import only the helpers (``wait_ops``, ``DEMO_MEN``) from here.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from engager_desktop.services import demo
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui import ops
from engager_desktop.ui.settings import Settings
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

DEMO_MEN = 40


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo vault per test session, made with the tests' tiny KDF and fake clock."""
    path = tmp_path_factory.mktemp("demo-template") / "demo"
    options = test_options()
    vault, _code = create_vault(path, TEST_PASSPHRASE, options, demo=True)
    try:
        demo.populate(vault, men=DEMO_MEN, seed=3, today=options.clock.today())
    finally:
        vault.lock()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target, ignore=shutil.ignore_patterns("vault.lock"))
    return target


@pytest.fixture
def demo_vault(demo_path: Path, options: VaultOptions) -> Iterator[Vault]:
    opened = unlock_vault(demo_path, TEST_PASSPHRASE, options)
    yield opened
    wait_ops()
    opened.lock()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "settings.ini")


def wait_ops(qtbot: QtBot | None = None, timeout: int = 15_000) -> None:
    """Wait until every background step has delivered its result."""
    if qtbot is not None:
        qtbot.waitUntil(lambda: ops.pending() == 0, timeout=timeout)
    else:
        ops.wait_for_workers(timeout)
        from PySide6.QtCore import QCoreApplication

        if QCoreApplication.instance() is not None:
            for _ in range(5):
                QCoreApplication.processEvents()
