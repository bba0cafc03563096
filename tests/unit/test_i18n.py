"""The translation catalogues: up to date with the code, the Welsh one complete and well formed,
plurals by the catalogue's rule, dates with the language's month names, the pseudo-language."""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from engager_desktop import i18n
from engager_desktop.domain import errors as domain_errors
from engager_desktop.i18n import Catalogue, Entry, compile_mo, parse_po, tr, trn, write_po
from engager_desktop.i18n_strings import PLURAL_FORMS, extract, planned, strings_in

WELSH_RULE = (
    "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;"
)


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    i18n.set_language(i18n.ENGLISH)


def welsh() -> Catalogue:
    found = i18n.catalogue("cy")
    assert found is not None
    return found


def test_the_catalogues_are_up_to_date_with_the_code() -> None:
    """``python3 dev.py strings`` would change nothing: every marked string is in each file."""
    for path, text in planned().items():
        assert path.read_text(encoding="utf-8") == text, f"run python3 dev.py strings ({path.name})"


def test_the_welsh_catalogue_has_no_empty_or_unfinished_entry() -> None:
    assert [e.key for e in i18n.unfinished("cy")] == []
    template = {e.key for e in extract()}
    assert {e.key for e in welsh().entries} == template
    assert len(template) > 250  # the unlock window, main window, caseload, settings and more


def test_welsh_has_six_plural_forms_by_its_rule() -> None:
    catalogue = welsh()
    assert f"Plural-Forms: {WELSH_RULE}" in catalogue.header
    assert PLURAL_FORMS["cy"] == WELSH_RULE
    assert catalogue.plural_count() == 6
    for entry in catalogue.entries:
        assert len(entry.strings) == (6 if entry.plural is not None else 1), entry.key


def fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_translation_keeps_its_placeholders_and_access_keys() -> None:
    for entry in welsh().entries:
        english = fields(entry.msgid) | fields(entry.plural or "")
        for text in entry.strings:
            assert fields(text) == english, entry.key
            assert ("&" in text) == ("&" in entry.msgid), entry.key  # a key stays a key
            assert text.count("%") == entry.msgid.count("%"), entry.key
            assert text.strip() == text or entry.msgid.strip() != entry.msgid, entry.key


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "0 o ddynion"),
        (1, "1 dyn"),
        (2, "2 ddyn"),
        (3, "3 dyn"),
        (4, "4 o ddynion"),
        (6, "6 dyn"),
        (11, "11 o ddynion"),
    ],
)
def test_a_count_takes_the_welsh_form_for_its_number(n: int, words: str) -> None:
    i18n.set_language("cy")
    assert trn("Caseload", "{n} man", "{n} men", n) == words


def test_english_needs_no_catalogue() -> None:
    assert trn("Caseload", "{n} man", "{n} men", 1) == "1 man"
    assert trn("Caseload", "{n} man", "{n} men", 0) == "0 men"
    assert tr("MainWindow", "&File") == "&File"


def test_a_string_the_catalogue_lacks_stays_english_in_every_language() -> None:
    for code in ("cy", i18n.PSEUDO):
        i18n.set_language(code)
        assert tr("Nowhere", "Not in any catalogue") == "Not in any catalogue"


def test_the_pseudo_language_marks_only_what_the_catalogue_knows() -> None:
    i18n.set_language(i18n.PSEUDO)
    assert tr("MainWindow", "&File") == "\u27e6&File\u27e7"
    assert trn("Caseload", "{n} man", "{n} men", 2) == "\u27e62 men\u27e7"
    assert tr("MainWindow", "not marked anywhere") == "not marked anywhere"


def test_an_unknown_language_means_english() -> None:
    assert i18n.set_language("zz") == i18n.ENGLISH
    assert i18n.available() == ("en", "cy")


def test_using_sets_a_language_for_a_block_only() -> None:
    with i18n.using("cy"):
        assert tr("MainWindow", "&File") == "&Ffeil"
    assert i18n.language() == i18n.ENGLISH


