"""``engager-hub``: the community hub's commands (headless; scripts and people alike).

Exit status: 0 success, 1 a failure explained in one line on stderr, 2 a usage error. Every
command takes ``--db URL`` (or ``ENGAGER_HUB_DB``); the passphrase comes from
``--passphrase-file``, ``ENGAGER_HUB_PASSPHRASE`` or a prompt (see ``engager_hub.secrets``).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import exc as sa_exc

from engager_desktop.cli.sync_commands import print_conflicts
from engager_desktop.domain.errors import UserError, describe
from engager_desktop.fsutil import atomic_write_bytes
from engager_desktop.services import figures
from engager_desktop.store.vault import VaultOptions
from engager_desktop.sync import conflicts
from engager_hub import ops, secrets
from engager_hub.hub import Hub, open_hub

Handler = Callable[[argparse.Namespace, VaultOptions], int]
PROG = "engager-hub"


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help=f"the PostgreSQL database (or {secrets.DB_ENV})")
    p.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"read the hub passphrase from FILE (mode 0600), else {secrets.PASSPHRASE_ENV} "
        "or a prompt",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="The Engager community hub: every enrolled laptop's records."
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("init", help="create the hub's schema and identity; prints its fingerprint")
    _common(p)
    p.add_argument("--name", default="Engager hub", help="the hub's name as laptops see it")
    p.set_defaults(handler=cmd_init)
    p = sub.add_parser("passwd", help="set a new hub passphrase (and get a new recovery code)")
    _common(p)
    p.add_argument("--recovery", action="store_true", help="open with the recovery code instead")
    p.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help=f"the new passphrase (mode 0600), else {secrets.NEW_PASSPHRASE_ENV} or a prompt",
    )
    p.set_defaults(handler=cmd_passwd)
    p = sub.add_parser("device-card", help="write the hub's device card for laptops to enrol")
    _common(p)
    p.add_argument("-o", "--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_device_card)
    p = sub.add_parser("enrol", help="enrol a laptop's device card")
    _common(p)
    p.add_argument("card", type=Path, metavar="CARD")
    p.add_argument("--yes-fingerprint", required=True, metavar="FPR")
    p.set_defaults(handler=cmd_enrol)
    p = sub.add_parser("import", help="import bundles (idempotent; safe from two processes)")
    _common(p)
    p.add_argument("bundles", type=Path, nargs="+", metavar="BUNDLE")
    p.add_argument("--dry-run", action="store_true")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("export", help="write a bundle for one laptop")
    _common(p)
    p.add_argument("--for", dest="device", required=True, metavar="DEVICE")
    p.add_argument("--to", dest="folder", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser("status", help="laptops, last bundle in and out, conflicts waiting")
    _common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_status)
    p = sub.add_parser("conflicts", help="conflicts waiting for review")
    _common(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conflicts)
    p = sub.add_parser("resolve-conflict", help="settle one conflict at the hub")
    _common(p)
    p.add_argument("conflict_id", metavar="ID")
    p.add_argument("--field", default=None)
    p.add_argument("--keep", choices=("mine", "theirs"), required=True)
    p.set_defaults(handler=cmd_resolve)
    p = sub.add_parser("assign", help="set which laptop holds a man (reaches laptops by export)")
    _common(p)
    p.add_argument("--man", required=True, metavar="ID")
    p.add_argument("--to", dest="device", required=True, metavar="DEVICE")
    p.set_defaults(handler=cmd_assign)
    p = sub.add_parser(
        "revoke", help="stop trusting a laptop: its later bundles are refused; its men stay"
    )
    _common(p)
    p.add_argument("device", metavar="DEVICE")
    p.add_argument("--yes-fingerprint", required=True, metavar="FPR")
    p.set_defaults(handler=cmd_revoke)
    p = sub.add_parser(
        "figures",
        help="anonymised service figures by month over every laptop's records "
        "(no names; counts under 5 withheld)",
        description="The laptop's service figures (docs/figures.md), counted over every man "
        "the hub holds. Every count of 1 to 4, and any figure that would reveal one, is withheld.",
    )
    _common(p)
    p.add_argument("--from", dest="first", required=True, type=_day, metavar="DATE")
    p.add_argument("--to", dest="last", required=True, type=_day, metavar="DATE")
    p.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.csv|.pdf", help="where to"
    )
    p.set_defaults(handler=cmd_figures)
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: Sequence[str] | None = None, *, options: VaultOptions | None = None) -> int:
    """Run one command. ``options`` lets tests inject tiny KDF parameters and a clock."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    handler: Handler = args.handler
    try:
        return handler(args, options or VaultOptions())
    except (UserError, OSError) as exc:
        return fail(describe(exc, capital=False))
    except sa_exc.OperationalError:
        return fail("the database could not be reached or refused the connection (see --db)")
    except KeyboardInterrupt:
        return fail("interrupted")
    except Exception as exc:  # never a traceback: one line, details only on request
        if os.environ.get("ENGAGER_DEBUG") == "1":
            traceback.print_exc()
        return fail(f"internal error ({type(exc).__name__}); nothing was changed by this step")


def fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 1


def usage_error(command: str, message: str) -> int:
    print(f"{PROG} {command}: error: {message}", file=sys.stderr)
    return 2


def _open(args: argparse.Namespace, options: VaultOptions) -> Hub:
    url = secrets.database_url(args.db)
    return open_hub(url, secrets.passphrase(args.passphrase_file), options)


