"""The bad-bundle suite against the hub: truncated, flipped, unenrolled, revoked, for another
device, replayed, older. Each is refused (and the refusal audited) or a no-op; nothing changes in
the hub's records or ledger, through the same import path ``engager-hub import`` takes."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from engager_desktop.store.orm.system import AuditEvent, ImportLedger
from engager_desktop.store.stamping import naive_utc
from engager_desktop.sync import importer, trust
from engager_desktop.sync.errors import BundleRefused
from tests.hub.conftest import HubSide
from tests.sync.conftest import Laptop, add_man, edit_man, man_field, store_unchecked


@pytest.fixture
def enrolled(
    make_laptop: Callable[[str], Laptop], make_hub: Callable[[], HubSide]
) -> tuple[Laptop, HubSide]:
    hub, prison = make_hub(), make_laptop("prison")
    hub.enrol(prison)
    man = add_man(prison, prison_number="A1111AA")
    edit_man(prison, man, notes="a short note")
    hub.clock.advance(600)
    return prison, hub


def _state(hub: HubSide) -> tuple[str, int]:
    with hub.hub.read() as session:
        count = session.execute(select(func.count()).select_from(ImportLedger)).scalar_one()
    return hub.digest(), int(count)


def _last_audit(hub: HubSide) -> tuple[str, str | None]:
    with hub.hub.read() as session:
        row = session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    return row[0], row[1]


def _refused(hub: HubSide, data: bytes) -> str:
    with pytest.raises(BundleRefused) as caught:
        importer.import_into(hub.hub, data)
    return caught.value.code


def test_truncations_and_bit_flips_are_refused(enrolled: tuple[Laptop, HubSide]) -> None:
    prison, hub = enrolled
    data = prison.export(hub).read_bytes()  # type: ignore[arg-type]
    before = _state(hub)
    rng = random.Random(18)
    cuts = sorted({0, 1, 20, len(data) - 1, *(rng.randrange(len(data)) for _ in range(40))})
    for cut in cuts:
        assert _refused(hub, data[:cut]) in {"not_age", "damaged", "cannot_open"}
    codes = set()
    for _ in range(150):
        bit = rng.randrange(len(data) * 8)
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << (bit % 8)
        codes.add(_refused(hub, bytes(flipped)))
    assert codes <= {"not_age", "damaged", "cannot_open"}
    assert _state(hub) == before
    assert _last_audit(hub)[0] == "import_refused"
    importer.import_into(hub.hub, data)  # the undamaged bundle still imports
    assert _state(hub)[1] == before[1] + 1


def test_unenrolled_and_revoked_laptops_are_refused(
    enrolled: tuple[Laptop, HubSide], make_laptop: Callable[[str], Laptop]
) -> None:
    prison, hub = enrolled
    stranger = make_laptop("stranger")
    stranger.enrol(hub)  # type: ignore[arg-type]  # it knows the hub; the hub never enrolled it
    add_man(stranger)
    before = _state(hub)
    assert _refused(hub, stranger.export(hub).read_bytes()) == "not_enrolled"  # type: ignore[arg-type]
    assert _last_audit(hub) == ("import_refused", "not_enrolled")
    bundle = prison.export(hub).read_bytes()  # type: ignore[arg-type]
    with hub.hub.write() as session:
        trust.revoke(session.connection(), prison.device_id, naive_utc(hub.clock))
    assert _refused(hub, bundle) == "revoked"
    assert _state(hub) == before


def test_a_bundle_for_another_device_is_refused(
    enrolled: tuple[Laptop, HubSide], make_laptop: Callable[[str], Laptop]
) -> None:
    prison, hub = enrolled
    other = make_laptop("other")
    prison.enrol(other)
    before = _state(hub)
    assert _refused(hub, prison.export(other).read_bytes()) == "cannot_open"
    assert _state(hub) == before


def test_replayed_and_older_bundles_change_nothing(
    enrolled: tuple[Laptop, HubSide], tmp_path: Path
) -> None:
    prison, hub = enrolled
    first = prison.export(hub)  # type: ignore[arg-type]
    (man,) = [m for m in _men(prison)]
    edit_man(prison, man, notes="newer")
    hub.clock.advance(600)
    second = prison.export(hub)  # type: ignore[arg-type]
    assert hub.take(second).committed
    after = _state(hub)
    assert hub.take(second).already_imported  # replay: a no-op
    assert _state(hub) == after
    assert _last_audit(hub)[0] == "import_repeated"
    older = hub.take(first)  # older: imported, but newer data is kept
    assert any("older" in w for w in older.warnings)
    assert _state(hub)[0] == after[0]
    back = hub.export_for(prison)
    prison.take(back)
    assert man_field(prison, man, "notes") == "newer"


def _men(laptop: Laptop) -> list[str]:
    from engager_desktop.store.orm import Participant

    with laptop.vault.read() as session:
        return list(session.scalars(select(Participant.id)))


def test_a_nul_character_is_refused_in_one_line(enrolled: tuple[Laptop, HubSide]) -> None:
    """A text holding U+0000 (which PostgreSQL cannot store) is refused by the record checks the
    laptop's import makes too, naming the field, before any database write: the same refusal and
    audit code as on a laptop (tests/sync/test_nul_character.py), not a database error."""
    from engager_hub import ops

    prison, hub = enrolled
    man = add_man(prison)
    store_unchecked(prison, man, "notes", "before\x00after")  # as a vault from before the rule
    before = _state(hub)
    with pytest.raises(BundleRefused, match=r"participants\.notes holds a NUL character") as caught:
        ops.import_file(hub.hub, prison.export(hub))  # type: ignore[arg-type]
    assert caught.value.code == "nul_character"
    assert "\x00" not in str(caught.value) and "before" not in str(caught.value)
    assert _state(hub) == before
    assert _last_audit(hub) == ("import_refused", "nul_character")
