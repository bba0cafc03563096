"""His help numbers (issue 17, item 6): every paper he takes out carries 999, 111, Samaritans,
the local crisis line and his worker's contact."""

from __future__ import annotations

import dataclasses

import pytest

from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.pdfcheck import text_of
from tests.worksheets.samples import WORKER, full_inputs
from tests.worksheets.stress import stress_inputs

TAKES_OUT = ["release-plan", "services-card", "ending"]
SIZES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]
CRISIS = "Harbour crisis line 0800 000 0000"


@pytest.mark.parametrize("kind", TAKES_OUT)
@pytest.mark.parametrize("large", SIZES)
@pytest.mark.parametrize("source", [full_inputs, stress_inputs], ids=["typical", "stress"])
def test_each_paper_he_takes_out_carries_the_help_numbers(
    kind: str, large: bool, source: object
) -> None:
    data = source()[kind]  # type: ignore[operator]
    data = dataclasses.replace(data, worker=dataclasses.replace(WORKER, crisis_line=CRISIS))
    text = text_of(build_pdf(kind, data, PrintOptions(large_print=large)))
    assert "If you need help now" in text
    for number in ("999", "111", "116 123"):
        assert f": {number}" in text, number
    assert f"Local crisis line: {CRISIS}" in text
    assert f"Your Engager worker: {WORKER.name}, {WORKER.phone}" in text


@pytest.mark.parametrize("kind", TAKES_OUT)
def test_a_blank_paper_has_lines_for_the_local_details(kind: str) -> None:
    text = text_of(build_pdf(kind, None, PrintOptions()))
    assert "Samaritans, any time, free: 116 123" in text
    assert "Local crisis line:" in text and "Your Engager worker's phone:" in text
