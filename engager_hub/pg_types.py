"""How the laptop's column types read in PostgreSQL's DDL: text without length limits.

SQLite ignores a declared length (``VARCHAR(40)``, ``TEXT(2000)``) and PostgreSQL refuses
``TEXT(n)`` and enforces ``VARCHAR(n)``. The hub must hold whatever a laptop holds, so on
PostgreSQL both are plain ``VARCHAR``/``TEXT``; lengths are checked where a laptop checks them (the
flush hook for edits, the record checks for imports). Import this module before creating tables.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.ext.compiler import compiles


@compiles(String, "postgresql")
def _string(_type: Any, _compiler: Any, **_kw: Any) -> str:
    return "VARCHAR"


@compiles(Text, "postgresql")
def _text(_type: Any, _compiler: Any, **_kw: Any) -> str:
    return "TEXT"
