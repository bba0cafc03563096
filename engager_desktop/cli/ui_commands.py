"""GUI commands: ``screenshots`` saves PNGs of every screen of a demo vault, offscreen.

Qt is imported only inside the command, so other commands never load it. A second run at twice
the scale (``QT_SCALE_FACTOR=2``) happens in a child process, which reads the passphrase from
its standard input, never from its command line. ``--language cy`` builds every screen in Welsh
(in both runs).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from engager_desktop import i18n
from engager_desktop.cli.common import CliFailure, env_secret, vault_arg, with_backoff_wait
from engager_desktop.services import demo
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.vault import VaultOptions

SCALED = 2
CHILD_TIMEOUT = 600


def register(sub: Any) -> None:
    p = sub.add_parser(
        "screenshots",
        help="save PNGs of every screen of a demo vault (offscreen, at 1024x768 and at 200%%)",
    )
    vault_arg(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the PNGs")
    p.add_argument(
        "--language",
        choices=tuple(i18n.LANGUAGES),
        default=i18n.ENGLISH,
        help="the language of the screens (files named NAME-cy.png for Welsh); default en",
    )
    p.add_argument("--scale", type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument("--passphrase-stdin", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_screenshots)


def _passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    given = env_secret("ENGAGER_PASSPHRASE")
    if given is not None:
        return given
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass("Passphrase (Enter for the demo passphrase): ") or (
            demo.DEMO_PASSPHRASE
        )
    return demo.DEMO_PASSPHRASE


def _shoot(args: argparse.Namespace, options: VaultOptions, passphrase: str, suffix: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from engager_desktop.ui.screenshots import ScreenshotsFailed, take_all

    vault = with_backoff_wait(options, lambda: unlock_vault(args.vault, passphrase, options))
    try:
        if not vault.is_demo:
            raise CliFailure(
                "screenshots are made from a demo vault only: the pictures are not encrypted"
            )
        vault.audit("export_cli", detail="screenshots")
        try:
            saved = take_all(vault, args.out, suffix=suffix, language=args.language)
        except ScreenshotsFailed as exc:
            raise CliFailure(str(exc)) from exc
    finally:
        vault.lock()
    for path in saved:
        print(path)
    return len(saved)


def _child_command(args: argparse.Namespace) -> list[str]:
    tail = ["screenshots", "--vault", str(args.vault), "--out", str(args.out)]
    tail += ["--scale", str(SCALED), "--passphrase-stdin", "--language", args.language]
    if getattr(sys, "frozen", False):
        return [sys.executable, *tail]
    return [sys.executable, "-m", "engager_desktop.cli.ui_commands", *tail]


def cmd_screenshots(args: argparse.Namespace, options: VaultOptions) -> int:
    passphrase = _passphrase(args)
    if args.scale is not None:
        _shoot(args, options, passphrase, f"@{args.scale}x")
        return 0
    count = _shoot(args, options, passphrase, "")
    env = dict(os.environ, QT_SCALE_FACTOR=str(SCALED), QT_QPA_PLATFORM="offscreen")
    child = subprocess.run(
        _child_command(args),
        input=passphrase + "\n",
        text=True,
        env=env,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    if child.returncode != 0:
        raise CliFailure(f"the run at {SCALED}x scale failed (exit status {child.returncode})")
    print(f"{count} screens saved at 1x and at {SCALED}x in {args.out}", file=sys.stderr)
    return 0


def main(argv: list[str]) -> int:
    """Run the GUI commands on their own (the child process at 2x scale starts here)."""
    from engager_desktop.cli.common import run_handler

    parser = argparse.ArgumentParser(prog="engager-desktop")
    register(parser.add_subparsers(dest="command", required=True))
    return run_handler(parser.parse_args(argv), VaultOptions())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
