"""Driver SQL written for SQLite that also runs on PostgreSQL (the community hub shares this code).

The laptop's fast paths send plain driver SQL with ``?`` placeholders and pass lists of ids as one
JSON text read by ``json_each``. On PostgreSQL the same statement is rewritten once (and cached):
``%s`` placeholders (psycopg's style) and ``jsonb_array_elements_text`` for the JSON list; an
``INSERT`` of many rows goes to the faster way the hub registers (``register_insert_rows``). On
SQLite the statement runs as written, so the laptop pays one string comparison. ``upsert`` gives
the dialect's ``INSERT … ON CONFLICT`` (the same on both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects import postgresql, sqlite

_JSON_LIST = "(SELECT value FROM json_each(?))"
_PG_JSON_LIST = "(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))"

Params = Sequence[Any] | Sequence[Sequence[Any]] | None


@lru_cache(maxsize=1024)
def for_postgresql(sql: str) -> str:
    """The statement with PostgreSQL's spellings (placeholders, JSON list)."""
    return sql.replace(_JSON_LIST, _PG_JSON_LIST).replace("%", "%%").replace("?", "%s")


InsertRows = Callable[[Connection, str, Sequence[Sequence[Any]]], None]
_insert_rows: dict[str, InsertRows] = {}


def register_insert_rows(dialect: str, insert_rows: InsertRows) -> None:
    """A faster way to ``INSERT`` many rows on ``dialect`` (the hub registers PostgreSQL's)."""
    _insert_rows[dialect] = insert_rows


def execute(conn: Connection, sql: str, params: Params = None) -> Any:
    """``exec_driver_sql`` in SQLite's spelling, on either engine (rows list: executemany)."""
    if conn.dialect.name == "sqlite":
        return conn.exec_driver_sql(sql) if params is None else conn.exec_driver_sql(sql, params)
    fast = _insert_rows.get(conn.dialect.name)
    if fast is not None and _many(params) and sql.lstrip().upper().startswith("INSERT"):
        return fast(conn, sql, params)  # type: ignore[arg-type]
    sql = for_postgresql(sql)
    return conn.exec_driver_sql(sql) if params is None else conn.exec_driver_sql(sql, params)


def _many(params: Params) -> bool:
    return isinstance(params, list) and len(params) > 1 and isinstance(params[0], tuple | list)


def upsert(conn: Connection, table: Any) -> Any:
    """The dialect's ``INSERT`` with ``on_conflict_do_update`` (same API on both engines)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
