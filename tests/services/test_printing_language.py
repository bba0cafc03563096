"""The language of a print: his preferred language for his papers by default, another for one
print, Welsh and English side by side for papers meant for others, each print audited with its
language; the document is built in that language on its own thread only."""

from __future__ import annotations

import argparse
import dataclasses
import io
import threading
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from engager_desktop import i18n
from engager_desktop.cli import print_commands
from engager_desktop.cli.common import run_handler
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import printing, printing_batch
from engager_desktop.services.participants import (
    ParticipantForm,
    create_participant,
    get_participant,
    update_participant,
)
from engager_desktop.services.understanding import save_identity
from engager_desktop.services.understanding_forms import IdentityForm
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.store.orm import AuditEvent
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.worksheets import kinds, languages
from engager_desktop.worksheets.explainer import TITLE as EXPLAINER
from engager_desktop.worksheets.options import PrintOptions
from tests.services import print_fixtures as f
from tests.vault_fixtures import TEST_PASSPHRASE


@pytest.fixture
def man(vault: Vault) -> str:
    return f.add_full_man(vault)


def set_language(vault: Vault, man_id: str, code: str | None) -> None:
    his = get_participant(vault, man_id)
    update_participant(vault, man_id, dataclasses.replace(his, document_language=code))


def print_details(vault: Vault) -> list[str]:
    with vault.read() as session:
        rows = session.scalars(
            select(AuditEvent.detail).where(AuditEvent.action == "print").order_by(AuditEvent.seq)
        )
        return [str(row) for row in rows]


