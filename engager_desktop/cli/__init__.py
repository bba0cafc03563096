"""The command-line interface: one subcommand per verb, for people and scripts alike.

Exit status: 0 success, 1 a failure explained in one line on stderr, 2 a usage error.
It never waits on a prompt without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from engager_desktop import __version__
from engager_desktop.cli import (
    casework_commands,
    plan_commands,
    print_commands,
    sync_commands,
    vault_commands,
)
from engager_desktop.cli.common import CliFailure, launch_gui, run_handler
from engager_desktop.store.vault import VaultOptions

COMMAND_MODULES = (
    vault_commands,
    casework_commands,
    plan_commands,
    print_commands,
    sync_commands,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="engager-desktop",
        description="Engager Desktop: the practitioner's offline tool for Engager.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, options: VaultOptions | None = None) -> int:
    """Run one command. ``options`` lets tests inject tiny KDF parameters and a clock."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        if argv is None and len(sys.argv) == 1:
            return _open_gui()
        parser.print_help(sys.stderr)
        return 2
    return run_handler(args, options or VaultOptions())


def _open_gui() -> int:
    return launch_gui([])


__all__ = ["main", "build_parser", "CliFailure"]
