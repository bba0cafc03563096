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

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace

import pytest
from pypdf import PdfReader

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
    # a short right-to-left phrase (a name) is kept on one line, in the right order
    assert fonts.printable("Dai דוד כהן") == "Dai ןהכ\u00a0דוד"
    five = "אחת שתיים שלוש ארבע חמש"
    assert "\u00a0" not in fonts.printable(five)  # a longer one may wrap (docs/fonts.md)


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
