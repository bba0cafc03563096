"""Data-protection commands: retention (who is due for review), erase one man, subject access,
and where else his name appears."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import N_, tr, trn
from engager_desktop.services import erasure, mentions, retention, subject_access
from engager_desktop.store.vault import VaultOptions

NEEDS_YES = N_(
    "CLI",
    "erase needs --yes: it deletes every record about him on this laptop for good, and on other "
    "laptops at their next import; it cannot be undone",
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "retention",
        help="list the men due for review or erasure under the retention periods",
        description="Nothing is erased by this command. Periods are in months; "
        f"names: {', '.join(retention.DEFAULT_MONTHS)}.",
    )
    vault_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON list of men due")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        type=_period,
        metavar="NAME=MONTHS",
        help="change a retention period first (repeatable), e.g. closed=72",
    )
    p.set_defaults(handler=cmd_retention)

    p = sub.add_parser("erase", help="erase every record about one man (needs --yes)")
    vault_arg(p)
    p.add_argument("--man", required=True, metavar="ID", help="his id (see caseload --json)")
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.set_defaults(handler=cmd_erase)

    p = sub.add_parser(
        "sar", help="subject access: everything held about one man, as a PDF and a JSON file"
    )
    vault_arg(p)
    p.add_argument("--man", required=True, metavar="ID", help="his id (see caseload --json)")
    p.add_argument("-o", "--out", required=True, type=Path, metavar="FOLDER", help="where to")
    p.add_argument("--large-print", action="store_true", help="16 pt type or larger")
    p.set_defaults(handler=cmd_sar)

    p = sub.add_parser(
        "mentions",
        help="records not filed under him that name him (to review for a subject access "
        "request, or to edit before an erasure)",
    )
    vault_arg(p)
    p.add_argument("--man", required=True, metavar="ID", help="his id (see caseload --json)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_mentions)


def _period(text: str) -> tuple[str, int]:
    name, _, months = text.partition("=")
    if name not in retention.DEFAULT_MONTHS or not months.isdigit():
        raise argparse.ArgumentTypeError(
            tr("CLI", "expected NAME=MONTHS with NAME one of {names}").format(
                names=", ".join(retention.DEFAULT_MONTHS)
            )
        )
    return name, int(months)


def cmd_retention(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        for name, months in args.set:
            retention.set_period(vault, name, months)
        periods = retention.periods(vault)
        items = retention.due_for_review(vault)
        vault.audit("export_cli", detail=f"retention: {len(items)} rows")
    if args.json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=2))
        return 0
    listed = ", ".join(f"{k}={v}" for k, v in periods.items())
    print(tr("CLI", "Retention periods (months): {periods}").format(periods=listed))
    if not items:
        print(tr("CLI", "no men are due for review or erasure"))
        return 0
    for item in items:
        due = tr("CLI", "due {day} ({why})").format(
            day=item.due_on.isoformat(), why=tr("Retention", retention.REASONS[item.reason])
        )
        number = item.prison_number or "-"
        print(f"{item.preferred_name}  {number}  {item.phase}  {due}  {item.man_id}")
    return 0


def cmd_erase(args: argparse.Namespace, options: VaultOptions) -> int:
    if not args.yes:
        said = tr("CLI", "engager-desktop: error: {message}")
        print(said.format(message=tr("CLI", NEEDS_YES)), file=sys.stderr)
        return 2
    with open_vault(args, options) as vault:
        elsewhere = mentions.mentions_of(vault, args.man)
        result = erasure.erase_man(vault, args.man)
    erased = trn("CLI", "{n} record", "{n} records", result.records_erased)
    print(
        tr("CLI", "erased: {records} (kept as empty tombstones for other laptops)").format(
            records=erased
        )
    )
    print(
        tr("CLI", "removed: {conflicts} conflicts, {drafts} drafts").format(
            conflicts=result.conflicts_removed, drafts=result.drafts_removed
        )
    )
    print(
        tr("CLI", "files cleaned (checkpoint and VACUUM) in {seconds} s").format(
            seconds=f"{result.seconds:.1f}"
        )
    )
    if result.backups_holding_him:
        print(
            tr("CLI", "these backups were made before the erasure and still hold him; delete them:")
        )
        for path in result.backups_holding_him:
            print(f"  {path}")
    _print_mentions(
        elsewhere, tr("CLI", "his name is still in these records filed elsewhere; edit it out:")
    )
    return 0


def _print_mentions(found: tuple[mentions.Mention, ...], heading: str) -> None:
    if found:
        print(heading)
        for mention in found:
            print(f"  {mention.line()}  [{mention.table} {mention.record_id}]")


def cmd_mentions(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        found = mentions.mentions_of(vault, args.man)
        vault.audit("export_cli", "participants", args.man, f"mentions: {len(found)} rows")
    if args.json:
        print(json.dumps([m.as_json() for m in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(tr("CLI", "his name and prison number appear in no record filed elsewhere"))
        return 0
    records = trn("CLI", "{n} record", "{n} records", len(found))
    _print_mentions(
        found, tr("CLI", "his name is in {records} filed elsewhere:").format(records=records)
    )
    return 0


def cmd_sar(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        result = subject_access.sar(vault, args.man, args.out, large_print=args.large_print)
    print(tr("CLI", "wrote {path}").format(path=result.pdf))
    print(tr("CLI", "wrote {path}").format(path=result.json))
    print(tr("CLI", "records: {count}").format(count=sum(result.records.values())))
    print(
        tr(
            "CLI", "records filed elsewhere may name him too: engager-desktop mentions --man {man}"
        ).format(man=args.man)
    )
    return 0
