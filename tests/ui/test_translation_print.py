"""Every screen the screenshots command builds, walked in the pseudo-language (no string outside
the catalogue) and in Welsh at 1024×768 and at 200% (no label or button cut); the screenshots
command in Welsh; the print screens in the pseudo-language and in Welsh.

``STILL_ENGLISH`` lists the screens other engineers are translating today: the lead empties it
after merging their work (the walk says when an entry is no longer needed).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import String, select

from engager_desktop import i18n
from engager_desktop.cli import ui_commands
from engager_desktop.store.orm.base import Base
from engager_desktop.store.vault import Vault, VaultOptions
from engager_desktop.ui import i18n as ui_i18n
from engager_desktop.ui import screenshots
from engager_desktop.ui.a11y_checks import access_key_clashes
from engager_desktop.ui.document_languages import NAMES
from engager_desktop.ui.printing import (
    BatchDialog,
    PreviewDialog,
    RecoveryDialog,
    documents_list_widget,
)
from engager_desktop.ui.printing.worker_details_dialog import WorkerDetailsDialog
from engager_desktop.ui.worker_details import WorkerDetailsBox
from tests.services import print_fixtures as f
from tests.ui.app_fixtures import wait_ops
from tests.ui.test_translation import cut_words, not_in_catalogue, unmarked
from tests.vault_fixtures import TEST_PASSPHRASE

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("quick_autosave")]

ROOT = Path(__file__).resolve().parents[2]
SCREENS = 69  # what the screenshots command builds today (wizard pages included)
# Screen name prefixes still being translated by others today, and by whom.
STILL_ENGLISH: dict[str, str] = {}
TYPED = ("QLineEdit", "QLineEditIconButton")  # what is typed in a box is data, not words


def still_english(name: str) -> str | None:
    return next((p for p in STILL_ENGLISH if name.startswith(p)), None)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    ui_i18n.apply(i18n.ENGLISH)


def vault_texts(vault: Vault) -> list[str]:
    """Every text stored in the vault (names, typed notes, services…), longest first: what the
    screens show of the men's records is data, not words for the catalogue."""
    found: set[str] = set()
    with vault.read() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String)]
            if not columns:
                continue
            for row in session.execute(select(*columns)):
                found.update(v for v in row if isinstance(v, str) and len(v.strip()) > 1)
    # a kind of service is shown as words ("drug_and_alcohol" as "Drug and alcohol")
    found.update(v.replace("_", " ").capitalize() for v in list(found) if "_" in v)
    return sorted(found, key=len, reverse=True)


def without(text: str, data: list[str]) -> str:
    for piece in data:
        if piece in text:
            text = text.replace(piece, " ")
    return text


def unmarked_on(widget: QWidget, data: list[str] = []) -> list[str]:  # noqa: B006 - read only
    """Strings on a screen that did not come through the catalogue (typed text and what the
    vault holds left aside: a text whose words are all his record's passes)."""
    typed = tuple(e.text() for e in widget.findChildren(QLineEdit))
    problems = not_in_catalogue(widget, data=(*NAMES, *typed))
    problems = [p for p in problems if not p.startswith(TYPED)]
    kept = []
    for problem in problems:
        shown = problem.split(": ", 1)[1]
        if unmarked(without(shown, data)):
            kept.append(problem)
    return kept


def walk(vault: Vault, out: Path, language: str, check: str) -> dict[str, list[str]]:
    """Every screen's problems (``check``: "catalogue" or "cut"), by screen name."""
    found: dict[str, list[str]] = {}
    data = vault_texts(vault) if check == "catalogue" else []

    def visit(widget: QWidget, name: str) -> None:
        found[name] = unmarked_on(widget, data) if check == "catalogue" else cut_words(widget)

    screenshots.take_all(vault, out, language=language, visit=visit)
    return found


def problems_outside_allow_list(found: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: bad for name, bad in found.items() if bad and not still_english(name)}


def test_every_screen_is_in_the_catalogue_outside_the_allow_list(
    qtbot: QtBot, demo_vault: Vault, tmp_path: Path
) -> None:
    found = walk(demo_vault, tmp_path / "shots", i18n.PSEUDO, "catalogue")
    assert len(found) == SCREENS, sorted(found)
    assert problems_outside_allow_list(found) == {}
    # An entry whose screens all pass now is no longer needed: take it off the list.
    done = [
        prefix
        for prefix in STILL_ENGLISH
        if all(not bad for name, bad in found.items() if name.startswith(prefix))
    ]
    assert done == [], f"translated now, remove from STILL_ENGLISH: {done}"
    assert i18n.language() == i18n.ENGLISH  # put back after the walk


def test_in_welsh_at_1024_by_768_no_screen_has_a_cut_label_or_button(
    qtbot: QtBot, demo_vault: Vault, tmp_path: Path
) -> None:
    found = walk(demo_vault, tmp_path / "shots", "cy", "cut")
    assert len(found) == SCREENS
    assert problems_outside_allow_list(found) == {}
    assert (tmp_path / "shots" / "01-unlock-cy.png").is_file()


