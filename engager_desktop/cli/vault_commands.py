"""Vault commands: demo, init, check, passwd, recover."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import (
    CliFailure,
    env_secret,
    launch_gui,
    read_new_passphrase,
    read_passphrase,
    read_secret,
    vault_arg,
    with_backoff_wait,
)
from engager_desktop.domain.audit_head import TypedHead, parse_head
from engager_desktop.i18n import tr
from engager_desktop.paths import demo_vault_dir
from engager_desktop.services import demo, vault_access
from engager_desktop.store.check import check_vault
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.vault import Vault, VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="make or reuse a demo vault of fictional men, then open it")
    vault_arg(p, required=False)
    p.add_argument("--men", type=_positive, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", type=_iso_date, default=None, metavar="YYYY-MM-DD")
    p.add_argument("--no-gui", action="store_true", help="make the vault and stop")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("init", help="make a new empty vault; prints the recovery code once")
    vault_arg(p)
    p.add_argument(
        "--laptop-name",
        metavar="NAME",
        help='what to call this laptop, e.g. "Sam - HMP Example interview room" '
        '(default "Engager laptop"; change it later with laptop-name)',
    )
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("check", help="check encryption, structure, keyslots and the audit chain")
    vault_arg(p)
    p.add_argument(
        "--head",
        type=_audit_head,
        default=None,
        metavar="COUNT:HASH",
        help="the audit head printed on a supervision summary: the log must still hold it",
    )
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("passwd", help="change the passphrase (or --rekey: a new data key too)")
    vault_arg(p)
    p.add_argument(
        "--rekey",
        action="store_true",
        help="someone may know my old passphrase or recovery code: a new passphrase, a new data "
        "key (the database re-encrypted) and a new recovery code",
    )
    p.set_defaults(handler=cmd_passwd)

    p = sub.add_parser(
        "recover",
        help="open with the recovery code; set a new passphrase, data key and recovery code",
    )
    vault_arg(p)
    p.add_argument(
        "--keep-data-key",
        action="store_true",
        help="no one else may know the old passphrase or code: keep the data key (faster; an "
        "old copy of keyslots.json still opens the vault)",
    )
    p.set_defaults(handler=cmd_recover)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1 or value > 100_000:
        raise argparse.ArgumentTypeError(tr("CLI", "must be between 1 and 100000"))
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(tr("CLI", "must be a date as YYYY-MM-DD")) from exc


def _audit_head(text: str) -> TypedHead:
    try:
        return parse_head(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def open_vault(args: argparse.Namespace, options: VaultOptions) -> Vault:
    """Unlock the --vault folder with the passphrase from the environment or the terminal."""
    passphrase = read_passphrase()
    # vault_access also gives a copied or restored vault a new device id before any write.
    return with_backoff_wait(options, lambda: vault_access.unlock(args.vault, passphrase, options))


def _print_code(code: str) -> None:
    print(
        tr("CLI", "Recovery code (shown once; print it or write it down and keep it locked away):")
    )
    print(f"  {code}")


def cmd_init(args: argparse.Namespace, options: VaultOptions) -> int:
    passphrase = (
        read_new_passphrase() if env_secret("ENGAGER_PASSPHRASE") is None else read_passphrase()
    )
    vault, code = create_vault(args.vault, passphrase, options, laptop_name=args.laptop_name)
    vault.lock()
    print(tr("CLI", "vault created at {path}").format(path=args.vault))
    _print_code(code)
    return 0


def cmd_check(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        report = check_vault(vault, args.head)
        vault.audit("check", detail="sound" if report.ok else "problems found")
    for item in report.items:
        state = tr("CLI", "ok") if item.ok else tr("CLI", "FAILED")
        print(f"{item.name}: {state} - {item.message}")
    if not report.ok:
        raise CliFailure(tr("CLI", "the vault check found problems (see above)"))
    print(tr("CLI", "check ok"))
    return 0


def cmd_passwd(args: argparse.Namespace, options: VaultOptions) -> int:
    current = read_passphrase()
    vault = with_backoff_wait(options, lambda: unlock_vault(args.vault, current, options))
    try:
        new = read_new_passphrase()
        change = vault_access.change_passphrase(
            vault, current, new, someone_may_know=args.rekey, progress=_progress
        )
    finally:
        vault.lock()
    print(tr("CLI", "passphrase changed"))
    _tell(change)
    return 0


def cmd_recover(args: argparse.Namespace, options: VaultOptions) -> int:
    code = read_secret(
        "ENGAGER_RECOVERY_CODE", tr("CLI", "Recovery code: "), what=tr("CLI", "recovery code")
    )
    new = read_new_passphrase()
    vault, _code, change = vault_access.recover(
        args.vault,
        code,
        new,
        options,
        someone_may_know=not args.keep_data_key,
        progress=_progress,
    )
    vault.lock()
    print(
        tr(
            "CLI",
            "vault recovered; the new passphrase is set and the old recovery code no longer works",
        )
    )
    _tell(change)
    return 0


def _progress(step: int, total: int, what: str) -> None:
    said = tr("CLI", "step {step} of {total}: {what}…").format(step=step, total=total, what=what)
    print(said, file=sys.stderr, flush=True)


def _tell(change: vault_access.KeyChange) -> None:
    """Exactly what still opens the vault after a change of passphrase."""
    if change.rekeyed:
        print(
            tr(
                "CLI",
                "the database is re-encrypted under a new data key: a copy of the old "
                "keyslots.json no longer opens it, with the old passphrase or the old recovery "
                "code",
            )
        )
    else:
        print(
            tr(
                "CLI",
                "the data key is unchanged: a copy of the old keyslots.json still opens this "
                "vault with the old passphrase (or the recovery code of its time). If someone may "
                "know either, run: engager-desktop passwd --rekey",
            )
        )
    if change.old_backups:
        print(
            tr(
                "CLI",
                "these backups still open with the passphrase and recovery code of their time:",
            )
        )
        for name in change.old_backups:
            print(f"  {name}")
    if change.code is not None:
        _print_code(change.code)


def cmd_demo(args: argparse.Namespace, options: VaultOptions) -> int:
    path: Path = args.vault or demo_vault_dir()
    env_passphrase = env_secret("ENGAGER_PASSPHRASE")
    passphrase = env_passphrase or demo.DEMO_PASSPHRASE
    vault, made = demo.open_or_create(
        path, options, passphrase=passphrase, men=args.men, seed=args.seed, today=args.today
    )
    vault.lock()
    if made:
        print(tr("CLI", "demo vault created at {path} (fictional men only)").format(path=path))
    else:
        print(tr("CLI", "demo vault reused at {path} (fictional men only)").format(path=path))
    if env_passphrase is None:
        print(tr("CLI", "demo passphrase: {passphrase}").format(passphrase=demo.DEMO_PASSPHRASE))
    if args.no_gui:
        return 0
    return launch_gui(["--vault", str(path)])