def cmd_init(args: argparse.Namespace, options: VaultOptions) -> int:
    url = secrets.database_url(args.db)
    made = ops.init(url, secrets.passphrase(args.passphrase_file, new=True), args.name, options)
    print(f"hub created: device {made.device_id}")
    print(f"fingerprint: {made.fingerprint}")
    print("recovery code (write it down and keep it safe; it is shown only once):")
    print(f"  {made.recovery_code}")
    return 0


def cmd_passwd(args: argparse.Namespace, options: VaultOptions) -> int:
    url = secrets.database_url(args.db)
    if args.recovery:
        current = secrets.recovery_code()
    else:
        current = secrets.passphrase(args.passphrase_file)
    new = secrets.passphrase(args.new_passphrase_file, new=True, env=secrets.NEW_PASSPHRASE_ENV)
    code = ops.change_passphrase(url, current, new, options, by_recovery_code=args.recovery)
    print("the hub's passphrase is changed; the old recovery code no longer works")
    print("new recovery code (write it down and keep it safe; it is shown only once):")
    print(f"  {code}")
    return 0


def cmd_device_card(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        data = ops.device_card(hub)
        fingerprint = hub.own.card().fingerprint
    atomic_write_bytes(args.out, data)
    print(f"device card written: {args.out}")
    print(f"fingerprint: {fingerprint}")
    return 0


def cmd_enrol(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        key = ops.enrol(hub, args.card, args.yes_fingerprint)
    print(f"enrolled: {key.name} ({key.device_id})")
    return 0


def cmd_import(args: argparse.Namespace, options: VaultOptions) -> int:
    failed = 0
    with _open(args, options) as hub:
        for path in args.bundles:
            try:
                summary = ops.import_file(hub, path, dry_run=args.dry_run)
            except UserError as exc:
                failed += 1
                print(
                    f"{PROG}: error: {path.name}: {describe(exc, capital=False)}", file=sys.stderr
                )
                continue
            if summary.already_imported:
                print(f"{path.name}: already imported; nothing changed")
                continue
            verb = "would import" if args.dry_run else "imported"
            counts = summary.counts()
            print(
                f"{path.name}: {verb} bundle {summary.seq} from {summary.exporter_name}: "
                f"{counts['records_new']} new, {counts['records_updated']} updated, "
                f"{counts['records_deleted']} deleted, {counts['records_in_conflict']} in conflict"
            )
            for warning in summary.warnings:
                print(f"  warning: {warning}")
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        result = ops.export_for(hub, args.device.strip().lower(), args.folder)
    print(f"exported bundle {result.seq}: {result.men} men, {result.records} records")
    print(f"  {result.path}")
    return 0


def cmd_status(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        report = ops.status(hub)
    if args.json:
        print(ops.as_json(report))
        return 0
    print(
        f"hub {report['hub']['name']}: {report['bundles_imported']} bundles imported, "
        f"{report['conflicts_waiting']} conflicts waiting"
    )
    if not report["laptops"]:
        print("no laptops enrolled")
    for lap in report["laptops"]:
        last_in = lap["last_in"]
        last_out = lap["last_out"]
        got = f"bundle {last_in['seq']} at {last_in['at']}" if last_in else "nothing yet"
        sent = f"bundle {last_out['seq']} at {last_out['at']}" if last_out else "nothing yet"
        flag = " (revoked)" if lap["revoked"] else ""
        print(
            f"{lap['name']}{flag} {lap['device_id']}: {lap['men']} men; in: {got}; out: {sent}; "
            f"conflicts waiting: {lap['conflicts_waiting']}"
        )
    return 0


def cmd_conflicts(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        found = ops.list_conflicts(hub)
        hub.audit("export_cli", detail="conflicts")
    return print_conflicts(found, as_json=args.json)


def cmd_resolve(args: argparse.Namespace, options: VaultOptions) -> int:
    choice = conflicts.KEEP_MINE if args.keep == "mine" else conflicts.TAKE_THEIRS
    with _open(args, options) as hub:
        result = ops.resolve_conflict(hub, args.conflict_id.strip().lower(), choice, args.field)
    which = "the hub's" if args.keep == "mine" else "the laptop's"
    print(f"resolved: {which} version of {result.table} {result.record_id} kept")
    if not result.closed:
        print("  other fields of this conflict are still open")
    return 0


def cmd_assign(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        result = ops.assign(hub, args.man.strip().lower(), args.device.strip().lower())
    if result.changed:
        print(f"assigned: man {result.man_id} is held by {result.name} ({result.device_id})")
        print("  it reaches the laptops in the hub's next export for each")
    else:
        print(f"man {result.man_id} is already held by {result.name} ({result.device_id})")
    return 0


def cmd_revoke(args: argparse.Namespace, options: VaultOptions) -> int:
    with _open(args, options) as hub:
        result = ops.revoke(hub, args.device.strip().lower(), args.yes_fingerprint)
    if not result.changed:
        print(f"{result.name} ({result.device_id}) was already revoked; nothing changed")
        return 0
    print(f"revoked: {result.name} ({result.device_id}); its bundles are now refused")
    print("  its men stay at the hub: 'assign --man ID --to DEVICE' gives them to another laptop")
    return 0


def cmd_figures(args: argparse.Namespace, options: VaultOptions) -> int:
    try:
        figures.check_range(args.first, args.last)
    except figures.BadRange as exc:
        return usage_error("figures", str(exc))
    if args.output.suffix.lower() not in (".csv", ".pdf"):
        return usage_error("figures", "the file must end in .csv or .pdf")
    with _open(args, options) as hub:
        table = figures.service_figures(hub, args.first, args.last)
        path = figures.export(hub, table, args.output)
    print(f"Service figures, every laptop, {figures.range_text(table)}: written to {path}")
    return 0


__all__ = ["main", "build_parser"]
