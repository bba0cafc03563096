"""Every kind of document: its content, his name, type sizes, embedded fonts, same bytes twice."""

from __future__ import annotations

import pytest

from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.styles import HIS
from tests.worksheets.pdfcheck import (
    BASE_14,
    lines_of,
    page_count,
    page_fonts,
    page_width,
    reader,
    sample_pdf,
    text_of,
)
from tests.worksheets.samples import EXPECTED, LONG_GOAL, NAME, PRINTED_TEXT, full_inputs

ALL = list(KINDS)
MAN_KINDS = [name for name, kind in KINDS.items() if kind.needs_man]
SIZES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]


def test_every_kind_has_sample_content_to_check() -> None:
    assert set(EXPECTED) == set(KINDS) == set(full_inputs())


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("large", SIZES)
def test_holds_the_expected_content_and_footer(kind: str, large: bool) -> None:
    text = text_of(sample_pdf(kind, PrintOptions(large_print=large)))
    for expected in EXPECTED[kind]:
        assert expected in text, f"{kind}: {expected!r} missing"
    assert f"Printed {PRINTED_TEXT}" in text
    assert "Page 1 of" in text


@pytest.mark.parametrize("kind", [*MAN_KINDS, "supervision"])
def test_names_him_as_he_wants_to_be_addressed(kind: str) -> None:
    assert NAME in text_of(sample_pdf(kind))


@pytest.mark.parametrize("kind", [k for k in MAN_KINDS if not KINDS[k].for_others])
def test_full_names_and_prison_numbers_stay_off_his_own_copy(kind: str) -> None:
    assert "A1234BC" not in text_of(sample_pdf(kind))


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("large", SIZES)
@pytest.mark.parametrize("blank", [False, True], ids=["filled", "empty"])
def test_no_character_is_smaller_than_the_minimum(kind: str, large: bool, blank: bool) -> None:
    options = PrintOptions(large_print=large, include_sensitive=True)
    lines = lines_of(sample_pdf(kind, options, blank))
    assert lines
    minimum = KINDS[kind].spec(options).min_size
    small = [(line.text, line.size) for line in lines if line.size < minimum - 0.01]
    assert not small, f"{kind}: text under {minimum} pt: {small[:3]}"
    if large:
        assert minimum == 16
    else:
        assert minimum == 12


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("large", SIZES)
def test_no_line_runs_past_the_margin(kind: str, large: bool) -> None:
    """Nothing is cut off: every line ends inside its column (a long goal wraps)."""
    pdf = sample_pdf(kind, PrintOptions(large_print=large, include_sensitive=True))
    spec = KINDS[kind].spec(PrintOptions(large_print=large))
    width = page_width(pdf)
    columns = 2 if kind == "services-card" else 1
    column = width / columns
    margin = spec.margin_mm * 72 / 25.4
    for line in lines_of(pdf):
        right = (int(line.x // column) + 1) * column - margin
        assert line.x + line.width <= right + 1.5, f"{kind}: {line.text!r} runs past the margin"
        assert line.x >= margin - 1.5


def test_a_long_goal_wraps_onto_several_lines() -> None:
    lines = lines_of(sample_pdf("action-plan"))
    goal = [line for line in lines if line.size == HIS.body]
    joined = " ".join(line.text for line in goal)
    assert f"We call it: {LONG_GOAL}" in joined
    wrapped = [line for line in goal if line.text.strip() and line.text.strip() in joined]
    assert len([line for line in wrapped if line.text.strip() in f"We call it: {LONG_GOAL}"]) >= 3


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("large", SIZES)
def test_every_font_is_embedded_and_none_is_base_14(kind: str, large: bool) -> None:
    fonts = page_fonts(sample_pdf(kind, PrintOptions(large_print=large)))
    assert fonts
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        assert base.split("+")[-1] not in BASE_14
        assert "DejaVuSans" in base
        assert "/FontFile2" in font["/FontDescriptor"], f"{base} is not embedded"


@pytest.mark.parametrize("kind", ALL)
def test_the_same_input_gives_the_same_bytes(kind: str) -> None:
    data = full_inputs()[kind]
    options = PrintOptions(large_print=True, include_sensitive=True)
    first = build_pdf(kind, data, options)
    assert build_pdf(kind, data, options) == first
    assert build_pdf(kind, full_inputs()[kind], options) == first


def test_metadata_is_fixed_and_holds_nothing_about_him() -> None:
    pdf = sample_pdf("release-plan")
    meta = reader(pdf).metadata
    assert meta is not None
    assert meta["/CreationDate"] == meta["/ModDate"]
    assert NAME not in " ".join(str(value) for value in meta.values())
    assert str(meta["/Title"]) == KINDS["release-plan"].title


@pytest.mark.parametrize("kind", ALL)
@pytest.mark.parametrize("large", SIZES)
def test_prints_for_a_man_with_nothing_recorded(kind: str, large: bool) -> None:
    pdf = sample_pdf(kind, PrintOptions(large_print=large), blank=True)
    text = text_of(pdf)
    assert KINDS[kind].title.split(":")[0] in text
    assert "Printed on:" in text
    assert "Page 1 of" in text


@pytest.mark.parametrize("kind", ALL)
def test_an_empty_man_prints_lines_to_fill_in_not_the_word_none(kind: str) -> None:
    text = text_of(sample_pdf(kind, PrintOptions(include_sensitive=True), blank=True))
    assert "None" not in text
    assert "For:" in text or not KINDS[kind].needs_man


def test_the_explainer_and_recovery_sheet_fit_one_page() -> None:
    for kind in ("explainer", "recovery-sheet"):
        assert page_count(sample_pdf(kind)) == 1
        assert page_count(sample_pdf(kind, blank=True)) == 1


@pytest.mark.parametrize("kind", [name for name, kind in KINDS.items() if kind.has_blank])
def test_a_blank_sheet_for_in_cell_use_is_one_page_in_normal_print(kind: str) -> None:
    assert page_count(sample_pdf(kind, blank=True)) == 1


def test_the_services_card_fits_one_folded_sheet() -> None:
    pdf = sample_pdf("services-card")
    page = reader(pdf).pages[0]
    assert page.mediabox.width > page.mediabox.height  # A4 landscape, folded in half
    assert page_count(pdf) == 1
    assert page_count(sample_pdf("services-card", blank=True)) == 1


def test_the_recovery_code_is_printed_in_large_digits() -> None:
    lines = lines_of(sample_pdf("recovery-sheet"))
    digits = [line for line in lines if line.text.strip().isdigit() and len(line.text) >= 6]
    assert len(digits) == 8
    assert all(line.size >= 24 for line in digits)
