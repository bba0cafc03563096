"""Alembic migrations for the vault schema; run on open by store.migrate."""
