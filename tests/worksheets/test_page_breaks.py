"""Pages that read as one piece (issue 17, item 3), checked from text positions for every kind,
normal and large, blank, typical and stress data."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from engager_desktop.worksheets import action_plan, supervision, understanding
from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.pagecheck import broken_words, problems
from tests.worksheets.pdfcheck import text_of
from tests.worksheets.samples import full_inputs
from tests.worksheets.stress import expected_texts, stress_inputs

SIZES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]
DATA = ["typical", "stress", "blank"]


def data_for(kind: str, source: str) -> object:
    if source == "blank":
        return None
    inputs = stress_inputs() if source == "stress" else full_inputs()
    return inputs.get(kind, full_inputs()[kind])


@lru_cache(maxsize=128)
def pdf_for(kind: str, source: str, large: bool) -> bytes:
    options = PrintOptions(large_print=large, include_sensitive=True)
    return build_pdf(kind, data_for(kind, source), options)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("large", SIZES)
@pytest.mark.parametrize("source", DATA)
def test_pages_read_as_one_piece(kind: str, large: bool, source: str) -> None:
    pdf = pdf_for(kind, source, large)
    spec = KINDS[kind].spec(PrintOptions(large_print=large))
    found = problems(kind, pdf, spec, blank=source == "blank")
    assert not found, f"{kind}: {found[:4]}"


@pytest.mark.parametrize("kind", sorted(stress_inputs()))
@pytest.mark.parametrize("large", SIZES)
def test_no_word_is_broken_inside(kind: str, large: bool) -> None:
    words: list[str] = []
    for item in expected_texts(kind, stress_inputs()[kind]):
        words += [word for word in re.findall(r"[\w'’-]+", item) if len(word) <= 12]
    broken = broken_words(text_of(pdf_for(kind, "stress", large)), sorted(set(words)))
    assert not broken, f"{kind}: {broken[:5]}"


HEADERS = {
    "supervision": [*supervision.HEADER, supervision.RISK_HEADER, "Out in the community"],
    "action-plan": list(action_plan.HEADER),
    "understanding": list(understanding.PRIORITY_HEADER),
    "release-plan": ["When", "Who with", "Where"],
}


@pytest.mark.parametrize("kind", sorted(HEADERS))
@pytest.mark.parametrize("large", SIZES)
@pytest.mark.parametrize("source", DATA)
def test_no_word_in_a_narrow_column_is_broken(kind: str, large: bool, source: str) -> None:
    """Table headings and the labels in narrow columns ("Meetings", "community") stay whole."""
    words = sorted({w for text in HEADERS[kind] for w in re.findall(r"[\w'’-]+", text)})
    text = text_of(pdf_for(kind, source, large))
    broken = broken_words(text, words)
    assert not broken, f"{kind}: {broken}"


@pytest.mark.parametrize("kind", [name for name, kind in KINDS.items() if kind.easy_read])
@pytest.mark.parametrize("source", DATA)
def test_easy_read_pages_read_as_one_piece(kind: str, source: str) -> None:
    options = PrintOptions(easy_read=True, include_sensitive=True)
    pdf = build_pdf(kind, data_for(kind, source), options)
    found = problems(kind, pdf, KINDS[kind].spec(options), blank=source == "blank")
    assert not found, f"{kind}: {found[:4]}"
