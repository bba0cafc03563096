"""Laptops a release apart exchange bundles both ways (a newer and an older build played here).

One release ahead: a bundle of the next format version (``goals.outcome_note`` and a
``goal_reviews`` table this build does not know) imports; what this build does not know is kept
and goes on, byte for byte, in its own bundles, also after it edits the record. One release
behind: test_bundle_versions_behind.py.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from engager_desktop.cli import main
from engager_desktop.services import erasure, sync
from engager_desktop.store.orm import Goal
from engager_desktop.sync import bundle_format as fmt
from engager_desktop.sync import canonical, field_lists, importer, passed_on, verify
from engager_desktop.sync.age_header import parse_header
from engager_desktop.sync.errors import BundleRefused
from engager_desktop.sync.field_lists import Added, Formats, Version
from engager_desktop.sync.snapshot import Scope, select_records
from tests.fixtures.make_fixture_bundles import FIXTURES
from tests.sync import craft
from tests.sync.conftest import Laptop, add_goal_and_step, add_man
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

REASON = "waiting to hear from the council"
NEXT = Formats(  # one release ahead of this build
    field_lists.FORMATS.base,
    (
        *field_lists.FORMATS.versions,
        Version(
            len(field_lists.FORMATS.versions),
            "0099",
            (Added("goals", "outcome_note", None),),
            (("goal_reviews", "created_at deleted goal_id id note participant_id rev "
              "updated_at updated_by"),),
        ),
    ),
)  # fmt: skip
AHEAD = NEXT.current.minor


def _lines(laptop: Laptop) -> list[bytes]:
    with laptop.vault.read() as session:
        return select_records(session.connection(), Scope(), laptop.device_id, []).lines


def _counts(lines: list[bytes]) -> dict[str, tuple[int, int]]:
    counts: dict[str, tuple[int, int]] = {}
    for line in lines:
        obj = json.loads(line)
        live, dead = counts.get(obj["t"], (0, 0))
        counts[obj["t"]] = (live, dead + 1) if obj["r"]["deleted"] else (live + 1, dead)
    return counts


def _newer_lines(laptop: Laptop, reason: str = REASON) -> list[bytes]:
    """What the build one release ahead sends of ``laptop``'s records: each goal with a reason,
    and a review of it in the new table."""
    out = []
    for line in _lines(laptop):
        obj = json.loads(line)
        if obj["t"] != "goals":
            out.append(line)
            continue
        goal = obj["r"]
        out.append(canonical.encode_any("goals", {**goal, "outcome_note": reason}))
        review = {
            "created_at": goal["created_at"],
            "deleted": False,
            "goal_id": goal["id"],
            "id": str(uuid.uuid4()),
            "note": "he rang them himself",
            "participant_id": goal["participant_id"],
            "rev": 1,
            "updated_at": goal["updated_at"],
            "updated_by": goal["updated_by"],
        }
        out.append(canonical.encode_any("goal_reviews", review))
    return out


def _send(maker: Laptop, to: Laptop, lines: list[bytes], minor: int, seq: int = 1) -> Path:
    data = craft.craft(
        craft.own(maker.vault),
        [craft.target(to.vault)],
        lines,
        counts=_counts(lines),
        format_minor=minor,
        seq=seq,
    )
    path = maker.stick / f"played-{seq}.engager"
    path.write_bytes(data)
    return path


def _received(laptop: Laptop, bundle: Path) -> tuple[str, list[bytes]]:
    """The format label and lines of a bundle ``laptop`` was sent."""
    keys, signer = craft.keys_and_signer(laptop.vault)
    opened = verify.open_bundle(bundle.read_bytes(), keys, signer)
    return opened.manifest.to_json()["format"], list(verify.lines(opened))


def _kept(laptop: Laptop) -> dict[tuple[str, str], dict[str, Any]]:
    with laptop.vault.read() as session:
        rows = session.connection().execute(
            text("SELECT table_name, record_id, fields FROM sync_passed_on")
        )
        return {(t, r): json.loads(f) for t, r, f in rows}


def _played_next(pair: tuple[Laptop, Laptop]) -> tuple[Laptop, Laptop, str, list[bytes]]:
    """The community laptop plays the newer build and sends the prison laptop its records."""
    prison, community = pair
    man = add_man(community)
    add_goal_and_step(community, man)
    sent = _newer_lines(community)
    summary = prison.take(_send(community, prison, sent, minor=AHEAD))
    assert summary.committed and summary.records_new == len(sent) - 1  # the review is kept aside
    assert [w for w in summary.warnings if "newer version" in w] == [
        "2 record(s) hold details from a newer version of Engager Desktop that this version "
        "cannot show; they are kept and passed on unchanged (update to see them)"
    ]
    return prison, community, man, sent


def test_a_newer_bundle_imports_and_what_is_unknown_is_kept(pair: tuple[Laptop, Laptop]) -> None:
    prison, _community, man, sent = _played_next(pair)
    with prison.vault.read() as session:
        goal = session.query(Goal).filter_by(participant_id=man).one()
        assert goal.title == "Somewhere to live"
        goal_id = goal.id
    kept = _kept(prison)
    assert kept[("goals", goal_id)] == {"outcome_note": REASON}
    review = next(json.loads(line)["r"] for line in sent if b'"t":"goal_reviews"' in line)
    assert kept[("goal_reviews", review["id"])] == review


def test_what_is_kept_goes_on_unchanged_to_a_newer_reader(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, _man, sent = _played_next(pair)
    label, lines = _received(community, prison.export(community))
    assert (
        label == field_lists.FORMATS.label()
    )  # this build's format; what it passes on rides along
    assert sorted(lines) == sorted(sent)  # every record as the newer build sent it, byte for byte
    _newer_reader_reads(lines)


def test_passed_on_through_two_older_laptops(
    pair: tuple[Laptop, Laptop], make_laptop: Callable[[str], Laptop]
) -> None:
    prison, community, _man, sent = _played_next(pair)
    office = make_laptop("office")
    for a, b in ((prison, office), (office, community)):
        a.enrol(b)
        b.enrol(a)
    assert office.take(prison.export(office, since_ack=True)).committed
    _label, lines = _received(community, office.export(community))
    assert sorted(lines) == sorted(sent)


def test_a_since_ack_bundle_carries_records_that_arrived_after_the_ack(
    pair: tuple[Laptop, Laptop], make_laptop: Callable[[str], Laptop]
) -> None:
    """A record of an unknown table with an old clock stamp, arrived after the office laptop's
    last ack, still goes in the next since-ack bundle to it."""
    prison, community = pair
    office = make_laptop("office")
    prison.enrol(office)
    office.enrol(prison)
    add_man(prison)
    office.take(prison.export(office))
    prison.take(office.export(prison))  # the office acknowledges prison's bundle 1
    man = add_man(community)
    add_goal_and_step(community, man)
    old = b'"updated_at":"0000000000001-000000"'
    sent = [
        re.sub(rb'"updated_at":"[0-9-]+"', old, line) if b'"t":"goal_reviews"' in line else line
        for line in _newer_lines(community)
    ]
    prison.take(_send(community, prison, sent, minor=AHEAD))
    _label, lines = _received(office, prison.export(office, since_ack=True))
    assert [line for line in lines if b'"t":"goal_reviews"' in line] == [
        line for line in sent if b'"t":"goal_reviews"' in line
    ]


def test_a_chosen_men_bundle_keeps_fields_but_not_unknown_tables(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community, man, _sent = _played_next(pair)
    made = sync.export(prison.vault, prison.stick, recipients=(community.device_id,), men=(man,))
    _label, lines = _received(community, made.path)
    tables = {json.loads(line)["t"] for line in lines}
    assert "goals" in tables and "goal_reviews" not in tables
    goal = next(json.loads(line)["r"] for line in lines if b'"t":"goals"' in line)
    assert goal["outcome_note"] == REASON


def _newer_reader_reads(lines: list[bytes]) -> None:
    """The newer build's field lists fit every record (an unknown field would be dropped)."""
    tables = field_lists.tables(NEXT)
    for line in lines:
        obj = json.loads(line)
        assert tuple(obj["r"]) == tables[obj["t"]], obj["t"]


