"""Records filed elsewhere that name him: found, without false matches, and left after erasure."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from engager_desktop.cli import main
from engager_desktop.services.erasure import erase_man
from engager_desktop.services.mentions import mentions_of
from engager_desktop.store.orm import Meeting, Participant, SupervisionNote
from engager_desktop.store.vault import Vault
from tests.vault_fixtures import TEST_PASSPHRASE


def _man(vault: Vault, given: str, family: str, number: str | None = None, **more: object) -> str:
    with vault.write() as session:
        man = Participant(
            given_name=given,
            family_name=family,
            preferred_name=f"Mr {family}",
            prison_number=number,
            **more,
        )
        session.add(man)
        session.flush()
        return man.id


def _meeting(vault: Vault, man_id: str, notes: str) -> str:
    with vault.write() as session:
        meeting = Meeting(
            participant_id=man_id,
            starts_at=datetime(2026, 10, 5, 10),
            place="prison",
            attended=True,
            notes=notes,
        )
        session.add(meeting)
        session.flush()
        return meeting.id


@pytest.fixture
def seeded(vault: Vault) -> tuple[Vault, str, str, str, str]:
    him = _man(vault, "Owain", "Pryce", "A1234BC", notes="Owain Pryce asked for the plan.")
    _meeting(vault, him, "Owain Pryce came on time.")  # his own record: not a mention
    other = _man(vault, "Brian", "Pryceson", "B7654CD")
    cellmate = _meeting(vault, other, "Talked about his cellmate OWAIN PRYCE and the noise.")
    _meeting(vault, other, "Brian Pryceson; Owain Prycey is a different person.")  # no match
    with vault.write() as session:
        note = SupervisionNote(
            kind="team", held_on=date(2026, 10, 7), cases_discussed="A1234BC: housing worries"
        )
        session.add(note)
        session.flush()
        note_id = note.id
    return vault, him, other, cellmate, note_id


def test_found_in_another_mans_session_and_a_supervision_note(
    seeded: tuple[Vault, str, str, str, str],
) -> None:
    vault, him, other, cellmate, note_id = seeded
    found = {(m.table, m.record_id, m.field): m for m in mentions_of(vault, him)}
    assert set(found) == {
        ("meetings", cellmate, "notes"),
        ("supervision_notes", note_id, "cases_discussed"),
    }
    session = found[("meetings", cellmate, "notes")]
    assert session.man_id == other and session.when == date(2026, 10, 5)
    assert session.line() == "session, 05 Oct 2026 (in Brian Pryceson's file), field 'notes'"
    assert found[("supervision_notes", note_id, "cases_discussed")].line() == (
        "supervision note, 07 Oct 2026 (not filed under a man), field 'cases discussed'"
    )
    assert all("noise" not in m.line() and "housing" not in m.line() for m in found.values())


def test_the_mentions_stay_after_his_erasure(seeded: tuple[Vault, str, str, str, str]) -> None:
    vault, him, _other, cellmate, _note = seeded
    before = mentions_of(vault, him)
    erase_man(vault, him)
    with vault.read() as session:
        notes = session.get(Meeting, cellmate).notes  # type: ignore[union-attr]
    assert "OWAIN PRYCE" in notes and len(before) == 2  # the practitioner edits these by hand


def test_cli_lists_them_and_erase_warns(
    seeded: tuple[Vault, str, str, str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vault, him, *_ = seeded
    path: Path = vault.path
    options = vault.options
    vault.lock()
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    assert main(["mentions", "--vault", str(path), "--man", him], options=options) == 0
    out = capsys.readouterr().out
    assert out.startswith("his name is in 2 records filed elsewhere:")
    assert "session, 05 Oct 2026 (in Brian Pryceson's file)" in out
    assert main(["erase", "--vault", str(path), "--man", him, "--yes"], options=options) == 0
    out = capsys.readouterr().out
    assert "his name is still in these records filed elsewhere; edit it out:" in out
    assert "supervision note, 07 Oct 2026" in out
