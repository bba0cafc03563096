"""dev.py makes .venv with the newest Python 3.12 or later it can run (docs/threads.md)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.packaging.conftest import ROOT


def _dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("engager_dev_script", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_this_python_is_reported_by_the_probe() -> None:
    dev = _dev()
    assert dev.version_of([sys.executable]) == sys.version_info[:2]
    assert dev.version_of(["no-such-python-here"]) is None


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in shim is a shell script")
def test_the_newest_python_that_runs_is_chosen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A pyenv shim that answers only for another version fails to run and is passed over."""
    dev = _dev()
    shim = tmp_path / "python3.13"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.13: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    found = [[str(shim)], [sys.executable]]
    monkeypatch.setattr(dev, "python_candidates", lambda: found)
    assert dev.choose_python() == [sys.executable]  # 3.12 or later: the tests need it


def test_with_nothing_new_enough_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dev = _dev()
    monkeypatch.setattr(dev, "python_candidates", lambda: [])
    monkeypatch.setattr(dev, "MIN_PYTHON", (sys.version_info.major, sys.version_info.minor + 1))
    with pytest.raises(dev.SetupError, match="Install Python 3.12"):
        dev.choose_python()
