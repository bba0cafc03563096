"""The hub at 100,000 men (issue #18): export for one laptop of 40 men, a year's figures, status.

The hub database is generated at the hub, in PostgreSQL: 1,000 demo men (a chosen-men bundle
from the cached 10,000-man demo vault, imported by the hub's own import, so every row is the
hub's own shape: records, sync rows, field stamps) are copied 99 times by ``INSERT … SELECT``
over ``generate_series``, each copy under new record ids (an md5 of the old id and the copy
number, in UUID form; references into the services directory kept). 49 more laptops are enrolled
as copies of the real one's row, and the holdings are spread over the 50: the benchmarked laptop
holds 40 men, the others the rest. The database is kept as a ``pg_dump`` in
``tests/benchmarks/.cache`` and restored into each run's throwaway cluster (fsync on).

Floors, in the same run on the same database: for the export, a plain SELECT of those 40 men's
rows (every synced table) and the services directory over the hub's own connection; for the
figures and the status, the very SQL the service ran, captured and replayed through the bare
psycopg connection, every row fetched.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from engager_desktop.crypto.kdf import ASVS_FLOOR, KdfPolicy
from engager_desktop.store.vault import VaultOptions
from tests.benchmarks.context import Context
from tests.benchmarks.registry import Figure, Measurement, Outcome, at_most, register
from tests.benchmarks.sqlreplay import Statement, capture
from tests.benchmarks.stats import time_pair
from tests.benchmarks.vaults import open_keyed, scratch_copy

MEN = 100_000
SEED_MEN = 1_000
LAPTOPS = 50
LAPTOP_MEN = 40
SOURCE_MEN = 10_000
DUMP_VERSION = 1  # raise when the generated database changes shape
HUB_PASSPHRASE = "fictional-hub-benchmark-lantern-orchard-52"
REPLAY = "the very SQL it ran, replayed through the bare psycopg connection, every row fetched"

FIGURES = (
    Figure(
        "hub_export_40_of_100000",
        "Hub export for one laptop (40 men) from a hub of 100,000 men",
        "s",
        "a plain SELECT of those 40 men's rows in every synced table, and the services directory, "
        "over the same connection",
        at_most(2, "s"),
    ),
    Figure(
        "hub_figures_year_100000",
        "Hub service figures, 12 months by month, over 100,000 men",
        "s",
        REPLAY,
        at_most(5, "s"),
    ),
    Figure(
        "hub_status_100000",
        "Hub status (50 laptops, 100,000 men)",
        "s",
        REPLAY,
        at_most(0.5, "s"),
    ),
)


def _new_id(column: str) -> str:
    """The SQL for a copy's id: an md5 of the old id and the copy number ``k``, as a UUID."""
    return (
        f"regexp_replace(md5({column} || ':' || k::text), "
        "'^(.{8})(.{4})(.{4})(.{4})(.{12})$', '\\1-\\2-\\3-\\4-\\5')"
    )


def _columns(conn: Any, table: str) -> list[str]:
    rows = conn.exec_driver_sql(
        "SELECT column_name FROM information_schema.columns "
        f"WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position"
    )
    return [str(r[0]) for r in rows]


def _multiply(conn: Any, copies: int) -> None:
    """Copy every man's rows ``copies`` times under new ids, in one statement per table."""
    from engager_desktop.sync import canonical

    specs = canonical.table_specs()
    rewritten = {name for name in specs if name != "services"}
    series = f"CROSS JOIN generate_series(1, {copies}) AS k"
    for spec in specs.values():
        if spec.name == "services":
            continue
        refs = {col for col, table in spec.foreign_keys if table in rewritten}
        refs.add("id")
        cols = _columns(conn, spec.name)
        exprs = [_new_id(f'"{c}"') if c in refs else f'"{c}"' for c in cols]
        names = ", ".join(f'"{c}"' for c in cols)
        conn.exec_driver_sql(
            f'INSERT INTO "{spec.name}" ({names}) SELECT {", ".join(exprs)} '
            f'FROM "{spec.name}" {series}'
        )
    men_tables = ", ".join(f"'{n}'" for n in sorted(rewritten))
    for table in ("field_stamps", "sync_records", "sync_passed_on"):
        cols = _columns(conn, table)
        if not cols:
            continue
        ids = ("record_id", "participant_id")
        exprs = [_new_id(f'"{c}"') if c in ids else f'"{c}"' for c in cols]
        names = ", ".join(f'"{c}"' for c in cols)
        conn.exec_driver_sql(
            f'INSERT INTO "{table}" ({names}) SELECT {", ".join(exprs)} FROM "{table}" {series} '
            f"WHERE table_name IN ({men_tables})"
        )


