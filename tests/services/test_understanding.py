"""Shared understanding (P1-P13): sections, lists, distress over time, and pre-filling a wizard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from engager_desktop.domain.distress import Direction
from engager_desktop.domain.enums import RelationshipWork
from engager_desktop.domain.validation import ValidationError
from engager_desktop.services import understanding as u
from engager_desktop.services.common import NotFound, RuleBroken
from engager_desktop.services.participants import ParticipantForm, create_participant
from engager_desktop.services.understanding_forms import (
    BackgroundForm,
    FamilyForm,
    IdentityForm,
    LifeStoryForm,
    LinksMapForm,
    PledgeForm,
    PriorityProblemForm,
    QuickWinForm,
    ReadinessForm,
    ServiceContactForm,
    StrengthForm,
)
from engager_desktop.store.orm import AuditEvent, Background, Goal, Meeting, Service
from engager_desktop.store.vault import Vault

TODAY = date(2026, 11, 2)


@pytest.fixture
def man(vault: Vault) -> str:
    return create_participant(vault, ParticipantForm("Tomasz", "Nowak", "Tomasz")).id


def audited(vault: Vault, kind: str) -> list[str]:
    with vault.read() as session:
        return list(session.scalars(select(AuditEvent.action).where(AuditEvent.kind == kind)))


def test_nothing_recorded_gives_blank_forms(vault: Vault, man: str) -> None:
    record = u.load_understanding(vault, man)
    assert record.identity.preferred_name == "Tomasz"
    assert record.background == BackgroundForm()
    assert record.family.relationships_help is None  # never assumed
    assert record.pledge.wanted is None
    assert record.distress == () and record.distress_trend.direction is Direction.NOT_ENOUGH


def test_identity_in_his_own_words_and_form_of_address(vault: Vault, man: str) -> None:
    saved = u.save_identity(
        vault, man, IdentityForm("Mr Nowak", gender=" Man ", ethnicity="Polish", faith="Catholic")
    )
    assert saved == IdentityForm("Mr Nowak", "Man", "Polish", "Catholic")
    assert u.load_understanding(vault, man).identity == saved
    with pytest.raises(ValidationError):
        u.save_identity(vault, man, IdentityForm(" "))


def test_sections_share_one_background_record(vault: Vault, man: str) -> None:
    u.save_background(vault, man, BackgroundForm(existing_assessments="Sentence plan"))
    u.save_life_story(
        vault, man, LifeStoryForm(life_story="Grew up by the docks", trauma="Told in confidence")
    )
    u.save_family(vault, man, FamilyForm(family_worries="His mum is unwell"))
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Background)) == 1
    record = u.load_understanding(vault, man)
    assert record.background.existing_assessments == "Sentence plan"
    assert record.life_story.trauma == "Told in confidence"
    assert record.family.family_worries == "His mum is unwell"
    assert audited(vault, "backgrounds") == ["create", "update", "update"]
    assert "trauma" in u.SENSITIVE_FIELDS and "contact_restrictions" in u.SENSITIVE_FIELDS


def test_saving_a_section_again_replaces_it(vault: Vault, man: str) -> None:
    u.save_life_story(vault, man, LifeStoryForm(substance_use="Spice on the wing"))
    u.save_life_story(vault, man, LifeStoryForm(substance_use=""))
    assert u.load_understanding(vault, man).life_story.substance_use is None


def test_family_work_needs_restrictions_checked_first(vault: Vault, man: str) -> None:
    planned = FamilyForm(relationship_work=RelationshipWork.REPAIR.value, relationships_help=True)
    with pytest.raises(RuleBroken, match="restrictions"):
        u.save_family(vault, man, planned)
    assert audited(vault, "backgrounds") == []
    saved = u.save_family(vault, man, replace(planned, restrictions_checked_on=TODAY))
    assert saved.relationship_work == "repair" and saved.restrictions_checked_on == TODAY
    with pytest.raises(ValidationError):
        u.save_family(vault, man, replace(planned, relationship_work="ignore"))
    with pytest.raises(ValidationError):
        u.save_family(
            vault, man, replace(planned, restrictions_checked_on=TODAY + timedelta(days=1))
        )


def test_readiness_and_pledge(vault: Vault, man: str) -> None:
    assert u.save_readiness(vault, man, ReadinessForm("thinking_about_it")).readiness == (
        "thinking_about_it"
    )
    with pytest.raises(ValidationError):
        u.save_readiness(vault, man, ReadinessForm("desperate"))
    with pytest.raises(RuleBroken):
        u.save_pledge(vault, man, PledgeForm(wanted=False, signed_on=TODAY))
    with pytest.raises(RuleBroken):
        u.save_pledge(vault, man, PledgeForm(wanted=True, his_commitments="x", signed_on=TODAY))
    pledge = PledgeForm(True, "Come to sessions", "Be on time, every time", TODAY)
    assert u.save_pledge(vault, man, pledge) == pledge
    assert u.load_understanding(vault, man).pledge == pledge


def test_services_he_has_known_with_referrals_and_exclusions(vault: Vault, man: str) -> None:
    with vault.write() as session:
        service = Service(name="Quay Surgery", kind="gp", setting="community")
        session.add(service)
        session.flush()
        service_id = service.id
    gp = u.add_item(vault, man, ServiceContactForm(service_id=service_id, referral_made=True))
    assert gp.service_name == "Quay Surgery" and gp.referral_made
    with pytest.raises(ValidationError, match="excluded"):
        u.add_item(vault, man, ServiceContactForm("Day centre", excluded=True))
    barred = u.add_item(
        vault, man, ServiceContactForm("Day centre", excluded=True, exclusion_reason="A fight")
    )
    with pytest.raises(ValidationError):
        u.add_item(vault, man, ServiceContactForm())  # no name and no directory entry
    with pytest.raises(NotFound):
        u.add_item(vault, man, ServiceContactForm(service_id="no-such-service"))
    updated = u.update_item(vault, barred.id, replace(barred, outcome="Allowed back in May"))
    assert updated.outcome == "Allowed back in May" and updated.id == barred.id
    contacts = u.load_understanding(vault, man).service_contacts
    assert [c.service_name for c in contacts] == ["Quay Surgery", "Day centre"]


def test_lists_add_update_remove(vault: Vault, man: str) -> None:
    has = u.add_item(vault, man, StrengthForm("Good with his hands"))
    wants = u.add_item(vault, man, StrengthForm("Reading", kind="wants"))
    win = u.add_item(vault, man, QuickWinForm("Library card", source="himself"))
    links = u.add_item(vault, man, LinksMapForm(situation="Bang-up", feelings="Trapped"))
    assert links.recorded_on == TODAY
    u.update_item(vault, win.id, replace(win, achieved_on=TODAY))
    u.remove_item(vault, StrengthForm, wants.id)
    record = u.load_understanding(vault, man)
    assert record.strengths_has == (has,) and record.strengths_wants == ()
    assert record.quick_wins[0].achieved_on == TODAY
    assert record.links_map == (links,)
    assert audited(vault, "strengths") == ["create", "create", "delete"]
    with pytest.raises(NotFound):
        u.update_item(vault, wants.id, StrengthForm("Reading"))
    with pytest.raises(NotFound):
        u.remove_item(vault, QuickWinForm, "no-such-id")


@pytest.mark.parametrize(
    "form",
    [
        StrengthForm(""),
        StrengthForm("x" * 2001),
        StrengthForm("Cooking", kind="maybe"),
        QuickWinForm("Phone card", source="someone"),
        QuickWinForm("Phone card", achieved_on=TODAY + timedelta(days=2)),
        LinksMapForm(),
        LinksMapForm(situation="x", recorded_on=TODAY + timedelta(days=1)),
        PriorityProblemForm("  "),
    ],
)
def test_bad_list_items_refused(vault: Vault, man: str, form: object) -> None:
    with pytest.raises(ValidationError):
        u.add_item(vault, man, form)
    record = u.load_understanding(vault, man)
    assert record.strengths == record.quick_wins == record.links_map == ()


def test_priority_problem_linked_to_his_own_goal(vault: Vault, man: str) -> None:
    other = create_participant(vault, ParticipantForm("Ahmed", "Ali", "Ahmed")).id
    with vault.write() as session:
        goals = [
            Goal(participant_id=who, title="A flat", horizon="short_term_recovery",
                 domain="housing", set_on=TODAY)
            for who in (man, other)
        ]  # fmt: skip
        session.add_all(goals)
        session.flush()
        mine, theirs = goals[0].id, goals[1].id
    problem = u.add_item(vault, man, PriorityProblemForm("Nowhere to go", "Somewhere safe", mine))
    assert problem.goal_id == mine
    with pytest.raises(ValidationError, match="someone else"):
        u.add_item(vault, man, PriorityProblemForm("Nowhere to go", goal_id=theirs))


def test_distress_over_time(vault: Vault, man: str) -> None:
    for days_ago, score in ((20, 3), (10, 5), (1, 8)):
        u.record_distress(vault, man, score, "rated together", rated_on=TODAY - timedelta(days_ago))
    record = u.load_understanding(vault, man)
    assert [r.score for r in record.distress] == [3, 5, 8]
    assert record.distress_trend.direction is Direction.RISING
    assert record.distress_suggestion is not None and "One-to-one" in record.distress_suggestion
    for bad in (11, -1, 2.5, True):
        with pytest.raises(ValidationError):
            u.record_distress(vault, man, bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        u.record_distress(vault, man, 4, rated_on=TODAY + timedelta(days=1))
    with pytest.raises(NotFound):
        u.record_distress(vault, man, 4, meeting_id="no-such-meeting")


def test_distress_at_someone_elses_meeting_refused(vault: Vault, man: str) -> None:
    other = create_participant(vault, ParticipantForm("Ahmed", "Ali", "Ahmed")).id
    with vault.write() as session:
        meeting = Meeting(participant_id=other, starts_at=TODAY, place="prison")
        session.add(meeting)
        session.flush()
        meeting_id = meeting.id
    with pytest.raises(ValidationError):
        u.record_distress(vault, man, 4, meeting_id=meeting_id)
    rating = u.record_distress(vault, man, 4, "rated together")
    with pytest.raises(ValidationError, match="someone else"):
        u.change_distress(vault, replace(rating, meeting_id=meeting_id))
    with pytest.raises(ValidationError):
        u.change_distress(vault, replace(rating, score=11))
    assert [(r.score, r.meeting_id) for r in u.load_understanding(vault, man).distress] == [
        (4, None)
    ]
    u.remove_distress(vault, rating.id)
    assert u.load_understanding(vault, man).distress == ()
    with pytest.raises(NotFound):
        u.change_distress(vault, rating)
    with pytest.raises(NotFound):
        u.remove_distress(vault, rating.id)


def test_unknown_man_refused_everywhere(vault: Vault) -> None:
    with pytest.raises(NotFound):
        u.load_understanding(vault, "nobody")
    with pytest.raises(NotFound):
        u.save_background(vault, "nobody", BackgroundForm())
    with pytest.raises(NotFound):
        u.add_item(vault, "nobody", StrengthForm("Kind"))
    with pytest.raises(NotFound):
        u.record_distress(vault, "nobody", 3)


def test_a_failure_mid_way_leaves_nothing(
    vault: Vault, man: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = len(audited(vault, "backgrounds"))

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("power cut")

    monkeypatch.setattr(u, "to_view", broken)  # fails after the record was flushed
    with pytest.raises(RuntimeError):
        u.save_life_story(vault, man, LifeStoryForm(life_story="Grew up by the docks"))
    with vault.read() as session:
        assert session.scalar(select(func.count()).select_from(Background)) == 0
    assert len(audited(vault, "backgrounds")) == before
