"""No version may claim to be the receiving laptop's own (issue 15, item 3)."""

from __future__ import annotations

import uuid

import pytest

from engager_desktop.domain.hlc import Stamp
from engager_desktop.services import sync
from engager_desktop.sync.errors import BundleRefused
from tests.sync.conftest import Laptop, add_man, edit_man, man_field
from tests.sync.hostile import changed, healthy, line_of, signed_bundle


def _later(laptop: Laptop, minutes: int = 5) -> str:
    return str(Stamp(int(laptop.clock.now().timestamp() * 1000) + minutes * 60_000, 0))


def _refused(receiver: Laptop, bundle: object, words: str) -> None:
    before = receiver.digest()
    with pytest.raises(BundleRefused) as caught:
        sync.commit_import(receiver.vault, bundle)  # type: ignore[arg-type]
    assert caught.value.code == "author"
    assert words in str(caught.value) and "\n" not in str(caught.value)
    assert receiver.digest() == before
    assert sync.list_conflicts(receiver.vault) == []
    assert healthy(receiver)
    assert receiver.digest() == before


def test_a_version_claiming_the_receiver_wrote_it_is_refused(pair: tuple[Laptop, Laptop]) -> None:
    """Before: merged as the receiver's own edit, with no conflict shown."""
    prison, community = pair
    man = add_man(community, notes="hers")
    prison.take(community.export(prison))
    edit_man(community, man, notes="hers, later")  # not yet sent: a real conflict to hide
    forged = changed(
        line_of(prison, "participants", man),
        notes="planted",
        updated_at=_later(community),
        updated_by=community.device_id,
    )
    bundle = signed_bundle(prison, community, [forged])
    with pytest.raises(BundleRefused, match="said to be made on this laptop"):
        sync.verify_bundle(community.vault, bundle)
    _refused(community, bundle, "said to be made on this laptop")
    assert man_field(community, man, "notes") == "hers, later"


def test_a_new_record_claiming_the_receiver_wrote_it_is_refused(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(prison, notes="planted")
    forged = changed(line_of(prison, "participants", man), updated_by=community.device_id)
    _refused(
        community, signed_bundle(prison, community, [forged]), "said to be made on this laptop"
    )


def test_a_deletion_claiming_the_receiver_made_it_is_refused(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(community, notes="hers")
    prison.take(community.export(prison))
    forged = changed(
        line_of(prison, "participants", man),
        deleted=True,
        updated_at=_later(community),
        updated_by=community.device_id,
    )
    _refused(
        community, signed_bundle(prison, community, [forged]), "said to be made on this laptop"
    )
    assert man_field(community, man, "deleted") is False


def test_a_relayed_version_by_a_laptop_not_enrolled_here_is_taken(
    pair: tuple[Laptop, Laptop],
) -> None:
    """The hub case: a third laptop enrolled only on the sender reaches the receiver through it."""
    prison, community = pair
    man = add_man(prison, notes="start")
    community.take(prison.export(community))
    relayed = changed(
        line_of(prison, "participants", man),
        notes="from probation",
        updated_at=_later(community),
        updated_by=str(uuid.uuid4()),
    )
    assert community.take(signed_bundle(prison, community, [relayed])).committed
    assert man_field(community, man, "notes") == "from probation"


def test_the_receivers_own_older_version_coming_back_is_taken(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(community, notes="one")
    prison.take(community.export(prison))
    edit_man(community, man, notes="two")
    old_copy = line_of(prison, "participants", man)  # her own first version, as prison holds it
    summary = community.take(signed_bundle(prison, community, [old_copy]))
    assert summary.committed
    assert man_field(community, man, "notes") == "two"
    assert sync.list_conflicts(community.vault) == []
