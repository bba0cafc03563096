"""Damaged, forged, misdirected, replayed and older bundles: refused or a no-op, nothing changed."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import sync
from engager_desktop.store.orm.system import AuditEvent
from engager_desktop.sync import canonical, verify
from engager_desktop.sync.errors import BundleRefused
from tests.sync import craft
from tests.sync.conftest import Laptop, add_man, edit_man


def _reader(laptop: Laptop) -> Callable[[bytes], object]:
    """The whole read path short of the ledger: decrypt, parse, signature, hashes, records."""
    keys, signer = craft.keys_and_signer(laptop.vault)

    def read(data: bytes) -> object:
        opened = verify.open_bundle(data, keys, signer)
        return verify.records(opened)

    return read


def _last_audit(laptop: Laptop) -> tuple[str, str | None]:
    with laptop.vault.read() as session:
        row = session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    return row[0], row[1]


@pytest.fixture
def small_bundle(pair: tuple[Laptop, Laptop]) -> tuple[Laptop, Laptop, bytes]:
    prison, community = pair
    man = add_man(prison, prison_number="A1111AA")
    edit_man(prison, man, notes="a short note")
    add_man(prison, given_name="Rhys")
    return prison, community, prison.export(community).read_bytes()


def test_every_truncation_is_refused(small_bundle: tuple[Laptop, Laptop, bytes]) -> None:
    _prison, community, data = small_bundle
    before = community.digest()
    read = _reader(community)
    read(data)  # the whole bundle is fine
    for cut in range(len(data)):
        with pytest.raises(BundleRefused):
            read(data[:cut])
    assert community.digest() == before


def test_ten_thousand_bit_flips_are_refused(small_bundle: tuple[Laptop, Laptop, bytes]) -> None:
    _prison, community, data = small_bundle
    before = community.digest()
    read = _reader(community)
    rng = random.Random(6)
    codes: set[str] = set()
    for _ in range(10_000):
        bit = rng.randrange(len(data) * 8)
        flipped = bytearray(data)
        flipped[bit // 8] ^= 1 << (bit % 8)
        with pytest.raises(BundleRefused) as caught:
            read(bytes(flipped))
        codes.add(caught.value.code)
    assert codes <= {"not_age", "damaged", "cannot_open"}
    assert community.digest() == before


def test_damaged_file_through_the_service_is_audited(
    small_bundle: tuple[Laptop, Laptop, bytes], tmp_path: Path
) -> None:
    _prison, community, data = small_bundle
    before = community.digest()
    for name, damaged in [("garbage", data + b"\x00trailing"), ("cut", data[:-7])]:
        path = tmp_path / name
        path.write_bytes(damaged)
        with pytest.raises(BundleRefused, match="damaged"):
            sync.commit_import(community.vault, path)
        assert _last_audit(community) == ("import_refused", "damaged")
    assert community.digest() == before


def test_never_enrolled_device_is_refused(
    pair: tuple[Laptop, Laptop], make_laptop: Callable[[str], Laptop]
) -> None:
    _prison, community = pair
    stranger = make_laptop("stranger")
    stranger.enrol(community)  # it knows the community laptop; not the other way round
    add_man(stranger)
    before = community.digest()
    with pytest.raises(BundleRefused, match="not enrolled") as caught:
        community.take(stranger.export(community))
    assert caught.value.code == "not_enrolled"
    assert community.digest() == before
    assert _last_audit(community) == ("import_refused", "not_enrolled")


def test_revoked_device_is_refused(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    bundle = prison.export(community)
    sync.revoke(community.vault, prison.device_id)
    before = community.digest()
    with pytest.raises(BundleRefused, match="revoked"):
        community.take(bundle)
    assert community.digest() == before


def test_bundle_for_another_device_is_refused(
    pair: tuple[Laptop, Laptop], make_laptop: Callable[[str], Laptop]
) -> None:
    prison, community = pair
    other = make_laptop("other")
    prison.enrol(other)
    add_man(prison)
    before = community.digest()
    with pytest.raises(BundleRefused, match="only for other laptops") as caught:
        community.take(prison.export(other))
    assert caught.value.code == "cannot_open"
    assert community.digest() == before


def test_manifest_naming_other_recipients_is_refused(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    data = craft.craft(
        craft.own(prison.vault),
        [craft.target(community.vault)],
        manifest_recipients=[prison.device_id],
    )
    with pytest.raises(BundleRefused) as caught:
        _reader(community)(data)
    assert caught.value.code == "not_for_me"


def test_forged_signature_is_refused(pair: tuple[Laptop, Laptop], make_laptop) -> None:
    prison, community = pair
    forger = make_laptop("forger")
    # Signed with the forger's key while claiming to be the enrolled prison laptop.
    mine = craft.own(forger.vault)
    impostor = craft.trust.OwnKeys(
        prison.device_id,
        "prison",
        mine.signing_private,
        mine.signing_public,
        mine.age_identity,
        mine.age_recipient,
    )
    data = craft.craft(impostor, [craft.target(community.vault)])
    with pytest.raises(BundleRefused) as caught:
        _reader(community)(data)
    assert caught.value.code == "signature"


def test_replay_is_a_no_op(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    bundle = prison.export(community)
    community.take(bundle)
    before = community.digest()
    again = community.take(bundle)
    assert again.already_imported and not again.committed
    assert "already imported" in again.lines()[0]
    assert community.digest() == before
    assert _last_audit(community)[0] == "import_repeated"


def test_older_bundle_changes_nothing(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, notes="old")
    older = prison.export(community)
    edit_man(prison, man, notes="new")
    add_man(prison, given_name="Later")
    newer = prison.export(community)
    community.take(newer)
    before = community.digest()
    summary = community.take(older)
    assert summary.committed and summary.records_updated == summary.records_new == 0
    assert any("older than bundle 2" in w for w in summary.warnings)
    assert community.digest() == before == prison.digest()
    assert sync.list_conflicts(community.vault) == []


def test_gap_in_numbers_is_a_warning_naming_them(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    prison.export(community)
    prison.export(community)
    third = prison.export(community)
    summary = community.take(third)
    assert summary.committed
    assert any("bundles 1, 2 made for this laptop" in w for w in summary.warnings)


def test_record_checks_name_table_and_field_only(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison, notes="Private words")
    with prison.vault.read() as session:
        (line,) = list(
            canonical.table_lines(
                session.connection(), canonical.table_specs()["participants"], "id = ?", (man,)
            )
        )
    bad = line.replace(b'"rev":1', b'"rev":"1"')
    data = craft.craft(
        craft.own(prison.vault),
        [craft.target(community.vault)],
        [bad],
        counts={"participants": (1, 0)},
    )
    with pytest.raises(BundleRefused) as caught:
        _reader(community)(data)
    assert caught.value.code == "record_invalid"
    assert "participants.rev" in str(caught.value) and "Private" not in str(caught.value)
