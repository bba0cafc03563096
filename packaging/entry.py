"""The packaged program's entry point: the desktop window, the self-test or a CLI command.

- no arguments, or only window options (``--vault DIR``): the desktop window;
- ``--selftest`` (anywhere): the self-test, exit status 0 only if every check passed;
- anything else: the command-line interface (``engager-desktop check --vault DIR`` …).

The packaged program ignores the ENGAGER_* passphrase variables (``cli.common.env_allowed``).
"""

from __future__ import annotations

import io
import multiprocessing
import sys

WINDOW_OPTIONS = ("--vault", "--exit-when-shown")


def _ensure_streams() -> None:
    """A windowed Windows build has no stdout/stderr: give prints somewhere harmless to go."""
    if sys.stdout is None:
        sys.stdout = io.StringIO()
    if sys.stderr is None:
        sys.stderr = io.StringIO()


def wants_window(argv: list[str]) -> bool:
    return not argv or argv[0].split("=", 1)[0] in WINDOW_OPTIONS


def main(argv: list[str]) -> int:
    _ensure_streams()
    if "--selftest" in argv:
        from engager_desktop.selftest import run

        return run()
    if wants_window(argv):
        from engager_desktop.app import run_app

        return run_app(argv)
    from engager_desktop.cli import main as cli_main

    return cli_main(argv)


def prepare_processes() -> None:
    """Let a frozen build start worker processes (batch printing builds PDFs in parallel)."""
    multiprocessing.freeze_support()
    from engager_desktop import worker_processes

    worker_processes.mark_ready()


if __name__ == "__main__":
    prepare_processes()
    sys.exit(main(sys.argv[1:]))
