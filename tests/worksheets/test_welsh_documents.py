"""Every printed document in Welsh (issue 19): built under ``i18n.using("cy")`` for the stress
man, each kind passes the same print checks as in English (type sizes, nothing past the margin,
nothing dropped, fonts embedded, the same bytes twice) and its text holds no common English word.

The stress man's entered text is English, so before printing every word of it is marked as his
own: a "ŵ" is put after each run of Latin letters ("Goal" -> "Goalŵ"). No English word ends in
"ŵ", so any common English word still found on the paper is one of ours left untranslated.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any

import pytest

from engager_desktop import i18n
from engager_desktop.domain.figures import WITHHELD
from engager_desktop.domain.wording import check, readability
from engager_desktop.services import figures
from engager_desktop.services.figures import FigureRow, FiguresTable
from engager_desktop.services.printing_supervision import RISK_FLAG
from engager_desktop.worksheets import action_plan, supervision
from engager_desktop.worksheets import figures as figures_sheet
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.findings import undrawable, wording_findings
from engager_desktop.worksheets.fonts import missing
from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.labels import who_text
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.subject_access import SarInput, SarRecord, SarSection
from engager_desktop.worksheets.subject_access import build as build_sar
from tests.worksheets.pagecheck import body_lines, broken_words, problems
from tests.worksheets.pdfcheck import (
    BASE_14,
    lines_of,
    page_count,
    page_fonts,
    page_width,
    pictures_of,
    printed,
    text_of,
)
from tests.worksheets.samples import full_inputs
from tests.worksheets.stress import expected_texts, stress_inputs

MARK = "\u0175"  # ŵ
# Common English words, any one of which on a Welsh paper is a string we forgot. Words that are
# also Welsh ("a", "i", "am", "at", "man", "to", "does", "her", "help", "cost", "map") are left out.
ENGLISH = frozenset(
    """the and your you with for what when who where why date page goal goals step steps this
    that are will from his him our we of has have not name phone printed done plan meet
    next week first signed keep how about they there it in on by if do day days time
    service services worker prison release contact support family friends money health home
    safe today yes be as an or men tick box before after until""".split()
)

VARIANTS = {
    "normal": PrintOptions(include_sensitive=True),
    "large": PrintOptions(large_print=True, include_sensitive=True),
    "easy": PrintOptions(easy_read=True, include_sensitive=True),
    "for-a-service": PrintOptions(
        for_others=True,
        recipient="Gwasanaeth Prawf",
        agreed=("Rhannu ei gynllun",),
        consented_contact=True,
    ),
}
CASES = [
    pytest.param(name, variant, id=f"{name}-{variant}")
    for name, kind in KINDS.items()
    for variant in VARIANTS
    if (variant != "easy" or kind.easy_read) and (variant != "for-a-service" or kind.needs_man)
]
BLANKS = [
    pytest.param(name, large, id=f"{name}-{'large' if large else 'normal'}")
    for name, kind in KINDS.items()
    if kind.has_blank
    for large in (False, True)
]


def marked(value: Any) -> Any:
    """``value`` with every run of Latin letters in its entered text followed by ``MARK``."""
    if isinstance(value, Enum) or value is None:
        return value
    if isinstance(value, str):
        return re.sub(r"[A-Za-z]+", lambda found: found.group(0) + MARK, value)
    if isinstance(value, tuple):
        return tuple(marked(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: marked(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


@lru_cache(maxsize=1)
def welsh_man() -> dict[str, Any]:
    """The stress man (the sample man for the kinds with no lists), his text marked as his."""
    data = {**full_inputs(), **stress_inputs()}
    return {name: marked(value) for name, value in data.items()}


@lru_cache(maxsize=64)
def welsh_pdf(kind: str, variant: str) -> bytes:
    with i18n.using("cy"):
        return build_pdf(kind, welsh_man()[kind], VARIANTS[variant])


@lru_cache(maxsize=16)
def welsh_blank(kind: str, large: bool) -> bytes:
    with i18n.using("cy"):
        return build_pdf(kind, None, PrintOptions(large_print=large))


def extracted(pdf: bytes) -> str:
    """The PDF's text as pdftotext gives it (pypdf's where poppler is not installed)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return text_of(pdf)
    done = subprocess.run([tool, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def english_words(text: str) -> list[str]:
    """The common English words in ``text``, each once, in order (marked words never count)."""
    words = re.findall(r"[^\W\d_]+", text)
    return list(dict.fromkeys(word for word in words if word.lower() in ENGLISH))


def test_the_check_finds_english_and_passes_welsh() -> None:
    assert english_words("Page 1 of 2, printed for Dai") == ["Page", "of", "printed", "for"]
    assert english_words("Tudalen 1 o 2. Mae'r cynllun am 10:30yb gyda Dai") == []
    assert english_words(marked("Step text g01s1 phone the office")) == []
    with i18n.using("en"):
        english = extracted(build_pdf("action-plan", None, PrintOptions()))
    assert {"Our", "plan", "Goal", "Page", "of"} <= set(english_words(english))


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_a_welsh_document_holds_no_english_word(kind: str, variant: str) -> None:
    text = extracted(welsh_pdf(kind, variant))
    assert "Tudalen 1 o " in text
    found = english_words(text)
    assert not found, f"{kind} ({variant}) in Welsh still says: {found[:12]}"


@pytest.mark.parametrize(("kind", "large"), BLANKS)
def test_a_welsh_blank_form_holds_no_english_word(kind: str, large: bool) -> None:
    text = extracted(welsh_blank(kind, large))
    assert "Argraffwyd ar:" in text and "Tudalen 1 o " in text
    assert not english_words(text), f"{kind} blank: {english_words(text)[:12]}"


@pytest.mark.parametrize("kind", sorted(stress_inputs()))
@pytest.mark.parametrize("variant", ["normal", "large"])
def test_nothing_entered_is_dropped_in_welsh(kind: str, variant: str) -> None:
    text = text_of(welsh_pdf(kind, variant))
    expected = expected_texts(kind, welsh_man()[kind])
    assert expected
    dropped = [item[:40] for item in expected if not printed(item, text)]
    assert not dropped, f"{kind}: {len(dropped)} of {len(expected)} missing, e.g. {dropped[:3]}"


@pytest.mark.parametrize(("kind", "variant"), CASES)
def test_welsh_type_is_never_under_the_minimum_nor_past_the_margin(kind: str, variant: str) -> None:
    pdf = welsh_pdf(kind, variant)
    spec = KINDS[kind].spec(VARIANTS[variant])
    lines = lines_of(pdf)
    small = [(line.text, line.size) for line in lines if line.size < spec.min_size - 0.01]
    assert not small, f"{kind}: text under {spec.min_size} pt: {small[:3]}"
    columns = 2 if kind == "services-card" else 1
    column = page_width(pdf) / columns
    margin = spec.margin_mm * 72 / 25.4
    for line in lines:
        right = (int(line.x // column) + 1) * column - margin
        assert line.x + line.width <= right + 1.5, f"{kind}: {line.text!r} runs past the margin"
        assert line.x >= margin - 1.5


@pytest.mark.parametrize("kind", list(KINDS))
def test_welsh_fonts_are_embedded_and_the_bytes_are_the_same_twice(kind: str) -> None:
    pdf = welsh_pdf(kind, "large")
    fonts = page_fonts(pdf)
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        assert base.split("+")[-1] not in BASE_14
        assert "/FontFile2" in font["/FontDescriptor"], f"{base} is not embedded"
    with i18n.using("cy"):
        again = build_pdf(
            kind, marked({**full_inputs(), **stress_inputs()}[kind]), VARIANTS["large"]
        )
    assert again == pdf


@pytest.mark.parametrize("kind", [name for name, kind in KINDS.items() if kind.easy_read])
def test_easy_read_finds_its_pictures_by_the_welsh_headings(kind: str) -> None:
    """Each heading's picture is chosen by its words: in Welsh the same pictures are drawn."""
    data = full_inputs()[kind]
    english = pictures_of(build_pdf(kind, data, VARIANTS["easy"]))
    with i18n.using("cy"):
        welsh = pictures_of(build_pdf(kind, data, VARIANTS["easy"]))
    assert welsh == english
    assert len(set(welsh)) > 2


def test_welsh_letters_are_drawn() -> None:
    """Every letter of the Welsh catalogue is in a shipped font, and the papers print them."""
    found = i18n.catalogue("cy")
    assert found is not None
    welsh = "".join(text for entry in found.entries for text in entry.strings)
    assert missing(welsh) == []
    assert {"ŵ", "ŷ", "â", "ô", "î"} <= set(welsh)
    family = extracted(welsh_pdf("family-sheet", "normal"))
    card = extracted(welsh_pdf("device-card", "normal"))
    assert "gwaith tŷ" in family and "Ôl bys" in card and "grŵp" in card


def test_dates_days_and_times_are_welsh() -> None:
    text = extracted(welsh_pdf("workbook", "normal"))
    assert "Dydd Llun 14 Ebrill 2025 am 9yb" in text
    assert "Argraffwyd 3 Mawrth 2025" in text


def test_counts_take_the_welsh_form() -> None:
    plan = i.ReleaseInput(appointments=(i.AppointmentLine(with_whom="Prawf"),), appointments_more=2)
    with i18n.using("cy"):
        two = extracted(build_pdf("release-plan", plan, PrintOptions()))
        plan = dataclasses.replace(plan, appointments_more=12)
        twelve = extracted(build_pdf("release-plan", plan, PrintOptions()))
        family = extracted(welsh_pdf("family-sheet", "normal"))
    assert "Mae 2 apwyntiad arall yn eich pythefnos cyntaf" in " ".join(two.split())
    assert "Mae 12 o apwyntiadau eraill" in " ".join(twelve.split())
    assert "Mae 3 gwasanaeth arall i deuluoedd" in " ".join(family.split())


def test_a_welsh_paper_names_him_without_english_around_it() -> None:
    text = " ".join(extracted(welsh_pdf("pledge", "normal")).split())
    name = welsh_man()["pledge"].man.preferred_name
    assert f"Beth fydda i, {name}, yn ei wneud" in text
    assert f"Llofnod {name}:" in text


def test_the_subject_access_document_is_welsh() -> None:
    data = SarInput(
        name="Dai",
        produced_on="3 Mawrth 2025",
        sections=(
            SarSection(
                "Amdanoch chi", "Eich manylion.", (SarRecord("Manylion", (("Enw", "Dai"),)),)
            ),
            SarSection("Eich nodau", "Y nodau a osodwyd.", ()),
        ),
        other_places=("Copi wrth gefn ar y gliniadur.",),
    )
    out = io.BytesIO()
    with i18n.using("cy"):
        build_sar(data, out, PrintOptions())
    text = " ".join(extracted(out.getvalue()).split())
    assert "Yr wybodaeth sydd gennym ni amdanoch chi" in text
    assert not english_words(text), english_words(text)


def welsh_of_fixed_text() -> list[tuple[str, str]]:
    """The Welsh of every document string in the catalogue (contexts Doc and Doc.<Kind>)."""
    found = i18n.catalogue("cy")
    assert found is not None
    return [
        (f"{entry.context}: {entry.msgid[:30]}", text)
        for entry in found.entries
        if entry.context == "Doc" or entry.context.startswith("Doc.")
        for text in entry.strings
    ]


WELSH = welsh_of_fixed_text()


def test_the_document_strings_are_all_in_welsh() -> None:
    assert len(WELSH) > 300
    same = [where for where, text in WELSH if english_words(re.sub(r"\{\w+\}", "", text))]
    allowed = {"Doc.Supervision: Audit head, for engager-desktop"}
    assert [where for where in same if where not in allowed] == []


@pytest.mark.parametrize(("where", "text"), WELSH, ids=[where for where, _ in WELSH])
def test_the_welsh_fixed_text_passes_the_welsh_wording_check(where: str, text: str) -> None:
    assert check(text, language="cy") == [], f"{where}: {text!r}"
    assert readability(text).plain, f"{where}: a sentence is too long"


@pytest.mark.parametrize("kind", ["explainer", "recovery-sheet", "services-card"])
@pytest.mark.parametrize("blank", [False, True], ids=["filled", "blank"])
def test_one_page_papers_stay_one_page_in_welsh(kind: str, blank: bool) -> None:
    """Welsh runs longer than English: the one-page explainer (P36), the recovery sheet and the
    folded services card still fit one sheet, as in English; in large print the recovery sheet
    does too."""
    data = None if blank else full_inputs()[kind]
    with i18n.using("cy"):
        assert page_count(build_pdf(kind, data, PrintOptions())) == 1
        large = build_pdf(
            "recovery-sheet", data and full_inputs()["recovery-sheet"], VARIANTS["large"]
        )
    assert page_count(large) == 1


def test_a_welsh_paper_is_checked_with_the_welsh_wording_list() -> None:
    data = i.PledgeInput(his_commitments="Peidio â bod yn droseddwr eto")
    english = wording_findings(data, to_him=True, words_of="en")
    welsh = wording_findings(data, to_him=True, words_of="cy")
    assert [f.text[f.start : f.end] for f in welsh] == ["droseddwr"]
    assert english == []
    with i18n.using("cy"):
        assert wording_findings(data) == welsh  # the language in use by default
        assert welsh[0].message.startswith("'droseddwr': rhowch gynnig ar ")
        long = wording_findings(i.PledgeInput(his_commitments=" ".join(["gair"] * 30)))
        assert long[0].message.startswith("Brawddeg o 30 gair")
        drawn = undrawable(i.PledgeInput(his_commitments="\U00013000"))
        assert drawn[0].message.startswith("“\U00013000” (U+13000")
        assert "maes: his commitments" in drawn[0].message


def figures_table() -> FiguresTable:
    columns = ("Nov 2025", "Dec 2025", "Jan 2026", figures.TOTAL_HEADING)
    rows = tuple(
        FigureRow(m.key, m.label, m.indent, (WITHHELD, "7", "", "12")) for m in figures.MEASURES
    )
    return FiguresTable(date(2025, 11, 1), date(2026, 1, 31), date(2026, 2, 3), columns, rows)


def test_the_service_figures_are_welsh() -> None:
    with i18n.using("en"):
        english = " ".join(extracted(figures_sheet.pdf_bytes(figures_table())).split())
    with i18n.using("cy"):
        welsh = " ".join(extracted(figures_sheet.pdf_bytes(figures_table())).split())
    assert "From 1 Nov 2025 to 31 Jan 2026. Made 3 Feb 2026." in english
    assert "Measure Nov 2025 Dec 2025 Jan 2026 Whole range" in english
    assert "O 1 Tach 2025 i 31 Ion 2026. Lluniwyd 3 Chwef 2026." in welsh
    whole = i18n.lookup("Figures", figures.TOTAL_HEADING, "cy")
    assert f"Mesur Tach 2025 Rhag 2025 Ion 2026 {whole}" in welsh
    assert "wedi'i atal" in welsh and "withheld" not in welsh
    assert not english_words(welsh.replace("docs/figures.md", "")), english_words(welsh)


def test_the_risk_column_of_supervision_is_welsh() -> None:
    row = i.SupervisionRow("Dai", risk_flag=RISK_FLAG)
    data = i.SupervisionInput(rows=(row,))
    with i18n.using("cy"):
        text = " ".join(extracted(build_pdf("supervision", data, VARIANTS["normal"])).split())
    assert "Oes: gweler ei gofnod" in text and "Risg" in text


PAGE_CASES = [
    pytest.param(name, variant, id=f"{name}-{variant}")
    for name, kind in KINDS.items()
    for variant in ("normal", "large", "easy")
    if variant != "easy" or kind.easy_read
]


@pytest.mark.parametrize(("kind", "variant"), PAGE_CASES)
def test_welsh_pages_read_as_one_piece(kind: str, variant: str) -> None:
    """The page-break checks of the English papers, on the Welsh stress papers: no page ends
    with a heading or starts with a list's last item alone; each page of the action plan that
    carries on a goal names it ("Nod 4, yn parhau"); a links map is never split; the pledge's
    signatures sit with its last promise."""
    pdf = welsh_pdf(kind, variant)
    spec = KINDS[kind].spec(VARIANTS[variant])
    found = [p for p in problems(kind, pdf, spec) if "continues a goal" not in p]
    pages = body_lines(pdf, spec)
    texts = {page: [line.text for line in lines] for page, lines in pages.items()}
    if kind == "action-plan":
        found += [
            f"page {page} starts {lines[0][:30]!r}"
            for page, lines in texts.items()
            if page > 1 and not lines[0].startswith("Nod ")
        ]
    if kind == "links-map":
        for page, lines in texts.items():
            if lines.count("Beth ddigwyddodd") != lines.count("Beth ddaeth ohono"):
                found.append(f"page {page} splits a links map")
    if kind == "pledge":
        signed = [page for page, lines in texts.items() for t in lines if "Llofnod " in t]
        promises = [page for page, lines in texts.items() for t in lines if t.startswith("•")]
        if signed and promises and promises[-1] != signed[0]:
            found.append("the signatures are on a page apart from the last promise")
    assert not found, f"{kind} in Welsh: {found[:4]}"


WELSH_HEADINGS = {
    "supervision": [*supervision.HEADER, supervision.RISK_HEADER],
    "action-plan": list(action_plan.HEADER),
    "release-plan": ["When", "Who with", "Where"],
}


@pytest.mark.parametrize("kind", sorted(WELSH_HEADINGS))
@pytest.mark.parametrize("variant", ["normal", "large"])
def test_no_welsh_table_heading_word_is_broken(kind: str, variant: str) -> None:
    context = {"supervision": "Doc.Supervision", "action-plan": "Doc.ActionPlan"}
    welsh = [
        i18n.lookup(context.get(kind, "Doc.ReleasePlan"), text, "cy") or text
        for text in WELSH_HEADINGS[kind]
    ]
    words = sorted({w for text in welsh for w in re.findall(r"[\w'’-]+", text)})
    broken = broken_words(text_of(welsh_pdf(kind, variant)), words)
    assert not broken, f"{kind}: {broken}"


def test_who_does_a_step_reads_in_the_papers_language() -> None:
    """Role words typed in either language become "you" or his worker on his paper, joined in
    the paper's language; anything else (a service called "Bwyd a Gwaith") prints as typed."""
    with i18n.using("cy"):
        assert who_text("Practitioner and client") == "Eich gweithiwr Engager a chi"
        assert who_text("Ymarferydd a cleient") == "Eich gweithiwr Engager a chi"
        assert who_text("cleient a Sam") == "Chi a Sam"
        assert who_text("ymarferydd", "Sam Evans") == "Sam Evans"
        assert who_text("Bwyd a Gwaith") == "Bwyd a Gwaith"
    with i18n.using("en"):
        assert who_text("Ymarferydd a cleient") == "Your Engager worker and you"
        assert who_text("Bwyd a Gwaith") == "Bwyd a Gwaith"
        assert who_text("Dai and Sam") == "Dai and Sam"
