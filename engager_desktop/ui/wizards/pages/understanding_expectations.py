"""Understanding page 10: past services, what he expects, and how he wants to be addressed (P11)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from engager_desktop.i18n import N_, tr
from engager_desktop.services.typed_input import MEDIUM
from engager_desktop.ui.wizards.page import WizardPage


class ExpectationsPage(WizardPage):
    NAME = "expectations"
    PLACE = "understanding.expectations"
    CONTEXT = "UnderstandingWizard"
    TITLE = N_("UnderstandingWizard", "Expectations, and how to address him")
    SUBTITLE = N_(
        "UnderstandingWizard", "What has gone well or badly before, and what he hopes for from you."
    )

    def build(self) -> None:
        self.box(
            "previous_experiences",
            tr("UnderstandingWizard", "His experience of services before"),
            limit=MEDIUM,
        )
        self.box(
            "expectations",
            tr("UnderstandingWizard", "What he expects from this work"),
            limit=MEDIUM,
            lines=2,
        )
        self.box(
            "hopes_for_ending",
            tr("UnderstandingWizard", "What he would like to see by the end"),
            limit=MEDIUM,
            lines=2,
        )
        self.check(
            "told_sentence_unaffected",
            tr(
                "UnderstandingWizard",
                "Told him that talking about how he feels does not change his sentence",
            ),
        )
        self.name_field = self.text(
            "preferred_name",
            tr("UnderstandingWizard", "How he wants to be addressed"),
            required=True,
            limit=100,
            hint=tr(
                "UnderstandingWizard",
                "Mr plus his surname, or his first name: as he chooses. Prints use it.",
            ),
        )
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for words in self.context.name_choices:
            button = QPushButton(tr("UnderstandingWizard", "Use “{name}”").format(name=words), row)
            button.setAccessibleName(
                tr("UnderstandingWizard", "Address him as {name}").format(name=words)
            )
            button.clicked.connect(lambda _=False, w=words: self.name_field.set_value(w))
            layout.addWidget(button)
            self._order.append(button)
        layout.addStretch(1)
        row.setParent(self.body)
        self.form.addWidget(row)
