"""Fixtures shared by the services tests."""

from __future__ import annotations

import pytest

from tests.vault_fixtures import TEST_PASSPHRASE


@pytest.fixture
def passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads the test passphrase from ENGAGER_PASSPHRASE. The CLI modules name it in
    ``pytestmark = pytest.mark.usefixtures("passphrase")``."""
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
