"""One release behind: this build plays one whose next format version added ``goals.his_words``,
and the community laptop plays today's build, sending lines of today's format without it."""

from __future__ import annotations

import json

import pytest

from engager_desktop.services import sync
from engager_desktop.store.orm import Goal
from engager_desktop.sync import canonical, field_lists
from engager_desktop.sync.field_lists import Added, Formats, Version
from tests.sync.conftest import Laptop, add_goal_and_step, add_man
from tests.sync.test_bundle_versions import _lines, _received, _send

TODAY = field_lists.FORMATS.current.minor
AHEAD = TODAY + 1


@pytest.fixture
def played_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """This build plays one release ahead, whose next format version added goals.his_words."""
    base = dict(field_lists.FORMATS.base)
    base["goals"] = " ".join(n for n in base["goals"].split() if n != "his_words")
    added = Version(AHEAD, "0006", (Added("goals", "his_words", None),))
    ahead = Formats(tuple(base.items()), (*field_lists.FORMATS.versions, added))
    monkeypatch.setattr(field_lists, "FORMATS", ahead)
    assert field_lists.tables(ahead)["goals"] == canonical.table_specs()["goals"].sorted_names


def _older_lines(laptop: Laptop) -> list[bytes]:
    """What today's build (no goals.his_words) sends of ``laptop``'s records."""
    older = []
    for line in _lines(laptop):
        obj = json.loads(line)
        if obj["t"] == "goals":
            del obj["r"]["his_words"]
        older.append(canonical.encode_any(obj["t"], obj["r"]))
    return older


def _set_goal(laptop: Laptop, man: str, **fields: object) -> None:
    with laptop.vault.write() as session:
        goal = session.query(Goal).filter_by(participant_id=man).one()
        for name, value in fields.items():
            setattr(goal, name, value)
    laptop.tick()


@pytest.mark.usefixtures("played_ahead")
def test_an_older_bundle_imports_with_defaults(pair: tuple[Laptop, Laptop]) -> None:
    """The community laptop plays today's build and sends 1.0 lines without his_words."""
    prison, community = pair
    man = add_man(community)
    add_goal_and_step(community, man)
    _set_goal(community, man, his_words="a place of my own")
    assert prison.take(_send(community, prison, _older_lines(community), minor=TODAY)).committed
    with prison.vault.read() as session:
        assert session.query(Goal).filter_by(participant_id=man).one().his_words is None
    label, lines = _received(community, prison.export(community))
    assert label == f"engager-bundle/1.{AHEAD}"
    goal = next(json.loads(line)["r"] for line in lines if b'"t":"goals"' in line)
    assert goal["his_words"] is None


@pytest.mark.usefixtures("played_ahead")
def test_a_conflict_with_an_older_version_can_be_reviewed_and_taken(
    pair: tuple[Laptop, Laptop],
) -> None:
    """The losing version is kept as its older line (no his_words): listed and taken all the
    same."""
    prison, community = pair
    man = add_man(community)
    add_goal_and_step(community, man)
    prison.take(_send(community, prison, _older_lines(community), minor=TODAY))
    _set_goal(community, man, title="Their title")
    prison.tick(600)
    _set_goal(prison, man, title="My title", his_words="my words")
    again = _send(community, prison, _older_lines(community), minor=TODAY, seq=2)
    assert prison.take(again).records_in_conflict == 1
    (conflict,) = sync.list_conflicts(prison.vault)
    assert conflict.fields == ("his_words", "title") and conflict.lost == "theirs"
    sync.resolve_conflict(prison.vault, conflict.id, "take_theirs")
    with prison.vault.read() as session:
        goal = session.query(Goal).filter_by(participant_id=man).one()
        assert (goal.title, goal.his_words) == ("Their title", None)
