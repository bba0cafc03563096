"""Child process for the hub's crash and concurrency tests: ``engager-hub import`` of one bundle.

``python -m tests.hub.import_child URL BUNDLES SIGNAL_FILE HOLD_SECONDS`` (BUNDLES: paths joined by
``os.pathsep``, imported in that order by one command): once the merge has
written its records (inside the import's one transaction, before it commits) the child creates
SIGNAL_FILE and waits HOLD_SECONDS, so the parent can kill it there (kill -9) or start a second
import meanwhile. The passphrase comes from ENGAGER_HUB_PASSPHRASE; tiny KDF parameters.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from engager_desktop.sync import importer
from engager_hub import cli
from tests.vault_fixtures import test_options


def main() -> int:
    url, bundle, signal_file, hold = sys.argv[1], sys.argv[2], Path(sys.argv[3]), float(sys.argv[4])
    real = importer.apply_plan

    def apply_then_wait(*args: Any, **kwargs: Any) -> int:
        written = real(*args, **kwargs)
        signal_file.write_text("in the transaction")
        time.sleep(hold)
        return written

    importer.apply_plan = apply_then_wait  # type: ignore[assignment]
    return cli.main(["import", "--db", url, *bundle.split(os.pathsep)], options=test_options())


if __name__ == "__main__":
    sys.exit(main())
