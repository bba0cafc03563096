"""The field-by-field rule alone: copies of one record merged in any order give one result.

Deletions follow the same order as edits, and a tombstone travels empty: a deletion sets every
field (to empty) at its own stamp, so a field edited after it keeps its value."""

from __future__ import annotations

from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from engager_desktop.domain import field_clock
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.sync import canonical, merge
from engager_desktop.sync.plan import plan_one

DEVICES = ["1" * 8 + "-0000-4000-8000-" + "0" * 12, "2" * 8 + "-0000-4000-8000-" + "0" * 12]
FIELDS = ("his_commitments", "practitioner_commitments", "signed_on")
SEED = ("0000000000000-000000", DEVICES[0])
RECORD = "9" * 8 + "-0000-4000-8000-" + "0" * 12
MAN = "8" * 8 + "-0000-4000-8000-" + "0" * 12
stamp = st.builds(
    lambda ms, dev: (f"{ms:013d}-000000", DEVICES[dev]), st.integers(1, 5), st.integers(0, 1)
)
# A copy: when each field was last set (its value follows from that edit), and maybe a deletion
# (how long after the copy's last edit, and on which laptop).
copy = st.tuples(st.fixed_dictionaries({f: stamp for f in FIELDS}), st.none() | stamp)


def _value(field: str, when: tuple[str, str]) -> str | None:
    if field == "signed_on":
        return f"2026-11-0{int(when[0][12]) + 1}"
    return f"{field} set at {when[0][12]} on {when[1][0]}"


def _record(version: tuple[dict[str, tuple[str, str]], tuple[str, str] | None]) -> canonical.Record:
    stamps, deleted_at = version
    key = max(stamps.values())
    if deleted_at is not None:  # a deletion is an edit after those of the copy it deleted
        key = (f"{int(key[0][:13]) + int(deleted_at[0][:13]):013d}-000000", deleted_at[1])
    values: dict[str, Any] = dict.fromkeys(canonical.table_specs()["pledges"].sorted_names)
    values.update(
        id=RECORD,
        participant_id=MAN,
        created_at="2026-11-02T09:00:00.000000",
        deleted=deleted_at is not None,
        updated_at=key[0],
        updated_by=key[1],
        rev=1,
    )
    values.update({f: _value(f, when) for f, when in stamps.items()})
    every = {name: SEED for name in fields_of(values)} | stamps  # the rest: set at creation
    written = field_clock.compact(every, key)
    # a tombstone travels empty and without field stamps: the deletion set every field
    return canonical.as_tombstone(canonical.decode(canonical.encode("pledges", values, written)))


def _key(version: tuple[dict[str, tuple[str, str]], tuple[str, str] | None]) -> tuple[str, str]:
    record = _record(version)
    return (record.hlc, record.device)


def _merge_all(versions: list) -> tuple[dict[str, Any], Any]:
    exchange = merge.Exchange(DEVICES[0], DEVICES[1], None)
    held: tuple[dict[str, Any], Any] | None = None
    for version in versions:
        remote = _record(version)
        if held is None:
            held = (dict(remote.values), remote.stamps)
            continue
        local = merge.Local(dict(held[0]), None)
        item = plan_one(remote, local, held[1], None, exchange)
        values, stamps = item.written
        held = (dict(values), stamps)
    assert held is not None
    return held


@settings(max_examples=300, deadline=None)
@given(st.lists(copy, min_size=1, max_size=4), st.randoms())
def test_field_merge_ignores_order(versions: list, rng: Any) -> None:
    edits = {when for version in versions for when in version[0].values()}
    # one stamp is one edit on a real laptop: a deletion never shares a stamp with an edit
    assume(not any(_key(version) in edits for version in versions if version[1]))
    shuffled = list(versions)
    rng.shuffle(shuffled)
    first, second = _merge_all(versions), _merge_all(shuffled)
    assert first == second
    assert _merge_all(versions + versions) == first  # the same copies again change nothing
    values = first[0]
    blank = canonical.blank_tombstone(canonical.table_specs()["pledges"], values)
    for field in FIELDS:  # each field holds its newest write: an edit, or a deletion (empty)
        writes = [(version[0][field], _value(field, version[0][field])) for version in versions]
        writes += [(_key(version), blank[field]) for version in versions if version[1]]
        assert values[field] == max(writes, key=lambda write: write[0])[1]
    newest = max((_key(version), version[1] is not None) for version in versions)
    assert values["deleted"] == newest[1]  # deletions follow the same order as edits