def test_an_edit_here_keeps_the_unknown_fields(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, man, _sent = _played_next(pair)
    with prison.vault.write() as session:
        goal = session.query(Goal).filter_by(participant_id=man).one()
        goal.title = "A flat near his sister"
    _label, lines = _received(community, prison.export(community))
    goals = [json.loads(line)["r"] for line in lines if b'"t":"goals"' in line]
    assert [(g["title"], g["outcome_note"]) for g in goals] == [("A flat near his sister", REASON)]
    assert goals[0]["updated_by"] == prison.device_id and goals[0]["rev"] == 2
    _newer_reader_reads(lines)


def test_a_newer_version_of_the_record_replaces_what_was_kept(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, man, sent = _played_next(pair)
    community.tick()
    with community.vault.write() as session:  # the newer build edits again, with no reason now
        session.query(Goal).filter_by(participant_id=man).one().title = "Own tenancy"
    again = [
        line.replace(f'"outcome_note":"{REASON}"'.encode(), b'"outcome_note":null')
        for line in _newer_lines(community)
        if b'"t":"goal_reviews"' not in line
    ]
    prison.take(_send(community, prison, again, minor=AHEAD, seq=2))
    kept = _kept(prison)
    assert {k: v for k, v in kept.items() if k[0] == "goals"}.popitem()[1] == {"outcome_note": None}
    assert len(kept) == 2  # the review from the first bundle is still kept


def test_taking_their_version_of_a_conflict_takes_its_unknown_fields(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community, man, _sent = _played_next(pair)
    community.tick()
    with community.vault.write() as session:
        session.query(Goal).filter_by(participant_id=man).one().title = "Their title"
    prison.tick(600)
    with prison.vault.write() as session:  # the later edit: it wins, theirs is kept as a conflict
        session.query(Goal).filter_by(participant_id=man).one().title = "My title"
    theirs = [
        line for line in _newer_lines(community, "their reason") if b'"goal_reviews"' not in line
    ]
    assert (
        prison.take(_send(community, prison, theirs, minor=AHEAD, seq=2)).records_in_conflict == 1
    )
    assert {k[0]: v for k, v in _kept(prison).items()}["goals"] == {"outcome_note": REASON}
    (conflict,) = sync.list_conflicts(prison.vault)
    sync.resolve_conflict(prison.vault, conflict.id, "take_theirs")
    assert {k[0]: v for k, v in _kept(prison).items()}["goals"] == {"outcome_note": "their reason"}
    with prison.vault.read() as session:
        assert session.query(Goal).filter_by(participant_id=man).one().title == "Their title"


def test_erasing_him_removes_what_was_kept(pair: tuple[Laptop, Laptop]) -> None:
    prison, community, man, sent = _played_next(pair)
    assert _kept(prison)
    erasure.erase_man(prison.vault, man)
    assert _kept(prison) == {}
    # the newer laptop had not heard of it: its next bundle brings a record of his again (in the
    # table this build does not know), and it goes again
    review = [line for line in sent if b'"t":"goal_reviews"' in line]
    prison.take(_send(community, prison, review, minor=AHEAD, seq=2))
    assert _kept(prison) == {}


def test_the_upgrade_moves_kept_fields_into_the_new_column(pair: tuple[Laptop, Laptop]) -> None:
    """The migration of the release that adds goals.outcome_note (played with plain SQL)."""
    prison, _community, man, _sent = _played_next(pair)
    with prison.vault.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("ALTER TABLE goals ADD COLUMN outcome_note TEXT")
        for statement in passed_on.adopt_field_sql("goals", "outcome_note"):
            conn.exec_driver_sql(statement)
        found = conn.exec_driver_sql(
            "SELECT outcome_note FROM goals WHERE participant_id = ?", (man,)
        ).all()
    assert found == [(REASON,)]
    assert [table for table, _id in _kept(prison)] == ["goal_reviews"]


# The manifest keys the build before format versions (c8efe6f, format 1.0) demands, exactly.
TODAYS_KEYS = {
    "format", "bundle_id", "exporter", "seq", "previous", "schema", "recipients", "scope",
    "payload", "counts", "created", "acks", "audit",
}  # fmt: skip
FIXTURE_1_1 = FIXTURES / "1.1"


def _read_as_c8efe6f(body: bytes) -> None:
    """The first checks of the 1.0 reader of c8efe6f (sync/manifest.py ``parse``), verbatim:
    exactly its keys, then ``top["format"] != "engager-bundle/1"`` refused as "format"."""
    top = json.loads(body)
    if set(top) != TODAYS_KEYS:
        raise BundleRefused("manifest", "the bundle's manifest is invalid")
    if top["format"] != "engager-bundle/1":
        raise BundleRefused("format", "the bundle was made in a format this version cannot read")


def _fixture_manifest(folder: Path) -> bytes:
    data = (folder / "bundle.engager").read_bytes()
    phrase = json.loads((folder / "expected.json").read_text())["passphrase"]
    plain = fmt.decrypt(data, parse_header(data), identity=None, passphrase=phrase)
    return fmt.unpack(plain).manifest


def test_the_build_before_format_versions_refuses_our_bundles(pair: tuple[Laptop, Laptop]) -> None:
    """Bundles of this release are format 1.1 (they may carry ``sent_before``, ``audit.earlier``
    and per-field stamps): the 1.0 reader of c8efe6f refuses them as a format it cannot read, so
    a laptop on that release must be updated to read them."""
    body = _fixture_manifest(FIXTURE_1_1)  # a passphrase bundle: only its format differs
    assert json.loads(body)["format"] == "engager-bundle/1.1"
    with pytest.raises(BundleRefused) as caught:
        _read_as_c8efe6f(body)
    assert caught.value.code == "format"
    prison, community = pair
    add_goal_and_step(prison, add_man(prison))
    keys, signer = craft.keys_and_signer(community.vault)
    opened = verify.open_bundle(prison.export(community).read_bytes(), keys, signer)
    assert opened.manifest.to_json()["format"] == field_lists.FORMATS.label()  # 1.1 or later
    with pytest.raises(BundleRefused):  # a bundle to a laptop also names its earlier ones
        _read_as_c8efe6f(opened.manifest.to_bytes())


def test_this_build_still_reads_the_bundles_of_the_build_before(
    make_laptop: Callable[[str], Laptop],
) -> None:
    """The 1.0 fixture (made by c8efe6f) carries none of 1.1's keys, and imports here."""
    folder = FIXTURES / "1.0"
    body = json.loads(_fixture_manifest(folder))
    assert set(body) == TODAYS_KEYS and body["format"] == "engager-bundle/1"
    assert set(body["audit"]) == {"count", "head"}
    expected = json.loads((folder / "expected.json").read_text())
    reader = make_laptop("reader")
    sync.enrol(reader.vault, (folder / "maker.card").read_bytes(), expected["fingerprint"])
    summary = sync.commit_import(
        reader.vault, folder / "bundle.engager", passphrase=expected["passphrase"]
    )
    assert summary.committed and summary.records_new == expected["records"]


def _canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _newer_minor_bundle(maker: Laptop, to: Laptop, minor: int, extra: bool = True) -> bytes:
    """A bundle of format 1.``minor``: an extra top-level manifest key, an extra key inside a
    known manifest object, and an extra key on every line beside "r" and "t"."""
    lines = []
    for line in _lines(maker):
        obj = json.loads(line)
        if extra:
            obj["z"] = {"later": [1, 2]}
            if obj["t"] == "goals":  # a field that newer build added, with its own stamp
                obj["r"]["outcome_note"] = REASON
                newer = f"{int(obj['r']['updated_at'][:13]) - 1:013d}-000000"
                obj["s"] = {"outcome_note": [newer, obj["r"]["updated_by"]]}
        lines.append(_canonical_json(obj))
    own = craft.own(maker.vault)
    payload = fmt.compress_lines(lines)
    made = craft.manifest_for(own, payload, [to.device_id], counts=_counts(lines))
    body = made.to_json()
    body["format"] = field_lists.label(field_lists.MAJOR, minor)
    body["schema"] = "0099"
    if extra:
        body["sender"] = {"laptop": "newer"}
        body["created"]["zone"] = "Europe/London"
    raw = _canonical_json(body)
    plain = fmt.pack(raw, fmt.sign(own.signing_private, raw), payload.data)
    return fmt.encrypt_to_devices(plain, [craft.target(to.vault)[1]])


def test_a_newer_minor_bundle_with_keys_this_build_does_not_know_imports(
    pair: tuple[Laptop, Laptop],
) -> None:
    """From 1.1 on a reader ignores the keys a newer minor adds (manifest, its objects, lines)."""
    prison, community = pair
    man = add_man(community, given_name="Newer")
    add_goal_and_step(community, man)
    ahead = field_lists.FORMATS.current.minor + 1
    summary = importer.import_bundle(prison.vault, _newer_minor_bundle(community, prison, ahead))
    assert summary.committed and summary.records_new == len(_lines(community))
    with prison.vault.read() as session:
        assert session.query(Goal).filter_by(participant_id=man).count() == 1
    (kept,) = _kept(prison).values()  # the goal's field this build does not know goes on
    assert kept == {"outcome_note": REASON}


def test_unknown_keys_are_refused_in_a_format_this_build_knows(
    pair: tuple[Laptop, Laptop],
) -> None:
    """Only a newer minor's extra keys are ignored: in 1.1 they are refused, whole."""
    prison, community = pair
    add_man(community)
    current = field_lists.FORMATS.current.minor
    before = prison.digest()
    with pytest.raises(BundleRefused) as caught:
        importer.import_bundle(prison.vault, _newer_minor_bundle(community, prison, current))
    assert caught.value.code == "manifest"
    assert prison.digest() == before


def test_a_newer_minor_manifest_must_still_be_canonical(pair: tuple[Laptop, Laptop]) -> None:
    """The canonical-bytes check covers the keys this build ignores: a space is refused."""
    prison, community = pair
    add_man(community)
    own = craft.own(community.vault)
    lines = _lines(community)
    payload = fmt.compress_lines(lines)
    body = craft.manifest_for(own, payload, [prison.device_id], counts=_counts(lines)).to_json()
    body["format"] = field_lists.label(field_lists.MAJOR, field_lists.FORMATS.current.minor + 1)
    body["sender"] = {"laptop": "newer"}
    raw = _canonical_json(body).replace(b'"laptop":"newer"', b'"laptop": "newer"')
    plain = fmt.pack(raw, fmt.sign(own.signing_private, raw), payload.data)
    data = fmt.encrypt_to_devices(plain, [craft.target(prison.vault)[1]])
    with pytest.raises(BundleRefused, match="not in canonical form"):
        importer.import_bundle(prison.vault, data)


def _newer_major(maker: Laptop, to: Laptop) -> bytes:
    """A bundle of format 2.0 (its manifest differs in other ways too), signed by ``maker``."""
    add_man(maker)
    lines = _lines(maker)
    own = craft.own(maker.vault)
    payload = fmt.compress_lines(lines)
    body = craft.manifest_for(own, payload, [to.device_id], counts=_counts(lines)).to_json()
    body.update(format="engager-bundle/2", sender={"laptop": "new"})
    raw = json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")
    plain = fmt.pack(raw, fmt.sign(own.signing_private, raw), payload.data)
    return fmt.encrypt_to_devices(plain, [craft.target(to.vault)[1]])


def test_a_newer_major_format_is_refused_whole(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    data = _newer_major(community, prison)
    before = prison.digest()
    with pytest.raises(BundleRefused, match="update Engager Desktop to read this bundle"):
        importer.import_bundle(prison.vault, data)
    assert prison.digest() == before


def test_the_cli_refuses_a_newer_major_format_in_one_line(
    pair: tuple[Laptop, Laptop],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    prison, community = pair
    path = community.stick / "newer.engager"
    path.write_bytes(_newer_major(community, prison))
    prison.vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    code = main(["import", "--vault", str(prison.path), str(path)], options=test_options())
    out = capsys.readouterr()
    assert code == 1 and out.out == ""
    assert out.err.count("\n") == 1 and "update Engager Desktop to read this bundle" in out.err
