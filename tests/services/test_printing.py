"""Printing from the vault: each kind for a real man, consent, sensitive parts, audit, batches."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.enums import ConsentKind
from engager_desktop.services import demo, printing, printing_batch
from engager_desktop.services.common import NotFound
from engager_desktop.services.printing_copies import RESTRICTION_CONFIRMED
from engager_desktop.services.printing_inputs import LEFT_OUT_CONTACT, LEFT_OUT_WHEREABOUTS
from engager_desktop.services.printing_reads import NO_WORKER, save_worker_details
from engager_desktop.store import credentials
from engager_desktop.store.lifecycle import create_vault, unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.worksheets.inputs import WorkerLine
from engager_desktop.worksheets.options import PrintOptions
from tests.services import print_fixtures as f
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

MAN_KINDS = [k.name for k in printing.kinds() if k.needs_man]
OTHER_KINDS = ["supervision", "explainer"]

# What each kind must hold for Dai, besides his name.
EXPECTED = {
    "understanding": ["I have nowhere to live", "Good with his hands", "Library card"],
    "action-plan": [f.GOAL, "Phone the housing advice line", f.HOUSING],
    "workbook": ["Phone the housing advice line", "Saturday 7 November 2026"],
    "pledge": [f.PLEDGE, "Be on time"],
    "release-plan": [
        "Thursday 12 November 2026",
        f.GOING_TO,
        f.GATE_PLACE,
        f.HIS_PHONE,
        f.APPOINTMENT_PLACE,
        f.HOUSING_PHONE,
        "Sam Evans",
    ],
    "services-card": [f.HOUSING, f.HOUSING_PHONE, "Saturday, 10am to 1pm"],
    "family-sheet": ["12 November 2026", f.FAMILY_SERVICE],
    "ending": [f.ENDING, "Going for a walk", "My sister"],
    "links-map": [f.LINKS, "Ashamed", "Walked out"],
}


@pytest.fixture
def man(vault: Vault) -> str:
    return f.add_full_man(vault)


def audit_rows(vault: Vault) -> list[tuple[str | None, str | None, str | None]]:
    """(kind, record id, detail) of every print entry, oldest first."""
    with vault.read() as session:
        rows = session.execute(
            select(AuditEvent.kind, AuditEvent.record_id, AuditEvent.detail)
            .where(AuditEvent.action == "print")
            .order_by(AuditEvent.seq)
        )
        return [tuple(row) for row in rows]


@pytest.mark.parametrize("kind", MAN_KINDS)
def test_each_kind_names_him_and_holds_his_record(vault: Vault, man: str, kind: str) -> None:
    doc = printing.prepare(vault, kind, man)
    text = f.pdf_text(doc.pdf)
    assert f.NAME in text
    assert f.GIVEN not in text  # named only as he wants to be addressed
    for expected in EXPECTED[kind]:
        assert expected in text, expected
    assert doc.kind == kind and doc.man_id == man and not doc.blank
    assert doc.pdf.startswith(b"%PDF-")


@pytest.mark.parametrize("kind", MAN_KINDS)
def test_a_man_with_nothing_recorded_prints_every_kind(vault: Vault, kind: str) -> None:
    bare = f.add_bare_man(vault)
    doc = printing.prepare(vault, kind, bare, PrintOptions(include_sensitive=True))
    assert "Mr Bare" in f.pdf_text(doc.pdf)
    assert doc.findings == () and doc.left_out == ()


def test_family_sheet_without_consent_leaves_out_contact_and_whereabouts(
    vault: Vault, man: str
) -> None:
    doc = printing.prepare(vault, "family-sheet", man)
    text = f.pdf_text(doc.pdf)
    for detail in (*f.CONTACT, *f.WHEREABOUTS):
        assert detail not in text, detail
    assert LEFT_OUT_CONTACT in doc.left_out and LEFT_OUT_WHEREABOUTS in doc.left_out
    assert "not agreed to share" in text  # the sheet itself says what it leaves out
    assert printing.NOT_INVOLVE_FAMILY in doc.notes


def test_family_sheet_with_consent_shows_them(vault: Vault, man: str) -> None:
    f.agree(
        vault,
        man,
        ConsentKind.SHARE_CONTACT_DETAILS,
        ConsentKind.SHARE_WHEREABOUTS,
        ConsentKind.INVOLVE_FAMILY,
    )
    # Dai has a limit on contact recorded: his details print once that is confirmed.
    confirmed = PrintOptions(confirmed_restriction=True)
    doc = printing.prepare(vault, "family-sheet", man, confirmed)
    text = f.pdf_text(doc.pdf)
    assert f.HIS_PHONE in text and f.GOING_TO in text and f.PRISON in text
    assert doc.left_out == () and doc.notes == (RESTRICTION_CONFIRMED, NO_WORKER)


def test_consent_for_one_part_only_shows_that_part(vault: Vault, man: str) -> None:
    f.agree(vault, man, ConsentKind.SHARE_CONTACT_DETAILS)
    confirmed = PrintOptions(confirmed_restriction=True)
    doc = printing.prepare(vault, "family-sheet", man, confirmed)
    text = f.pdf_text(doc.pdf)
    assert f.HIS_PHONE in text and f.GOING_TO not in text
    assert doc.left_out == (LEFT_OUT_WHEREABOUTS,)


def test_a_copy_for_a_service_needs_consent_too(vault: Vault, man: str) -> None:
    doc = printing.prepare(vault, "release-plan", man, PrintOptions(for_others=True))
    text = f.pdf_text(doc.pdf)
    for detail in (*f.CONTACT, f.GOING_TO, f.GATE_PLACE, f.APPOINTMENT_PLACE):
        assert detail not in text, detail
    assert "Probation" in text  # the appointment itself stays, without the place
    assert LEFT_OUT_CONTACT in doc.left_out and printing.FOR_OTHERS_CHECK in doc.notes
    own = f.pdf_text(printing.prepare(vault, "release-plan", man).pdf)
    assert f.HIS_PHONE in own and f.GOING_TO in own  # his own copy has everything


def test_consent_flags_passed_in_are_ignored(vault: Vault, man: str) -> None:
    claimed = PrintOptions(consented_contact=True, consented_whereabouts=True)
    text = f.pdf_text(printing.prepare(vault, "family-sheet", man, claimed).pdf)
    assert f.HIS_PHONE not in text and f.GOING_TO not in text


def test_sensitive_parts_only_when_asked(vault: Vault, man: str) -> None:
    plain = printing.prepare(vault, "understanding", man)
    text = f.pdf_text(plain.pdf)
    for detail in f.SENSITIVE:
        assert detail not in text, detail
    assert len(plain.left_out) == 4 and all("sensitive" in part for part in plain.left_out)
    asked = printing.prepare(vault, "understanding", man, PrintOptions(include_sensitive=True))
    text = f.pdf_text(asked.pdf)
    for detail in f.SENSITIVE:
        assert detail in text, detail
    assert asked.left_out == ()
    release = f.pdf_text(printing.prepare(vault, "release-plan", man).pdf)
    assert f.FAMILY_LIMITS not in release


def test_supervision_summary_carries_the_audit_head_and_hides_risk(vault: Vault, man: str) -> None:
    head = vault.audit_head()
    doc = printing.prepare(vault, "supervision", None)
    text = f.pdf_text(doc.pdf)
    assert f.NAME in text and head.hash in text.replace(" ", "")
    assert f"{head.count:,}" in text
    assert "Risk" not in text and any("risk notes" in part for part in doc.left_out)
    asked = printing.prepare(vault, "supervision", None, PrintOptions(include_sensitive=True))
    shown = f.pdf_text(asked.pdf)
    assert "Risk" in shown and f.RISK not in shown  # a flag, never the notes themselves


def test_the_same_record_gives_the_same_bytes(vault: Vault, man: str) -> None:
    first = printing.prepare(vault, "release-plan", man)
    assert printing.prepare(vault, "release-plan", man) == first


def test_wording_check_runs_on_the_text_entered(vault: Vault, man: str) -> None:
    doc = printing.prepare(vault, "action-plan", man)
    found = [item for item in doc.findings if item.finding is not None]
    assert found and "disorder" in found[0].message
    assert found[0].where.startswith("goals[0].steps[0].what")


def test_a_note_about_him_on_a_paper_to_him_is_found_with_a_rewrite(vault: Vault, man: str) -> None:
    doc = printing.prepare(vault, "action-plan", man)
    voice = [item for item in doc.findings if item.rewrite is not None]
    assert [item.where for item in voice] == ["goals[0].steps[0].what"]
    assert voice[0].rewrite == "Phone the housing advice line about your personality disorder form"
    assert "written to him" in voice[0].message and "about your personality" in voice[0].message
    others = printing.prepare(vault, "action-plan", man, PrintOptions(for_others=True))
    assert not [item for item in others.findings if item.rewrite is not None]
    family = printing.prepare(vault, "family-sheet", man)  # written about him, to his family
    assert not [item for item in family.findings if item.rewrite is not None]


OWN = "sensitive parts left out; not a copy for others"


@pytest.mark.parametrize(
    ("kind", "sensitive", "for_others", "expected"),
    [
        ("pledge", True, False, "sensitive parts included; not a copy for others"),
        ("pledge", False, True, "sensitive parts left out; a copy for someone else"),
        ("family-sheet", False, False, "sensitive parts left out; a copy for someone else"),
        ("understanding", True, True, "sensitive parts included; a copy for someone else"),
    ],
)
def test_the_print_entry_says_what_went_in_and_for_whom(
    vault: Vault, man: str, kind: str, sensitive: bool, for_others: bool, expected: str
) -> None:
    chosen = PrintOptions(include_sensitive=sensitive, for_others=for_others)
    doc = printing.prepare(vault, kind, man, chosen)
    printing.record_document(vault, doc, "printer")
    assert audit_rows(vault) == [
        ("participants", man, f"{kind} to printer; {expected}; language en")
    ]


def test_every_print_is_audited_without_content(vault: Vault, man: str) -> None:
    printing.prepare(vault, "pledge", man)
    assert audit_rows(vault) == []  # preparing is not printing
    printing.record_print(vault, "pledge", man, "printer")
    printing.record_print(vault, "workbook", None, "file", blank=True)
    printing.record_print(vault, "explainer", None, "file")
    rows = audit_rows(vault)
    assert rows == [
        ("participants", man, f"pledge to printer; {OWN}; language en"),
        (None, None, f"workbook (blank) to file; {OWN}; language en"),
        (
            None,
            None,
            "explainer to file; sensitive parts left out; a copy for someone else; language en",
        ),
    ]
    assert all(f.NAME not in (detail or "") for _kind, _id, detail in rows)
    with pytest.raises(printing.PrintError):
        printing.record_print(vault, "pledge", man, "email")


def test_blank_versions(vault: Vault, man: str) -> None:
    empty = printing.prepare(vault, "workbook", None)
    assert empty.blank and empty.man_id is None and f.NAME not in f.pdf_text(empty.pdf)
    his = printing.prepare(vault, "links-map", man, blank=True)
    text = f.pdf_text(his.pdf)
    assert his.blank and f.NAME in text and f.LINKS not in text


def test_the_practitioners_details_are_printed(vault: Vault, man: str) -> None:
    save_worker_details(vault, WorkerLine(name="Sam Evans", phone="01632 960000"))
    text = f.pdf_text(printing.prepare(vault, "explainer", None).pdf)
    assert "Sam Evans" in text and "01632 960000" in text


def test_wrong_requests_are_refused(vault: Vault, man: str) -> None:
    with pytest.raises(printing.PrintError, match="no document kind"):
        printing.prepare(vault, "letter", man)
    with pytest.raises(printing.PrintError, match="not printed for one man"):
        printing.prepare(vault, "explainer", man)
    with pytest.raises(NotFound):
        printing.prepare(vault, "pledge", "no-such-id")
    with pytest.raises(printing.PrintError, match="passphrase"):
        printing.prepare(vault, "recovery-sheet", None)


def test_recovery_sheet_issues_a_new_code_and_the_old_one_stops_working(
    vault: Vault, recovery_code: str, options: VaultOptions
) -> None:
    doc = printing.prepare(vault, "recovery-sheet", None, passphrase=TEST_PASSPHRASE)
    new_code = "-".join(re.findall(r"\b\d{6}\b", f.pdf_text(doc.pdf)))
    assert new_code and new_code != recovery_code and doc.findings == ()
    assert printing.RECOVERY_WARNING in doc.notes
    with pytest.raises(VaultError):
        printing.issue_recovery_sheet(vault, "not the passphrase")
    path = vault.path
    vault.lock()
    with pytest.raises(VaultError):
        credentials.recover(path, recovery_code, "new-quiet-harbour-lantern-six", options)
    reopened, _code = credentials.recover(path, new_code, "new-quiet-harbour-lantern-six", options)
    reopened.lock()


# --- a demo caseload -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print-demo") / "demo"
    options = test_options()
    made, _code = create_vault(path, TEST_PASSPHRASE, options, demo=True)
    try:
        demo.populate(made, men=20, seed=5, today=options.clock.today())
    finally:
        made.lock()
    return path


@pytest.fixture
def demo_vault(demo_template: Path, tmp_path: Path, options: VaultOptions) -> Iterator[Vault]:
    target = tmp_path / "demo"
    shutil.copytree(demo_template, target, ignore=shutil.ignore_patterns("vault.lock"))
    opened = unlock_vault(target, TEST_PASSPHRASE, options)
    yield opened
    opened.lock()


def test_every_kind_prints_for_every_demo_man(demo_vault: Vault) -> None:
    men = printing_batch.men_to_print(demo_vault)
    assert len(men) > 10
    for kind in MAN_KINDS:
        for man_id in men[:6]:
            doc = printing.prepare(demo_vault, kind, man_id)
            assert doc.pdf.startswith(b"%PDF-")
    for kind in OTHER_KINDS:
        assert printing.prepare(demo_vault, kind, None).pdf.startswith(b"%PDF-")


def test_batch_saves_one_file_per_man_and_audits_each(demo_vault: Vault, tmp_path: Path) -> None:
    men = printing_batch.men_to_print(demo_vault)
    folder = tmp_path / "plans"
    folder.mkdir()
    sink = printing_batch.FolderSink(folder)
    seen: list[tuple[int, int]] = []
    result = printing_batch.run_batch(
        demo_vault,
        "action-plan",
        men,
        sink,
        destination="file",
        progress=lambda done, total: seen.append((done, total)),
        workers=0,
    )
    assert result.delivered == men and not result.cancelled
    assert len(list(folder.glob("*.pdf"))) == len(men) and seen[-1] == (len(men), len(men))
    assert [record_id for _kind, record_id, _detail in audit_rows(demo_vault)] == list(men)


def test_batch_in_worker_processes_matches_building_here(demo_vault: Vault) -> None:
    men = printing_batch.men_to_print(demo_vault)[:4]
    here: list[bytes] = []
    there: list[bytes] = []
    printing_batch.run_batch(
        demo_vault, "action-plan", men, lambda d: here.append(d.pdf), destination="file", workers=0
    )
    printing_batch.run_batch(
        demo_vault, "action-plan", men, lambda d: there.append(d.pdf), destination="file", workers=1
    )
    assert here == there and len(here) == 4


def test_batch_cancel_stops_and_audits_what_was_done(demo_vault: Vault) -> None:
    men = printing_batch.men_to_print(demo_vault)
    got: list[str] = []
    result = printing_batch.run_batch(
        demo_vault,
        "action-plan",
        men,
        lambda d: got.append(d.man_id or ""),
        destination="printer",
        cancelled=lambda: len(got) >= 3,
        workers=0,
    )
    assert result.cancelled and len(result.delivered) == 3 == len(got)
    assert len(audit_rows(demo_vault)) == 3


def test_batch_refuses_a_caseload_document(demo_vault: Vault) -> None:
    with pytest.raises(printing.PrintError):
        printing_batch.run_batch(demo_vault, "explainer", [], lambda d: None, destination="file")