CHILD = r"""
import json, sys
from pathlib import Path
from engager_desktop.store.lifecycle import unlock_vault
from engager_desktop.ui import screenshots
from tests.ui.test_translation import cut_words
from tests.vault_fixtures import TEST_PASSPHRASE, test_options

found = {}
vault = unlock_vault(Path(sys.argv[1]), TEST_PASSPHRASE, test_options())
try:
    screenshots.take_all(
        vault, Path(sys.argv[2]), suffix="@2x", language="cy",
        visit=lambda widget, name: found.__setitem__(name, cut_words(widget)),
    )
finally:
    vault.lock()
print(json.dumps(found))
"""


def test_in_welsh_at_200_percent_no_screen_has_a_cut_label_or_button(
    demo_path: Path, tmp_path: Path
) -> None:
    """At twice the scale (QT_SCALE_FACTOR=2 must be set before Qt starts: a child process)."""
    env = dict(os.environ, QT_SCALE_FACTOR="2", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(demo_path), str(tmp_path / "shots")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(found) == SCREENS
    assert problems_outside_allow_list(found) == {}
    assert (tmp_path / "shots" / "25-settings-cy@2x.png").is_file()


def test_the_screenshots_command_in_welsh(
    qtbot: QtBot,
    demo_path: Path,
    options: VaultOptions,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENGAGER_PASSPHRASE", TEST_PASSPHRASE)
    monkeypatch.setattr(screenshots, "_wizard_pages", lambda *_args: 0)  # walked above
    seen: dict[str, str] = {}
    real = screenshots.Shooter.__call__

    def shoot(self: screenshots.Shooter, widget: QWidget, name: str) -> Path:
        seen[name] = widget.windowTitle()
        return real(self, widget, name)

    monkeypatch.setattr(screenshots.Shooter, "__call__", shoot)
    parser = argparse.ArgumentParser()
    ui_commands.register(parser.add_subparsers(dest="command"))
    out = tmp_path / "shots"
    argv = ["screenshots", "--vault", str(demo_path), "--out", str(out), "--scale", "1"]
    args = parser.parse_args([*argv, "--language", "cy"])
    assert ui_commands.cmd_screenshots(args, options) == 0
    names = {p.name for p in out.glob("*.png")}
    assert {"01-unlock-cy@1x.png", "10-main-00-overview-cy@1x.png", "25-settings-cy@1x.png"} <= (
        names
    )
    assert seen["25-settings"] == "Gosodiadau"  # built in Welsh
    assert i18n.language() == i18n.ENGLISH
    child = ui_commands._child_command(args)
    assert child[child.index("--language") + 1] == "cy"  # the 2x run is Welsh too
    with pytest.raises(SystemExit):
        parser.parse_args([*argv, "--language", "fr"])


# --------------------------------------------------------------------------- the print screens


def print_screens(qtbot: QtBot, vault: Vault, man: str) -> list[QWidget]:
    preview = PreviewDialog(vault, "action-plan", man)
    qtbot.addWidget(preview)
    preview.for_others.setChecked(True)  # every choice shown, the bilingual one too
    preview.show()
    qtbot.waitUntil(lambda: preview.prepared is not None, timeout=20_000)
    batch = BatchDialog(vault, workers=0)
    qtbot.addWidget(batch)
    batch.show()
    qtbot.waitUntil(batch.ready, timeout=10_000)
    recovery = RecoveryDialog(vault)
    details = WorkerDetailsDialog(vault)
    documents = documents_list_widget(vault, man)
    for dialog in (recovery, details, documents):
        qtbot.addWidget(dialog)
        dialog.show()
    recovery.save_choice.setChecked(True)  # the warning shown
    wait_ops(qtbot)
    return [preview, batch, recovery, details, documents]


def test_the_print_screens_are_in_the_catalogue_and_fit_in_welsh(
    qtbot: QtBot, vault: Vault
) -> None:
    man = f.add_full_man(vault)
    ui_i18n.apply(i18n.PSEUDO)
    for screen in print_screens(qtbot, vault, man):
        # The notices come from the services and the worksheets (left out, wording check):
        # their words are translated with those layers.
        notices = tuple(w for w in screen.findChildren(QWidget) if w.property("notice_title"))
        # Your details are the Settings dialog's box (ui/worker_details.py, translated there);
        # the document's title above the preview is the document's own (worksheets).
        skip = (*notices, *screen.findChildren(WorkerDetailsBox))
        problems = not_in_catalogue(screen, skip=skip, data=(*NAMES, "%p%"))  # "%p%": a number
        assert [p for p in problems if "'document_title'" not in p] == [], type(screen).__name__
    ui_i18n.apply("cy")
    for screen in print_screens(qtbot, vault, man):
        if isinstance(screen, PreviewDialog):
            screen.resize(1024, 768)
        wait_ops(qtbot)
        assert cut_words(screen) == [], type(screen).__name__
        assert access_key_clashes(screen) == {}, type(screen).__name__
