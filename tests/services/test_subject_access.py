"""Subject access: every record seeded for him (count per kind), none of another man's, readable."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from engager_desktop.services import subject_access
from engager_desktop.services.common import NotFound
from engager_desktop.services.subject_access_text import SECTIONS
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault
from tests.deletion_helpers import delete_participant
from tests.services.protection_fixtures import seed_man
from tests.worksheets.pdfcheck import BASE_14, lines_of, page_fonts, text_of

CANARY = "Rtvsarcanary4"
OTHER = "Jhbnotyours8"


def _json(result: subject_access.SarResult) -> dict:
    return json.loads(result.json.read_text(encoding="utf-8"))


def test_sar_holds_every_record_of_his_and_none_of_another_mans(
    vault: Vault, tmp_path: Path
) -> None:
    man_id, counts = seed_man(vault, CANARY, meetings=3, goals=2)
    seed_man(vault, OTHER)
    result = subject_access.sar(vault, man_id, tmp_path)

    data = _json(result)
    found = {s["kind"]: len(s["records"]) for s in data["sections"]}
    assert found == {**counts, "drafts": 1, "conflicts": 1}
    assert result.records == found
    pdf = result.pdf.read_bytes()
    text = text_of(pdf)
    for kind, number in counts.items():
        singular = SECTIONS[kind][1]
        assert f"{singular} {number} of {number}" in text, kind
        assert f"{singular} {number + 1} of" not in text, kind
    assert OTHER not in text and OTHER not in result.json.read_text(encoding="utf-8")
    assert f"trauma {CANARY}" in text and f"risk {CANARY}" in text  # sensitive parts included
    assert "07700900123" in text  # his own contact details too
    assert man_id not in result.pdf.name and CANARY not in result.pdf.name


def test_sar_is_audited_and_names_no_content(vault: Vault, tmp_path: Path) -> None:
    man_id, _ = seed_man(vault, CANARY)
    subject_access.sar(vault, man_id, tmp_path)
    with vault.read() as session:
        row = session.execute(
            select(AuditEvent.action, AuditEvent.record_id, AuditEvent.detail).where(
                AuditEvent.action == "export_sar"
            )
        ).one()
    assert row.record_id == man_id and CANARY not in str(row.detail)


def test_deleted_records_are_still_listed(vault: Vault, tmp_path: Path) -> None:
    man_id, counts = seed_man(vault, CANARY)
    delete_participant(vault, man_id)
    data = _json(subject_access.sar(vault, man_id, tmp_path))
    found = {s["kind"]: len(s["records"]) for s in data["sections"]}
    assert found["meetings"] == counts["meetings"]
    assert all(r["deleted"] for r in data["sections"][0]["records"])


@pytest.mark.parametrize("large", [False, True])
def test_type_size_and_embedded_fonts(vault: Vault, tmp_path: Path, large: bool) -> None:
    man_id, _ = seed_man(vault, CANARY)
    pdf = subject_access.sar(vault, man_id, tmp_path, large_print=large).pdf.read_bytes()
    smallest = min(line.size for line in lines_of(pdf))
    assert smallest >= (16 if large else 12) - 0.01
    fonts = page_fonts(pdf)
    assert fonts
    for font in fonts:
        assert str(font["/BaseFont"]).lstrip("/").split("+")[-1] not in BASE_14
        assert "/FontFile2" in font["/FontDescriptor"]


def test_unknown_man_and_missing_folder(vault: Vault, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(NotFound):
        subject_access.sar(vault, "00000000-0000-4000-8000-000000000000", out)
    man_id, _ = seed_man(vault, CANARY)
    with pytest.raises(NotADirectoryError):
        subject_access.sar(vault, man_id, tmp_path / "nowhere")
    assert list(out.iterdir()) == []


@pytest.mark.bench  # a timing: run by `python3 dev.py bench` (bench_protection measures it too)
def test_sar_for_100_meetings_and_40_goals_is_quick(vault: Vault, tmp_path: Path) -> None:
    man_id, counts = seed_man(vault, CANARY, meetings=100, goals=40)
    started = time.perf_counter()
    result = subject_access.sar(vault, man_id, tmp_path)
    seconds = time.perf_counter() - started
    print(f"SAR for 100 meetings and 40 goals: {seconds:.2f} s")
    assert result.records["meetings"] == 100 and result.records["goals"] == 40
    assert seconds <= 5.0