def test_using_changes_the_language_of_its_own_thread_only() -> None:
    """Printing builds his document in Welsh on a worker while the screens stay English."""
    inside = threading.Event()
    leave = threading.Event()
    seen: dict[str, object] = {}

    def worker() -> None:
        with i18n.using("cy"):
            seen["worker"] = tr("MainWindow", "&File")
            seen["worker date"] = i18n.short_date(date(2026, 12, 4))
            seen["worker count"] = trn("Caseload", "{n} man", "{n} men", 2)
            inside.set()
            leave.wait(5)
        seen["worker after"] = i18n.language()

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(5)
    # While the worker is inside its Welsh block, this thread and the setting stay English.
    assert i18n.language() == i18n.ENGLISH
    assert tr("MainWindow", "&File") == "&File"
    assert i18n.short_date(date(2026, 12, 4)) == "4 Dec 2026"
    leave.set()
    thread.join(5)
    assert seen == {
        "worker": "&Ffeil",
        "worker date": "4 Rhag 2026",
        "worker count": "2 ddyn",
        "worker after": i18n.ENGLISH,
    }


def test_a_thread_without_using_follows_the_global_setting() -> None:
    i18n.set_language("cy")
    seen: list[str] = []
    with i18n.using("en"):
        thread = threading.Thread(target=lambda: seen.append(tr("MainWindow", "&File")))
        thread.start()
        thread.join(5)
        assert tr("MainWindow", "&File") == "&File"
    assert seen == ["&Ffeil"]
    assert tr("MainWindow", "&File") == "&Ffeil"


def test_dates_use_the_languages_month_and_day_names() -> None:
    day = date(2026, 12, 4)
    assert i18n.short_date(day) == "4 Dec 2026" == f"{day.day} {day:%b %Y}"
    assert i18n.long_date(datetime(2026, 6, 1, 9)) == "1 June 2026"
    with i18n.using("cy"):
        assert i18n.short_date(day) == "4 Rhag 2026"
        assert i18n.long_date(date(2026, 6, 1)) == "1 Mehefin 2026"
        assert i18n.weekday_short(day) == "Gwen"
        assert [i18n.month_name(m) for m in (1, 7, 12)] == ["Ionawr", "Gorffennaf", "Rhagfyr"]


def test_the_po_format_reads_back_what_it_writes() -> None:
    catalogue = Catalogue(
        "Language: cy\nPlural-Forms: nplurals=2; plural=(n != 1);\n",
        [
            Entry("Ctx", 'Say "hi"\n\\ twice', None, ["Dywedwch \u201chelo\u201d\n\\ ddwywaith"]),
            Entry("Ctx", "{n} day", "{n} days", ["{n} diwrnod", "{n} o ddiwrnodau"]),
            Entry("", "No context", None, [""], fuzzy=True, comments=["#: somewhere.py"]),
        ],
    )
    again = parse_po(write_po(catalogue))
    assert again == catalogue
    assert [e.finished for e in again.entries] == [True, True, False]


def test_the_compiled_catalogue_serves_gettext() -> None:
    import gettext
    import io

    catalogue = Catalogue(
        "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: " + WELSH_RULE + "\n",
        [
            Entry("C", "{n} day", "{n} days", [f"form{k}" for k in range(6)]),
            Entry("C", "Yes", None, ["Ie"]),
            Entry("C", "Unfinished", None, [""]),
        ],
    )
    served = gettext.GNUTranslations(io.BytesIO(compile_mo(catalogue)))
    assert [served.npgettext("C", "{n} day", "{n} days", n) for n in (0, 1, 2, 3, 6, 9)] == [
        "form0",
        "form1",
        "form2",
        "form3",
        "form4",
        "form5",
    ]
    assert served.pgettext("C", "Yes") == "Ie"
    assert served.pgettext("C", "Unfinished") == "Unfinished"


