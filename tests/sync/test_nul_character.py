"""U+0000 (NUL) in a text: one rule on laptops and at the hub (issue #18).

PostgreSQL cannot store NUL in text, so the hub could never hold it. A laptop's services refuse it
where it is typed (``domain.validation.check_length``: a hidden character), and every import, on a
laptop or at the hub, refuses a bundle whose record holds one, naming the table and field (never
the value), audited as ``nul_character``, before anything is written.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.validation import ValidationError
from engager_desktop.store.orm.system import AuditEvent, ImportLedger
from engager_desktop.sync import canonical
from engager_desktop.sync.errors import BundleRefused
from tests.sync.conftest import Laptop, add_man, edit_man, man_field, store_unchecked


def _last_audit(laptop: Laptop) -> tuple[str, str | None]:
    with laptop.vault.read() as session:
        row = session.execute(
            select(AuditEvent.action, AuditEvent.detail).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    return row[0], row[1]


def _ledger(laptop: Laptop) -> int:
    with laptop.vault.read() as session:
        return int(session.execute(select(func.count()).select_from(ImportLedger)).scalar_one())


def test_a_laptop_refuses_a_bundle_holding_nul_naming_the_field(
    pair: tuple[Laptop, Laptop],
) -> None:
    prison, community = pair
    man = add_man(prison)
    store_unchecked(prison, man, "notes", "first line\x00second")  # as a vault from before
    before = community.digest()
    with pytest.raises(BundleRefused, match=r"participants\.notes holds a NUL character") as caught:
        community.take(prison.export(community))
    assert caught.value.code == canonical.NUL_CHARACTER
    assert "first line" not in str(caught.value) and "\x00" not in str(caught.value)
    assert community.digest() == before and _ledger(community) == 0
    assert _last_audit(community) == ("import_refused", canonical.NUL_CHARACTER)


def test_the_same_bundle_without_nul_is_taken(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    man = add_man(prison)
    store_unchecked(prison, man, "notes", "first line\x00second")
    edit_man(prison, man, notes="first line second")  # put right on the laptop that holds it
    summary = community.take(prison.export(community))
    assert summary.committed and community.digest() == prison.digest()


@pytest.mark.parametrize("text", ["\x00", "a\x00", "\x00b", "ab\x00cd"])
def test_every_nul_is_refused_by_the_record_check(text: str) -> None:
    spec = canonical.table_specs()["participants"]
    column = next(col for col in spec.columns if col.name == "notes")
    with pytest.raises(BundleRefused, match="NUL") as caught:
        canonical.check_value("participants", column, text)
    assert caught.value.code == canonical.NUL_CHARACTER


def test_a_laptop_refuses_nul_on_every_write_path(pair: tuple[Laptop, Laptop]) -> None:
    """The stamping hook checks every synced record a session writes (new or edited), whatever
    service wrote it; nothing is saved."""
    prison, _community = pair
    man = add_man(prison, notes="kept")
    with pytest.raises(ValidationError, match="hidden character") as caught:
        edit_man(prison, man, notes="pasted\x00text")
    assert caught.value.field == "notes" and "pasted" not in str(caught.value)
    assert man_field(prison, man, "notes") == "kept"
    with pytest.raises(ValidationError, match="hidden character"):
        add_man(prison, given_name="Da\x00fydd")
