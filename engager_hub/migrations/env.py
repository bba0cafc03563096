"""Alembic environment of the hub (PostgreSQL): runs on the hub's own connection only."""

from __future__ import annotations

from alembic import context

from engager_desktop.store import field_stamps, sync_state  # noqa: F401  (registers them)
from engager_desktop.store.orm import Base
from engager_hub import pg_types  # noqa: F401  (text types without lengths)

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("hub migrations run only on the hub's own connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transaction_per_migration=True,
        version_table="hub_alembic_version",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