def _spread(conn: Any, laptop: str) -> None:
    """49 more laptops (copies of the real one's row) and the holdings over all 50."""
    cols = _columns(conn, "devices")
    exprs = []
    for c in cols:
        if c == "id":
            exprs.append(_new_id("id"))
        elif c == "name":
            exprs.append("'Laptop ' || k::text")
        else:
            exprs.append(f'"{c}"')
    conn.exec_driver_sql(
        f"INSERT INTO devices ({', '.join(cols)}) SELECT {', '.join(exprs)} FROM devices "
        f"CROSS JOIN generate_series(1, {LAPTOPS - 1}) AS k WHERE id = '{laptop}'"
    )
    conn.exec_driver_sql("DELETE FROM hub_holdings")
    conn.exec_driver_sql(
        "CREATE TEMP TABLE spread AS SELECT p.id AS man, row_number() OVER (ORDER BY p.id) AS n "
        "FROM participants p"
    )
    conn.exec_driver_sql(
        "CREATE TEMP TABLE others AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS slot "
        "FROM devices WHERE NOT is_self AND id <> %(laptop)s",
        {"laptop": laptop},
    )
    conn.exec_driver_sql(
        "INSERT INTO hub_holdings (device_id, participant_id, since) "
        "SELECT CASE WHEN s.n <= %(few)s THEN %(laptop)s ELSE o.id END, s.man, now() "
        "FROM spread s JOIN others o ON o.slot = s.n %% %(others)s",
        {"few": LAPTOP_MEN, "laptop": laptop, "others": LAPTOPS - 1},
    )
    conn.exec_driver_sql(
        "UPDATE participants p SET held_by = h.device_id FROM hub_holdings h "
        "WHERE h.participant_id = p.id"
    )


@dataclass
class Generated:
    dump: Path
    laptop: str


def _dump_path(ctx: Context) -> Path:
    return ctx.cache_dir / f"hub{MEN}-v{DUMP_VERSION}.dump"


def _pg_tool(cluster: Any, name: str) -> str:
    return str(cluster.bin / name)


