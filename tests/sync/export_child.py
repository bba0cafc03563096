"""Child process for the disk-full test: export under a file-size limit with SIGXFSZ ignored.

RLIMIT_FSIZE reaches every write the process makes (the bundle, and SQLCipher's own WAL), which a
Python-level failing writer cannot. Exit 0: exported; 3: the export failed cleanly.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.sync.errors import ExportFailed
from engager_desktop.sync.identity import ensure_own_identity
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def main() -> int:
    path, folder, limit, recipient = (
        Path(sys.argv[1]),
        Path(sys.argv[2]),
        int(sys.argv[3]),
        sys.argv[4],
    )
    vault = unlock_vault(path, TEST_PASSPHRASE, test_options())
    try:
        ensure_own_identity(vault)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        try:
            sync.export(vault, folder, recipients=(recipient,))
        except ExportFailed as exc:
            print(f"failed {exc.code}", flush=True)
            return 3
        print("exported", flush=True)
        return 0
    finally:
        vault.lock()


if __name__ == "__main__":
    sys.exit(main())
