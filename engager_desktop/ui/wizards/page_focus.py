"""On each page change: the focus goes to the page's first field and its title is announced."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget, QWizard

from engager_desktop.ui.a11y import announce


def first_input(page: QWidget) -> QWidget | None:
    """The first enabled, shown input of a wizard page in its reading order."""
    widgets: list[QWidget] = getattr(page, "focus_widgets", list)()
    for widget in widgets:
        if widget.isEnabled() and widget.isVisibleTo(page):
            return widget
    return None


def page_words(wizard: QWizard, page_id: int) -> str:
    """What the reader hears on arriving: "Goals. Page 3 of 9."."""
    ids = wizard.pageIds()
    title = wizard.page(page_id).title()
    return f"{title}. Page {ids.index(page_id) + 1} of {len(ids)}."


def attach(wizard: QWizard) -> None:
    def shown(page_id: int) -> None:
        if not shiboken6.isValid(wizard) or page_id not in wizard.pageIds():
            return
        page = wizard.page(page_id)
        widget = first_input(page)
        if widget is not None:
            widget.setFocus()
        announce(page, page_words(wizard, page_id))

    wizard.currentIdChanged.connect(shown)
