"""The ``selftest`` command: check this installation end to end and say ``selftest ok``."""

from __future__ import annotations

import argparse
from typing import Any

from engager_desktop import selftest
from engager_desktop.store.vault import VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser(
        "selftest",
        help="check this installation: vault, encryption, migrations, PDF, bundle, window",
        description=(
            "Run every check in a temporary folder that is removed afterwards. Prints one line "
            "per check, then 'selftest ok'; the exit status is 0 only if every check passed."
        ),
    )
    p.set_defaults(handler=cmd_selftest)


def cmd_selftest(_args: argparse.Namespace, _options: VaultOptions) -> int:
    """Always at production strength (Argon2id at the ASVS floor), whatever a caller injects."""
    return selftest.run()
