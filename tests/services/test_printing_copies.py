"""Safe copies (issue 17, item 7): a copy for a service, the family sheet when a limit on contact
is recorded, blank forms, two men with the same name, file names."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.cli import print_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services import printing
from engager_desktop.services.consent import record_consent
from engager_desktop.services.printing_copies import RESTRICTION_HELD
from engager_desktop.services.printing_reads import (
    NO_CRISIS_LINE,
    NO_WORKER,
    save_worker_details,
    worker_details,
)
from engager_desktop.store.orm import AuditEvent, Background, Participant, Service
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.worksheets.inputs import WorkerLine
from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.services import print_fixtures as f
from tests.vault_fixtures import TEST_PASSPHRASE


@pytest.fixture
def man(vault: Vault) -> str:
    return f.add_full_man(vault)


def housing_id(vault: Vault) -> str:
    with vault.read() as session:
        return str(session.scalar(select(Service.id).where(Service.name == f.HOUSING)))


def details(vault: Vault) -> list[str | None]:
    with vault.read() as session:
        rows = session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "print"))
        return list(rows)


# --- the family sheet and a recorded limit on contact ----------------------------------------


def test_a_limit_on_contact_keeps_his_address_and_phone_off_until_confirmed(
    vault: Vault, man: str
) -> None:
    f.agree(vault, man, ConsentKind.SHARE_CONTACT_DETAILS, ConsentKind.SHARE_WHEREABOUTS)
    held = printing.prepare(vault, "family-sheet", man)
    text = f.pdf_text(held.pdf)
    assert f.HIS_PHONE not in text and f.GOING_TO not in text
    assert "A limit on contact is recorded." in text
    assert "has not agreed" not in text  # he did agree: that is not why they are missing
    assert held.restriction and not held.confirmed_restriction
    assert RESTRICTION_HELD in held.left_out
    confirmed = printing.prepare(
        vault, "family-sheet", man, PrintOptions(confirmed_restriction=True)
    )
    text = f.pdf_text(confirmed.pdf)
    assert f.HIS_PHONE in text and f.GOING_TO in text
    assert confirmed.confirmed_restriction
    assert any("You confirmed" in note for note in confirmed.notes)
    printing.record_print(vault, "family-sheet", man, "printer", document=confirmed)
    assert "limit on contact (confirmed)" in str(details(vault)[-1])
    assert f.HIS_PHONE not in str(details(vault))


def test_no_limit_recorded_needs_no_confirmation(vault: Vault, man: str) -> None:
    with vault.write() as session:
        for row in session.scalars(select(Background).where(Background.participant_id == man)):
            row.contact_restrictions = None
    f.agree(vault, man, ConsentKind.SHARE_CONTACT_DETAILS)
    doc = printing.prepare(vault, "family-sheet", man)
    assert f.HIS_PHONE in f.pdf_text(doc.pdf) and not doc.restriction


def test_a_blank_family_sheet_says_nothing_about_any_man(vault: Vault) -> None:
    for pdf in (
        printing.prepare(vault, "family-sheet", None).pdf,
        build_pdf("family-sheet", None, PrintOptions(large_print=True)),
    ):
        text = f.pdf_text(pdf)
        assert "agreed" not in text and "leaves out" not in text


# --- a copy for another service ---------------------------------------------------------------


def test_a_copy_for_a_service_is_refused_without_his_consent(vault: Vault, man: str) -> None:
    with pytest.raises(printing.PrintError, match="has not agreed to share his plan") as caught:
        printing.prepare(vault, "action-plan", man, for_service=housing_id(vault))
    assert f.NAME not in str(caught.value) and f.GIVEN not in str(caught.value)
    with pytest.raises(printing.PrintError, match="no service with that id"):
        printing.prepare(vault, "action-plan", man, for_service="nope")


def test_a_copy_for_a_service_is_addressed_to_it_and_lists_what_it_carries(
    vault: Vault, man: str
) -> None:
    service = housing_id(vault)
    record_consent(vault, man, ConsentKind.SHARE_PLAN_WITH_SERVICE, True, service_id=service)
    record_consent(vault, man, ConsentKind.SHARE_CONTACT_DETAILS, True)
    doc = printing.prepare(vault, "release-plan", man, for_service=service)
    text = f.pdf_text(doc.pdf)
    assert f"For: {f.HOUSING}" in text
    assert f"About: {f.GIVEN} Pugh" in text and f"He likes to be called: {f.NAME}" in text
    assert "Prison number: A1234BC" in text
    assert f"{f.NAME}, this is" not in text  # not addressed to him
    assert f"This copy was made for {f.HOUSING}" in text
    assert f"His plan and papers being shared with {f.HOUSING}." in text
    assert "His phone number and other ways to reach him. He has agreed to share them." in text
    assert f.HIS_PHONE in text
    assert f.GOING_TO not in text  # whereabouts: not agreed
    assert "His full name, and the name he likes to be called." in text
    assert "His prison number." in text and "The prison he is in." not in text
    assert doc.for_service == service
    printing.record_print(vault, "release-plan", man, "file", document=doc)
    assert f"a copy for service {service}" in str(details(vault)[-1])


def test_the_family_sheet_is_never_a_copy_for_a_service(vault: Vault, man: str) -> None:
    with pytest.raises(printing.PrintError, match="for his family"):
        printing.prepare(vault, "family-sheet", man, for_service=housing_id(vault))


# --- names where many can see them ------------------------------------------------------------


def test_file_names_carry_his_initials_and_the_date_not_his_name(vault: Vault, man: str) -> None:
    doc = printing.prepare(vault, "action-plan", man)
    assert doc.file_name == "Our plan - DP - 2026-11-02.pdf"
    assert "Dai" not in doc.file_name and "Dafydd" not in doc.file_name
    blank = printing.prepare(vault, "workbook", None)
    assert blank.file_name == "Before we meet again - blank - 2026-11-02.pdf"


def test_supervision_tells_apart_two_men_with_the_same_name(vault: Vault, man: str) -> None:
    with vault.write() as session:
        session.add(
            Participant(
                given_name="David",
                family_name="Wynne",
                preferred_name=f.NAME,
                prison_number="Z9876YX",
                phase="in_prison",
            )
        )
        session.add(Participant(given_name="Ann", family_name="Other", preferred_name="Mr Jones"))
    text = f.pdf_text(printing.prepare(vault, "supervision", None).pdf)
    assert f"{f.NAME} (A1234BC)" in text and f"{f.NAME} (Z9876YX)" in text
    assert "Mr Jones (" not in text


# --- the command line --------------------------------------------------------------------------


def run(argv: list[str], options: VaultOptions) -> int:
    parser = argparse.ArgumentParser(prog="engager-desktop")
    print_commands.register(parser.add_subparsers(dest="command"))
    return run_handler(parser.parse_args(argv), options)


def test_the_cli_makes_a_copy_for_a_service_only_with_consent(
    vault: Vault,
    man: str,
    vault_path: Path,
    tmp_path: Path,
    options: VaultOptions,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    service = housing_id(vault)
    vault.lock()
    out = tmp_path / "copy.pdf"
    argv = ["print", "action-plan", "--vault", str(vault_path), "--man", man, "-o", str(out)]
    assert run([*argv, "--for-service", service], options) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "has not agreed" in err[0] and not out.exists()
    assert run([*argv, "--confirm-restriction"], options) == 2
    assert "only for family-sheet" in capsys.readouterr().err
    blank = ["print", "workbook", "--vault", str(vault_path), "--blank", "--for-service", service]
    assert run([*blank, "-o", str(out)], options) == 2


def test_the_cli_family_sheet_with_a_confirmed_limit(
    vault: Vault,
    man: str,
    vault_path: Path,
    tmp_path: Path,
    options: VaultOptions,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    f.agree(vault, man, ConsentKind.SHARE_CONTACT_DETAILS)
    vault.lock()
    out = tmp_path / "family.pdf"
    argv = ["print", "family-sheet", "--vault", str(vault_path), "--man", man, "-o", str(out)]
    assert run(argv, options) == 0
    assert "a limit on contact is recorded" in capsys.readouterr().out
    assert f.HIS_PHONE not in f.pdf_text(out.read_bytes())
    assert run([*argv, "--confirm-restriction"], options) == 0
    assert f.HIS_PHONE in f.pdf_text(out.read_bytes())


# --- his help numbers and the practitioner's own details -------------------------------------


def test_help_numbers_carry_the_crisis_line_and_worker_set_in_settings(
    vault: Vault, man: str
) -> None:
    bare = printing.prepare(vault, "ending", man)
    assert NO_WORKER in bare.notes and NO_CRISIS_LINE in bare.notes
    assert "Samaritans, any time, free: 116 123" in f.pdf_text(bare.pdf)
    saved = WorkerLine(name="Sam Evans", phone="01632 960000", crisis_line="Crisis 0800 1")
    save_worker_details(vault, saved)
    assert worker_details(vault).crisis_line == "Crisis 0800 1"
    for kind in ("ending", "release-plan", "services-card"):
        doc = printing.prepare(vault, kind, man)
        text = f.pdf_text(doc.pdf)
        assert "Local crisis line: Crisis 0800 1" in text, kind
        assert "Your Engager worker: Sam Evans, 01632 960000" in text, kind
        assert NO_WORKER not in doc.notes and NO_CRISIS_LINE not in doc.notes
    assert NO_CRISIS_LINE not in printing.prepare(vault, "family-sheet", man).notes
