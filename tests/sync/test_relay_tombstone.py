"""A laptop's own deletion coming back through a relay (a hub) that merged it with another
laptop's version of more revisions: the tombstone comes back with the larger revision count under
this laptop's own stamp, and is taken (it was refused as a version this laptop never made)."""

from __future__ import annotations

from collections.abc import Callable

from tests.sync.conftest import Laptop, add_man, edit_man, man_field


def test_own_deletion_back_through_a_relay_is_taken(
    make_laptop: Callable[[str], Laptop],
) -> None:
    a, relay, b = make_laptop("a"), make_laptop("relay"), make_laptop("b")
    for laptop in (a, b):
        laptop.enrol(relay)
        relay.enrol(laptop)
    man = add_man(a)
    relay.take(a.export(relay))
    b.take(relay.export(b))
    edit_man(b, man, notes="one")
    edit_man(b, man, notes="two")  # revision 3 on b, older than a's deletion below
    relay.take(b.export(relay, since_ack=True))
    a.tick(3600)
    edit_man(a, man, deleted=True)  # revision 2 on a, the newest stamp
    relay.take(a.export(relay, since_ack=True))
    summary = a.take(relay.export(a, since_ack=True))
    assert summary.committed
    assert man_field(a, man, "deleted") is True
    b.take(relay.export(b, since_ack=True))
    assert a.digest() == relay.digest() == b.digest()
