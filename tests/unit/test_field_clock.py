"""Per-field stamps: one written form for one set of stamps, edits keep the untouched fields'."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engager_desktop.domain import field_clock

DEV = ["1" * 8 + "-0000-4000-8000-" + "0" * 12, "2" * 8 + "-0000-4000-8000-" + "0" * 12]
FIELDS = ("a", "b", "c", "d")
stamp = st.builds(
    lambda ms, dev: (f"{ms:013d}-000000", DEV[dev]), st.integers(1, 4), st.integers(0, 1)
)


@given(st.fixed_dictionaries({name: stamp for name in FIELDS}))
def test_compact_then_expand_gives_the_same_stamps(stamps: dict[str, tuple[str, str]]) -> None:
    key = max(stamps.values())
    written = field_clock.compact(stamps, key)
    assert field_clock.expand(FIELDS, key, written) == stamps
    if written is not None:
        field_clock.check(written, FIELDS, key)  # what compact writes, check accepts


def test_no_map_means_every_field_has_the_record_stamp() -> None:
    key = ("0000000000005-000000", DEV[0])
    assert field_clock.expand(FIELDS, key, None) == {name: key for name in FIELDS}
    assert field_clock.compact(dict.fromkeys(FIELDS, key), key) is None


def test_an_edit_restamps_only_what_it_changed() -> None:
    old, new = ("0000000000001-000000", DEV[0]), ("0000000000002-000000", DEV[1])
    written = field_clock.after_edit(FIELDS, (old, None), ["b"], new)
    assert written == {"*": list(old), "b": list(new)}
    assert field_clock.expand(FIELDS, new, written)["a"] == old


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"zz": ["0000000000001-000000", DEV[0]]},
        {"a": ["not a stamp", DEV[0]]},
        {"a": ["0000000000009-000000", DEV[0]]},  # later than the record
        {"a": ["0000000000003-000000", DEV[0]]},  # equals the record's: not the written form
    ],
)
def test_check_refuses_a_map_compact_would_not_write(bad: dict) -> None:
    with pytest.raises(field_clock.MapInvalid):
        field_clock.check(bad, FIELDS, ("0000000000003-000000", DEV[0]))
