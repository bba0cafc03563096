"""Fixtures shared by the GUI tests. The demo vault and settings fixtures live in
tests/ui/app_fixtures.py, registered by ``pytest_plugins`` in tests/conftest.py."""

from __future__ import annotations

import pytest

from engager_desktop.ui.wizards import base


@pytest.fixture
def quick_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wizard autosave after 20 ms instead of the real delay. Modules that want it name it in
    ``pytestmark = pytest.mark.usefixtures("quick_autosave")``."""
    monkeypatch.setattr(base, "AUTOSAVE_MS", 20)
