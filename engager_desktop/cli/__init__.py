"""The command-line interface: one subcommand per verb, for people and scripts alike.

Exit status: 0 success, 1 a failure explained in one line on stderr, 2 a usage error.
It never waits on a prompt without a terminal. With no arguments it opens the desktop window;
the command modules (and the database libraries they import) load only when a command is given,
so the window's start-up does not pay for them.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from engager_desktop import __version__, i18n

if TYPE_CHECKING:
    from engager_desktop.store.vault import VaultOptions

COMMAND_MODULES = (
    "vault_commands",
    "casework_commands",
    "plan_commands",
    "print_commands",
    "sync_commands",
    "device_commands",
    "team_commands",
    "ui_commands",
    "protection_commands",
    "selftest_commands",
    "figures_commands",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="engager-desktop",
        description="Engager Desktop: the practitioner's offline tool for Engager.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--language",
        dest="interface_language",  # not "language": a command's own --language keeps its own
        choices=sorted(i18n.LANGUAGES),
        help="the language of the messages (default: ENGAGER_LANGUAGE, then the system's)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"engager_desktop.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, options: VaultOptions | None = None) -> int:
    """Run one command. ``options`` lets tests inject tiny KDF parameters and a clock."""
    if argv is None and len(sys.argv) == 1:
        return _open_gui()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    from engager_desktop.cli.common import chosen_language, run_handler
    from engager_desktop.store.vault import VaultOptions

    # The command's language for the whole process, every thread (a command may open windows,
    # whose Settings can change it, or run work on threads); put back after, for callers in-process.
    before = i18n.global_language()
    i18n.set_language(chosen_language(args.interface_language))
    try:
        return run_handler(args, options or VaultOptions())
    finally:
        i18n.set_language(before)


def _open_gui() -> int:
    try:
        app = importlib.import_module("engager_desktop.app")
    except ImportError as exc:
        print(f"engager-desktop: error: the desktop window cannot start ({exc})", file=sys.stderr)
        return 1
    return int(app.run_app([]))


__all__ = ["main", "build_parser"]
