"""Per-field clock stamps of a record: which edit last set each field, kept in a compact map.

A record's own stamp (``updated_at``, ``updated_by``) is its newest edit. The map says which older
edit last set each field: ``{"*": [hlc, device], field: [hlc, device], ...}``: a field named in the
map has that stamp, any other field has the ``"*"`` stamp, and with no ``"*"`` (or no map at all)
the record's own stamp. A record that was never edited field by field needs no map, so records made
before per-field stamps existed read as "every field changed in the last edit" (whole-record).

``compact`` gives one map for one set of field stamps (the commonest stamp is ``"*"``), so two
laptops holding the same stamps hold the same map.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from engager_desktop.i18n import tr

Key = tuple[str, str]  # (hlc, device): compared as a pair, like a record's stamp
DEFAULT = "*"


def expand(fields: Iterable[str], key: Key, stamps: Mapping[str, Any] | None) -> dict[str, Key]:
    """The stamp of every field, from a record's stamp and its (possibly absent) map."""
    if not stamps:
        return {name: key for name in fields}
    default = _key(stamps[DEFAULT]) if DEFAULT in stamps else key
    return {name: _key(stamps[name]) if name in stamps else default for name in fields}


def compact(stamps: Mapping[str, Key], key: Key) -> dict[str, list[str]] | None:
    """The one map for these field stamps under record stamp ``key`` (None when all are ``key``)."""
    if all(stamp == key for stamp in stamps.values()):
        return None
    counts = Counter(stamps.values())
    default = min(counts, key=lambda stamp: (-counts[stamp], stamp))
    out: dict[str, list[str]] = {}
    if default != key:
        out[DEFAULT] = list(default)
    for name in sorted(stamps):
        if stamps[name] != default:
            out[name] = list(stamps[name])
    return out


def after_edit(
    fields: Iterable[str],
    old: tuple[Key, Mapping[str, Any] | None],
    changed: Iterable[str],
    new_key: Key,
) -> dict[str, list[str]] | None:
    """The map once an edit stamped ``new_key`` changed ``changed``: other fields keep theirs."""
    old_key, stamps = old
    edited = set(changed)
    before = expand(fields, old_key, stamps)
    after = {name: new_key if name in edited else stamp for name, stamp in before.items()}
    return compact(after, new_key)


def _key(value: Any) -> Key:
    return (str(value[0]), str(value[1]))


_HLC = re.compile(r"\d{13}-\d{6}")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class MapInvalid(ValueError):
    pass


def check(stamps: Any, fields: Iterable[str], key: Key) -> None:
    """Refuse a map that is not one ``compact`` could make for a record stamped ``key``."""
    if not isinstance(stamps, dict) or not stamps:
        raise MapInvalid(tr("Errors", "its field stamps are not a list of fields"))
    allowed = {*fields, DEFAULT}
    for name, value in stamps.items():
        if name not in allowed:
            raise MapInvalid(tr("Errors", "its field stamps name an unknown field"))
        if not _is_stamp(value):
            raise MapInvalid(tr("Errors", "its field stamps hold something that is not a stamp"))
        if _key(value) > key:
            raise MapInvalid(tr("Errors", "a field is stamped later than the record"))
    if compact(expand(fields, key, stamps), key) != stamps:
        raise MapInvalid(tr("Errors", "its field stamps are not in their one written form"))


def _is_stamp(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(part, str) for part in value)
        and _HLC.fullmatch(value[0]) is not None
        and _UUID.fullmatch(value[1]) is not None
    )
