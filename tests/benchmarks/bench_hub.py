"""The hub on PostgreSQL: import of a 1,000-man bundle against loading the same rows with COPY in
one transaction (the floor), and re-import of the same bundle.

The bundle is a chosen-men export of 1,000 men from the cached 10,000-man demo vault (all their
records and the services directory). The cluster is a throwaway one started here
(``tests/hub/pg_cluster.py``) with fsync and synchronous commit on, as a real server runs. Each run
imports into a fresh copy of one set-up hub database (its schema, identity and the laptop
enrolled), and COPYs into another fresh copy; both in the same run, medians reported.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyrage

from engager_desktop.crypto.kdf import ASVS_FLOOR, KdfPolicy
from engager_desktop.store.vault import VaultOptions
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, at_most, ratio_at_most, register
from tests.benchmarks.stats import Samples, clock_once
from tests.benchmarks.vaults import open_keyed, scratch_copy

MEN = 1_000
SOURCE_MEN = 10_000
HUB_PASSPHRASE = "fictional-hub-benchmark-lantern-orchard-52"
FIGURES = (
    Figure(
        "hub_import_1000",
        "Hub import (PostgreSQL) of a 1,000-man bundle",
        "s",
        "read, decrypt, inflate and parse the bundle, then COPY every row into an empty hub "
        "database in one transaction",
        ratio_at_most(2),
    ),
    Figure(
        "hub_reimport_1000",
        "Hub re-import of the same bundle (already imported: nothing changes)",
        "s",
        "read and decrypt the bundle",
        at_most(1, "s"),
    ),
)


def _copy_floor(bundle: Path, identity: str, url: str) -> int:
    """Decrypt, inflate, parse, then COPY every row in one transaction, commit."""
    from sqlalchemy import create_engine

    from engager_desktop.sync import bundle_format as fmt
    from engager_desktop.sync import canonical

    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(identity)])
    container = fmt.unpack(bytes(plain))
    rows: defaultdict[str, list[tuple[object, ...]]] = defaultdict(list)
    specs = canonical.table_specs()
    for line in zlib.decompress(container.payload).splitlines():
        record = json.loads(line)
        rows[record["t"]].append(canonical.wire_to_row(specs[record["t"]], record["r"]))
    engine = create_engine(url)
    try:
        raw = engine.raw_connection()
        conn: Any = raw.driver_connection
        with conn.cursor() as cur:
            for spec in specs.values():
                if rows.get(spec.name):
                    cols = ", ".join(f'"{n}"' for n in spec.sorted_names)
                    with cur.copy(f'COPY "{spec.name}" ({cols}) FROM STDIN') as copy:
                        for row in rows[spec.name]:
                            copy.write_row(row)
        conn.commit()
        raw.close()
    finally:
        engine.dispose()
    return sum(len(r) for r in rows.values())


def _one_run(
    cluster: Any, run_no: int, bundle: Path, identity: str, options: VaultOptions
) -> tuple[dict[str, float], int]:
    """Import and re-import at a fresh copy of the set-up hub; COPY into a fresh empty one."""
    from engager_hub import ops
    from engager_hub.hub import open_hub

    result: list[Any] = []
    with open_hub(cluster.url(f"hub_run_{run_no}"), HUB_PASSPHRASE, options) as hub:
        spent = {
            "import": clock_once(lambda: result.append(ops.import_file(hub, bundle))),
            "reimport": clock_once(lambda: ops.import_file(hub, bundle)),
        }
    floor_url = cluster.url(f"floor_run_{run_no}")
    spent["import_floor"] = clock_once(lambda: _copy_floor(bundle, identity, floor_url))
    key = [pyrage.x25519.Identity.from_str(identity)]
    spent["reimport_floor"] = clock_once(lambda: pyrage.decrypt(bundle.read_bytes(), key))
    return spent, int(result[0].records_new)


@register("hub", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    from sqlalchemy import create_engine, select

    from engager_desktop.services import sync
    from engager_desktop.store.orm import Participant
    from engager_hub import ops, schema
    from engager_hub.hub import open_hub
    from tests.hub.pg_cluster import start_cluster

    built = scratch_copy(ctx.vault(SOURCE_MEN), ctx.scratch("hub"), plain=False)
    stick = ctx.scratch("hub-stick")
    source = open_keyed(built)
    cluster = start_cluster(durable=True)
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    times: defaultdict[str, list[float]] = defaultdict(list)
    records = 0
    try:
        options = VaultOptions(
            kdf=KdfPolicy(floor=ASVS_FLOOR, fixed=ASVS_FLOOR), clock=source.clock
        )
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE hub_empty")
            conn.exec_driver_sql("CREATE DATABASE hub_base")
        empty = create_engine(cluster.url("hub_empty"))
        schema.upgrade(empty)
        empty.dispose()
        base_url = cluster.url("hub_base")
        ops.init(base_url, HUB_PASSPHRASE, "Benchmark hub", options)
        with open_hub(base_url, HUB_PASSPHRASE, options) as hub:
            card = ctx.scratch("hub-cards") / "laptop.card"
            card.write_bytes(sync.device_card(source).data)
            ops.enrol(hub, card, sync.device_card(source).fingerprint)
            sync.enrol(source, ops.device_card(hub), hub.own.card().fingerprint)
            hub_id, identity = hub.device_id, hub.own.age_identity
        with source.read() as session:
            men = tuple(session.scalars(select(Participant.id).order_by(Participant.id).limit(MEN)))
        bundle = sync.export(source, stick, recipients=(hub_id,), men=men).path
        for run_no in range(ctx.runs(5, 2) + 1):
            ctx.log(f"hub: run {run_no}")
            with admin.connect() as conn:
                conn.exec_driver_sql(f"CREATE DATABASE hub_run_{run_no} TEMPLATE hub_base")
                conn.exec_driver_sql(f"CREATE DATABASE floor_run_{run_no} TEMPLATE hub_empty")
            spent, records = _one_run(cluster, run_no, bundle, identity, options)
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE hub_run_{run_no} WITH (FORCE)")
                conn.exec_driver_sql(f"DROP DATABASE floor_run_{run_no} WITH (FORCE)")
            if run_no:  # the first run warms caches
                for key, value in spent.items():
                    times[key].append(value)
    finally:
        admin.dispose()
        source.lock()
        cluster.stop()
    n = len(times["import"])
    med = {key: Samples(tuple(values)).median for key, values in times.items()}
    note = (
        f"{records:,} records for {MEN:,} men and the services directory; PostgreSQL with fsync on."
    )
    return {
        "hub_import_1000": Measurement(med["import"], med["import_floor"], n, note),
        "hub_reimport_1000": Measurement(med["reimport"], med["reimport_floor"], n),
    }
