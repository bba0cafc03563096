"""The CLI's secret prompts: a packaged build never points at environment variables it ignores."""

from __future__ import annotations

import io
import sys

import pytest

from engager_desktop.cli import common


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


def test_source_install_names_the_variable(no_terminal: None) -> None:
    with pytest.raises(common.CliFailure, match="ENGAGER_PASSPHRASE"):
        common.read_passphrase()


@pytest.mark.parametrize(
    "read",
    [common.read_passphrase, common.read_new_passphrase],
    ids=["passphrase", "new-passphrase"],
)
def test_packaged_build_does_not_name_a_variable(
    no_terminal: None, monkeypatch: pytest.MonkeyPatch, read: object
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("ENGAGER_PASSPHRASE", "ignored in a packaged build")
    monkeypatch.setenv("ENGAGER_NEW_PASSPHRASE", "ignored in a packaged build")
    with pytest.raises(common.CliFailure) as caught:
        read()  # type: ignore[operator]
    message = str(caught.value)
    assert "ENGAGER_" not in message and "set " not in message
    assert "terminal" in message
