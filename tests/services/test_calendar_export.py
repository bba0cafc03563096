"""Calendar export: parses back, London time, stable UIDs, nothing sensitive, consent, CLI."""

from __future__ import annotations

import argparse
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from engager_desktop.cli import plan_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services import calendar_export as ics
from engager_desktop.services.common import ConsentRequired, NotFound, RuleBroken
from engager_desktop.services.consent import record_consent
from engager_desktop.store.orm import Appointment, AuditEvent, Meeting, Participant, Service
from engager_desktop.store.vault import Vault, VaultOptions
from tests.vault_fixtures import TEST_PASSPHRASE

pytest_plugins = ["tests.vault_fixtures"]

NOTES = "Talked about his brother's overdose"
APPOINTMENT_NOTE = "Methadone script review"


def build_ics(
    vault: Vault, man: str | None = None, options: ics.CalendarOptions | None = None
) -> tuple[bytes, int]:
    """The calendar bytes and its number of events, as ``export_ics`` writes them."""
    built = ics._build(vault, man, options or ics.CalendarOptions())
    return built.data, built.events


def add_man(vault: Vault, given: str = "Dai", phase: str = "in_community") -> str:
    with vault.write() as session:
        man = Participant(
            given_name=given, family_name="Rees", preferred_name=f"Mr Rees {given}", phase=phase
        )
        session.add(man)
        session.flush()
        return man.id


def add_slots(vault: Vault, man: str) -> dict[str, str]:
    with vault.write() as session:
        rows = {
            "session": Meeting(
                participant_id=man,
                place="community",
                location="Library café",
                starts_at=datetime(2026, 11, 5, 10, 0),
                notes=NOTES,
                reviewed=NOTES,
            ),
            "summer": Meeting(
                participant_id=man,
                place="community",
                location="Library café",
                starts_at=datetime(2027, 6, 1, 9, 0),
            ),
            "phone": Meeting(
                participant_id=man, place="phone", starts_at=datetime(2026, 11, 6, 14, 0)
            ),
            "appointment": Appointment(
                participant_id=man,
                with_whom="Drug service",
                location="Harm reduction hub",
                minutes=30,
                starts_at=datetime(2026, 11, 7, 11, 0),
                note=APPOINTMENT_NOTE,
            ),
            "missed": Appointment(
                participant_id=man,
                with_whom="GP",
                attended=False,
                starts_at=datetime(2026, 11, 1, 11, 0),
            ),
            "old": Meeting(
                participant_id=man,
                place="prison",
                attended=True,
                starts_at=datetime(2026, 8, 1, 10, 0),
            ),
        }
        session.add_all(rows.values())
        session.flush()
        return {key: row.id for key, row in rows.items()}


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


@pytest.fixture
def man(vault: Vault) -> str:
    return add_man(vault)


def uid(vault: Vault, kind: str, record_id: str) -> str:
    return ics.event_uid(ics.uid_key(vault), kind, record_id)


def agree_to_whereabouts(vault: Vault, man: str, service_id: str | None = None) -> None:
    record_consent(vault, man, ConsentKind.SHARE_WHEREABOUTS, True, service_id=service_id)


def test_export_parses_back_with_nothing_sensitive(vault: Vault, man: str) -> None:
    ids = add_slots(vault, man)
    data, count = build_ics(vault, man)
    found = events(data)
    assert count == len(found) == 4  # not the missed one, not the one months ago
    text = data.decode()
    for secret in (
        NOTES,
        APPOINTMENT_NOTE,
        "Drug service",
        "Rees",
        "Dai",
        "Library café",
        "Harm reduction",
    ):
        assert secret not in text
    session_event = found[uid(vault, "meeting", ids["session"])]
    assert str(session_event["summary"]) == "Engager session"
    assert "LOCATION" not in session_event
    assert str(found[uid(vault, "meeting", ids["phone"])]["summary"]).endswith("(phone)")
    appointment = found[uid(vault, "appointment", ids["appointment"])]
    assert str(appointment["summary"]) == "Appointment (Engager)"
    end = appointment.decoded("dtend") - appointment.decoded("dtstart")
    assert end == timedelta(minutes=30)


def test_times_are_london_time_across_the_clock_change(vault: Vault, man: str) -> None:
    ids = add_slots(vault, man)
    found = events(build_ics(vault, man)[0])
    winter = found[uid(vault, "meeting", ids["session"])].decoded("dtstart")
    summer = found[uid(vault, "meeting", ids["summer"])].decoded("dtstart")
    assert str(winter.tzinfo) == "Europe/London" and (winter.hour, winter.minute) == (10, 0)
    assert (summer.hour, summer.utcoffset()) == (10, timedelta(hours=1))  # 09:00 UTC is 10 BST
    assert "BEGIN:VTIMEZONE" in build_ics(vault, man)[0].decode()


def test_uids_are_stable_between_exports(vault: Vault, clock: object, man: str) -> None:
    add_slots(vault, man)
    first = set(events(build_ics(vault, man)[0]))
    clock.advance(3600)  # type: ignore[attr-defined]
    assert set(events(build_ics(vault, man)[0])) == first


