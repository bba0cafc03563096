"""Child process for the disk-full tests: SQLCipher's own writes under a file-size limit.

Run as ``python -m tests.reliability.fault_child MODE CASES_JSON``; CASES_JSON is a list of
``[vault_folder, limit_bytes]``. For each case the vault is opened, RLIMIT_FSIZE lowered to the
limit (SIGXFSZ ignored, so a write past it fails with EFBIG as on a full disk) and MODE run:
"write" adds ``NEW_MEN`` men in one transaction, "backup" takes a backup. One JSON line per case
says what error, if any, reached Python. The limit is raised again before the next case.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
from pathlib import Path

from engager_desktop.store.backup import backup_vault
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import Participant
from tests.vault_fixtures import TEST_PASSPHRASE, TEST_START, test_options

NEW_MEN = 150
NOTE = "lorem ipsum dolor sit amet " * 60


def _write(vault) -> None:  # type: ignore[no-untyped-def]
    with vault.write() as session:
        for i in range(NEW_MEN):
            session.add(
                Participant(
                    given_name=f"Full{i}",
                    family_name="Disk",
                    preferred_name=f"F{i}",
                    prison_number=f"F{i:06d}",
                    notes=NOTE,
                )
            )


def _case(folder: Path, limit: int, mode: str) -> dict[str, object]:
    vault = unlock_vault(folder, TEST_PASSPHRASE, test_options())
    result: dict[str, object] = {"folder": str(folder), "limit": limit, "error": None}
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        if mode == "write":
            _write(vault)
        else:
            backup_vault(folder, vault.data_key, reason="test", when=TEST_START)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which judges it
        result["error"] = type(exc).__name__
        result["message"] = str(exc).splitlines()[0]
    finally:
        try:
            vault.lock()
        except Exception as exc:  # noqa: BLE001
            result["lock_error"] = type(exc).__name__
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    return result


def main() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    mode, cases = sys.argv[1], json.loads(sys.argv[2])
    for folder, limit in cases:
        print(json.dumps(_case(Path(folder), int(limit), mode)), flush=True)


if __name__ == "__main__":
    main()
