"""Child process for the kill -9 merge test: imports bundles in order until killed.

Run as ``python -m tests.reliability.merge_writer VAULT BUNDLE…``; prints "ack K" once bundle K
has been imported (committed). A bundle already imported changes nothing, so a restart can begin
again from the first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from engager_desktop.services import sync
from engager_desktop.store.lifecycle import unlock_vault
from tests.vault_fixtures import TEST_PASSPHRASE, test_options


def main() -> None:
    vault = unlock_vault(Path(sys.argv[1]), TEST_PASSPHRASE, test_options())
    print("ready", flush=True)
    for k, bundle in enumerate(sys.argv[2:]):
        sync.commit_import(vault, Path(bundle))
        print(f"ack {k}", flush=True)
    vault.lock()
    print("finished", flush=True)


if __name__ == "__main__":
    main()
