"""Alembic environment: runs on the app's own keyed connection, never opens one itself."""

from __future__ import annotations

from alembic import context

from engager_desktop.store import field_stamps, sync_state  # noqa: F401  (registers them)
from engager_desktop.store.orm import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("migrations run only on the vault's own keyed connection")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline (SQL script) migrations are not supported")
run_migrations_online()
