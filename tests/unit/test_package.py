"""Smoke test: the package imports and reports the version it was installed with."""

from __future__ import annotations

import os
import re
from importlib.metadata import version

import engager_desktop


def test_version_is_set_and_matches_the_installed_distribution() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+([.-]?\w+)?", engager_desktop.__version__)
    assert engager_desktop.__version__ == version("engager-desktop")


def test_session_uses_private_data_and_config_folders() -> None:
    data = os.environ["ENGAGER_DATA_DIR"]
    config = os.environ["XDG_CONFIG_HOME"]
    assert "engager-tests-" in data and "engager-tests-" in config
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
