"""Papers he keeps: clear print (14 pt, short lines, big tick boxes, dark writing lines), plain
words, goals that never print alike, and the Easy Read version (issue 17, items 4 and 5)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest

from engager_desktop.domain.enums import GoalDomain, ResourceKind, StepStatus
from engager_desktop.domain.wording import readability
from engager_desktop.worksheets import action_plan, ending, pledge, release_plan
from engager_desktop.worksheets import inputs as i
from engager_desktop.worksheets.findings import wording_findings
from engager_desktop.worksheets.kinds import KINDS, build_pdf
from engager_desktop.worksheets.labels import goal_names, who_text
from engager_desktop.worksheets.options import PrintOptions
from engager_desktop.worksheets.pictures import PICTURES
from engager_desktop.worksheets.styles import EASY as EASY_SPEC
from engager_desktop.worksheets.styles import HIS, LARGE, NORMAL, TICK_BOX_MM
from tests.worksheets.pdfcheck import (
    drawing_ops,
    lines_of,
    pictures_of,
    printed,
    rects_of,
    sample_pdf,
    text_of,
)
from tests.worksheets.samples import WORKER, full_inputs
from tests.worksheets.stress import expected_texts, stress_inputs

HIS_KINDS = [name for name, kind in KINDS.items() if kind.his]
OTHER_KINDS = [name for name, kind in KINDS.items() if not kind.his]
EASY_KINDS = [name for name, kind in KINDS.items() if kind.easy_read]
MOST_CHARS = 72  # "lines of at most about 70 characters"
EASY = PrintOptions(easy_read=True, include_sensitive=True)


def body_size(pdf: bytes) -> float:
    """The type size most of the text is printed at."""
    sizes = Counter(round(line.size, 1) for line in lines_of(pdf) for _ in line.text)
    return sizes.most_common(1)[0][0]


def test_the_papers_he_keeps_and_the_ones_for_others_are_named() -> None:
    assert set(HIS_KINDS) == {
        "understanding", "action-plan", "workbook", "pledge", "release-plan", "services-card",
        "ending", "links-map",
    }  # fmt: skip
    assert set(EASY_KINDS) == {"action-plan", "pledge", "release-plan", "ending"}
    assert HIS.body == 14 and NORMAL.body == 12 and LARGE.body == 16 and EASY_SPEC.min_size == 16


@pytest.mark.parametrize("kind", HIS_KINDS)
def test_his_papers_print_their_body_text_at_14_pt(kind: str) -> None:
    assert body_size(sample_pdf(kind)) == 14
    assert body_size(sample_pdf(kind, PrintOptions(large_print=True))) >= 16


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_papers_for_services_and_the_team_stay_at_12_pt(kind: str) -> None:
    assert body_size(sample_pdf(kind)) == 12


def test_a_copy_of_his_plan_for_a_service_is_12_pt() -> None:
    assert body_size(sample_pdf("action-plan", PrintOptions(for_others=True))) == 12


@pytest.mark.parametrize("kind", HIS_KINDS)
@pytest.mark.parametrize("source", ["typical", "stress"])
def test_no_line_on_his_papers_is_longer_than_about_70_characters(kind: str, source: str) -> None:
    data = stress_inputs().get(kind) if source == "stress" else full_inputs()[kind]
    if data is None:
        pytest.skip("no stress data for this kind")
    pdf = build_pdf(kind, data, PrintOptions(include_sensitive=True))
    longest = max(lines_of(pdf), key=lambda line: len(line.text.strip()))
    assert len(longest.text.strip()) <= MOST_CHARS, f"{kind}: {longest.text!r}"


@pytest.mark.parametrize("large", [False, True])
def test_tick_boxes_are_drawn_at_least_5_mm_a_side(large: bool) -> None:
    assert TICK_BOX_MM >= 5
    side = TICK_BOX_MM * 72 / 25.4
    options = PrintOptions(large_print=large)
    release = [
        r for r in rects_of(sample_pdf("release-plan", options)) if r == pytest.approx((side, side))
    ]
    assert len(release) == len(release_plan.READY)  # one box per thing to sort
    workbook = rects_of(sample_pdf("workbook", options, blank=True))
    boxes = [r for r in workbook if r == pytest.approx((side, side))]
    assert len(boxes) == 2 * 3  # Done and Not done, for each of three steps
    assert all(w >= 5 * 72 / 25.4 for w, h in boxes)


def test_writing_lines_are_at_least_60_percent_black() -> None:
    for spec in (NORMAL, HIS, LARGE, EASY_SPEC):
        assert 1 - spec.line_grey >= 0.6
    ops = "".join(drawing_ops(sample_pdf("workbook", blank=True)))
    assert ".35 .35 .35 RG" in ops  # the writing lines' colour as drawn (65% black)


STEP = i.StepLine(
    what="Ring the hostel",
    resource_kind=ResourceKind.OTHER_PROFESSIONAL,
    resource_name="Shelter Cymru",
    who="Practitioner",
    quick_win=True,
    status=StepStatus.OPEN,
)
PLAN = i.ActionPlanInput(
    worker=WORKER,
    goals=(
        i.GoalLine(title="Secure accommodation", his_words="A roof", steps=(STEP,)),
        i.GoalLine(title="Tenancy sustainment", his_words="A roof", domain=GoalDomain.HOUSING),
    ),
)


@pytest.mark.parametrize("large", [False, True])
def test_worker_words_become_plain_words_on_his_plan(large: bool) -> None:
    text = text_of(build_pdf("action-plan", PLAN, PrintOptions(large_print=large)))
    for worker_word in ("Practitioner", "Quick win", "Another service", "Who does it"):
        assert worker_word not in text
    assert "Sam Evans" in text and action_plan.SOON in text and "Shelter Cymru" in text


def test_who_does_a_step_is_said_plainly() -> None:
    assert who_text("Practitioner", "Sam Evans") == "Sam Evans"
    assert who_text("practitioner", None) == "Your Engager worker"
    assert who_text("Client", "Sam") == "You"
    assert who_text("Practitioner and client", None) == "Your Engager worker and you"
    assert who_text("Client & practitioner", "Sam") == "You & Sam"
    assert who_text("Probation", "Sam") == "Probation"
    assert who_text(None, "Sam") is None


def test_two_goals_in_the_same_words_print_differently() -> None:
    assert goal_names([("Secure accommodation", "A roof"), ("Tenancy sustainment", "A roof")]) == [
        "A roof (Secure accommodation)",
        "A roof (Tenancy sustainment)",
    ]
    assert goal_names([("Get a job", "Work"), ("Learn to cook", None)]) == ["Work", "Learn to cook"]
    plan = text_of(build_pdf("action-plan", PLAN, PrintOptions()))
    assert "Goal 1: A roof We call it: Secure accommodation" in plan
    assert "Goal 2: A roof We call it: Tenancy sustainment" in plan
    understanding = i.UnderstandingInput(goals=PLAN.goals)
    text = text_of(build_pdf("understanding", understanding, PrintOptions()))
    assert "A roof (Secure accommodation)" in text and "A roof (Tenancy sustainment)" in text


def test_his_papers_speak_to_him_and_use_no_worker_titles() -> None:
    release = text_of(sample_pdf("release-plan"))
    assert "Where you will stay" in release and "Where I will stay" not in release
    assert "Links map" not in text_of(sample_pdf("links-map"))
    assert "Quick wins" not in text_of(sample_pdf("understanding"))


# --- Easy Read --------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def easy_pdf(kind: str, source: str) -> bytes:
    data = {"typical": full_inputs(), "stress": stress_inputs()}.get(source, {}).get(kind)
    if source != "blank" and data is None:
        data = full_inputs()[kind]
    return build_pdf(kind, data, EASY)


@pytest.mark.parametrize("kind", EASY_KINDS)
@pytest.mark.parametrize("source", ["typical", "stress", "blank"])
def test_easy_read_is_16_pt_or_more_everywhere(kind: str, source: str) -> None:
    lines = lines_of(easy_pdf(kind, source))
    small = [(line.text, line.size) for line in lines if line.size < 16 - 0.01]
    assert not small, f"{kind}: {small[:3]}"


@pytest.mark.parametrize("kind", EASY_KINDS)
def test_easy_read_drops_nothing(kind: str) -> None:
    data = stress_inputs().get(kind)
    if data is None:
        pytest.skip("no stress data for this kind")
    text = text_of(easy_pdf(kind, "stress"))
    missing = [item[:40] for item in expected_texts(kind, data) if not printed(item, text)]
    assert not missing, f"{kind}: {missing[:3]}"


@pytest.mark.parametrize("kind", EASY_KINDS)
def test_easy_read_has_a_picture_beside_each_idea(kind: str) -> None:
    pictures = pictures_of(easy_pdf(kind, "typical"))
    assert set(pictures) <= set(PICTURES)
    assert len(pictures) >= 5, pictures
    assert not pictures_of(sample_pdf(kind))  # the usual version has none


def test_easy_read_pictures_follow_the_content() -> None:
    plan = pictures_of(easy_pdf("action-plan", "typical"))
    assert plan[:2] == ["people", "house"]  # the opening words, then the housing goal
    assert "star" in plan  # the quick win
    assert plan.count("book") == 1  # the goal about work and learning
    promises = pictures_of(easy_pdf("pledge", "typical"))
    assert promises.count("person") == 1 + 2 and promises.count("handshake") == 1 + 2
    assert "pen" in promises  # the signatures
    assert {"door", "clock", "calendar", "bag", "pill"} <= set(
        pictures_of(easy_pdf("release-plan", "typical"))
    )
    assert {"warning", "heart"} <= set(pictures_of(easy_pdf("ending", "typical")))


@pytest.mark.parametrize("kind", EASY_KINDS)
def test_easy_read_gives_the_same_bytes_twice(kind: str) -> None:
    data = full_inputs()[kind]
    assert build_pdf(kind, data, EASY) == build_pdf(kind, data, EASY)


@pytest.mark.parametrize("kind", OTHER_KINDS + ["workbook", "understanding"])
def test_easy_read_is_refused_where_there_is_none(kind: str) -> None:
    with pytest.raises(ValueError, match="no Easy Read version"):
        build_pdf(kind, None, EASY)


def test_easy_read_fixed_words_keep_to_short_sentences() -> None:
    fixed = [
        action_plan.INTRO, pledge.INTRO, release_plan.INTRO, ending.INTRO,
        release_plan.more_appointments(3),
    ]  # fmt: skip
    for text in fixed:
        assert readability(text, 15).plain, text


def test_the_wording_check_warns_above_15_words_in_easy_read() -> None:
    sixteen = "I will ring my sister on Sunday and tell her about the flat near the bus stop."
    data = i.PledgeInput(his_commitments=sixteen)
    assert readability(sixteen).words == 17
    assert not [f for f in wording_findings(data) if f.words]
    (warning,) = [f for f in wording_findings(data, max_words=15) if f.words]
    assert warning.words == 17 and "15 words or fewer" in warning.message
