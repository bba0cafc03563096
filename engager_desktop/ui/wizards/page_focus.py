"""On each page change: the focus goes to the page's first field and its title is announced.

Qt hides the old page before it shows the new one, and the focus leaving the old page lands on
the new page's first input while that is still hidden; a screen reader is told of a focus it
cannot find. Once the page shows, the focus is given again so the reader hears the field.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard

from engager_desktop.i18n import tr
from engager_desktop.ui.a11y import announce


def first_input(page: QWidget) -> QWidget | None:
    """The first enabled, shown input of a wizard page in its reading order."""
    widgets: list[QWidget] = getattr(page, "focus_widgets", list)()
    for widget in widgets:
        if widget.isEnabled() and widget.isVisibleTo(page):
            return widget
    return None


def page_words(wizard: QWizard, page_id: int) -> str:
    """What the reader hears on arriving: "Goals. Page 3 of 9.", then the page's own
    ``arrival_words()`` if it has them (the release checklist: how ready he is)."""
    ids = wizard.pageIds()
    page = wizard.page(page_id)
    words = tr("Wizard", "{title}. Page {number} of {total}.").format(
        title=page.title(), number=ids.index(page_id) + 1, total=len(ids)
    )
    more = getattr(page, "arrival_words", None)
    extra = more() if callable(more) else ""
    return f"{words} {extra}" if extra else words


def attach(wizard: QWizard) -> None:
    def shown(page_id: int) -> None:
        if not shiboken6.isValid(wizard) or page_id not in wizard.pageIds():
            return
        page = wizard.page(page_id)
        widget = first_input(page)
        if widget is not None:
            if widget.hasFocus():  # Qt moved it here while the page was hidden: tell it again
                widget.clearFocus()
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(page, page_words(wizard, page_id))

    wizard.currentIdChanged.connect(shown)
