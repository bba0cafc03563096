"""Reading records of other 1.x formats, and the manifest's format version (no vault needed)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from engager_desktop.sync import canonical, field_lists, manifest, wire_format
from engager_desktop.sync.errors import BundleRefused, RecordInvalid
from engager_desktop.sync.field_lists import Added, Formats, Version
from tests.sync.test_format import _manifest, _participant

MAN = "0f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b"
DEVICE = "1f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b"
TODAY = wire_format.reader(0)


def _line(table: str, values: dict[str, Any]) -> bytes:
    return canonical.encode_any(table, values)


def _review() -> dict[str, Any]:
    return {
        "created_at": "2026-11-02T09:00:00.000000",
        "deleted": False,
        "id": "3f1e2d3c-4b5a-4678-9a0b-1c2d3e4f5a6b",
        "note": "went well",
        "participant_id": MAN,
        "rev": 1,
        "updated_at": "1793610000000-000001",
        "updated_by": DEVICE,
    }


def test_todays_line_reads_as_before() -> None:
    line = canonical.encode("participants", _participant())
    record = wire_format.decode(line, TODAY)
    assert record.values == _participant() and record.extras is None and not record.foreign


def test_unknown_field_is_kept_and_written_back_byte_for_byte() -> None:
    line = _line("participants", {**_participant(), "pronouns": "he/him", "zz": [1, {"a": None}]})
    record = wire_format.decode(line, TODAY)
    assert record.values == _participant()
    assert record.extras == {"pronouns": "he/him", "zz": [1, {"a": None}]}
    spec = canonical.table_specs()["participants"]
    assert wire_format.encode_passed_on(spec, record.values, record.extras) == line


def test_record_of_an_unknown_table_is_kept_whole() -> None:
    line = _line("goal_reviews", _review())
    record = wire_format.decode(line, TODAY)
    assert record.foreign and record.values == _review() and record.participant_id == MAN
    assert canonical.encode_any(record.table, record.values) == line


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("participants", {"Pronouns": "x"}, "unusable name"),
        ("participants", {"weight": 70.5}, "fraction"),
        ("participants", {"notes": None, "given_name": None}, "missing"),
        ("goal_reviews", {"updated_by": None}, "updated_by is missing"),
        ("goal_reviews", {"id": "7"}, "not an id"),
        ("goal_reviews", {"participant_id": "him"}, "not an id"),
        ("goal_reviews", {"rev": 0}, "below 1"),
        ("audit_events", {}, "does not travel"),
        ("sync_passed_on", {}, "does not travel"),
        ("search_index", {}, "does not travel"),
        ("sqlite_master", {}, "does not travel"),
        ("Goal Reviews", {}, "unknown table"),
    ],
)
def test_what_cannot_be_kept_is_refused(table: str, change: dict[str, Any], message: str) -> None:
    values = _participant() if table == "participants" else _review()
    values.update(change)
    with pytest.raises(RecordInvalid, match=message):
        wire_format.decode(_line(table, values), TODAY)


def test_a_field_the_bundles_format_has_must_be_there() -> None:
    values = _participant()
    del values["notes"]
    with pytest.raises(RecordInvalid, match="participants.notes is missing"):
        wire_format.decode(_line("participants", values), TODAY)


def test_fields_out_of_order_are_refused() -> None:
    text = json.dumps({"r": {**_participant(), "aaa": 1}, "t": "participants"}, sort_keys=False)
    with pytest.raises(RecordInvalid, match="not in order"):
        wire_format.decode(text.encode(), TODAY)


def test_a_field_added_since_the_bundles_format_takes_its_default() -> None:
    """This build plays one release ahead: participants.notes is new in its format 1.1."""
    base = dict(field_lists.FORMATS.base)
    base["participants"] = " ".join(n for n in base["participants"].split() if n != "notes")
    ahead = Formats(
        tuple(base.items()),
        (Version(0, "0005"), Version(1, "0006", (Added("participants", "notes", None),))),
    )
    older = _participant()
    del older["notes"]
    record = wire_format.decode(_line("participants", older), wire_format.reader(0, ahead))
    assert record.values == {**older, "notes": None}
    assert list(record.values) == sorted(record.values)
    # a bundle of format 1.1 itself must carry the field
    with pytest.raises(RecordInvalid, match="notes is missing"):
        wire_format.decode(_line("participants", older), wire_format.reader(1, ahead))


def test_lenient_reader_reads_lines_kept_in_the_vault() -> None:
    line = canonical.encode("participants", _participant())
    assert wire_format.decode(line, wire_format.lenient_reader()).values == _participant()


# --------------------------------------------------------------------------- manifest format


def _manifest_bytes(**changes: Any) -> bytes:
    body = _manifest().to_json()
    body.update(changes)
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")


def test_manifest_carries_the_format_version() -> None:
    import dataclasses

    made = dataclasses.replace(_manifest(), format_minor=3)
    assert made.to_json()["format"] == "engager-bundle/1.3"
    assert manifest.parse(made.to_bytes()).format_minor == 3
    assert manifest.parse(_manifest().to_bytes()).format_minor == 0
    assert _manifest().to_json()["format"] == "engager-bundle/1"  # what every bundle said so far


@pytest.mark.parametrize("label", ["engager-bundle/2", "engager-bundle/2.4", "engager-bundle/17"])
def test_a_newer_major_format_is_refused_whole(label: str) -> None:
    data = _manifest_bytes(format=label, something_new={"a": 1})  # its manifest may differ too
    with pytest.raises(BundleRefused, match="update Engager Desktop to read this bundle") as info:
        manifest.parse(data)
    assert info.value.code == "format_newer"


@pytest.mark.parametrize("label", ["engager-bundle/1.0", "engager-bundle/0", "engager/1", "1", 1])
def test_malformed_format_labels_are_refused(label: object) -> None:
    with pytest.raises(BundleRefused) as info:
        manifest.parse(_manifest_bytes(format=label))
    assert info.value.code == "format"
