"""Record his consent, or refusal, to one kind of sharing (P35): the newest record counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.ui import labels
from engager_desktop.ui.forms.base import (
    FormDialog,
    choice,
    day_edit,
    day_of,
    paragraph,
    text_of,
    worded,
)

ANSWERS = {"yes": N_("ConsentForm", "He agrees"), "no": N_("ConsentForm", "He does not agree")}
ANY_SERVICE = N_("ConsentForm", "Any service")


class ConsentDialog(FormDialog):
    def __init__(
        self,
        vault: Any,
        man_id: str,
        services: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
    ) -> None:
        super().__init__(vault, tr("ConsentForm", "Record his consent to sharing"), parent)
        self.man_id = man_id
        self.set_intro(
            tr(
                "ConsentForm",
                "Ask him about each kind of sharing before anything goes to another service. "
                "A new answer replaces the one before.",
            )
        )
        self.kind = self.field(
            "kind", tr("ConsentForm", "&Kind of sharing:"), choice(worded(labels.CONSENT), kind)
        )
        answers = {key: tr("ConsentForm", word) for key, word in ANSWERS.items()}
        self.answer = self.field("given", tr("ConsentForm", "His &answer:"), choice(answers))
        self.service = self.field(
            "service", tr("ConsentForm", "&Service:"), QComboBox(), "service_id"
        )
        self.service.addItem(tr("ConsentForm", ANY_SERVICE), None)
        for service_id, name in services:
            self.service.addItem(name, service_id)
        self.day = self.field(
            "recorded_on", tr("ConsentForm", "Aske&d on:"), day_edit(vault.clock.today())
        )
        self.note = self.field("note", tr("ConsentForm", "&Note:"), paragraph())

    def work(self) -> Callable[[], Any]:
        from engager_desktop.services.consent import record_consent

        vault, man_id = self.vault, self.man_id
        kind = str(self.kind.currentData())
        given = self.answer.currentData() == "yes"
        service_id = self.service.currentData()
        day, note = day_of(self.day), text_of(self.note)
        return lambda: record_consent(
            vault, man_id, kind, given, service_id=service_id, note=note, recorded_on=day
        )


def directory_choices(vault: Any) -> list[tuple[str, str]]:
    """(id, name) of every directory entry, for a service chooser (runs in a worker)."""
    from engager_desktop.services.directory import search_services

    return [(v.id, v.entry.name) for v in search_services(vault)]
