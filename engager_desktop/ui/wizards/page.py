"""The page every wizard page builds on: a scrolling form beside its guidance panel.

A page adds labelled inputs in reading order (``text``, ``box``, ``date`` …); the order they are
added is the Tab order. Required inputs are registered as QWizard mandatory fields ("key*") so
Next waits for them, and each says why beside it. ``validatePage`` checks every input (dates,
lengths, anything the page adds in ``check_more``) and puts each message next to its input; the
first is announced with its input's name, and that input takes the focus.
``cleanupPage`` does nothing: going Back never clears what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from engager_desktop.i18n import N_, tr, trn
from engager_desktop.ui.a11y import announce, describe_value
from engager_desktop.ui.guidance_panel import GuidancePanel
from engager_desktop.ui.wizards.fields import (
    BOX,
    CHECK,
    CHOICE,
    DATE,
    ERROR_STYLE,
    HINT_STYLE,
    NEEDED,
    NUMBER,
    TEXT,
    TIME,
    TRI,
    Field,
    Spec,
    plain_label,
    spec_in,
)
from engager_desktop.ui.wizards.rows import Header, RowList

Problem = tuple[Field, str]
CHECK_BELOW = N_("Wizard", "Some answers need a look before you go on: see the messages below.")
CAUTION_STYLE = "background:#fff4e5; border-left:3px solid #b35c00; padding:6px;"
SUGGESTION_STYLE = "background:#eef4fb; border-left:3px solid #2a5d9f; padding:4px; color:#333333;"


class WizardPage(QWizardPage):
    """Subclasses set NAME, PLACE (a guidance place), TITLE, SUBTITLE and fill in ``build``;
    CONTEXT is the translation context their words are marked with (``N_(CONTEXT, ...)``)."""

    NAME = ""
    PLACE = ""
    CONTEXT = "Wizard"
    TITLE = ""
    SUBTITLE = ""
    changed = Signal()

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setTitle(tr(self.CONTEXT, self.TITLE))
        self.setSubTitle(tr(self.CONTEXT, self.SUBTITLE))
        self.fields: dict[str, Field] = {}
        self.lists: dict[str, RowList] = {}
        self._order: list[Field | RowList | QWidget] = []
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.banner = self._label(ERROR_STYLE)
        self.banner.hide()
        left.addWidget(self.banner)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget(self.scroll_area)
        self.form = QVBoxLayout(self.body)
        self.form.setContentsMargins(2, 2, 8, 2)
        self.scroll_area.setWidget(self.body)
        left.addWidget(self.scroll_area, 1)
        self.status = self._label(HINT_STYLE)
        describe_value(self.status, tr("Wizard", "Draft status"))
        left.addWidget(self.status)
        outer.addLayout(left, 3)
        self.guidance = GuidancePanel(self.PLACE, self)
        outer.addWidget(self.guidance, 2)
        self.build()
        self.form.addStretch(1)
        self.fix_tab_order()

    def _label(self, style: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet(style)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def build(self) -> None:
        """Add this page's inputs, in reading order."""
        raise NotImplementedError

    # --- building ----------------------------------------------------------------------------

    def add(self, spec: Spec) -> Field:
        field = Field(spec, self.body)
        self.form.addWidget(field.container)
        self.fields[spec.key] = field
        self._order.append(field)
        if spec.required and spec.kind != CHECK:
            self._register_required(field)
        field.on_change(self.changed.emit)
        return field

    def _register_required(self, field: Field) -> None:
        widget = field.widget
        if isinstance(widget, QPlainTextEdit):
            self.registerField(f"{field.spec.key}*", widget, "plainText", widget.textChanged)
        else:
            self.registerField(f"{field.spec.key}*", widget)

    def text(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, TEXT, **options))

    def box(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, BOX, **options))

    def date(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, DATE, limit=None, **options))

    def time(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, TIME, limit=None, **options))

    def check(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, CHECK, limit=None, **options))

    def tri(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, TRI, limit=None, **options))

    def choice(
        self, key: str, label: str, options: Sequence[tuple[str, str]], **more: Any
    ) -> Field:
        return self.add(Spec(key, label, CHOICE, limit=None, options=tuple(options), **more))

    def number(self, key: str, label: str, **options: Any) -> Field:
        return self.add(Spec(key, label, NUMBER, limit=None, **options))

    def rows(
        self,
        key: str,
        noun: str,
        specs: Sequence[Spec],
        *,
        fixed: bool = False,
        header: Header | None = None,
        empty_text: str = "",
        defaults: dict[str, Any] | None = None,
    ) -> RowList:
        rows = RowList(
            key,
            noun,
            [spec_in(self.CONTEXT, spec) for spec in specs],
            self.body,
            fixed=fixed,
            header=header,
            empty_text=empty_text,
            defaults=defaults,
        )
        self.form.addWidget(rows)
        self.lists[key] = rows
        self._order.append(rows)
        rows.changed.connect(self.changed.emit)
        rows.rows_changed.connect(self.fix_tab_order)
        return rows

    def note(self, text: str = "", *, caution: bool = False) -> QLabel:
        """Read-only words on the page (what is already recorded, a caution)."""
        label = QLabel(text, self.body)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if caution:
            label.setStyleSheet(CAUTION_STYLE)
        self.form.addWidget(label)
        return label

    def heading(self, text: str) -> QLabel:
        label = QLabel(f"<b>{text}</b>", self.body)
        label.setWordWrap(True)
        self.form.addWidget(label)
        return label

    def suggest(self, field: Field, text: str) -> QPushButton:
        """A suggestion under ``field``, marked as one: saved only if "Use this" is chosen."""
        words = QLabel(
            tr("Wizard", "Suggested from his record, not saved unless you use it: {text}").format(
                text=text
            ),
            self.body,
        )
        words.setWordWrap(True)
        words.setStyleSheet(SUGGESTION_STYLE)
        words.setTextFormat(Qt.TextFormat.PlainText)
        use = QPushButton(tr("Wizard", "Use this suggestion"), self.body)
        use.setAccessibleName(
            tr("Wizard", "Use the suggestion for {field}").format(field=plain_label(field.spec))
        )
        use.clicked.connect(lambda: field.set_value(text))
        at = self.form.indexOf(field.container) + 1
        self.form.insertWidget(at, words)
        self.form.insertWidget(at + 1, use, 0, Qt.AlignmentFlag.AlignLeft)
        self._order.insert(self._order.index(field) + 1, use)
        return use

    def add_widget(self, widget: QWidget) -> QWidget:
        """Any other input (a button) in reading order."""
        widget.setParent(self.body)
        self.form.addWidget(widget)
        self._order.append(widget)
        return widget

    # --- values ------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {key: field.value() for key, field in self.fields.items()}
        found.update({key: rows.value() for key, rows in self.lists.items()})
        return found

    def set_values(self, values: dict[str, Any]) -> None:
        for key, field in self.fields.items():
            if key in values:
                field.set_value(values[key])
        for key, rows in self.lists.items():
            if key in values:
                rows.set_value(values[key])

    def owns(self, key: str) -> bool:
        return key in self.fields or key in self.lists

    # --- checks ------------------------------------------------------------------------------

    def show_needed(self) -> None:
        """Say beside each empty required input that it is needed (why Next is not available)."""
        for field in self.fields.values():
            if field.spec.required and field.is_empty():
                field.show_problem(tr("Wizard", NEEDED))

    def check_more(self, values: dict[str, Any]) -> list[Problem]:
        """Checks across inputs (a reason needed when he missed it …); none by default."""
        return []

    def problems(self) -> list[Problem]:
        found: list[Problem] = []
        for field in self.fields.values():
            problem = field.problem()
            field.show_problem(problem)
            if problem:
                found.append((field, problem))
        for rows in self.lists.values():
            found.extend(rows.problems())
        if not found:
            for field, problem in self.check_more(self.wizard_values()):
                field.show_problem(problem)
                found.append((field, problem))
        return found

    def wizard_values(self) -> dict[str, Any]:
        wizard = self.wizard()
        return wizard.values() if hasattr(wizard, "values") else self.values()

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        found = self.problems()
        self.show_banner(tr("Wizard", CHECK_BELOW) if found else None)
        if found:
            field, problem = found[0]
            self.focus_field(field)
            more = len(found) - 1
            tail = (
                " "
                + trn("Wizard", "And {n} more on this page.", "And {n} more on this page.", more)
                if more
                else ""
            )
            announce(
                field.widget, f"{field.widget.accessibleName()}: {problem}{tail}", assertive=True
            )
        return not found

    def cleanupPage(self) -> None:  # noqa: N802 (Qt's name)
        """Going Back keeps what was typed (Qt's default would reset the fields)."""

    def show_banner(self, message: str | None) -> None:
        self.banner.setText(message or "")
        self.banner.setVisible(bool(message))

    def focus_field(self, field: Field) -> None:
        self.scroll_area.ensureWidgetVisible(field.container)
        field.widget.setFocus()
        if isinstance(field.widget, QLineEdit):
            field.widget.selectAll()

    def find_field(
        self, key: str, index: int | None = None, part: str | None = None
    ) -> Field | None:
        if key in self.fields:
            return self.fields[key]
        rows = self.lists.get(key)
        if rows is None or not rows.rows:
            return None
        row = index if index is not None and 0 <= index < len(rows.rows) else 0
        fields = rows.rows[row].fields
        return fields.get(part or "") or next(iter(fields.values()), None)

    # --- focus -------------------------------------------------------------------------------

    def focus_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for item in self._order:
            if isinstance(item, Field | RowList):
                widgets.extend(item.focus_widgets())
            else:
                widgets.append(item)
        return widgets

    def fix_tab_order(self) -> None:
        """Tab follows reading order, rows added later included."""
        widgets = self.focus_widgets()
        for first, second in zip(widgets, widgets[1:], strict=False):
            QWidget.setTabOrder(first, second)
