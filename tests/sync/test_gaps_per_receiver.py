"""Gap warnings count only the bundles made for this laptop: a laptop with two partners is not
warned about bundles that went to the other."""

from __future__ import annotations

from collections.abc import Callable

from engager_desktop.services import sync
from tests.sync.conftest import Laptop, add_man


def _gaps(summary: sync.ImportSummary) -> list[str]:
    return [w for w in summary.warnings if "not been imported" in w]


def test_bundles_to_another_partner_are_not_gaps(make_laptop: Callable[[str], Laptop]) -> None:
    prison, a, b = make_laptop("prison"), make_laptop("a"), make_laptop("b")
    for other in (a, b):
        prison.enrol(other)
        other.enrol(prison)
    add_man(prison)
    first = prison.export(a)  # 1 to a
    prison.export(b)  # 2 to b
    add_man(prison)
    third = prison.export(a)  # 3 to a
    assert _gaps(a.take(first)) == []
    assert _gaps(a.take(third)) == []


def test_a_missed_bundle_for_this_laptop_is_named(make_laptop: Callable[[str], Laptop]) -> None:
    prison, a, b = make_laptop("prison"), make_laptop("a"), make_laptop("b")
    for other in (a, b):
        prison.enrol(other)
        other.enrol(prison)
    add_man(prison)
    prison.export(a)  # 1 to a: never imported there
    prison.export(b)  # 2 to b
    prison.export(a, b)  # 3 to both: never imported by a
    add_man(prison)
    fourth = prison.export(a)
    preview = sync.preview_import(a.vault, fourth)
    assert _gaps(preview) == [
        "bundles 1, 3 made for this laptop by that device have not been imported here"
    ]


def test_a_list_of_earlier_bundles_that_does_not_fit_is_refused(pair, tmp_path) -> None:
    import pytest

    from engager_desktop.sync.errors import BundleRefused
    from tests.sync import craft

    prison, community = pair
    wrong = [
        {prison.device_id: ()},  # not the recipients
        {community.device_id: (2, 1)},  # not in order
        {community.device_id: (3,)},  # not earlier than this bundle
    ]
    for listed in wrong:
        data = craft.craft(
            craft.own(prison.vault), [craft.target(community.vault)], seq=3, sent_before=listed
        )
        path = tmp_path / "crafted.engager"
        path.write_bytes(data)
        with pytest.raises(BundleRefused) as caught:
            sync.verify_bundle(community.vault, path)
        assert caught.value.code == "manifest"
