"""Test-session set-up: headless Qt and private data and config folders, before Qt loads."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Qt reads QT_QPA_PLATFORM when the first QGuiApplication starts, so set it before any test
# module (or pytest-qt) can import PySide6. Tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

# PySide6 6.12 on Python 3.11 loses a reference to None or True on many calls, and a long run
# aborts in "none_dealloc"; 3.12 made them immortal (docs/threads.md). Say so plainly instead.
if sys.version_info < (3, 12):  # noqa: UP036 - the shared check for an old interpreter
    raise SystemExit(
        "The tests need Python 3.12 or newer; `python3 dev.py test` makes a .venv with one."
    )

# One private folder per test session (per worker under xdist), so no test reads or writes the
# developer's real data dir or Qt settings. Removed when the session ends.
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="engager-tests-"))
os.environ["ENGAGER_DATA_DIR"] = str(_SESSION_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SESSION_HOME / "config")
# The command line follows the machine's language (LANG=cy_GB… prints Welsh): tests expect English
# unless they choose a language themselves.
os.environ["ENGAGER_LANGUAGE"] = "en"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


@pytest.fixture(autouse=True)
def _cycle_collection_back_on() -> Iterator[None]:
    """A GUI test that ran background work leaves automatic cycle collection off until the
    event loop next turns (ui/gc_guard.py); the next test may run no event loop at all."""
    yield
    guard = sys.modules.get("engager_desktop.ui.gc_guard")
    if guard is not None and guard.held():
        guard.tick()


# --- Shared fixtures ------------------------------------------------------------------------
# Vault fixtures (tiny KDF, fake clock, a template vault copied per test) go here.
# The GUI fixtures (demo vault, settings) and the sync laptops are used by more than one folder.
pytest_plugins = ["tests.vault_fixtures", "tests.ui.app_fixtures", "tests.sync.laptop_fixtures"]
