"""Field-level merge: edits to different fields are both kept; a field both laptops changed is a
conflict reviewed field by field; a conflict the other laptop settled says what really happened."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from engager_desktop.services import erasure, sync
from engager_desktop.store import field_stamps
from engager_desktop.sync import canonical
from engager_desktop.sync.errors import RecordInvalid, SyncError
from tests.sync.conftest import Laptop, add_man, edit_man, man_field


def _both_edit(pair: tuple[Laptop, Laptop], prison_edits: dict, community_edits: dict) -> str:
    """A man both laptops hold; each edits him (the community laptop later); prison imports."""
    prison, community = pair
    man = add_man(prison, notes="start", establishment="HMP Parc")
    community.take(prison.export(community))
    edit_man(prison, man, **prison_edits)
    community.tick(600)
    edit_man(community, man, **community_edits)
    prison.take(community.export(prison, since_ack=True))
    return man


def test_different_fields_are_both_kept_on_both_laptops(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _both_edit(pair, {"notes": "prison's note"}, {"establishment": "HMP Cardiff"})
    community.take(prison.export(community, since_ack=True))
    for laptop in pair:
        assert man_field(laptop, man, "notes") == "prison's note"
        assert man_field(laptop, man, "establishment") == "HMP Cardiff"
        assert sync.list_conflicts(laptop.vault) == []
    assert prison.digest() == community.digest()


def test_only_the_field_changed_on_both_sides_is_a_conflict(pair: tuple[Laptop, Laptop]) -> None:
    prison, _community = pair
    man = _both_edit(
        pair,
        {"notes": "prison's note", "establishment": "HMP Cardiff"},
        {"notes": "community's note", "preferred_name": "Dai"},
    )
    assert man_field(prison, man, "notes") == "community's note"  # the later edit stands
    assert man_field(prison, man, "establishment") == "HMP Cardiff"
    assert man_field(prison, man, "preferred_name") == "Dai"
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.fields == ("notes",) and conflict.lost == "mine"
    (item,) = conflict.items
    assert (item.mine, item.theirs, item.stands) == ("prison's note", "community's note", "theirs")


def test_each_field_is_settled_on_its_own(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = _both_edit(
        pair,
        {"notes": "prison's note", "establishment": "HMP Cardiff"},
        {"notes": "community's note", "establishment": "HMP Swansea"},
    )
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.fields == ("establishment", "notes")
    prison.tick(600)
    done = sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE, field="notes")
    assert done.rewritten and not done.closed
    assert man_field(prison, man, "notes") == "prison's note"
    assert man_field(prison, man, "establishment") == "HMP Swansea"
    (still,) = sync.list_conflicts(prison.vault)
    assert still.fields == ("establishment",)
    with pytest.raises(SyncError, match="not open"):
        sync.resolve_conflict(prison.vault, conflict.id, sync.KEEP_MINE, field="notes")
    done = sync.resolve_conflict(prison.vault, conflict.id, sync.TAKE_THEIRS, field="establishment")
    assert done.closed and not done.rewritten  # theirs already stood
    assert sync.list_conflicts(prison.vault) == []
    community.take(prison.export(community, since_ack=True))
    assert man_field(community, man, "notes") == "prison's note"
    assert man_field(community, man, "establishment") == "HMP Swansea"
    assert prison.digest() == community.digest()


def _conflict_on_both(pair: tuple[Laptop, Laptop]) -> str:
    """Both laptops edit his notes and each imports the other's: both hold the conflict."""
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    edit_man(prison, man, notes="prison's note")
    community.tick(600)
    edit_man(community, man, notes="community's note")
    from_prison = prison.export(community, since_ack=True)
    prison.take(community.export(prison, since_ack=True))
    community.take(from_prison)
    assert len(sync.list_conflicts(prison.vault)) == len(sync.list_conflicts(community.vault)) == 1
    return man


@pytest.mark.parametrize(
    ("keep", "words"),
    [
        ("mine", "notes: the other laptop's text stands"),
        ("theirs", "notes: this laptop's text stands"),
    ],
)
def test_a_conflict_settled_on_the_other_laptop_says_whose_text_stands(
    pair: tuple[Laptop, Laptop], keep: str, words: str
) -> None:
    prison, community = pair
    man = _conflict_on_both(pair)
    (conflict,) = sync.list_conflicts(prison.vault)
    prison.tick(900)
    choice = sync.KEEP_MINE if keep == "mine" else sync.TAKE_THEIRS
    sync.resolve_conflict(prison.vault, conflict.id, choice)
    summary = community.take(prison.export(community, since_ack=True))
    assert summary.settled == (
        f"a conflict in “His details” was settled on {summary.exporter_name}: {words}",
    )
    assert any(line.endswith(words) for line in summary.lines())
    assert sync.list_conflicts(community.vault) == []
    assert man_field(community, man, "notes") == man_field(prison, man, "notes")
    assert prison.digest() == community.digest()


def test_a_line_carries_its_field_stamps_and_a_bad_map_is_refused(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, _community = pair
    man = _both_edit(pair, {"notes": "prison's note"}, {"establishment": "HMP Cardiff"})
    spec = canonical.table_specs()["participants"]
    with prison.vault.read() as session:
        conn = session.connection()
        (values,) = canonical.read_wire(conn, spec, "id = ?", (man,))
        stamps = field_stamps.load(conn, "participants", [man])[man]
    line = canonical.encode_wire(spec, values, stamps)
    assert canonical.decode(line).stamps == stamps
    millis = int(values["updated_at"][:13]) + 1
    later = {**stamps, "notes": [f"{millis:013d}-000000", values["updated_by"]]}
    with pytest.raises(RecordInvalid, match="stamped later than the record"):
        canonical.decode(canonical.encode_wire(spec, values, later))


def test_erasing_him_removes_his_field_stamps(pair: tuple[Laptop, Laptop]) -> None:
    prison, _community = pair
    man = _both_edit(pair, {"notes": "prison's note"}, {"establishment": "HMP Cardiff"})
    with prison.vault.read() as session:
        assert field_stamps.load(session.connection(), "participants", [man])
    erasure.erase_man(prison.vault, man)
    with prison.vault.read() as session:
        assert field_stamps.load(session.connection(), "participants", [man]) == {}


def test_a_newer_value_this_laptop_never_held_is_a_conflict_whatever_came_before(
    make_laptop: Callable[[str], Laptop],
) -> None:
    """A third laptop's newer edit of another field arrives first; the same-field edit that
    beats this laptop's arrives after it, and must still be kept as a conflict."""
    prison, community, probation = (make_laptop(n) for n in ("prison", "community", "probation"))
    for a, b in itertools.permutations((prison, community, probation), 2):
        a.enrol(b)
    man = add_man(prison, notes="start")
    first = prison.export(community, probation)
    community.take(first)
    probation.take(first)
    edit_man(prison, man, notes="prison's note")
    community.tick(600)
    edit_man(community, man, notes="community's note")  # later than the prison's edit
    probation.tick(1200)
    edit_man(probation, man, establishment="HMP Cardiff")  # later still, another field
    prison.take(probation.export(prison, since_ack=True))
    assert sync.list_conflicts(prison.vault) == []
    prison.take(community.export(prison, since_ack=True))
    assert man_field(prison, man, "notes") == "community's note"
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.fields == ("notes",) and conflict.items[0].mine == "prison's note"
