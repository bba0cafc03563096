"""Where things live: the per-user data folder and packaged resources (PyInstaller aware)."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_DIR_NAME = "Engager"


def data_dir() -> Path:
    """The per-user data folder (never beside the program). ENGAGER_DATA_DIR overrides it."""
    override = os.environ.get("ENGAGER_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "engager"


def default_vault_dir() -> Path:
    return data_dir() / "vault"


def demo_vault_dir() -> Path:
    return data_dir() / "demo-vault"


def resource_path(*parts: str) -> Path:
    """A file shipped in engager_desktop/resources, inside a PyInstaller bundle or not."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root, "engager_desktop", "resources", *parts)
    return Path(str(resources.files("engager_desktop.resources").joinpath(*parts)))


def migrations_path() -> Path:
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        return Path(bundle_root, "engager_desktop", "migrations")
    return Path(str(resources.files("engager_desktop.migrations")))