def test_the_extractor_reads_only_literal_markers() -> None:
    source = (
        "from engager_desktop.i18n import N_, tr, trn\n"
        "A = N_('Ctx', 'marked')\n"
        "tr('Ctx', A)\n"  # a variable: marked where it is defined
        "tr('Ctx', 'two ' 'parts')\n"
        "trn('Ctx', '{n} one', '{n} many', 3)\n"
        "self.tr('not ours')\n"
    )
    found = [(e.context, e.msgid, e.plural) for e in strings_in(source, "x.py")]
    assert found == [
        ("Ctx", "marked", None),
        ("Ctx", "two parts", None),
        ("Ctx", "{n} one", "{n} many"),
    ]


def test_the_lower_layers_messages_the_windows_show_are_in_the_catalogue() -> None:
    from engager_desktop.crypto.errors import VaultInUse, WrongPassphrase, WrongRecoveryCode
    from engager_desktop.ui.i18n import KNOWN_ERRORS
    from engager_desktop.ui.ops import GENERIC_FAILURE

    shown = [GENERIC_FAILURE, domain_errors.GENERIC, domain_errors.LOCKED]
    assert sorted(shown) == sorted(KNOWN_ERRORS)
    with i18n.using("cy"):
        assert all(tr("Errors", text) != text for text in shown)
        assert domain_errors.describe(RuntimeError("x")) == tr("Errors", domain_errors.GENERIC)
        raised = [
            domain_errors.describe(exc)
            for exc in (WrongPassphrase(), WrongRecoveryCode(), VaultInUse())
        ]
    assert raised == [
        "Nid yw'r cyfrinymadrodd yn gywir",
        "Nid yw'r cod adfer yn gywir",
        "Mae'r gladdgell hon eisoes ar agor mewn ffenestr neu raglen arall",
    ]
    assert domain_errors.describe(WrongPassphrase()) == "Wrong passphrase"  # raised in English


def test_no_welsh_translation_is_left_in_english_by_mistake() -> None:
    """Only names and codes may read the same in both languages."""
    same = {e.msgid for e in welsh().entries if e.strings == [e.msgid]}
    allowed = {"Engager Desktop", "MBA", "{setting}:", "{field}:"}
    allowed |= {m for m in same if re.fullmatch(r"[^\w{}]*(\{\w+\}[^\w{}]*)+", m)}  # only {x}
    allowed |= {"problem", "{Noun} {number}", "{wizard}: {name}"}  # the same in Welsh
    assert same <= allowed
    assert not any(
        re.search(r"\b(the|and|your|vault)\b", s) for e in welsh().entries for s in e.strings
    )


def test_the_main_windows_action_helper_marks_its_text() -> None:
    source = "self._action('new', '&New man…', self.new_man)\nother._action('x', 'not ours')\n"
    main = strings_in(source, "engager_desktop/ui/main_window.py")
    assert [(e.context, e.msgid) for e in main] == [
        ("MainWindow", "&New man…"),
        ("MainWindow", "not ours"),
    ]
    assert strings_in(source, "engager_desktop/ui/workspace/undo.py") == []


def test_the_screens_vocabulary_and_dates_in_welsh() -> None:
    from engager_desktop.ui import labels

    with i18n.using("cy"):
        assert labels.word(labels.PHASE, "through_the_gate") == "Drwy'r giât"
        assert labels.word(labels.PHASE, "not_a_phase") == "Not a phase"  # shown, not hidden
        assert [labels.days_to_release(n) for n in (0, 1, 2, -3)] == [
            "Heddiw",
            "1 diwrnod",
            "2 ddiwrnod",
            "3 diwrnod yn ôl",
        ]
        assert labels.day(date(2026, 3, 9)) == "9 Maw 2026"
        assert labels.moment(datetime(2026, 3, 9, 14, 30)) == "Llun 9 Maw 2026, 14:30"
        assert labels.yes_no(None) == "Ddim yn hysbys"
    assert labels.moment(datetime(2026, 3, 9, 14, 30)) == "Mon 9 Mar 2026, 14:30"
