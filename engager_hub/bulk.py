"""Many rows in a few statements on PostgreSQL, for the shared sync code's driver ``INSERT``s.

A merge writes tens of thousands of rows (records, sync rows, field stamps). Sent one row per
statement (psycopg's ``executemany``) each costs a round trip's work at the server; here they go
as multi-row ``INSERT … VALUES (…), (…)`` statements of a few hundred rows, through psycopg's
raw cursor (numbered ``$n`` placeholders, so the driver does not re-parse a long statement every
time), in the caller's own transaction. An ``ON CONFLICT`` clause after the VALUES list applies
to every row as before (the sync code never sends one key twice in one batch). Any statement not
of that shape goes through ``executemany`` as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import psycopg
from sqlalchemy import Connection

from engager_desktop.store import portable

_VALUES = re.compile(r" VALUES (\((?:\?, )*\?\))")
_MAX_PARAMETERS = 30_000  # PostgreSQL takes at most 65,535 in one statement
_MAX_ROWS = 500


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


def insert_rows(conn: Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    parts = _parts(sql)
    if parts is None:
        conn.exec_driver_sql(portable.for_postgresql(sql), list(rows))
        return
    step = max(1, min(_MAX_ROWS, _MAX_PARAMETERS // max(1, parts[1])))
    driver: Any = conn.connection.driver_connection
    with psycopg.RawCursor(driver) as cursor:
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            cursor.execute(_multi_row(sql, len(chunk)), [v for row in chunk for v in row])


portable.register_insert_rows("postgresql", insert_rows)
