"""The vault types the GUI names (for typing; VaultLocked to catch), so ui/ imports no store."""

from __future__ import annotations

from engager_desktop.store.vault import Vault, VaultLocked, VaultOptions

__all__ = ["Vault", "VaultLocked", "VaultOptions"]
