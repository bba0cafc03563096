"""Team commands: team (who uses this laptop, and their role) and handover (men to another laptop).

``handover`` never prompts: the men, the receiving laptop and the folder are all given. It writes
one bundle for that laptop carrying each man's whole record and his handover; the receiving
laptop's next bundle back acknowledges it, and this laptop then removes his records
(docs/sync.md, "Handing a man over").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.device_commands import ROLES
from engager_desktop.cli.sync_commands import _id_list
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.i18n import tr, trn
from engager_desktop.services import handover, team
from engager_desktop.store.vault import VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser("team", help="show or set the practitioner using this laptop and their role")
    vault_arg(p)
    p.add_argument("--name", metavar="NAME", help="the practitioner's name (empty: clear it)")
    p.add_argument("--role", choices=tuple(team.ROLES), help="practitioner or supervisor")
    p.set_defaults(handler=cmd_team)

    p = sub.add_parser(
        "handover", help="hand chosen men to another enrolled laptop (writes a bundle for it)"
    )
    vault_arg(p)
    p.add_argument("--men", type=_id_list, required=True, metavar="ID,...", help="his id(s)")
    p.add_argument("--to", required=True, metavar="DEVICE", help="the receiving laptop's device id")
    p.add_argument("--to-dir", type=Path, required=True, metavar="DIR", help="folder on the stick")
    p.set_defaults(handler=cmd_handover)


def cmd_team(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        now = team.team_settings(vault)
        if args.name is not None or args.role is not None:
            name = args.name if args.name is not None else (now.name or "")
            now = team.save_team_settings(vault, name, args.role or now.role)
    print(tr("CLI", "practitioner: {name}").format(name=now.name or tr("CLI", "not set")))
    role = tr("Devices", ROLES[now.role]) if now.role in ROLES else now.role
    print(tr("CLI", "role: {role}").format(role=role))
    return 0


def cmd_handover(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        result = handover.hand_over(vault, args.men, args.to.strip().lower(), args.to_dir)
    made = result.bundle
    print(tr("CLI", "bundle written: {path}").format(path=made.path))
    men = trn("CLI", "{n} man", "{n} men", len(result.men))
    print(
        tr("CLI", "  {men} handed over to {name} (bundle {seq})").format(
            men=men, name=result.to_name, seq=made.seq
        )
    )
    print(
        tr(
            "CLI",
            "  they stay on this laptop until that laptop's next bundle back acknowledges them; "
            "then they are removed here",
        )
    )
    print(tr("CLI", "verified on the stick: safe to remove the stick"))
    return 0
