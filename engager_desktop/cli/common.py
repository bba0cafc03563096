"""Shared CLI plumbing: secrets from the terminal or the environment, errors as one line."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path

from engager_desktop import i18n
from engager_desktop.domain.errors import UserError, describe
from engager_desktop.i18n import tr
from engager_desktop.store.lifecycle import BackoffActive
from engager_desktop.store.vault import Vault, VaultOptions

Handler = Callable[[argparse.Namespace, VaultOptions], int]
MAX_CLI_WAIT = 30.0


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def chosen_language(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language of the messages: ``--language``, else ENGAGER_LANGUAGE, else the system's
    locale (the first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set, as gettext reads them:
    ``cy_GB.UTF-8`` is Welsh; LANGUAGE may list several, ``cy:en``), else English."""
    env = os.environ if environ is None else environ
    if given:
        return given
    named = env.get("ENGAGER_LANGUAGE", "").strip()
    if named:
        return named if named in i18n.LANGUAGES else i18n.ENGLISH
    for variable in LOCALE_VARIABLES:
        value = env.get(variable, "").strip()
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in i18n.LANGUAGES:
                return code
        return i18n.ENGLISH  # the first one set decides ("C", "fr_FR": English)
    return i18n.ENGLISH


class CliFailure(UserError):
    """A failure to report on one line and exit 1."""


def run_handler(args: argparse.Namespace, options: VaultOptions) -> int:
    handler: Handler = args.handler
    try:
        return handler(args, options)
    except (UserError, OSError) as exc:
        return fail(describe(exc, capital=False))
    except KeyboardInterrupt:
        return fail(tr("CLI", "interrupted"))
    except Exception as exc:  # never a traceback for the user; one line, details only on request
        if os.environ.get("ENGAGER_DEBUG") == "1":
            traceback.print_exc()
        return fail(
            tr("CLI", "internal error ({kind}); nothing was changed by this step").format(
                kind=type(exc).__name__
            )
        )


def fail(message: str) -> int:
    print(tr("CLI", "engager-desktop: error: {message}").format(message=message), file=sys.stderr)
    return 1


def env_allowed() -> bool:
    """The packaged app ignores ENGAGER_* secrets: they are for scripts on a source install."""
    return not getattr(sys, "frozen", False)


def env_secret(name: str) -> str | None:
    return os.environ.get(name) if env_allowed() else None


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def no_terminal(what: str, env_name: str) -> CliFailure:
    """Nothing to read from: name the variable only where it is honoured (not when packaged)."""
    if env_allowed():
        return CliFailure(
            tr("CLI", "no {what} given: run in a terminal or set {variable}").format(
                what=what, variable=env_name
            )
        )
    return CliFailure(
        tr("CLI", "no {what} given: run this command in a terminal").format(what=what)
    )


def read_secret(env_name: str, prompt: str, *, what: str) -> str:
    value = env_secret(env_name)
    if value is not None:
        return value
    if not _interactive():
        raise no_terminal(what, env_name)
    return getpass.getpass(prompt)


def read_new_passphrase() -> str:
    value = env_secret("ENGAGER_NEW_PASSPHRASE")
    if value is not None:
        return value
    if not _interactive():
        raise no_terminal(tr("CLI", "new passphrase"), "ENGAGER_NEW_PASSPHRASE")
    first = getpass.getpass(tr("CLI", "New passphrase: "))
    second = getpass.getpass(tr("CLI", "Type the new passphrase again: "))
    if first != second:
        raise CliFailure(tr("CLI", "the two new passphrases differ; nothing was changed"))
    return first


def read_passphrase() -> str:
    return read_secret(
        "ENGAGER_PASSPHRASE", tr("CLI", "Passphrase: "), what=tr("CLI", "passphrase")
    )


def with_backoff_wait(
    options: VaultOptions, attempt: Callable[[], Vault], *, max_wait: float = MAX_CLI_WAIT
) -> Vault:
    """Try to open; during a short back-off wait it out, a long one is a failure saying when."""
    try:
        return attempt()
    except BackoffActive as exc:
        if exc.seconds > max_wait:
            raise
        wait = tr("CLI", "waiting {seconds} s after failed attempts…")
        print(wait.format(seconds=int(exc.seconds + 0.999)), file=sys.stderr)
        options.clock.sleep(exc.seconds)
        return attempt()


def vault_arg(parser: argparse.ArgumentParser, *, required: bool = True) -> None:
    parser.add_argument(
        "--vault", type=Path, required=required, metavar="DIR", help="the vault folder"
    )


def launch_gui(argv: list[str]) -> int:
    """Start the desktop window (imported late: the CLI must not load Qt for headless commands)."""
    try:
        app = importlib.import_module("engager_desktop.app")
    except ImportError as exc:
        return fail(tr("CLI", "the desktop window cannot start ({reason})").format(reason=exc))
    return int(app.run_app(argv))
