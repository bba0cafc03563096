"""Many rows in few round trips on PostgreSQL, for the shared sync code's driver ``INSERT``s.

A merge writes tens of thousands of rows (records, sync rows, field stamps). Sent one row per
statement (psycopg's ``executemany``) each costs a round trip's work at the server. Here, in the
caller's own transaction:

- a plain ``INSERT INTO t (cols) VALUES (?, …)`` of many rows becomes one ``COPY t (cols) FROM
  STDIN``: the same rows, the same constraints, indexes and triggers, checked the same way;
- one with an ``ON CONFLICT`` clause (an upsert) COPYs the rows into a temporary table of those
  columns (``ON COMMIT DROP``), then runs ``INSERT INTO t (cols) SELECT cols FROM that … ON
  CONFLICT …``: the clause applies to every row as before (the sync code never sends one key
  twice in one batch);
- a batch of fewer than ``_COPY_FROM`` rows goes as multi-row ``INSERT … VALUES (…), (…)``
  statements of a few hundred rows (numbered ``$n`` placeholders, so the driver does not re-parse
  a long statement every time), where a temporary table would cost more than it saves.

Any statement not of that shape goes through ``executemany`` as before.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import Connection

from engager_desktop.store import portable

_VALUES = re.compile(r" VALUES (\((?:\?, )*\?\))")
_TARGET = re.compile(r'INSERT INTO ("?[a-z_][a-z0-9_]*"?) \(([^()?]+)\) $', re.IGNORECASE)
_MAX_PARAMETERS = 30_000  # PostgreSQL takes at most 65,535 in one statement
_MAX_ROWS = 500
_COPY_FROM = 64  # rows: below this, multi-row INSERTs are as quick as COPY
_staging = itertools.count(1)


@lru_cache(maxsize=256)
def _parts(sql: str) -> tuple[str, int, str] | None:
    """(text before the VALUES group, its placeholders, text after) of a one-row ``INSERT``
    whose other parts take no parameters; None for any other statement."""
    found = _VALUES.search(sql)
    if found is None:
        return None
    before, after = sql[: found.start(1)], sql[found.end(1) :]
    if "?" in before or "?" in after or "$" in sql or "%" in sql:
        return None
    return before, found.group(1).count("?"), after


@lru_cache(maxsize=256)
def _multi_row(sql: str, rows: int) -> str:
    parts = _parts(sql)
    assert parts is not None
    before, width, after = parts
    groups = (
        "(" + ", ".join(f"${row * width + col + 1}" for col in range(width)) + ")"
        for row in range(rows)
    )
    return before + ", ".join(groups) + after


@lru_cache(maxsize=256)
def _target(sql: str) -> tuple[str, str] | None:
    """(table, column list) of ``INSERT INTO table (columns) VALUES …``; None if not that."""
    parts = _parts(sql)
    found = _TARGET.fullmatch(parts[0].removesuffix("VALUES ")) if parts else None
    if found is None:
        return None
    return found.group(1), found.group(2)


def insert_rows(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    parts = _parts(sql)
    if parts is None:
        conn.exec_driver_sql(portable.for_postgresql(sql), list(rows))
        return
    driver: Any = conn.connection.driver_connection
    target = _target(sql)
    if target is not None and len(rows) >= _COPY_FROM:
        _copy_rows(driver, target, parts[2], rows)
        return
    step = max(1, min(_MAX_ROWS, _MAX_PARAMETERS // max(1, parts[1])))
    with psycopg.RawCursor(driver) as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.execute(_multi_row(sql, len(chunk)), [v for row in chunk for v in row])


def _copy_rows(
    driver: Any, target: tuple[str, str], after: str, rows: Sequence[Sequence[Any]]
) -> None:
    table, columns = target
    with driver.cursor() as cursor:
        if not after.strip():
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        staging = f"engager_bulk_{next(_staging)}"
        cursor.execute(
            f"CREATE TEMPORARY TABLE {staging} ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # WHERE true: the ON CONFLICT that follows cannot be read as part of the FROM
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} WHERE true{after}"
        )
        cursor.execute(f"DROP TABLE {staging}")


portable.register_insert_rows("postgresql", insert_rows)