def test_names_and_places_only_when_asked(vault: Vault, man: str) -> None:
    ids = add_slots(vault, man)
    agree_to_whereabouts(vault, man)
    session_uid = uid(vault, "meeting", ids["session"])
    initials = events(build_ics(vault, man, ics.CalendarOptions(name_style="initials"))[0])
    assert str(initials[session_uid]["summary"]) == "Engager session: D.R."
    named = events(
        build_ics(vault, man, ics.CalendarOptions(name_style="preferred", include_place=True))[0]
    )
    assert str(named[session_uid]["summary"]) == "Engager session: Mr Rees Dai"
    assert str(named[session_uid]["location"]) == "Library café"
    assert (
        NOTES
        not in build_ics(
            vault, man, ics.CalendarOptions(name_style="preferred", include_place=True)
        )[0].decode()
    )


def test_all_men_leaves_out_closed_ones(vault: Vault, man: str) -> None:
    add_slots(vault, man)
    closed = add_man(vault, "Huw", phase="closed")
    add_slots(vault, closed)
    _, count = build_ics(vault)
    assert count == 4


def test_for_another_party_needs_his_whereabouts_consent(vault: Vault, man: str) -> None:
    add_slots(vault, man)
    with vault.write() as session:
        service = Service(name="Probation", kind="probation", setting="community")
        session.add(service)
        session.flush()
        service_id = service.id
    other = ics.CalendarOptions(for_other_party=service_id)
    with pytest.raises(ConsentRequired):
        build_ics(vault, man, other)
    with pytest.raises(RuleBroken):
        build_ics(vault, None, other)
    record_consent(vault, man, ConsentKind.SHARE_WHEREABOUTS, True, service_id=service_id)
    assert build_ics(vault, man, other)[1] == 4


def test_export_writes_the_file_and_audits_it(vault: Vault, man: str, tmp_path: Path) -> None:
    add_slots(vault, man)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "diary.ics"
    target.write_bytes(b"old")
    result = ics.export_ics(vault, target, man)
    assert result.events == 4 and events(target.read_bytes())
    assert list(folder.iterdir()) == [target]  # no temp file left behind
    with vault.read() as session:
        last = session.execute(
            select(AuditEvent.action, AuditEvent.record_id, AuditEvent.detail).order_by(
                AuditEvent.seq.desc()
            )
        ).first()
    assert last is not None and tuple(last) == ("export_ics", man, "4 events, own calendar")
    with pytest.raises(NotFound):
        ics.export_ics(vault, folder / "x.ics", "0" * 36)
    assert not (folder / "x.ics").exists()


def test_cli_ics_command(
    vault: Vault,
    options: VaultOptions,
    man: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add_slots(vault, man)
    path = vault.path
    vault.lock()
    parser = argparse.ArgumentParser()
    plan_commands.register(parser.add_subparsers(dest="command"))
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    out = tmp_path / "all.ics"
    args = parser.parse_args(["ics", "--vault", str(path), "--man", man, "-o", str(out)])
    assert run_handler(args, options) == 0
    assert "4 events written" in capsys.readouterr().out
    assert len(events(out.read_bytes())) == 4
    args = parser.parse_args(
        ["ics", "--vault", str(path), "--man", "0" * 36, "-o", str(tmp_path / "none.ics")]
    )
    assert run_handler(args, options) == 1
    assert "no such man" in capsys.readouterr().err


def test_since_date_widens_the_window(vault: Vault, man: str) -> None:
    add_slots(vault, man)
    _, count = build_ics(vault, man, ics.CalendarOptions(since=date(2026, 7, 1)))
    assert count == 5


def test_places_need_his_whereabouts_consent(vault: Vault, man: str, tmp_path: Path) -> None:
    add_slots(vault, man)
    other = add_man(vault, "Huw")
    add_slots(vault, other)
    with_place = ics.CalendarOptions(include_place=True)
    with pytest.raises(ConsentRequired):
        build_ics(vault, man, with_place)
    agree_to_whereabouts(vault, man)
    assert "Library caf" in build_ics(vault, man, with_place)[0].decode()
    everyone = ics.export_ics(vault, tmp_path / "all.ics", None, with_place)
    found = events(everyone.path.read_bytes())
    located = [e for e in found.values() if "location" in e]
    assert len(located) == 3 and everyone.places_left_out == 1  # Huw has not agreed
    with vault.read() as session:
        detail = session.scalars(
            select(AuditEvent.detail).order_by(AuditEvent.seq.desc()).limit(1)
        ).one()
    assert detail == "8 events, own calendar, places for 1 man (1 left out)"


def test_event_ids_are_not_record_ids(vault: Vault, man: str, new_vault) -> None:
    ids = add_slots(vault, man)
    data = build_ics(vault, man)[0].decode()
    for record_id in ids.values():
        assert record_id not in data
        assert record_id.replace("-", "") not in data
    found = set(events(data.encode()))
    assert uid(vault, "meeting", ids["session"]) in found
    other = new_vault("other")
    assert uid(other, "meeting", ids["session"]) != uid(vault, "meeting", ids["session"])