def languages_seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(kind, the thread's language) each time a document is built."""
    seen: list[tuple[str, str]] = []

    def watching(kind: kinds.Kind) -> kinds.Kind:
        def build(data: Any, out: Any, options: PrintOptions) -> None:
            seen.append((kind.name, i18n.language()))
            kind.build(data, out, options)

        return dataclasses.replace(kind, build=build)

    patched = MappingProxyType({name: watching(k) for name, k in kinds.KINDS.items()})
    monkeypatch.setattr(kinds, "KINDS", patched)
    return seen


def test_his_papers_print_in_his_language_unless_another_is_chosen(
    vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = languages_seen(monkeypatch)
    assert printing.prepare(vault, "action-plan", man).language == "en"  # none recorded
    set_language(vault, man, "cy")
    assert get_participant(vault, man).document_language == "cy"
    assert printing.prepare(vault, "action-plan", man).language == "cy"
    assert printing.prepare(vault, "workbook", man, blank=True).language == "cy"
    assert printing.prepare(vault, "action-plan", man, language="en").language == "en"
    assert printing.prepare(vault, "explainer", None).language == "en"  # the screens' language
    assert seen == [
        ("action-plan", "en"),
        ("action-plan", "cy"),
        ("workbook", "cy"),
        ("action-plan", "en"),
        ("explainer", "en"),
    ]
    assert i18n.language() == "en"  # the build's language was for the build only


def test_a_print_on_a_worker_leaves_the_screens_language_alone(
    vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = languages_seen(monkeypatch)
    set_language(vault, man, "cy")
    made: list[printing.PreparedDocument] = []
    worker = threading.Thread(target=lambda: made.append(printing.prepare(vault, "pledge", man)))
    worker.start()
    worker.join(60)
    assert made[0].language == "cy" and seen == [("pledge", "cy")]
    assert i18n.language() == "en"


def test_his_language_is_checked_and_audited_like_any_change(vault: Vault, man: str) -> None:
    with pytest.raises(ValidationError) as refused:
        set_language(vault, man, "fr")
    assert refused.value.field == "document_language"
    with pytest.raises(ValidationError):
        save_identity(vault, man, IdentityForm(preferred_name="Dai", document_language="xx"))
    save_identity(vault, man, IdentityForm(preferred_name=f.NAME, document_language="cy"))
    assert get_participant(vault, man).document_language == "cy"
    with vault.read() as session:
        changes = session.scalars(
            select(AuditEvent.detail).where(
                AuditEvent.record_id == man, AuditEvent.action == "update"
            )
        ).all()
    assert any("document_language" in (detail or "") for detail in changes)


def test_welsh_and_english_side_by_side_only_on_papers_for_others(vault: Vault, man: str) -> None:
    with pytest.raises(printing.PrintError, match="one language"):
        printing.prepare(vault, "action-plan", man, language="cy+en")
    with pytest.raises(printing.PrintError, match="no print language"):
        printing.prepare(vault, "action-plan", man, language="fr")
    copy = printing.prepare(
        vault, "action-plan", man, PrintOptions(for_others=True), language="cy+en"
    )
    family = printing.prepare(vault, "family-sheet", man, language="cy+en")
    explainer = printing.prepare(vault, "explainer", None, language="cy+en")
    for document in (copy, family, explainer):
        assert document.language == "cy+en"
        first = PdfReader(io.BytesIO(document.pdf)).pages[0]
        assert first.mediabox.width > first.mediabox.height  # landscape: two columns
    text = f.pdf_text(explainer.pdf)
    # once in each language's column
    assert text.count("What Engager does not do") == 1
    assert text.count(i18n.lookup("Doc.Explainer", "What Engager does not do", "cy") or "-") == 1
    printing.record_document(vault, family, "printer")
    assert print_details(vault)[-1].endswith("; language cy+en")


def test_the_two_columns_pair_the_same_parts_welsh_on_the_left(vault: Vault) -> None:
    """Each part of the Welsh build sits in the same row as the same part of the English one."""
    data = printing.gather(vault, "explainer", None).data
    welsh = languages.laid_out("explainer", data, PrintOptions(), "cy")
    english = languages.laid_out("explainer", data, PrintOptions(), "en")
    rows = languages.paired(welsh.story, english.story)
    assert len(rows) > 5
    for left, right in rows:
        assert [type(p) for p in left] == [type(p) for p in right]
        assert all(a is not b for a, b in zip(left, right, strict=True))
    heading_row = next(row for row in rows if len(row[0]) > 1)
    assert heading_row[0][0].getKeepWithNext()  # a heading shares the row of what follows
    pdf = languages.build_in("explainer", data, PrintOptions(), "cy+en")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xs: dict[str, list[float]] = {"cy": [], "en": []}

    def where(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.startswith(EXPLAINER[:13]):  # "Engager: what", the title's first words
            xs["en"].append(cm[0] * tm[4] + cm[4])
        elif text.startswith("Engager: beth"):  # the same title in Welsh
            xs["cy"].append(cm[0] * tm[4] + cm[4])

    page.extract_text(visitor_text=where)
    assert len(xs["cy"]) == len(xs["en"]) == 1
    assert xs["cy"][0] < page.mediabox.width / 2 < xs["en"][0]  # Welsh on the left


def test_a_batch_prints_each_man_in_his_language(
    vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = ParticipantForm("Rhys", "Evans", "Rhys", document_language="cy")
    other = create_participant(vault, form).id
    seen = languages_seen(monkeypatch)
    got: list[printing.PreparedDocument] = []
    printing_batch.run_batch(vault, "action-plan", [man, other], got.append, destination="file")
    assert [(d.man_id, d.language) for d in got] == [(man, "en"), (other, "cy")]
    assert [code for _kind, code in seen] == ["en", "cy"]
    details = print_details(vault)
    assert details[-2].endswith("; language en") and details[-1].endswith("; language cy")


def run_cli(argv: list[str], options: VaultOptions) -> int:
    parser = argparse.ArgumentParser(prog="engager-desktop")
    sub = parser.add_subparsers(dest="command")
    print_commands.register(sub)
    return run_handler(parser.parse_args(argv), options)


@pytest.mark.usefixtures("passphrase")
def test_the_print_command_takes_a_language(
    vault: Vault,
    man: str,
    vault_path: Path,
    tmp_path: Path,
    options: VaultOptions,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault.lock()
    out = str(tmp_path / "out.pdf")
    base = ["print", "--vault", str(vault_path), "-o", out]
    assert run_cli([*base, "action-plan", "--man", man, "--language", "cy"], options) == 0
    assert run_cli([*base, "workbook", "--blank", "--language", "cy"], options) == 0
    assert run_cli([*base, "explainer", "--language", "cy+en"], options) == 0
    capsys.readouterr()
    assert run_cli([*base, "action-plan", "--man", man, "--language", "cy+en"], options) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "one language" in err
    with pytest.raises(SystemExit) as bad:
        run_cli([*base, "explainer", "--language", "fr"], options)
    assert bad.value.code == 2
    with unlock_vault(vault_path, TEST_PASSPHRASE, options) as again:
        details = print_details(again)
    assert [d.rsplit("; ", 1)[1] for d in details] == [
        "language cy",
        "language cy",
        "language cy+en",
    ]


def test_every_print_language_is_known_to_the_cli() -> None:
    assert printing.PRINT_LANGUAGES == ("en", "cy", "cy+en")
    assert set(i18n.LANGUAGES) <= set(printing.PRINT_LANGUAGES)


@pytest.mark.parametrize("kind", [k.name for k in printing.kinds() if k.needs_man or k.for_others])
def test_every_paper_for_others_prints_side_by_side_the_same_bytes_twice(
    vault: Vault, man: str, kind: str
) -> None:
    """Each kind a copy for others can be made of (the understanding once took minutes when
    reportlab split inside a row: rows are whole, a pair too tall prints one after the other)."""
    info = next(k for k in printing.kinds() if k.name == kind)
    options = PrintOptions(for_others=info.needs_man and not info.for_others)
    who = man if info.needs_man else None
    first = printing.prepare(vault, kind, who, options, language="cy+en")
    again = printing.prepare(vault, kind, who, options, language="cy+en")
    assert first.pdf == again.pdf and first.language == "cy+en"
    page = PdfReader(io.BytesIO(first.pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    if info.needs_man:
        assert f.pdf_text(first.pdf).count("A1234BC") >= 2  # his prison number, in each column