def _generate(ctx: Context, cluster: Any, admin: Any, options_for: Any) -> str:
    """Build database ``hub_gen`` in ``cluster``; the laptop id that holds 40 men."""
    from sqlalchemy import create_engine, select

    from engager_desktop.services import sync
    from engager_desktop.store.orm import Participant
    from engager_hub import ops
    from engager_hub.hub import open_hub

    built = scratch_copy(ctx.vault(SOURCE_MEN), ctx.scratch("hub-scale"), plain=False)
    stick = ctx.scratch("hub-scale-stick")
    source = open_keyed(built)
    try:
        options = options_for(source.clock)
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE hub_gen")
        url = cluster.url("hub_gen")
        ops.init(url, HUB_PASSPHRASE, "Benchmark hub", options)
        with open_hub(url, HUB_PASSPHRASE, options) as hub:
            card = ctx.scratch("hub-scale-cards") / "laptop.card"
            card.write_bytes(sync.device_card(source).data)
            key = ops.enrol(hub, card, sync.device_card(source).fingerprint)
            sync.enrol(source, ops.device_card(hub), hub.own.card().fingerprint)
            hub_id = hub.device_id
            with source.read() as session:
                men = tuple(
                    session.scalars(select(Participant.id).order_by(Participant.id).limit(SEED_MEN))
                )
            bundle = sync.export(source, stick, recipients=(hub_id,), men=men).path
            ctx.log("hub-scale: importing the 1,000 seed men")
            ops.import_file(hub, bundle)
        laptop = key.device_id
    finally:
        source.lock()
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            ctx.log(f"hub-scale: copying them {MEN // SEED_MEN - 1} times")
            # the copies keep the seed's references whole: skip the per-row foreign key checks
            conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            _multiply(conn, MEN // SEED_MEN - 1)
            _spread(conn, laptop)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    finally:
        engine.dispose()
    return laptop


@contextmanager
def _hub_database(ctx: Context, cluster: Any, admin: Any, options_for: Any) -> Iterator[str]:
    """Database ``hub_gen`` restored from the cached dump (made first if missing)."""
    from sqlalchemy import create_engine

    dump = _dump_path(ctx)
    user = ["-h", str(cluster.socket_dir), "-U", "engager"]
    if dump.exists():
        ctx.log("hub-scale: restoring the cached hub")
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE hub_gen")
        subprocess.run(
            [_pg_tool(cluster, "pg_restore"), *user, "-d", "hub_gen", "-j", "2", str(dump)],
            check=True,
            capture_output=True,
        )
        restored = create_engine(cluster.url("hub_gen"), isolation_level="AUTOCOMMIT")
        try:
            with restored.connect() as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")  # pg_restore leaves no statistics
        finally:
            restored.dispose()
    else:
        laptop = _generate(ctx, cluster, admin, options_for)
        dump.parent.mkdir(parents=True, exist_ok=True)
        part = dump.with_suffix(".part")
        subprocess.run(
            [_pg_tool(cluster, "pg_dump"), *user, "-Fc", "-Z", "1", "-f", str(part), "hub_gen"],
            check=True,
            capture_output=True,
        )
        part.replace(dump)
        dump.with_suffix(".laptop").write_text(laptop)
    yield dump.with_suffix(".laptop").read_text().strip()


def _replay(conn: Any, statements: list[Statement]) -> int:
    """The captured statements on the bare psycopg connection, every row fetched."""
    rows = 0
    with conn.cursor() as cur:
        for st in statements:
            cur.execute(st.sql, st.params or None)
            if cur.description is not None:
                rows += len(cur.fetchall())
    conn.rollback()
    return rows


def _men_rows(conn: Any, men: list[str]) -> int:
    """The floor of the export: those men's rows in every synced table and the services."""
    from engager_desktop.sync import canonical

    rows = 0
    with conn.cursor() as cur:
        for spec in canonical.table_specs().values():
            if spec.name == "services":
                cur.execute('SELECT * FROM "services"')
            elif spec.name == "participants":
                cur.execute('SELECT * FROM "participants" WHERE id = ANY(%s)', (men,))
            elif spec.owned:
                cur.execute(f'SELECT * FROM "{spec.name}" WHERE participant_id = ANY(%s)', (men,))
            else:
                continue
            rows += len(cur.fetchall())
    conn.rollback()
    return rows


def _year_to(today: date) -> tuple[date, date]:
    back = today.year * 12 + today.month - 1 - 11
    return date(back // 12, back % 12 + 1, 1), today


@register("hub_scale", *FIGURES)
def run(ctx: Context) -> dict[str, Outcome]:
    from sqlalchemy import create_engine

    from engager_desktop.services import figures
    from engager_hub import ops
    from engager_hub.hub import open_hub
    from tests.hub.pg_cluster import start_cluster

    def options_for(clock: Any) -> VaultOptions:
        return VaultOptions(kdf=KdfPolicy(floor=ASVS_FLOOR, fixed=ASVS_FLOOR), clock=clock)

    clock = open_keyed(ctx.vault(SOURCE_MEN))
    options = options_for(clock.clock)
    clock.lock()
    cluster = start_cluster(durable=True)
    admin = create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    runs = ctx.runs(7, 3)
    out = ctx.scratch("hub-scale-out")
    try:
        with _hub_database(ctx, cluster, admin, options_for) as laptop:
            with open_hub(cluster.url("hub_gen"), HUB_PASSPHRASE, options) as hub:
                men = ops.men_of(hub, laptop)
                bare: Any = hub.engine.raw_connection()
                conn = bare.driver_connection
                first, last = _year_to(options.clock.today())

                def export() -> None:
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()
                    ops.export_for(hub, laptop, out)

                ctx.log(f"hub-scale: export of {len(men)} men, {runs} runs")
                exp, exp_floor = time_pair(export, lambda: _men_rows(conn, men), runs)

                def year() -> object:
                    return figures.service_figures(hub, first, last)

                with capture(hub.engine) as fig_sql:
                    year()
                ctx.log(f"hub-scale: figures ({len(fig_sql)} statements), {runs} runs")
                fig, fig_floor = time_pair(year, lambda: _replay(conn, fig_sql), runs)

                with capture(hub.engine) as status_sql:
                    report = ops.status(hub)
                ctx.log(f"hub-scale: status ({len(status_sql)} statements), {runs} runs")
                st, st_floor = time_pair(
                    lambda: ops.status(hub), lambda: _replay(conn, status_sql), runs
                )
                held = sum(int(lap["men"]) for lap in report["laptops"])
                bare.close()
    finally:
        admin.dispose()
        cluster.stop()
    note = (
        f"{held:,} men held over {len(report['laptops'])} laptops; "
        f"PostgreSQL with fsync on; {len(men)} men exported."
    )
    held_note = f"{held:,} men held over {len(report['laptops'])} laptops; PostgreSQL, fsync on."
    fig_note = f"From {first:%d %b %Y} to {last:%d %b %Y}: 12 months and the whole range."
    return {
        "hub_export_40_of_100000": Measurement(exp.median, exp_floor.median, exp.runs, note),
        "hub_figures_year_100000": Measurement(fig.median, fig_floor.median, fig.runs, fig_note),
        "hub_status_100000": Measurement(st.median, st_floor.median, st.runs, held_note),
    }
