"""Plain English: the fixed text passes the wording check, and entered text can be checked."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest

import engager_desktop.worksheets as package
from engager_desktop.domain.enums import Horizon
from engager_desktop.domain.wording import check, readability
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.findings import entered_text, wording_findings
from engager_desktop.worksheets.kinds import KINDS
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.pdfcheck import sample_pdf, text_of
from tests.worksheets.samples import LONG_GOAL, full_inputs

VARIANTS = [
    PrintOptions(),
    PrintOptions(include_sensitive=True, for_others=True),
    PrintOptions(large_print=True, consented_contact=True, consented_whereabouts=True),
]


def fixed_texts() -> Iterator[tuple[str, str]]:
    """Every module-level constant of text in the worksheets package (labels, prose, headings)."""
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            values = value.values() if isinstance(value, dict) else [value]
            for item in values:
                for text in item if isinstance(item, tuple) else [item]:
                    if isinstance(text, tuple):
                        yield from ((f"{module_info.name}.{name}", t) for t in text)
                    elif isinstance(text, str):
                        yield f"{module_info.name}.{name}", text


FIXED = list(fixed_texts())


def test_the_fixed_text_is_found() -> None:
    names = {name for name, _ in FIXED}
    assert {"explainer.DOES_NOT", "family_sheet.WHAT_TO_EXPECT", "labels.RESOURCE_KIND"} <= names
    assert len(FIXED) > 100


@pytest.mark.parametrize(("where", "text"), FIXED, ids=[name for name, _ in FIXED])
def test_fixed_text_has_no_labels_jargon_or_long_sentences(where: str, text: str) -> None:
    assert check(text) == [], f"{where}: {text!r}"
    assert readability(text).plain, f"{where}: a sentence is too long"


def test_the_demo_mans_entered_text_is_clean() -> None:
    """No labels or jargon; the one long sentence is the long goal, there on purpose."""
    for data in full_inputs().values():
        found = wording_findings(data)
        assert all(item.finding is None and item.text == LONG_GOAL for item in found)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("options", VARIANTS, ids=["plain", "sensitive-others", "large-consent"])
def test_no_printed_text_trips_the_wording_check(kind: str, options: PrintOptions) -> None:
    """With clean entered text, anything flagged in the PDF would be our own fixed text."""
    for blank in (False, True):
        text = text_of(sample_pdf(kind, options, blank))
        assert check(text) == [], f"{kind}: {[f.term for f in check(text)]}"


def test_wording_findings_name_the_field_and_the_term() -> None:
    data = i.ActionPlanInput(
        man=i.ManSummary(preferred_name="Dai"),
        goals=(
            i.GoalLine(
                title="Stay away from other addicts",
                horizon=Horizon.SHORT_TERM_RECOVERY,
                steps=(i.StepLine(what="Ask the CMHT about a referral"),),
            ),
        ),
    )
    found = wording_findings(data)
    places = {(item.where, item.finding.term) for item in found if item.finding}
    assert places == {("goals[0].title", "addict"), ("goals[0].steps[0].what", "CMHT")}
    first = next(item for item in found if item.where == "goals[0].title")
    assert first.text[first.start : first.end] == "addicts"
    assert "try" in first.message


def test_wording_findings_report_long_sentences_unless_asked_not_to() -> None:
    long = " ".join(["word"] * 30) + "."
    data = i.PledgeInput(his_commitments=long)
    found = wording_findings(data)
    assert [(item.where, item.words) for item in found] == [("his_commitments", 30)]
    assert "30 words" in found[0].message
    assert wording_findings(data, sentences=False) == []


def test_enum_values_are_not_checked_as_entered_text() -> None:
    data = i.GoalLine(title="A flat", horizon=Horizon.LONG_TERM_MAINTENANCE)
    assert [where for where, _ in entered_text(data)] == ["title"]
