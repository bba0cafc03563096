"""The bundle's field lists: kept in step with the synced tables, and only ever added to."""

from __future__ import annotations

import dataclasses

import pytest

from engager_desktop.store.orm import SYNCED_MODELS
from engager_desktop.sync import canonical, field_lists
from engager_desktop.sync.field_lists import Added, Formats, Version


def _orm_tables() -> dict[str, tuple[str, ...]]:
    out = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        out[table.name] = tuple(sorted(column.name for column in table.columns))
    return out


def test_every_synced_column_is_in_the_current_field_list() -> None:
    """A migration that adds a column to a synced table fails here until the column is added to
    a new format version in sync/field_lists.py (docs/bundle-format.md)."""
    current = field_lists.tables(field_lists.FORMATS)
    orm = _orm_tables()
    assert set(current) == set(orm), "a synced table is missing from the field lists, or extra"
    for table, names in orm.items():
        assert current[table] == names, f"{table}: add the new field to a new format version"


def test_the_real_versions_follow_the_rules() -> None:
    field_lists.check(field_lists.FORMATS)
    specs = canonical.table_specs()
    for version in field_lists.FORMATS.versions:
        for added in version.fields:  # every default passes the field's own checks
            column = next(c for c in specs[added.table].columns if c.name == added.field)
            canonical.check_value(added.table, column, added.default)


BASE = field_lists.FORMATS.base


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        ((Version(0, "0005"), Version(2, "0007")), "numbered"),
        ((Version(0, "0005", fields=(Added("goals", "x", None),)),), "adds nothing"),
        ((Version(0, "0005"), Version(1, "0007", fields=(Added("goals", "title", ""),))), "again"),
        ((Version(0, "0005"), Version(1, "0007", fields=(Added("nope", "x", None),))), "unknown"),
        ((Version(0, "0005"), Version(1, "0007", tables=(("goals", "id"),))), "exists"),
    ],
)
def test_broken_version_lists_are_refused(versions: tuple[Version, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        field_lists.check(Formats(BASE, versions))


def test_added_fields_and_tables_and_their_defaults() -> None:
    newer = Formats(
        BASE,
        (
            Version(0, "0005"),
            Version(1, "0007", fields=(Added("goals", "status_reason", None),)),
            Version(2, "0008", tables=(("goal_reviews", "id goal_id note"),)),
            Version(3, "0009", fields=(Added("goal_reviews", "mood", 0),)),
        ),
    )
    field_lists.check(newer)
    assert "status_reason" in field_lists.fields(newer, 1)["goals"]
    assert "status_reason" not in field_lists.fields(newer, 0)["goals"]
    assert "goal_reviews" not in field_lists.fields(newer, 1)
    assert field_lists.fields(newer, 3)["goal_reviews"] == ("goal_id", "id", "mood", "note")
    assert field_lists.defaults_after(newer, 0) == {
        "goals": {"status_reason": None},
        "goal_reviews": {"mood": 0},
    }
    assert field_lists.defaults_after(newer, 3) == {}
    assert newer.label() == "engager-bundle/1.3"
    assert dataclasses.replace(newer, versions=newer.versions[:1]).label() == "engager-bundle/1"
