"""Nothing is dropped: on a stress man every entered item is on the paper, or the paper says how
many more there are and where they are (issue 17, item 1)."""

from __future__ import annotations

from functools import lru_cache

import pytest

from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.kinds import build_pdf
from engager_desktop.worksheets.options import PrintOptions
from tests.worksheets.pdfcheck import printed, text_of
from tests.worksheets.stress import APPOINTMENTS, expected_texts, stress_inputs

SIZES = [pytest.param(False, id="normal"), pytest.param(True, id="large")]
KINDS_WITH_LISTS = sorted(stress_inputs())


@lru_cache(maxsize=64)
def stress_text(kind: str, large: bool) -> str:
    options = PrintOptions(large_print=large, include_sensitive=True)
    return text_of(build_pdf(kind, stress_inputs()[kind], options))


@pytest.mark.parametrize("kind", KINDS_WITH_LISTS)
@pytest.mark.parametrize("large", SIZES)
def test_every_entered_item_is_printed(kind: str, large: bool) -> None:
    text = stress_text(kind, large)
    expected = expected_texts(kind, stress_inputs()[kind])
    assert expected
    missing = [item[:40] for item in expected if not printed(item, text)]
    assert not missing, f"{kind}: {len(missing)} of {len(expected)} missing, e.g. {missing[:3]}"


def test_the_stress_man_has_what_the_issue_names() -> None:
    data = stress_inputs()
    assert len(data["action-plan"].goals) == 40
    assert sum(len(goal.steps) for goal in data["action-plan"].goals) == 120
    assert len(data["release-plan"].appointments) == APPOINTMENTS == 13
    assert len(data["links-map"].entries) == 5
    assert len(data["understanding"].doing_your_time) >= 1990


@pytest.mark.parametrize("large", SIZES)
def test_the_workbook_names_each_steps_goal(large: bool) -> None:
    text = stress_text("workbook", large)
    assert "For the goal: Goal text g01" in text
    assert "More steps before we meet" in text
    assert "Step 40:" in text


@pytest.mark.parametrize("large", SIZES)
def test_a_cut_list_says_on_the_paper_how_many_more_and_where(large: bool) -> None:
    family = stress_text("family-sheet", large)
    assert "And 3 more services for families, not shown here." in family
    assert "His Engager worker can tell you about them." in family
    plan = i.ReleaseInput(
        appointments=(i.AppointmentLine(with_whom="Probation"),), appointments_more=1
    )
    text = text_of(build_pdf("release-plan", plan, PrintOptions(large_print=large)))
    assert "And 1 more appointment in your first two weeks" in text
    assert "Your Engager worker has the full list" in text


def test_nothing_is_said_about_more_when_nothing_was_cut() -> None:
    assert "more appointment" not in stress_text("release-plan", False)
    assert "not shown here" not in text_of(build_pdf("family-sheet", None, PrintOptions()))
