"""One compiled yes/no check per synced table, for the million values of a large import.

``canonical.check_row`` must say what is wrong with a bad record, but nearly every record is good,
and looping over column specs (one call, several attribute reads and branches per value) was a
third of a hub import's time. For each table this module writes the same checks as one Python
function over the row, every column's test inlined as an expression, and compiles it once. It
answers only "every value is valid and the revision is at least 1"; on False, ``check_row`` runs
the column-by-column check, which raises naming the table and field. The expressions mirror
``canonical._valid`` exactly (``tests/sync/test_row_checker.py`` holds one against the other).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from re import Pattern
from typing import Any, Protocol

RowCheck = Callable[[Mapping[str, Any]], bool]


class Column(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def nullable(self) -> bool: ...
    @property
    def max_len(self) -> int | None: ...
    @property
    def uuid(self) -> bool: ...
    @property
    def hlc(self) -> bool: ...


def _real_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _real_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _test(col: Column) -> str:
    """The expression that is True when ``v`` (not None) is a valid value of ``col``."""
    if col.kind == "str":
        parts = ["type(v) is str", "'\\x00' not in v"]
        if col.max_len is not None:
            parts.append(f"len(v) <= {int(col.max_len)}")
        if col.uuid:
            parts.append("uuid(v) is not None")
        elif col.hlc:
            parts.append("hlc(v) is not None")
        return " and ".join(parts)
    if col.kind == "bool":
        return "type(v) is bool"
    if col.kind == "int":
        return "type(v) is int and -limit <= v <= limit"
    if col.kind == "date":
        return "type(v) is str and day(v) is not None and real_date(v)"
    if col.kind == "datetime":
        return "type(v) is str and moment(v) is not None and real_time(v)"
    raise ValueError(f"column {col.name} has a kind bundles cannot carry")


def compile_check(
    table: str, columns: Sequence[Column], patterns: Mapping[str, Pattern[str]], limit: int
) -> RowCheck:
    """A function ``row -> bool``: every column's value valid, and ``rev`` at least 1."""
    lines = ["def check(row):"]
    for col in columns:
        lines.append(f"    v = row[{col.name!r}]")
        test = _test(col)
        if col.nullable:
            lines.append(f"    if v is not None and not ({test}):")
        else:
            lines.append(f"    if v is None or not ({test}):")
        lines.append("        return False")
    lines.append("    return row['rev'] >= 1")
    scope: dict[str, Any] = {
        "uuid": patterns["uuid"].fullmatch,
        "hlc": patterns["hlc"].fullmatch,
        "day": patterns["date"].fullmatch,
        "moment": patterns["datetime"].fullmatch,
        "real_date": _real_date,
        "real_time": _real_time,
        "limit": limit,
    }
    # Column names and lengths come from the models, never from a bundle.
    exec(compile("\n".join(lines), f"<row check for {table}>", "exec"), scope)  # noqa: S102
    check: RowCheck = scope["check"]
    return check
