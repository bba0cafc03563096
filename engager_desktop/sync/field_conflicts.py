"""Conflict rows as stored, read back as fields (this laptop's value and the other's).

A conflict row's ``losing_version`` is JSON in one of two forms:
- record-level (a deletion against an edit, or a row from before field merges):
  ``{"line": the losing version's canonical line, "side": which side lost}``; its fields are the
  content fields where that line and the record as it is now differ;
- field-level: ``{"fields": {name: {"mine": value, "theirs": value, "lost": side,
  "mine_stamp": [hlc, device], "theirs_stamp": [...]}}}``: both values of each field that both
  laptops changed, and the stamps of the edits that set them (absent for a converted row).
A settled field gains ``"settled": {"by": "here" or the device id that settled it, "stands":
"mine", "theirs" or "other"}``; settling converts a record-level row to the field-level form, so
its values stay what they were when the conflict was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from engager_desktop.sync import canonical, merge, wire_format
from engager_desktop.sync.field_merge import FieldConflict


def to_text(conflicts: Iterable[FieldConflict], their_line: bytes | None = None) -> str:
    """``their_line``: the other laptop's line as received when it held fields this build does
    not know (taking their side of every field brings those back, ``passed_on``)."""
    fields = {
        c.name: {
            "lost": c.lost,
            "mine": c.mine,
            "mine_stamp": list(c.mine_stamp),
            "theirs": c.theirs,
            "theirs_stamp": list(c.theirs_stamp),
        }
        for c in conflicts
    }
    if their_line is not None:
        return _dump({"fields": fields, "their_line": their_line.decode("utf-8")})
    return _dump({"fields": fields})


def their_line(text: str) -> bytes | None:
    """The other laptop's line kept with a field-level conflict, if any."""
    found = json.loads(text).get("their_line")
    return None if found is None else str(found).encode("utf-8")


def fields_of(text: str, current: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """name -> {"mine", "theirs", "lost", ...} for every field of the conflict, in name order."""
    stored = json.loads(text)
    if "fields" in stored:
        return dict(sorted(stored["fields"].items()))
    side = stored["side"]
    line = stored["line"].encode("utf-8")  # any 1.x format: it may lack fields added since
    loser = wire_format.decode(line, wire_format.lenient_reader()).values
    out: dict[str, dict[str, Any]] = {}
    for name, value in sorted(canonical.content_fields(loser).items()):
        now = current.get(name)
        if name == "id" or now == value:
            continue
        mine, theirs = (value, now) if side == merge.MINE else (now, value)
        out[name] = {"mine": mine, "theirs": theirs, "lost": side}
    return out


def settle(text: str, current: Mapping[str, Any], settled: Mapping[str, dict[str, str]]) -> str:
    """The row's text with these fields marked settled (name -> {"by", "stands"})."""
    fields = fields_of(text, current)
    for name, how in settled.items():
        fields[name] = {**fields[name], "settled": dict(how)}
    line = their_line(text)
    if line is not None:
        return _dump({"fields": fields, "their_line": line.decode("utf-8")})
    return _dump({"fields": fields})


def _dump(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
