"""A laptop and the hub: enrol both ways, import, export back, the same records on both."""

from __future__ import annotations

from collections.abc import Callable

from tests.hub.conftest import HubSide
from tests.sync.conftest import Laptop, add_goal_and_step, add_man, edit_man, man_field


def test_laptop_to_hub_and_back(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> None:
    hub = make_hub()
    prison = make_laptop("prison")
    hub.enrol(prison)
    man = add_man(prison, notes="first meeting")
    add_goal_and_step(prison, man)
    hub.clock.advance(600)
    summary = hub.take(prison.export(hub))
    assert summary.committed and summary.records_new >= 3
    assert hub.take(prison.export(hub)).records_new == 0
    assert hub.digest() == prison.digest()
    back = hub.export_for(prison)
    assert prison.take(back).records_new == 0
    assert man_field(prison, man, "notes") == "first meeting"
    edit_man(prison, man, notes="later")
    hub.clock.advance(600)
    hub.take(prison.export(hub))
    assert hub.digest() == prison.digest()
