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

from engager_desktop.sync import canonical, merge
from engager_desktop.sync.field_merge import FieldConflict


def to_text(conflicts: Iterable[FieldConflict]) -> str:
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
    return _dump({"fields": fields})


def fields_of(text: str, current: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """name -> {"mine", "theirs", "lost", ...} for every field of the conflict, in name order."""
    stored = json.loads(text)
    if "fields" in stored:
        return dict(sorted(stored["fields"].items()))
    side = stored["side"]
    loser = canonical.decode(stored["line"].encode("utf-8")).values
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
    return _dump({"fields": fields})


def _dump(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
