"""Laptop commands: laptop-name (show or change this laptop's name) and devices (the list)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import Any

from engager_desktop.cli.common import vault_arg
from engager_desktop.cli.vault_commands import open_vault
from engager_desktop.services import laptops
from engager_desktop.store.vault import VaultOptions


def register(sub: Any) -> None:
    p = sub.add_parser("laptop-name", help="show this laptop's name, or give it a new one")
    vault_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME", help="the new name (at most 60 characters)")
    p.set_defaults(handler=cmd_laptop_name)

    p = sub.add_parser(
        "devices", help="list this laptop and the enrolled ones: names, fingerprints, dates"
    )
    vault_arg(p)
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.set_defaults(handler=cmd_devices)


def cmd_laptop_name(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        if args.name is None:
            print(laptops.laptop_name(vault))
            return 0
        name = laptops.rename_laptop(vault, args.name)
    print(f"this laptop is now called {name}")
    print("partners see the new name once they enrol this laptop's card again")
    return 0


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(value: datetime | None) -> str:
    return "never" if value is None else value.strftime("%d %b %Y")


def cmd_devices(args: argparse.Namespace, options: VaultOptions) -> int:
    with open_vault(args, options) as vault:
        rows = laptops.devices(vault)
        vault.audit("export_cli", "devices", None, "devices listed")
    if args.json:
        listed = [
            {
                "device_id": r.device_id,
                "name": r.name,
                "fingerprint": r.fingerprint,
                "is_self": r.is_self,
                "enrolled_at": _when(r.enrolled_at),
                "revoked_at": _when(r.revoked_at),
                "last_import_at": _when(r.last_import_at),
                "last_export_at": _when(r.last_export_at),
                "practitioner": r.practitioner,
                "role": r.role,
            }
            for r in rows
        ]
        print(json.dumps({"devices": listed}, indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        state = " (this laptop)" if r.is_self else " (revoked)" if r.revoked_at else ""
        print(f"{r.name}{state}")
        print(f"  fingerprint: {r.fingerprint}")
        if r.practitioner:
            print(f"  used by {r.practitioner} ({r.role})")
        print(f"  device {r.device_id}, enrolled {_day(r.enrolled_at)}")
        if not r.is_self:
            print(
                f"  last bundle from it: {_day(r.last_import_at)}; "
                f"last bundle to it: {_day(r.last_export_at)}"
            )
    return 0
