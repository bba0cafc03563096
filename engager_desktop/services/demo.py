"""Demo vaults: fictional men only, marked as demo, made or reused by the demo command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engager_desktop.crypto.errors import VaultError
from engager_desktop.i18n import tr
from engager_desktop.services.common import rebuild_search
from engager_desktop.store import demo_data
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions

# Printed by the demo command. A demo vault holds only fictional men, so a fixed passphrase is fine.
DEMO_PASSPHRASE = "fictional-practice-caseload-kettle-violin"


class NotADemoVault(VaultError):
    def __init__(self) -> None:
        super().__init__(
            tr("Errors", "this is a real vault, not a demo vault; the demo command leaves it alone")
        )


def populate(vault: Vault, *, men: int, seed: int, today: date, heavy_man: bool = False) -> int:
    """Fill a demo vault in one transaction; returns the number of records written."""
    if not vault.is_demo:
        raise NotADemoVault()
    data = demo_data.generate(
        men,
        seed=seed,
        today=today,
        device_id=vault.device_id,
        clock_stamp=lambda: str(vault.hlc.tick()),
        heavy_man=heavy_man,
    )
    with vault.write() as session:
        demo_data.insert_all(session.connection(), data)
        rebuild_search(session)
        total = sum(len(rows) for rows in data.values())
        vault.stamper.audit(session, "demo_data_generated", detail=f"{men} men, seed {seed}")
        vault.stamper.persist_clock(session)
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")  # statistics for the planner after a bulk load
    return total


def open_or_create(
    path: Path,
    options: VaultOptions,
    *,
    passphrase: str = DEMO_PASSPHRASE,
    men: int = 40,
    seed: int = 1,
    today: date | None = None,
) -> tuple[Vault, bool]:
    """Reuse the demo vault at ``path`` or make one; a real vault there is refused untouched."""
    if path.exists():
        vault = unlock_vault(path, passphrase, options)
        if not vault.is_demo:
            vault.lock()
            raise NotADemoVault()
        return vault, False
    path.parent.mkdir(parents=True, exist_ok=True)
    vault, _code = create_vault(path, passphrase, options, demo=True)
    try:
        populate(vault, men=men, seed=seed, today=today or options.clock.today())
    except BaseException:
        vault.lock()
        raise
    return vault, True
