"""Sync commands: device-card, enrol, revoke, export, import, verify-bundle, conflicts,
resolve-conflict.

None of them prompts for a choice: a missing choice is a usage error (exit 2). A bundle
passphrase comes from ENGAGER_BUNDLE_PASSPHRASE (an export refuses one weaker than a generated
one); an export without it generates one and prints it once. ``import`` of a bundle already
imported says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import CliFailure, env_secret, vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services import sync
from engager_desktop.store.vault import VaultOptions

BUNDLE_PASSPHRASE_ENV = "ENGAGER_BUNDLE_PASSPHRASE"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "device-card", help="save this laptop's device card and show its fingerprint"
    )
    vault_arg(p)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_device_card)

    p = sub.add_parser("enrol", help="enrol another laptop's device card (fingerprint confirmed)")
    vault_arg(p)
    p.add_argument("card", type=Path, metavar="CARD")
    p.add_argument(
        "--yes-fingerprint",
        required=True,
        metavar="FPR",
        help="the fingerprint shown on the other laptop (case, spaces and dashes ignored)",
    )
    p.set_defaults(handler=cmd_enrol)

    p = sub.add_parser("revoke", help="stop trusting an enrolled device")
    vault_arg(p)
    p.add_argument("device_id", metavar="DEVICE_ID")
    p.set_defaults(handler=cmd_revoke)

    _register_export(sub)

    p = sub.add_parser("import", help="import a bundle (or preview it with --dry-run)")
    vault_arg(p)
    p.add_argument("bundle", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("verify-bundle", help="run every import check on a bundle, import nothing")
    vault_arg(p)
    p.add_argument("bundle", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("conflicts", help="list merge conflicts waiting for review")
    vault_arg(p)
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.add_argument("--show", metavar="ID", help="show one conflict's two versions, field by field")
    p.set_defaults(handler=cmd_conflicts)
    p = sub.add_parser(
        "resolve-conflict", help="keep this laptop's version of a record, or take the other's"
    )
    vault_arg(p)
    p.add_argument("conflict_id", metavar="ID", help="the conflict's id (from 'conflicts')")
    p.add_argument(
        "--keep",
        required=True,
        choices=("mine", "theirs"),
        help="mine: this laptop's version; theirs: the other laptop's",
    )
    p.add_argument(
        "--field", metavar="NAME", help="settle only this field (as 'conflicts --show' names it)"
    )
    p.set_defaults(handler=cmd_resolve_conflict)


def _register_export(sub: Any) -> None:
    p = sub.add_parser("export", help="write an encrypted, signed bundle for another laptop")
    vault_arg(p)
    p.add_argument("--to", type=Path, required=True, metavar="DIR", help="folder on the stick")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--recipient",
        type=Path,
        nargs="+",
        action="extend",
        metavar="CARD",
        help="device card(s) of enrolled laptops to encrypt to",
    )
    who.add_argument(
        "--passphrase-recipient",
        action="store_true",
        help=f"encrypt to a passphrase instead (from {BUNDLE_PASSPHRASE_ENV}, else generated)",
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--since-ack", action="store_true", help="only what changed since the ack")
    scope.add_argument("--men", type=_id_list, metavar="ID,...", help="only these men")
    p.set_defaults(handler=cmd_export)


def _id_list(text: str) -> tuple[str, ...]:
    ids = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    if not ids:
        raise argparse.ArgumentTypeError(tr("CLI", "give one or more ids separated by commas"))
    return ids


def _passphrase() -> str | None:
    return env_secret(BUNDLE_PASSPHRASE_ENV)


def cmd_device_card(args: argparse.Namespace, options: VaultOptions) -> int:
    if args.output.exists():
        raise CliFailure(
            tr("CLI", "{path} already exists; choose a new file name").format(path=args.output)
        )
    with open_vault(args, options) as vault:
        card = sync.write_device_card(vault, args.output)
    print(
        tr("CLI", "device card for {name} (device {device}) written to {path}").format(
            name=card.name, device=card.device_id, path=args.output
        )
    )
    print(tr("CLI", "fingerprint: {fingerprint}").format(fingerprint=card.fingerprint))
    return 0


def cmd_enrol(args: argparse.Namespace, options: VaultOptions) -> int:
    data = _read_small(args.card)
    with open_vault(args, options) as vault:
        device = sync.enrol(vault, data, args.yes_fingerprint)
    print(
        tr("CLI", "enrolled {name} (device {device})").format(
            name=device.name, device=device.device_id
        )
    )
    print(tr("CLI", "fingerprint: {fingerprint}").format(fingerprint=device.fingerprint))
    return 0


def cmd_revoke(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        device = sync.revoke(vault, args.device_id.strip().lower())
    print(
        tr("CLI", "revoked {name} (device {device}); its bundles are now refused").format(
            name=device.name, device=device.device_id
        )
    )
    return 0


def _read_small(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(64 * 1024)


def cmd_export(args: argparse.Namespace, options: VaultOptions) -> int:
    if args.passphrase_recipient and args.since_ack:
        raise CliFailure(tr("CLI", "--since-ack needs --recipient (an enrolled device)"))
    with open_vault(args, options) as vault:
        recipients: tuple[str, ...] = ()
        passphrase: str | None = None
        generated = False
        if args.recipient:
            cards = [_read_small(card) for card in args.recipient]
            recipients = tuple(sync.enrolled_device_for_card(vault, card) for card in cards)
        else:
            passphrase = _passphrase()
            if passphrase is None:
                passphrase, generated = sync.generate_passphrase(), True
        result = sync.export(
            vault,
            args.to,
            recipients=recipients,
            passphrase=passphrase,
            since_ack=args.since_ack,
            men=args.men or (),
        )
    print(tr("CLI", "bundle written: {path}").format(path=result.path))
    print(
        tr("CLI", "  {records} about {men} (bundle {seq})").format(
            records=trn("CLI", "{n} record", "{n} records", result.records),
            men=trn("CLI", "{n} man", "{n} men", result.men),
            seq=result.seq,
        )
    )
    if result.recipient_names:
        print(tr("CLI", "  for: {names}").format(names=", ".join(result.recipient_names)))
    if result.note:
        print(tr("CLI", "  note: {note}").format(note=result.note))
    for line in result.left_out:
        print(tr("CLI", "  left out: {line}").format(line=line))
    if generated:
        shown = tr(
            "CLI", "bundle passphrase (shown once; pass it on by another route): {passphrase}"
        )
        print(shown.format(passphrase=passphrase))
    print(tr("CLI", "verified on the stick: safe to remove the stick"))
    return 0


def cmd_import(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        if args.dry_run:
            summary = sync.preview_import(vault, args.bundle, _passphrase())
        else:
            summary = sync.commit_import(vault, args.bundle, _passphrase())
    for line in summary.lines():
        print(line)
    return 0


def cmd_verify(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        result = sync.verify_bundle(vault, args.bundle, _passphrase())
    print(
        tr(
            "CLI", "bundle {seq} from {name} (device {device}): valid, {records} about {men}"
        ).format(
            seq=result.seq,
            name=result.exporter_name,
            device=result.exporter,
            records=trn("CLI", "{n} record", "{n} records", result.records),
            men=trn("CLI", "{n} man", "{n} men", result.men),
        )
    )
    if result.already_imported:
        print(tr("CLI", "  already imported here"))
    for warning in result.warnings:
        print(tr("Sync", "  warning: {line}").format(line=warning))
    return 0


def cmd_conflicts(args: argparse.Namespace, options: VaultOptions) -> int:
    if args.show:
        return _show_conflict(args, options)
    with open_vault(args, options) as vault:
        found = sync.list_conflicts(vault)
        vault.audit("export_cli", detail="conflicts")
    return print_conflicts(found, as_json=args.json)


def print_conflicts(found: Any, *, as_json: bool) -> int:
    """The conflicts waiting, one line each or as JSON (names and ids, never values)."""
    if as_json:
        print(json.dumps({"conflicts": [c.summary() for c in found]}, indent=2, sort_keys=True))
        return 0
    if not found:
        print(tr("CLI", "no conflicts to review"))
    for c in found:
        fields = ", ".join(c.fields) or "-"
        print(
            tr("CLI", "{id}  {table} {record}  lost: {lost}  open fields: {fields}").format(
                id=c.id, table=c.table, record=c.record_id, lost=c.lost, fields=fields
            )
        )
    return 0


def _show_conflict(args: argparse.Namespace, options: VaultOptions) -> int:
    conflict_id = args.show.strip().lower()
    with open_vault(args, options) as vault:
        views = {c.id: c for c in sync.list_conflicts(vault)}
        if conflict_id not in views:
            raise CliFailure(tr("Errors", "no such open conflict (it may have been resolved)"))
        vault.audit("export_cli", "conflicts", conflict_id, "conflict shown")
    view = views[conflict_id]
    print(
        tr("CLI", "conflict {id}: {table} {record}").format(
            id=view.id, table=view.table, record=view.record_id
        )
    )
    for item in view.items:
        print(f"  {item.name}: {_state(item)}")
        print(tr("CLI", "    this laptop:  {value}").format(value=_shown(item.mine)))
        print(tr("CLI", "    other laptop: {value}").format(value=_shown(item.theirs)))
    return 0


_STANDS = {
    "mine": N_("Sync", "this laptop's text stands"),
    "theirs": N_("Sync", "the other laptop's text stands"),
    "other": N_("Sync", "a newer text stands"),
}


def _state(item: sync.FieldView) -> str:
    stands = tr("Sync", _STANDS[item.stands])
    if item.settled_by is None:
        return tr("CLI", "open; {stands} for now").format(stands=stands)
    if item.settled_by == "here":
        return tr("CLI", "settled here; {stands}").format(stands=stands)
    return tr("CLI", "settled on another laptop; {stands}").format(stands=stands)


def _shown(value: object) -> str:
    return tr("CLI", "(empty)") if value is None or value == "" else str(value)


def cmd_resolve_conflict(args: argparse.Namespace, options: VaultOptions) -> int:
    choice = sync.KEEP_MINE if args.keep == "mine" else sync.TAKE_THEIRS
    with open_vault(args, options) as vault:
        result = sync.resolve_conflict(vault, args.conflict_id.strip().lower(), choice, args.field)
    mine = args.keep == "mine"
    if args.field:
        if mine:
            text = tr("CLI", "resolved: this laptop's version of {field} of {table} {record} kept")
        else:
            text = tr(
                "CLI", "resolved: the other laptop's version of {field} of {table} {record} kept"
            )
    elif mine:
        text = tr("CLI", "resolved: this laptop's version of {table} {record} kept")
    else:
        text = tr("CLI", "resolved: the other laptop's version of {table} {record} kept")
    changed = tr("CLI", "rewritten") if result.rewritten else tr("CLI", "unchanged")
    said = text.format(field=args.field, table=result.table, record=result.record_id)
    print(f"{said} ({changed})")
    if not result.closed:
        print(tr("CLI", "  other fields of this conflict are still open ('conflicts --show ID')"))
    return 0
