"""The interface language for Qt: the catalogue of ``engager_desktop.i18n`` behind a QTranslator.

Our own widgets call ``i18n.tr`` directly. Qt's own words (the standard buttons, a line edit's
context menu, the wizard's Back and Next) come through ``QCoreApplication.translate``, which asks
the installed translator; ``CatalogueTranslator`` answers from the same catalogue, so one file per
language serves the whole program. ``QT_WORDS`` marks the Qt words we show so they are extracted.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator

from engager_desktop import i18n
from engager_desktop.i18n import N_

# Qt's own strings shown in our windows: (Qt's context, Qt's text), marked for the catalogue.
QT_WORDS = (
    N_("QPlatformTheme", "OK"),
    N_("QPlatformTheme", "Save"),
    N_("QPlatformTheme", "Cancel"),
    N_("QPlatformTheme", "Close"),
    N_("QPlatformTheme", "Apply"),
    N_("QPlatformTheme", "Yes"),
    N_("QPlatformTheme", "No"),
    N_("QPlatformTheme", "&Yes"),
    N_("QPlatformTheme", "&No"),
    N_("QPlatformTheme", "Discard"),
    N_("QPlatformTheme", "Don't Save"),
    N_("QPlatformTheme", "Help"),
    N_("QPlatformTheme", "Reset"),
    N_("QPlatformTheme", "Restore Defaults"),
    N_("QPlatformTheme", "Abort"),
    N_("QPlatformTheme", "Retry"),
    N_("QPlatformTheme", "Ignore"),
    N_("QWizard", "< &Back"),
    N_("QWizard", "&Next >"),
    N_("QWizard", "&Finish"),
    N_("QWizard", "Cancel"),
    N_("QWizard", "Go Back"),
    N_("QWizard", "Continue"),
    N_("QWizard", "Commit"),
    N_("QWizard", "Done"),
    N_("QWizard", "Help"),
    N_("QLineEdit", "&Undo"),
    N_("QLineEdit", "&Redo"),
    N_("QLineEdit", "Cu&t"),
    N_("QLineEdit", "&Copy"),
    N_("QLineEdit", "&Paste"),
    N_("QLineEdit", "Delete"),
    N_("QLineEdit", "Select All"),
    N_("QTabBar", "Scroll Left"),
    N_("QTabBar", "Scroll Right"),
)
# The lower layers raise their messages already in the language in use (``tr("Errors", …)`` at
# the raise site). These are the few sentences shown without being raised: the apologies for an
# unexpected error (``describe`` translates them) and the locked vault's, which a wizard shows.
KNOWN_ERRORS = (
    N_("Errors", "The vault is locked."),
    N_("Errors", "Something went wrong inside Engager Desktop; nothing was changed by this step."),
    N_("Errors", "Something went wrong and that step was not finished. Nothing you typed is lost."),
)
_QT_LAYOUT = ("QGuiApplication", "QT_LAYOUT_DIRECTION")  # Qt asks for "RTL" here: never answer it


class CatalogueTranslator(QTranslator):
    """Answers Qt's requests from the catalogue of the language in use."""

    def translate(
        self,
        context: str,
        source: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The translation, or None (a null string: Qt then keeps its own words; an empty
        string would be taken as the translation and blank the button)."""
        if not source or (context, source) == _QT_LAYOUT:
            return None
        return i18n.lookup(context, source)

    def isEmpty(self) -> bool:
        return False


def error_text(message: str) -> str:
    """A lower layer's message in the language in use, when the catalogue has it whole."""
    return i18n.tr("Errors", message)


_translator: CatalogueTranslator | None = None
_system_locale: QLocale | None = None


def _use_locale(code: str) -> None:
    """Qt's own month and day names (a date box's "4 Rhag 2026") follow the language: its own
    locale for a translated language; the system's for English and the pseudo-language."""
    global _system_locale
    if _system_locale is None:
        _system_locale = QLocale()
    translated = code in i18n.LANGUAGES and code != i18n.ENGLISH
    QLocale.setDefault(QLocale(code) if translated else _system_locale)


def apply(code: str, app: QObject | None = None) -> str:
    """Use ``code`` in every layer; Qt sends LanguageChange to every widget. Returns the code."""
    global _translator
    chosen = i18n.set_language(code)
    _use_locale(chosen)
    instance = app or QCoreApplication.instance()
    if instance is None:
        return chosen
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
    else:
        _translator = CatalogueTranslator(instance)
    if chosen != i18n.ENGLISH:
        QCoreApplication.installTranslator(_translator)
    return chosen
