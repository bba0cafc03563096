"""Every script he or his family may write prints as typed: Welsh, Polish, Irish, Arabic (joined,
right to left), Hebrew, Chinese and common emoji, on the action plan, the pledge (his name in
"For:", the greeting, the heading and the signature line) and the workbook.

The text is read back with poppler's pdftotext, as a person copying it from the PDF would get
it, and compared with what was entered after normalising both sides: NFKC (Arabic is drawn in
its joined presentation forms, which NFKC turns back into the letters typed, and "الله" is drawn
as its one-glyph ligature), the direction marks pdftotext puts around right-to-left runs
dropped, and runs of white space made one space. pdftotext gives right-to-left text back in
logical order (the order it was typed), so a match also proves the letters were drawn in the
right order on the page. pdftotext guesses spaces from the gaps between glyphs and misses some
where the font changes (the space is drawn: "❤ 😀" reads back as "❤😀"), so the scripts other
than Latin ones are compared with white space left out.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph

from engager_desktop.worksheets import fonts
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.findings import undrawable
from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import LARGE, NORMAL
from tests.worksheets.pdfcheck import lines_of, page_fonts
from tests.worksheets.samples import GOALS, STEPS, full_inputs

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

# (his name, a sentence in his words) per script
SCRIPTS = {
    "welsh": ("Dafydd ap Ŵyn", "Mynd â'r plant i'r ysgol yn Nhŷ Ddewi"),
    "polish": ("Łukasz Żółkiewski", "Chcę znaleźć pracę i mieszkanie w Łodzi"),
    "irish": ("Seán Ó Súilleabháin", "Ba mhaith liom obair a fháil i mBaile Átha Cliath"),
    "arabic": ("محمد عبد الله", "أريد أن أجد عملاً بعد خروجي من السجن"),
    "hebrew": ("דוד כהן", "אני רוצה למצוא עבודה"),
    "chinese": ("王小明", "我想出狱后找到工作"),
    "emoji": ("Dai 🙂", "Call my mum 👍 ❤ 😀"),
}
DIRECTION_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


LATIN = ("welsh", "polish", "irish")


def normal(text: str, *, spaces: bool = True) -> str:
    """Text as compared: NFKC, no direction marks or variation selectors, one space per run of
    white space (or none, without ``spaces``)."""
    text = DIRECTION_MARKS.sub("", unicodedata.normalize("NFKC", text))
    return re.sub(r"\s+", " " if spaces else "", text.replace("\ufe0f", "")).strip()


def extracted(pdf: bytes, *, spaces: bool = True) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return normal(done.stdout.decode("utf-8"), spaces=spaces)


def documents(name: str, words: str) -> dict[str, object]:
    inputs = full_inputs()
    man = replace(inputs["pledge"].man, preferred_name=name)
    step = replace(STEPS[0], what=words, who=name)
    goal = replace(GOALS[0], title=words, his_words=words, steps=(step,))
    return {
        "action-plan": replace(inputs["action-plan"], man=man, goals=(goal,)),
        "pledge": replace(inputs["pledge"], man=man, his_commitments=f"{words}\n{name}"),
        "workbook": replace(inputs["workbook"], man=man, steps=(step,)),
    }


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("script", list(SCRIPTS))
def test_each_script_prints_as_typed(script: str, large: bool) -> None:
    name, words = SCRIPTS[script]
    spaces = script in LATIN
    built = {
        kind: extracted(build_pdf(kind, data, PrintOptions(large_print=large)), spaces=spaces)
        for kind, data in documents(name, words).items()
    }
    name, words = normal(name, spaces=spaces), normal(words, spaces=spaces)
    gap = " " if spaces else ""
    pledge = built["pledge"]
    assert f"For:{gap}{name}" in pledge
    assert f"{name},{gap}we{gap}wrote" in pledge  # the greeting
    assert f"What{gap}I,{gap}{name},{gap}will{gap}do" in pledge
    assert f"Signed{gap}by{gap}{name}:" in pledge
    assert words in pledge
    plan = built["action-plan"]
    assert f"For:{gap}{name}" in plan
    assert f"Goal{gap}1:{gap}{words}" in plan
    assert words in built["workbook"] and name in built["workbook"]
    for text in built.values():
        assert fonts.REPLACEMENT not in text


def test_mixed_scripts_in_one_field_each_in_its_own_font() -> None:
    mixed = "Ŵyn Łukasz محمد 王小明 🙂 👍 ❤"
    data = i.PledgeInput(man=i.ManSummary(preferred_name=mixed))
    pdf = build_pdf("pledge", data, PrintOptions())
    assert f"For:{normal(mixed, spaces=False)}" in extracted(pdf, spaces=False)
    used = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"NotoSansArabic-Regular", "NotoSansArabic-Bold", "DroidSansFallback"} <= used
    assert {"NotoEmoji-Regular", "DejaVuSans", "DejaVuSans-Bold"} <= used


def test_arabic_is_joined_and_drawn_right_to_left() -> None:
    drawn = fonts.printable("محمد")
    assert drawn == "\ufee3\ufea4\ufee4\ufeaa"[::-1]  # final dal … initial meem, left to right
    assert fonts.printable("Goal: محمد") == "Goal: " + drawn  # a Latin line stays left to right
    assert fonts.printable("עבודה") == "הדובע"
    assert fonts.printable("Dai דוד כהן") == "Dai ןהכ דוד"  # one line drawn straight
    # a paragraph is wrapped on the text as typed (Arabic joined); each line is ordered when drawn
    assert fonts.logical("Dai דוד כהן") == "Dai דוד כהן"
    assert fonts.logical("محمد") == drawn[::-1]
    assert "\u00a0" not in fonts.markup("Dai דוד כהן")


def test_a_fallback_run_in_bold_text_is_bold() -> None:
    assert '<font name="NotoSansArabic">' in fonts.markup("Ali علي")
    data = replace(
        full_inputs()["action-plan"], goals=(replace(GOALS[0], title="علي", his_words="علي"),)
    )
    pdf = build_pdf("action-plan", data, PrintOptions())
    assert b"NotoSansArabic-Bold" in pdf  # the goal heading


def test_the_same_input_gives_the_same_bytes_in_every_script() -> None:
    data = documents(*SCRIPTS["arabic"])["pledge"]
    assert build_pdf("pledge", data, PrintOptions()) == build_pdf("pledge", data, PrintOptions())


def test_a_character_no_font_has_is_named_with_where_it_is() -> None:
    hieroglyph = "\U00013000"
    data = documents(f"Dai {hieroglyph}", "Fine")["action-plan"]
    found = undrawable(data)
    assert [(item.where, item.char) for item in found] == [
        ("man.preferred_name", hieroglyph),
        ("goals[0].steps[0].who", hieroglyph),
    ]
    assert found[0].message == "“𓀀” (U+13000, egyptian hieroglyph a001) in man, preferred name"
    assert fonts.missing("王 🙂 ŵ محمد") == []
    assert fonts.missing(f"a{hieroglyph}b{hieroglyph}\U0010fffd") == [hieroglyph, "\U0010fffd"]
    assert fonts.REPLACEMENT in extracted(build_pdf("action-plan", data, PrintOptions()))


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_every_script_keeps_the_print_checks(large: bool) -> None:
    """At least 12 pt (16 pt in large print) in every font, and every font embedded."""
    name = " ".join(name for name, _words in SCRIPTS.values())
    words = "\n".join(words for _name, words in SCRIPTS.values())
    minimum = (LARGE if large else NORMAL).min_size
    for kind, data in documents(name, words).items():
        pdf = build_pdf(kind, data, PrintOptions(large_print=large))
        assert min(line.size for line in lines_of(pdf)) >= minimum - 0.01
        for font in page_fonts(pdf):
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]


# Long notes: more than one printed line, no vowel marks or brackets (pdftotext's word boxes put
# a vowel mark or a mirrored bracket apart from its word)
ARABIC_NOTE = (
    "أريد أن أجد عمل بعد خروجي من السجن وأن أعيش مع عائلتي في بيت آمن وأن أذهب إلى المسجد كل يوم"
    " جمعة وأن أساعد أولادي في دروسهم وأن أتعلم مهنة جديدة مثل النجارة أو الطبخ وأن أبتعد عن"
    " المشاكل والأصدقاء القدامى"
)
HEBREW_NOTE = (
    "אני רוצה למצוא עבודה אחרי השחרור ולגור עם המשפחה שלי בבית בטוח וללכת לבית הכנסת בכל שבת"
    " ולעזור לילדים שלי בשיעורי הבית וללמוד מקצוע חדש כמו נגרות או בישול ולהתרחק מהבעיות"
    " ומהחברים הישנים ולהיות אבא טוב"
)
MIXED_NOTE = (
    "أريد أن أجد عمل في Cardiff مع شركة Tesco بعد خروجي من السجن وأن أعيش مع عائلتي في بيت آمن"
    " قريب من المدرسة وأن أتعلم مهنة جديدة مثل النجارة أو الطبخ في Coleg Gwent القريبة"
)
RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def note_lines(pdf: bytes, *, rtl_only: bool) -> list[tuple[float, float, list[str]]]:
    """Each printed line holding right-to-left text, top to bottom (pdftotext's word boxes), as
    (left edge, right edge, its words read right to left, each as typed); ``rtl_only``: only
    its right-to-left words (the other columns of a table share the line)."""
    done = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    )
    found: list[list[tuple[float, float, str]]] = []
    for page in done.stdout.decode("utf-8").split("<page "):
        middle = -100.0  # a word whose middle is 4 pt below the line's starts a line
        for left, top, right, bottom, word in sorted(
            WORD.findall(page), key=lambda w: float(w[1]) + float(w[3])
        ):
            if (float(top) + float(bottom)) / 2 > middle + 4:
                middle = (float(top) + float(bottom)) / 2
                found.append([])
            if RTL.search(word) or not rtl_only:
                found[-1].append((float(left), float(right), html.unescape(word)))
    lines = []
    for words in found:
        if any(RTL.search(word) for _left, _right, word in words):
            words.sort(reverse=True)  # read right to left; a word's own letters are drawn reversed
            typed = [normal(word[::-1] if RTL.search(word) else word) for _l, _r, word in words]
            lines.append((words[-1][0], words[0][1], latin_runs_forward(typed)))
    return lines


def latin_runs_forward(words: list[str]) -> list[str]:
    """Words read right to left with each run of left-to-right words (English in an Arabic
    note) turned back to read left to right."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, "\u05d0"]:
        if RTL.search(word):
            out += run[::-1]
            run = []
            out.append(word)
        else:
            run.append(word)
    return out[:-1]


def note_documents(note: str) -> dict[str, object]:
    inputs = full_inputs()
    step = replace(STEPS[0], what=note)
    return {
        "action-plan": replace(inputs["action-plan"], goals=(replace(GOALS[0], steps=(step,)),)),
        "workbook": replace(inputs["workbook"], steps=(step,)),
    }


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("note", [ARABIC_NOTE, HEBREW_NOTE], ids=["arabic", "hebrew"])
def test_a_long_right_to_left_note_prints_its_lines_in_reading_order(
    note: str, large: bool
) -> None:
    typed = normal(note).split(" ")
    assert len(typed) >= 36
    for kind, data in note_documents(note).items():
        lines = note_lines(build_pdf(kind, data, PrintOptions(large_print=large)), rtl_only=True)
        assert len(lines) >= 3, kind
        # the first words typed on the top line, every word once, each line read right to left
        assert [word for _left, _right, words in lines for word in words] == typed, kind
        assert lines[0][2][:3] == typed[:3]


def test_a_mixed_note_keeps_its_english_words_in_place() -> None:
    typed = normal(MIXED_NOTE).split(" ")
    pdf = build_pdf("workbook", note_documents(MIXED_NOTE)["workbook"], PrintOptions())
    lines = note_lines(pdf, rtl_only=False)
    assert len(lines) >= 2
    assert [word for _left, _right, words in lines for word in words] == typed


def test_a_right_to_left_note_is_right_aligned() -> None:
    pdf = build_pdf("workbook", note_documents(HEBREW_NOTE)["workbook"], PrintOptions())
    lines = note_lines(pdf, rtl_only=True)
    rights = [right for _left, right, _words in lines]
    assert max(rights) - min(rights) < 0.5  # every line ends at the right edge
    assert lines[-1][0] > lines[0][0] + 20  # the short last line starts further right
    # our own labels around it stay on the left
    step = next(line for line in lines_of(pdf) if line.text.startswith("Step 1"))
    assert step.x < lines[0][0]


def test_a_latin_document_is_drawn_exactly_as_reportlab_draws_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a paragraph holding right-to-left text goes through the line ordering."""
    latin = full_inputs()["action-plan"]
    hebrew = note_documents(HEBREW_NOTE)["action-plan"]
    ordered = [build_pdf("action-plan", data, PrintOptions()) for data in (latin, hebrew)]
    monkeypatch.setattr(Paragraph, "drawPara", Paragraph.drawPara.__wrapped__)
    assert build_pdf("action-plan", latin, PrintOptions()) == ordered[0]
    assert build_pdf("action-plan", hebrew, PrintOptions()) != ordered[1]


def test_a_right_to_left_list_item_stays_beside_its_bullet() -> None:
    data = replace(full_inputs()["pledge"], his_commitments=HEBREW_NOTE)
    lines = note_lines(build_pdf("pledge", data, PrintOptions()), rtl_only=True)
    assert [word for _left, _right, words in lines for word in words] == HEBREW_NOTE.split(" ")
    lefts = [left for left, _right, _words in lines]
    # left-aligned next to the bullet (the first line starts just after it, as in English)
    assert max(lefts[1:]) - min(lefts[1:]) < 0.5 and 0 <= lefts[0] - lefts[1] < 2
    assert lines[-1][1] < lines[0][1] - 20  # the short last line ends further left
