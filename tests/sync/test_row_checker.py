"""The compiled per-table check (``sync/row_checker.py``) says yes exactly when the column-by-column
check (``canonical._valid`` and the revision rule) does, for every column of every synced table."""

from __future__ import annotations

from typing import Any

import pytest

from engager_desktop.sync import canonical
from engager_desktop.sync.errors import RecordInvalid

_UUID = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
_CANDIDATES: tuple[Any, ...] = (
    None, "", "x", "x" * 36, "x" * 37, "x" * 20_001, "a\x00b", "\x00", _UUID, _UUID.upper(),
    _UUID[:-1] + "g", "1764777600000-000001", "1764777600000-00001", "2026-11-02",
    "2026-02-30", "2026-11-02T09:00:00.000000", "2026-11-02T25:00:00.000000",
    "2026-11-02 09:00:00.000000", "2026-11-02T09:00:00", 0, 1, -1, 1 << 62, (1 << 62) + 1,
    True, False, 1.5, [], {},
)  # fmt: skip


def _good_row(spec: canonical.TableSpec) -> dict[str, Any]:
    good = {
        "str": "text",
        "int": 1,
        "bool": False,
        "date": "2026-11-02",
        "datetime": "2026-11-02T09:00:00.000000",
    }
    row: dict[str, Any] = {}
    for col in spec.columns:
        value = good[col.kind]
        if col.uuid:
            value = _UUID
        elif col.hlc:
            value = "1764777600000-000001"
        row[col.name] = value
    return row


@pytest.mark.parametrize("table", list(canonical.table_specs()))
def test_compiled_check_agrees_with_the_column_check(table: str) -> None:
    spec = canonical.table_specs()[table]
    check = canonical._row_check(table)
    base = _good_row(spec)
    assert check(base)
    for col in spec.columns:
        for value in _CANDIDATES:
            row = {**base, col.name: value}
            expected = canonical._valid(col, value) and row["rev"] >= 1
            assert check(row) is expected, (table, col.name, value)
            if not expected:
                with pytest.raises(RecordInvalid):
                    canonical.check_row(spec, row)
            else:
                canonical.check_row(spec, row)
