"""Fixtures shared by the store tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No passphrase, new passphrase or recovery code left in the environment."""
    for name in ("ENGAGER_PASSPHRASE", "ENGAGER_NEW_PASSPHRASE", "ENGAGER_RECOVERY_CODE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch
