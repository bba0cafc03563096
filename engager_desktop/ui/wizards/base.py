"""The wizard every flow builds on: pre-fill, draft autosave and restore, one commit, no lost input.

Pages are independent (Back loses nothing). Values come first from what is recorded, then from a
draft kept in the vault, which is written off the UI thread a moment after the practitioner stops
typing. The draft goes only when the commit succeeds or the practitioner chooses to discard it.
The commit runs once, at Finish, off the UI thread; a refusal is shown next to the input it is
about (or at the top of the page), never as a traceback.

No database call runs on the UI thread: what a wizard opens on (``Opening``: his record and his
draft) is read by ``read_opening`` on a worker before the window is built (``wizards.launch``),
and every save, discard and commit is queued on ``_worker`` with plain values (the vault, ids,
a dict of typed values), never the wizard itself. Notes: docs/threads.md.
"""

from __future__ import annotations

import copy
import logging
import weakref
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from engager_desktop.crypto.errors import VaultError
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import month_name, tr
from engager_desktop.services import drafts
from engager_desktop.services.commit_problems import CommitFailed
from engager_desktop.services.vault_types import Vault, VaultLocked
from engager_desktop.ui.a11y import announce
from engager_desktop.ui.wizards import _worker, buttons, page_focus, page_index
from engager_desktop.ui.wizards.messages import (
    DISCARD,
    LOCKED,
    STAY,
    ask_keep_or_discard,
    message_for,
)
from engager_desktop.ui.wizards.page import WizardPage

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1200
DRAFT_VERSION = 1
_open: weakref.WeakSet[EngagerWizard] = weakref.WeakSet()


@dataclass(frozen=True)
class Opening:
    """What a wizard opens on, read off the UI thread: plain values only."""

    context: Any  # the subclass's context: what is recorded, and ``initial`` values
    draft: drafts.DraftView | None  # his kept draft for this wizard, if any


class EngagerWizard(QWizard):
    """Subclasses set KIND and TITLE, and fill in ``load``, ``make_pages`` and ``commit``."""

    KIND = ""
    TITLE = ""  # marked with N_(CONTEXT, ...)
    CONTEXT = "Wizard"
    # Service field names that are not the wizard's own keys: service name -> wizard key.
    ALIASES: dict[str, str] = {}
    committed = Signal(str, str)  # kind, man id: the caller refreshes what it shows
    draft_saved = Signal()
    values_changed = Signal()

    def __init__(
        self,
        vault: Vault,
        man_id: str,
        parent: QWidget | None = None,
        *,
        use_drafts: bool = True,
        opening: Opening | None = None,
    ) -> None:
        """``opening`` comes from ``read_opening`` on a worker; without it (tests, screenshots)
        it is read here, on the calling thread."""
        super().__init__(parent)
        if opening is None:
            opening = self.read_opening(vault, man_id, use_drafts)
        self.vault = vault
        self.man_id = man_id
        self.use_drafts = use_drafts
        self._loading = True
        self._committing = False
        self._committed = False
        self._closing = False
        self._has_draft = False
        self._resume_page: int | None = None
        self.restored_at: str | None = None
        self.guidance_visible = True
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.context = opening.context
        self.setWindowTitle(
            tr("Wizard", "{wizard}: {name}").format(
                wizard=tr(self.CONTEXT, self.TITLE), name=self.context.name
            )
            + "[*]"
        )
        self.pages: list[WizardPage] = []
        self.page_ids: dict[str, int] = {}
        for page in self.make_pages(self.context):
            self.page_ids[page.NAME] = self.addPage(page)
            self.pages.append(page)
            page.changed.connect(self._on_changed)
        self.set_values(self.context.initial)
        self.baseline = self.values()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self._autosave)
        if use_drafts:
            self._restore_draft(opening.draft)
        for page in self.pages:
            page.fix_tab_order()
            page.show_needed()
        self._loading = False
        buttons.set_up(self, self.toggle_guidance)
        self.page_index = page_index.attach(self)
        page_focus.attach(self)
        self.resize(1000, 720)
        _open.add(self)

    # --- what subclasses give ----------------------------------------------------------------

    @classmethod
    def load(cls, vault: Vault, man_id: str) -> Any:
        """Read what is recorded (through services): an object with ``name`` and ``initial``.
        Runs on a worker: plain values in, plain values out."""
        raise NotImplementedError

    def make_pages(self, context: Any) -> list[WizardPage]:
        raise NotImplementedError

    @staticmethod
    def commit(vault: Vault, man_id: str, context: Any, values: dict[str, Any]) -> Any:
        """Save ``values`` through the services. Runs on the worker: never touch a widget."""
        raise NotImplementedError

    @classmethod
    def key_for(cls, man_id: str) -> str:
        return drafts.draft_key(f"wizard.{cls.KIND}", man_id)

    @classmethod
    def read_opening(cls, vault: Vault, man_id: str, use_drafts: bool = True) -> Opening:
        """His record and his kept draft (a worker calls this before the wizard is built)."""
        context = cls.load(vault, man_id)
        found = None
        if use_drafts:
            try:
                found = drafts.load(vault, cls.key_for(man_id))
            except (VaultError, VaultLocked):
                found = None
        return Opening(context, found)

    # --- values ------------------------------------------------------------------------------

    @property
    def draft_key(self) -> str:
        return self.key_for(self.man_id)

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for page in getattr(self, "pages", []):
            found.update(page.values())
        return found

    def set_values(self, values: dict[str, Any]) -> None:
        loading, self._loading = self._loading, True
        try:
            for page in self.pages:
                page.set_values(values)
        finally:
            self._loading = loading
        self.values_changed.emit()

    def page_of(self, key: str) -> WizardPage | None:
        return next((page for page in self.pages if page.owns(key)), None)

    def is_modified(self) -> bool:
        return self.values() != self.baseline

    # --- drafts ------------------------------------------------------------------------------

    def _restore_draft(self, found: drafts.DraftView | None) -> None:
        content = found.content if found else {}
        if not found or content.get("version") != DRAFT_VERSION:
            return
        saved = content.get("values")
        if not isinstance(saved, dict):
            return
        self.set_values(saved)
        self._has_draft = True
        saved = found.saved_at.astimezone()
        self.restored_at = tr("Wizard", "{time} on {day}").format(
            time=f"{saved:%H:%M}", day=f"{saved.day} {month_name(saved.month, short=True)}"
        )
        page = content.get("page")
        self._resume_page = page if isinstance(page, int) and page in self.pageIds() else None
        self.setWindowModified(self.is_modified())
        self.set_status(
            tr("Wizard", "Your unsaved input from {when} is back.").format(when=self.restored_at)
        )

    def draft_content(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "kind": self.KIND,
            "page": self.currentId(),
            "values": self.values(),
        }

    def _on_changed(self) -> None:
        if self._loading:
            return
        self.values_changed.emit()
        if self._committed:
            return
        self.setWindowModified(True)
        if self.use_drafts and not self._committing and not self._closing:
            self._timer.start()

    def _autosave(self) -> None:
        if self._committing or self._committed or self._closing or not self.use_drafts:
            return
        vault, key, man_id = self.vault, self.draft_key, self.man_id
        if not self.is_modified():
            self.setWindowModified(False)
            if self._has_draft:
                self._has_draft = False
                _worker.run(lambda: drafts.discard(vault, key), owner=self)
            return
        content = self.draft_content()
        _worker.run(
            lambda: drafts.save(vault, key, content, man_id),
            self._draft_kept,
            self._draft_lost,
            owner=self,
        )

    def _draft_kept(self, saved_at: Any) -> None:
        if not shiboken6.isValid(self) or self._committed:
            return
        self._has_draft = True
        self.set_status(
            tr("Wizard", "Draft kept in the vault at {time}.").format(
                time=f"{saved_at.astimezone():%H:%M:%S}"
            )
        )
        self.draft_saved.emit()

    def _draft_lost(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        reason = tr("Wizard", LOCKED) if isinstance(error, VaultLocked) else str(error)
        self.set_status(
            tr("Wizard", "The draft could not be kept just now. {reason}").format(reason=reason)
        )

    def queue_draft_save(self) -> bool:
        """Queue writing the draft now, after any save already queued (before a lock or close).
        Returns whether there was anything to keep."""
        self._timer.stop()
        if not self.use_drafts or self._committed or not self.is_modified():
            return False
        vault, key, content, man_id = self.vault, self.draft_key, self.draft_content(), self.man_id

        def keep() -> None:
            try:
                drafts.save(vault, key, content, man_id)
            except (VaultError, VaultLocked):
                log.warning("draft not saved before lock")

        _worker.run(keep)
        self._has_draft = True
        return True

    def close_for_lock(self) -> tuple[str, str]:
        """Queue keeping the draft and close without asking (the vault is about to lock)."""
        self.queue_draft_save()
        QDialog.done(self, QDialog.DialogCode.Rejected)
        return self.KIND, self.man_id

    def set_status(self, text: str) -> None:
        for page in self.pages:
            page.status.setText(text)

    # --- showing -----------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._resume_page is not None:
            target, self._resume_page = self._resume_page, None
            QTimer.singleShot(0, lambda: self._walk_to(target))

    def _walk_to(self, target: int) -> None:
        """Go forward to the page the draft was left on, stopping at any page that needs a look."""
        if not shiboken6.isValid(self):
            return
        while self.currentId() != target and self.currentId() != -1:
            before = self.currentId()
            self.next()
            if self.currentId() == before:
                break

    def toggle_guidance(self) -> None:
        self.set_guidance_visible(not self.guidance_visible)

    def set_guidance_visible(self, visible: bool) -> None:
        self.guidance_visible = visible
        for page in self.pages:
            page.guidance.setVisible(visible)
        self.setButtonText(buttons.GUIDANCE, buttons.guidance_text(visible))

    # --- commit ------------------------------------------------------------------------------

    def accept(self) -> None:
        if self._committed:
            QDialog.done(self, QDialog.DialogCode.Accepted)
            return
        if self._committing or not self.validateCurrentPage():
            return
        self.start_commit()

    def start_commit(self) -> None:
        values = copy.deepcopy(self.values())
        self._committing = True
        self._timer.stop()
        current = self.currentPage()
        if isinstance(current, WizardPage):  # not left on a disabled Finish for Qt to move on
            current.status.setFocus()
        buttons.set_busy(self, True)
        self.set_status(tr("Wizard", "Saving…"))
        announce(self, tr("Wizard", "Saving…"))
        vault, man_id, key, use_drafts = self.vault, self.man_id, self.draft_key, self.use_drafts
        commit, context = self.commit, self.context  # a plain function and plain values

        def work() -> Any:
            result = commit(vault, man_id, context, values)
            if use_drafts:
                drafts.discard(vault, key)
            return result

        _worker.run(work, self._commit_ok, self._commit_failed, owner=self)

    def _commit_ok(self, _result: Any) -> None:
        if not shiboken6.isValid(self):
            return
        self._committing = False
        self._committed = True
        self._has_draft = False
        buttons.set_busy(self, False)
        self.setWindowModified(False)
        self.set_status(tr("Wizard", "Saved."))
        announce(self.parentWidget() or self, tr("Wizard", "Saved."))
        self.committed.emit(self.KIND, self.man_id)
        QDialog.done(self, QDialog.DialogCode.Accepted)

    def _commit_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._committing = False
        buttons.set_busy(self, False)
        key = index = part = None
        if isinstance(error, CommitFailed):
            self.set_values(error.values)  # ids of what was saved, so a retry adds nothing twice
            key, index, part, error = error.key, error.index, error.part, error.error
        self.show_error(error, key, index, part)
        self.set_status(tr("Wizard", "Not saved yet."))
        if self.use_drafts:
            self._timer.start(0)

    def show_error(
        self,
        error: BaseException,
        key: str | None = None,
        index: int | None = None,
        part: str | None = None,
    ) -> None:
        """Put a refusal next to its input (going back to its page), or atop the current page."""
        field_key = key
        if field_key is None and isinstance(error, ValidationError):
            field_key = self.ALIASES.get(error.field, error.field)
        page = self.page_of(field_key) if field_key else None
        field = page.find_field(field_key, index, part) if page and field_key else None
        message = message_for(error)
        if page is not None and field is not None:
            self.go_to(page)
            field.show_problem(message)
            page.show_banner(message)
            page.focus_field(field)
            announce(field.widget, message, assertive=True)
            return
        self._banner(message)
        finish = self.button(QWizard.WizardButton.FinishButton)
        if self.focusWidget() is None or not self.focusWidget().isEnabled():
            finish.setFocus()
        announce(self, message, assertive=True)

    def _banner(self, message: str) -> None:
        current = self.currentPage()
        target = current if isinstance(current, WizardPage) else self.pages[-1]
        target.show_banner(message)

    def go_to(self, page: WizardPage) -> None:
        """Go back through the pages visited until ``page`` shows."""
        while self.currentPage() is not page and self.currentId() != self.startId():
            if self.currentId() not in self.visitedIds() or len(self.visitedIds()) < 2:
                break
            self.back()

    # --- closing -----------------------------------------------------------------------------

    def reject(self) -> None:
        if self._committing or self._closing:
            return
        if not self._committed and self.use_drafts and self.is_modified():
            choice = self.ask_close()
            if choice == STAY:
                return
            self._close_after(DISCARD if choice == DISCARD else "keep")
            return
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def _close_after(self, choice: str) -> None:
        """Keep or discard the draft on the worker (after any autosave queued before), then
        close; if the vault refuses, stay open and say why. The UI thread never waits."""
        self._timer.stop()
        self._closing = True
        vault, key, man_id = self.vault, self.draft_key, self.man_id
        if choice == DISCARD:
            saying = tr("Wizard", "Discarding your unsaved input…")

            def job() -> None:
                drafts.discard(vault, key)
        else:
            saying = tr("Wizard", "Keeping your unsaved input…")
            content = self.draft_content()

            def job() -> None:
                drafts.save(vault, key, content, man_id)

        buttons.set_busy(self, True)
        self.set_status(saying)
        _worker.run(job, self._closed, self._close_refused, owner=self)

    def _closed(self, _result: Any) -> None:
        self._closing = False
        self._has_draft = False
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def _close_refused(self, error: BaseException) -> None:
        self._closing = False
        buttons.set_busy(self, False)
        self._banner(message_for(error))

    def ask_close(self) -> str:
        """Keep the draft, discard it, or stay: asked before closing with unsaved changes."""
        return ask_keep_or_discard(self)


def open_wizards() -> list[EngagerWizard]:
    """Wizards still open (for the auto-lock: keep their drafts, close, reopen after unlock)."""
    return [w for w in list(_open) if shiboken6.isValid(w) and w.isVisible()]


def close_all_for_lock() -> list[tuple[str, str]]:
    """Keep every open wizard's draft and close it; returns (kind, man id) to reopen later.

    The one wait left on the UI thread: the drafts are written on the worker, and the vault must
    not lock under them, so this waits for the wizard queue (not for any other work)."""
    reopen = [wizard.close_for_lock() for wizard in open_wizards()]
    if not _worker.wait_idle(10_000):
        log.warning("drafts still being written as the vault locks")
    return reopen
