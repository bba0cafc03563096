"""The languages a document can be printed in, as the print preview and "Who he is" offer them.

Each language is named in its own words (as in Settings), so these names are not translated.
"""

from __future__ import annotations

from engager_desktop import i18n

BILINGUAL = "cy+en"
# (code, name) for the print preview; the bilingual choice only for papers meant for others.
PRINT_LANGUAGES: tuple[tuple[str, str], ...] = (
    *i18n.LANGUAGES.items(),
    (BILINGUAL, f"{i18n.LANGUAGES['cy']} + {i18n.LANGUAGES['en']}"),
)
# His preferred language for his papers, as a choice: English is kept as "not set" (empty), which
# reads as English, so that opening and saving the form changes nothing.
DOCUMENT_LANGUAGES: dict[str, str] = {
    ("" if code == i18n.ENGLISH else code): name for code, name in i18n.LANGUAGES.items()
}
NAMES: tuple[str, ...] = tuple(name for _code, name in PRINT_LANGUAGES)
