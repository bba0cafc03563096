"""GUI benchmarks (``-m bench``): unlock to caseload with 1,000 men against the key derivation,
and search-as-you-type with 10,000 men never blocking the UI thread for more than 50 ms."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from pytestqt.qtbot import QtBot

from engager_desktop.crypto import keyslots
from engager_desktop.crypto.kdf import KdfPolicy
from engager_desktop.services import demo
from engager_desktop.store.lifecycle import _read_keyslots, create_vault, unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui.settings import Settings
from tests.ui.app_fixtures import wait_ops
from tests.vault_fixtures import TEST_PASSPHRASE

pytestmark = pytest.mark.bench
MAX_BLOCK = 0.050


def _demo(path: Path, men: int, options: VaultOptions) -> Path:
    vault, _code = create_vault(path, TEST_PASSPHRASE, options, demo=True)
    try:
        demo.populate(vault, men=men, seed=1, today=options.clock.today())
    finally:
        vault.lock()
    return path


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 men under the production key derivation (calibrated on this machine)."""
    return _demo(tmp_path_factory.mktemp("bench") / "v1k", 1000, VaultOptions())


@pytest.fixture(scope="module")
def ten_thousand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Vault]:
    options = VaultOptions(kdf=KdfPolicy.for_tests())
    path = _demo(tmp_path_factory.mktemp("bench") / "v10k", 10_000, options)
    vault = unlock_vault(path, TEST_PASSPHRASE, options)
    yield vault
    vault.lock()


def test_unlock_to_caseload_within_kdf_plus_half_a_second(
    qtbot: QtBot, thousand: Path, settings: Settings
) -> None:
    from engager_desktop.app import AppController

    options = VaultOptions()
    started = time.perf_counter()
    keyslots.open_with_passphrase(_read_keyslots(thousand, options), TEST_PASSPHRASE)
    kdf = time.perf_counter() - started
    controller = AppController(settings, thousand, options=options)
    qtbot.addWidget(controller.unlock_window)
    controller.start()
    qtbot.waitUntil(lambda: controller.preloaded, timeout=30_000)  # while he types
    controller.unlock_window.unlock_page.passphrase.setText(TEST_PASSPHRASE)
    controller.unlock_window.unlock()
    qtbot.waitUntil(lambda: "unlock_to_caseload" in controller.timings, timeout=30_000)
    took = controller.timings["unlock_to_caseload"]
    print(f"\nkey derivation {kdf:.2f} s; unlock to caseload (1,000 men) {took:.2f} s")
    assert controller.main_window.panel.model.rowCount() == 1000
    wait_ops(qtbot)
    controller.quit()
    assert took <= kdf + 0.5


def test_typing_a_search_never_blocks(
    qtbot: QtBot, ten_thousand: Vault, settings: Settings
) -> None:
    from engager_desktop.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.set_vault(ten_thousand)
    wait_ops(qtbot, timeout=120_000)
    assert window.panel.model.rowCount() == 10_000
    gc.freeze()  # as the app does once the caseload is first shown
    ticks: list[float] = []
    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    for word in ("rowlands", "Z1", "ka"):
        for char in word:
            qtbot.keyClicks(window.panel.search, char)
            end = time.perf_counter() + 0.12
            while time.perf_counter() < end:
                QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: not window.panel.busy(), timeout=5000)
        wait_ops(qtbot)
        window.panel.search.clear()
        qtbot.waitUntil(lambda: not window.panel.busy(), timeout=5000)
        wait_ops(qtbot)
    probe.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    print(f"\nlongest UI-thread gap while typing with 10,000 men: {max(gaps) * 1000:.1f} ms")
    assert max(gaps) < MAX_BLOCK
