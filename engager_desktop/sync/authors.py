"""Who may be named as a version's author: never this laptop, unless it really made the version.

An enrolled laptop is trusted to send records, not to speak for this one. A version naming this
laptop as its author is taken only when this vault holds exactly that version, or a newer one of
the same record (its own older version coming back, which loses anyway); anything else refuses
the whole bundle, since the merge treats this laptop's own versions as already known to it (no
conflict is shown for them). Other authors are taken as relayed: a laptop enrolled only on the
signer reaches this one through it (the hub case of ``tests/sync/test_scope.py``), and a signer
naming another laptop can do nothing it could not do under its own name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engager_desktop.domain import field_clock
from engager_desktop.i18n import tr
from engager_desktop.store.field_stamps import fields_of
from engager_desktop.sync import canonical
from engager_desktop.sync.errors import BundleRefused


def _claims_me() -> BundleRefused:
    return BundleRefused(
        "author",
        tr(
            "Errors",
            (
                "the bundle was refused: it holds a version said to be made on this "
                "laptop that this laptop never made"
            ),
        ),
    )


def check_author(record: canonical.Record, local: Mapping[str, Any] | None, me: str) -> None:
    """Refuse the bundle if ``record`` claims this laptop (``me``) made a version it did not."""
    if record.device == me and (local is None or not _mine(record, local, me)):
        raise _claims_me()


def _mine(record: canonical.Record, local: Mapping[str, Any], me: str) -> bool:
    """Exactly the version held here, or an older one of this laptop's that it superseded, or
    this version merged elsewhere with fields other laptops set (its field stamps name them):
    the fields it says this laptop set are as this laptop holds them."""
    remote = record.values
    if remote == local:
        return True
    if str(remote["updated_at"]) < str(local["updated_at"]):
        return True
    key = (str(remote["updated_at"]), str(remote["updated_by"]))
    if key != (str(local["updated_at"]), str(local["updated_by"])):
        return False
    if remote["deleted"] and local["deleted"]:
        # this laptop's deletion, merged on a relay with an older version of more revisions (a
        # merge keeps the larger revision count): a tombstone holds no content to misattribute
        return True
    if record.stamps is None:
        return False
    names = fields_of(remote)
    stamps = field_clock.expand(names, key, record.stamps)
    return remote["deleted"] == local["deleted"] and all(
        remote[name] == local[name] for name in names if stamps[name][1] == me
    )
