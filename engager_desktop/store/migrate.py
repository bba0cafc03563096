"""Run alembic migrations on the vault's own keyed connection, backing up first."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from engager_desktop.domain.errors import UserError
from engager_desktop.i18n import tr
from engager_desktop.paths import migrations_path


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError("no migration head")
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> tuple[bool, str | None]:
    """Whether the vault is behind the code's schema, and its current revision."""
    with engine.connect() as conn:
        current = current_revision(conn)
    head = head_revision()
    if current is not None and current != head:
        known = {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}
        if current not in known:
            raise SchemaTooNew(current)
    return current != head, current


class SchemaTooNew(UserError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            tr(
                "Errors",
                (
                    "this vault was made by a newer version of Engager Desktop (schema "
                    "{revision}); install the newer version to open it"
                ),
            ).format(revision=revision)
        )


def upgrade(engine: Engine, target: str = "head") -> None:
    with engine.connect() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()


def downgrade(engine: Engine, target: str) -> None:
    with engine.connect() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)
        conn.commit()
