"""Where the hub's database URL and passphrase come from, never from the command line's text.

The URL: ``--db`` or ``ENGAGER_HUB_DB``. A URL given with ``--db`` may not hold a password (any
user on the machine can read a command line); the password goes in libpq's password file
(``~/.pgpass`` or ``PGPASSFILE``). The passphrase: ``--passphrase-file`` (a file only its owner
can read or write, mode 0600 or stricter), ``ENGAGER_HUB_PASSPHRASE`` (scripts and tests), or a
prompt when there is a terminal; never a prompt without one.
"""

from __future__ import annotations

import getpass
import os
import stat
import sys
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from engager_hub.errors import HubError

DB_ENV = "ENGAGER_HUB_DB"
PASSPHRASE_ENV = "ENGAGER_HUB_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ENGAGER_HUB_NEW_PASSPHRASE"
RECOVERY_ENV = "ENGAGER_HUB_RECOVERY_CODE"
MAX_PASSPHRASE_FILE = 4096


def database_url(given: str | None) -> str:
    if given:
        try:
            has_password = make_url(given).password is not None
        except ArgumentError:
            raise HubError("the database URL cannot be read") from None
        if has_password:
            raise HubError(
                "a password may not be given in --db (anyone can read a command line); "
                "put it in ~/.pgpass or the file PGPASSFILE names"
            )
        return given
    from_env = os.environ.get(DB_ENV)
    if not from_env:
        raise HubError(f"no database given: use --db URL or set {DB_ENV}")
    return from_env


def _from_file(path: Path) -> str:
    try:
        info = path.stat()
    except OSError:
        raise HubError("the passphrase file cannot be read") from None
    if not stat.S_ISREG(info.st_mode):
        raise HubError("the passphrase file is not a regular file")
    if info.st_mode & 0o077:
        raise HubError("the passphrase file may be read by others; make it mode 0600")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise HubError("the passphrase file belongs to another user")
    data = path.read_bytes()[: MAX_PASSPHRASE_FILE + 1]
    if len(data) > MAX_PASSPHRASE_FILE:
        raise HubError("the passphrase file is too large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise HubError("the passphrase file is not UTF-8 text") from None
    return text.rstrip("\r\n")


def passphrase(file: Path | None, *, new: bool = False, env: str = PASSPHRASE_ENV) -> str:
    if file is not None:
        return _from_file(file)
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        what = "new hub passphrase" if env == NEW_PASSPHRASE_ENV else "hub passphrase"
        raise HubError(f"no {what} given: run in a terminal, use a passphrase file or set {env}")
    first = getpass.getpass("New hub passphrase: " if new else "Hub passphrase: ")
    if new and getpass.getpass("Type it again: ") != first:
        raise HubError("the two passphrases differ; nothing was changed")
    return first


def recovery_code() -> str:
    value = os.environ.get(RECOVERY_ENV)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        raise HubError(f"no recovery code given: run in a terminal or set {RECOVERY_ENV}")
    return getpass.getpass("Recovery code: ")
