"""The hub's schema in PostgreSQL, created and upgraded by alembic (``engager_hub/migrations``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from engager_hub.errors import HubError

VERSION_TABLE = "hub_alembic_version"


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no hub migration head")
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(
        conn, opts={"version_table": VERSION_TABLE}
    ).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema (one transaction per migration)."""
    with engine.connect() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()


def require_current(conn: Connection) -> None:
    """Refuse a database the hub has not set up, or one from a newer hub."""
    current = current_revision(conn)
    if current is None:
        raise HubError("this database holds no hub; run engager-hub init first")
    if current != head_revision():
        known = {r.revision for r in ScriptDirectory.from_config(_config()).walk_revisions()}
        if current not in known:
            raise HubError(f"this hub was set up by a newer engager-hub (schema {current})")
        raise HubError("this hub's schema is older than this engager-hub; run engager-hub init")
