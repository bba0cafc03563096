"""Bad input prints anyway: very long text, characters outside Latin-1, control characters."""

from __future__ import annotations

import dataclasses
import io
from typing import Any

import pytest

from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.fonts import REPLACEMENT, printable
from engager_desktop.worksheets.kinds import KINDS, build_pdf, kind
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.pdfcheck import lines_of, page_width, text_of
from tests.worksheets.samples import full_inputs

LONG_WORDS = "Tŷ-bach " + "x" * 900 + " end"
LONG_PROSE = " ".join(["Rydw i'n mynd adref yfory gyda fy mrawd."] * 30)


def _fill(value: Any, text: str) -> Any:
    """A copy of an input with every piece of entered text replaced by ``text``."""
    if isinstance(value, str):
        return text
    if isinstance(value, tuple):
        return tuple(_fill(item, text) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: _fill(getattr(value, field.name), text)
            for field in dataclasses.fields(value)
            if not isinstance(getattr(value, field.name), bool | int | type(None))
            or isinstance(getattr(value, field.name), str)
        }
        return dataclasses.replace(value, **changes)
    return value


@pytest.mark.parametrize("name", list(KINDS))
@pytest.mark.parametrize("text", [LONG_WORDS, LONG_PROSE], ids=["long-words", "long-prose"])
def test_very_long_text_wraps_and_never_fails(name: str, text: str) -> None:
    data = _fill(full_inputs()[name], text)
    options = PrintOptions(include_sensitive=True)
    pdf = build_pdf(name, data, options)
    width = page_width(pdf) / (2 if name == "services-card" else 1)
    margin = KINDS[name].spec(options).margin_mm * 72 / 25.4
    for line in lines_of(pdf):
        right = (int(line.x // width) + 1) * width - margin
        assert line.x + line.width <= right + 1.5, f"{name}: {line.text[:30]!r}"


NAMES = {
    "welsh": "Gwŷn ap Llŵyd",
    "polish": "Łukasz Żółć",
    "arabic": "سعيد",
    "chinese": "王小明",
    "emoji": "Dai 🙂",
    "controls": "Dai\x00\x07\u200b\u202e Jones\r\nSecond line",
    "markup": "<b>Dai</b> & <i>Co</i> &amp;",
    "lone surrogate": "Dai \udc80",
}


@pytest.mark.parametrize("name", list(KINDS))
def test_text_in_any_script_prints(name: str) -> None:
    """Welsh, Polish, Arabic, Chinese, emoji, control characters, markup: all at once."""
    data = _fill(full_inputs()[name], " | ".join(NAMES.values()))
    text = text_of(build_pdf(name, data, PrintOptions(large_print=True)))
    if name != "recovery-sheet":  # the recovery sheet prints only the digits of a code
        assert "Gwŷn ap Llŵyd" in text and "Łukasz Żółć" in text


def test_welsh_and_polish_letters_print_as_themselves() -> None:
    man = i.ManSummary(preferred_name="Gwŷn Łukasz Żółć ŵ Ŵ ŷ Ŷ")
    text = text_of(build_pdf("pledge", i.PledgeInput(man=man), PrintOptions()))
    assert "Gwŷn Łukasz Żółć ŵ Ŵ ŷ Ŷ" in text


def test_markup_in_entered_text_prints_as_typed() -> None:
    man = i.ManSummary(preferred_name="<b>Dai</b> & Co")
    text = text_of(build_pdf("workbook", i.WorkbookInput(man=man), PrintOptions()))
    assert "<b>Dai</b> & Co" in text


def test_characters_no_font_has_become_a_visible_mark() -> None:
    hieroglyphs = "\U00013000\U00013001\U00013002"  # no font we ship has Egyptian hieroglyphs
    assert printable("王") == "王"
    assert printable(hieroglyphs[0]) == REPLACEMENT
    assert printable("Tŷ\x00\u200b\r\nok\t1") == "Tŷ\nok 1"
    assert printable("w\u0302") == "ŵ"  # a decomposed ŵ is composed before printing
    man = i.ManSummary(preferred_name=hieroglyphs)
    text = text_of(build_pdf("pledge", i.PledgeInput(man=man), PrintOptions()))
    assert REPLACEMENT * 3 in text


def test_a_wrong_input_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="ActionPlanInput"):
        build_pdf("action-plan", i.PledgeInput(), PrintOptions())
    with pytest.raises(ValueError, match="the kinds are"):
        kind("nonsense")


def test_plain_strings_work_where_enums_are_expected() -> None:
    step = i.StepLine(what="Call", resource_kind="other_professional", status="not_done")  # type: ignore[arg-type]
    goal = i.GoalLine(title="A job", horizon="long_term_maintenance", steps=(step,))  # type: ignore[arg-type]
    text = text_of(build_pdf("action-plan", i.ActionPlanInput(goals=(goal,)), PrintOptions()))
    assert "Another service" in text and "Not done" in text and "For the longer term" in text


def test_build_writes_to_any_binary_stream() -> None:
    out = io.BytesIO()
    KINDS["explainer"].build(i.ExplainerInput(), out, PrintOptions())
    assert out.getvalue() == build_pdf("explainer", None, PrintOptions())
