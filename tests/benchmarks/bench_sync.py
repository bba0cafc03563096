"""USB bundles of 1,000 men: export against the raw steps, import into an empty vault, re-import."""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage

from engager_desktop.crypto.kdf import ASVS_FLOOR, PRODUCTION, KdfPolicy
from engager_desktop.store.engine import open_connection
from engager_desktop.store.lifecycle import create_vault
from engager_desktop.store.vault import DB_FILE, Vault, VaultOptions
from tests.benchmarks.context import Context
from tests.benchmarks.registry import (
    Figure,
    Measurement,
    Outcome,
    at_most,
    ratio_at_most,
    register,
)
from tests.benchmarks.stats import Samples, clock_once
from tests.benchmarks.vaults import BENCH_PASSPHRASE, open_keyed, scratch_copy

MEN = 1_000
FIGURES = (
    Figure(
        "export_1000",
        "Export of 1,000 men to a bundle",
        "s",
        "the same records through the same steps done raw (tests/benchmarks/sync_floor.py: "
        "serialise, compress, age-encrypt, write, fsync, drop from cache, read back)",
        ratio_at_most(2),
    ),
    Figure(
        "import_empty_1000",
        "Import of that bundle into an empty vault",
        "s",
        "read, decrypt, inflate and parse the bundle, then insert every row raw in one "
        "transaction into another empty vault",
        at_most(10, "s"),
    ),
    Figure(
        "reimport_1000",
        "Re-import of the same bundle (already imported: nothing changes)",
        "s",
        "read and decrypt the bundle",
        at_most(2, "s"),
    ),
)


@dataclass
class Peer:
    vault: Vault
    identity: str
    recipient: str


def _sync() -> Any:
    """The sync service, the raw floor's steps and the trust store."""
    from engager_desktop.services import sync
    from engager_desktop.sync import trust
    from tests.benchmarks import sync_floor

    return sync, sync_floor, trust


def _options(source: Vault) -> VaultOptions:
    """Production-strength parameters, fixed (no calibration per empty vault)."""
    kdf = KdfPolicy(floor=ASVS_FLOOR, fixed=_vault_params(source))
    return VaultOptions(kdf=kdf, clock=source.options.clock)


def _vault_params(vault: Vault) -> Any:
    from engager_desktop.crypto import keyslots

    data = (vault.path / "keyslots.json").read_bytes()
    return keyslots.kdf_params(keyslots.Keyslots.from_bytes(data, PRODUCTION, "keyslots.json"))


def _peer(path: Path, options: VaultOptions, source: Vault | None, modules: Any) -> Peer:
    sync, _floor, trust = modules
    vault, _code = create_vault(path, BENCH_PASSPHRASE, options, demo=True)
    if source is not None:
        sync.enrol(vault, sync.device_card(source).data, sync.device_card(source).fingerprint)
        sync.enrol(source, sync.device_card(vault).data, sync.device_card(vault).fingerprint)
    with vault.read() as session:
        own = trust.own_keys(session.connection())
    return Peer(vault, own.age_identity, own.age_recipient)


def raw_import(bundle: Path, peer: Peer, target: Vault) -> int:
    """The import floor: decrypt (as ``peer``), inflate, parse, insert every row raw into the
    empty ``target`` in one transaction, commit."""
    from engager_desktop.sync import bundle_format as fmt
    from engager_desktop.sync import canonical

    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(peer.identity)])
    container = fmt.unpack(bytes(plain))
    rows: defaultdict[str, list[tuple[object, ...]]] = defaultdict(list)
    specs = canonical.table_specs()
    for line in zlib.decompress(container.payload).splitlines():
        record = json.loads(line)
        rows[record["t"]].append(canonical.wire_to_row(specs[record["t"]], record["r"]))
    conn = open_connection(target.path / DB_FILE, target.data_key)
    try:
        conn.execute("BEGIN IMMEDIATE")
        for spec in specs.values():
            if rows.get(spec.name):
                cols = ", ".join(f'"{n}"' for n in spec.sorted_names)
                marks = ", ".join("?" for _ in spec.sorted_names)
                conn.executemany(
                    f'INSERT INTO "{spec.name}" ({cols}) VALUES ({marks})', rows[spec.name]
                )
        conn.execute("COMMIT")
    finally:
        conn.close()
    return sum(len(r) for r in rows.values())


def raw_read(bundle: Path, peer: Peer) -> int:
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(peer.identity)])
    return len(plain)


def one_round(
    source: Vault, peer: Peer, twin: Peer, stick: Path, rows: Any, modules: Any
) -> tuple[dict[str, float], int]:
    """Export to ``peer`` and its floor, import into it and the floor into ``twin``, re-import."""
    sync, floor, _trust = modules
    result: list[Any] = []
    to = (peer.vault.device_id,)
    spent = {
        "export": clock_once(lambda: result.append(sync.export(source, stick, recipients=to))),
        "export_floor": clock_once(
            lambda: floor.raw_export(rows, stick, [peer.recipient]).unlink()
        ),
    }
    bundle = result[0].path
    spent["import"] = clock_once(lambda: sync.commit_import(peer.vault, bundle))
    spent["import_floor"] = clock_once(lambda: raw_import(bundle, peer, twin.vault))
    spent["reimport"] = clock_once(lambda: sync.commit_import(peer.vault, bundle))
    spent["reimport_floor"] = clock_once(lambda: raw_read(bundle, peer))
    return spent, int(result[0].records)


@register("sync", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    """Each run: a fresh empty vault enrolled both ways, an export to it, import, re-import."""
    modules = _sync()
    built = scratch_copy(ctx.vault(MEN), ctx.scratch("sync"), plain=False)
    work = ctx.scratch("sync-peers")
    stick = ctx.scratch("sync-stick")
    source = open_keyed(built)
    times: dict[str, list[float]] = defaultdict(list)
    records = 0
    try:
        options = _options(source)
        rows = modules[1].load_rows(source)
        for run_no in range(ctx.runs(5, 2) + 1):
            ctx.log(f"sync: run {run_no}")
            peer = _peer(work / f"peer-{run_no}", options, source, modules)
            twin = _peer(work / f"twin-{run_no}", options, None, modules)
            try:
                spent, records = one_round(source, peer, twin, stick, rows, modules)
            finally:
                peer.vault.lock()
                twin.vault.lock()
            if run_no:  # the first run warms caches
                for key, value in spent.items():
                    times[key].append(value)
    finally:
        source.lock()
    n = len(times["export"])
    med = {key: Samples(tuple(values)).median for key, values in times.items()}
    note = f"{records:,} records in the bundle (the whole vault of {MEN:,} men, services included)."
    return {
        "export_1000": Measurement(med["export"], med["export_floor"], n, note),
        "import_empty_1000": Measurement(med["import"], med["import_floor"], n, note),
        "reimport_1000": Measurement(med["reimport"], med["reimport_floor"], n),
    }
