"""Shared understanding from the first meetings (P1-P13): sections saved whole, items one by one.

Each section (identity, background, family, life story, readiness, pledge) is saved from a form and
returns the form as stored; each list (services he has known, priority problems, links map,
strengths, quick wins, distress ratings) has add / update / remove. ``load_understanding`` returns
everything as forms and views, so a wizard can pre-fill every page from what is already recorded.
Sensitive fields (``SENSITIVE_FIELDS``) stay out of print unless the practitioner ticks them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from engager_desktop.domain import distress
from engager_desktop.domain.enums import (
    QuickWinSource,
    Readiness,
    RelationshipWork,
    StrengthKind,
)
from engager_desktop.domain.validation import ValidationError, check_score, optional_text
from engager_desktop.i18n import tr
from engager_desktop.services import readiness_history
from engager_desktop.services.common import RuleBroken, get_live, refresh_search
from engager_desktop.services.participants import check_document_language, require_man
from engager_desktop.services.records import (
    apply_form,
    check_choice,
    check_not_future,
    not_deleted,
    to_view,
)
from engager_desktop.services.understanding_forms import (
    BackgroundForm,
    DistressView,
    FamilyForm,
    IdentityForm,
    LifeStoryForm,
    LinksMapForm,
    LinksMapView,
    PledgeForm,
    PriorityProblemForm,
    PriorityProblemView,
    QuickWinForm,
    QuickWinView,
    ReadinessForm,
    ServiceContactForm,
    ServiceContactView,
    StrengthForm,
    StrengthView,
    UnderstandingRecord,
)
from engager_desktop.store.orm import (
    Background,
    DistressRating,
    Goal,
    LinksMapEntry,
    Meeting,
    Participant,
    Pledge,
    PriorityProblem,
    QuickWin,
    Service,
    ServiceContact,
    Strength,
    Understanding,
)
from engager_desktop.store.orm.base import MEDIUM, OwnedByMan
from engager_desktop.store.vault import Vault

F = TypeVar("F")
Check = Callable[[Session, str, Any, date], None]

# Fields kept out of print by default and shown with a "sensitive" mark (P5, P6).
SENSITIVE_FIELDS = frozenset({"trauma", "contact_restrictions", "risk_notes"})

# --- sections: one record per man ---------------------------------------------------------------


def _find(session: Session, model: type[OwnedByMan], man_id: str) -> Any | None:
    return session.scalars(
        select(model)
        .where(model.participant_id == man_id, not_deleted(model.deleted))
        .order_by(model.updated_at.desc())
        .limit(1)
    ).first()


def _one_per_man(session: Session, model: type[OwnedByMan], man_id: str) -> Any:
    found = _find(session, model, man_id)
    return found if found is not None else model(participant_id=man_id)  # type: ignore[call-arg]


def _save_section(
    vault: Vault, man_id: str, model: type[OwnedByMan], form: F, check: Check | None = None
) -> F:
    today = vault.clock.today()
    with vault.write() as session:
        require_man(session, man_id)
        if check is not None:
            check(session, man_id, form, today)
        record = _one_per_man(session, model, man_id)
        apply_form(record, form)
        session.add(record)
        session.flush()
        return to_view(type(form), record)


def save_identity(vault: Vault, man_id: str, form: IdentityForm) -> IdentityForm:
    """P2, P11: his identity in his own words and how he wants to be addressed."""
    with vault.write() as session:
        man = require_man(session, man_id)
        check_document_language(form.document_language)
        apply_form(man, form, required=("preferred_name",))
        session.flush()
        refresh_search(session, man_id)
        return to_view(IdentityForm, man)


def save_background(vault: Vault, man_id: str, form: BackgroundForm) -> BackgroundForm:
    """P1, P11: existing assessments, past experience of services, what he expects of this one."""
    return _save_section(vault, man_id, Background, form)


def _check_family(session: Session, man_id: str, form: FamilyForm, today: date) -> None:
    check_choice(form.relationship_work, RelationshipWork, "relationship_work")
    check_not_future(form.restrictions_checked_on, today, "restrictions_checked_on")
    planned = form.relationship_work != RelationshipWork.NONE_DECIDED
    if planned and form.restrictions_checked_on is None:
        raise RuleBroken(
            tr(
                "Errors",
                (
                    "check his notes for restrictions on family contact, and record the "
                    "date you checked, before planning family work"
                ),
            )
        )


def save_family(vault: Vault, man_id: str, form: FamilyForm) -> FamilyForm:
    """P5: family context, restrictions (checked first), worries, and whether they help or harm."""
    return _save_section(vault, man_id, Background, form, _check_family)


def save_life_story(vault: Vault, man_id: str, form: LifeStoryForm) -> LifeStoryForm:
    """P3, P4, P6, P7: his whole life, trauma (sensitive), substances, basic needs, doing time."""
    return _save_section(vault, man_id, Background, form)


def _check_readiness(session: Session, man_id: str, form: ReadinessForm, today: date) -> None:
    if form.readiness is not None:
        check_choice(form.readiness, Readiness, "readiness")


def save_readiness(vault: Vault, man_id: str, form: ReadinessForm) -> ReadinessForm:
    """P9: readiness to change, and what he hopes to see at the end (P30); a change of readiness
    is kept in its dated history (services.readiness_history)."""
    today = vault.clock.today()
    with vault.write() as session:
        require_man(session, man_id)
        _check_readiness(session, man_id, form, today)
        record = _one_per_man(session, Understanding, man_id)
        before = (record.readiness, record.readiness_note)
        apply_form(record, form)
        session.add(record)
        readiness_history.note_change(
            session, man_id, before, (record.readiness, record.readiness_note), today
        )
        session.flush()
        return to_view(ReadinessForm, record)


def _check_pledge(session: Session, man_id: str, form: PledgeForm, today: date) -> None:
    check_not_future(form.signed_on, today, "signed_on")
    if form.signed_on is None:
        return
    if form.wanted is not True:
        raise RuleBroken(tr("Errors", "a pledge can only be signed if he wants one"))
    if (
        not (form.his_commitments or "").strip()
        or not (form.practitioner_commitments or "").strip()
    ):
        raise RuleBroken(
            tr("Errors", "write what each of you commits to before recording the signing")
        )


def save_pledge(vault: Vault, man_id: str, form: PledgeForm) -> PledgeForm:
    """P13: whether he wants a pledge, what each side commits to, and when both signed."""
    return _save_section(vault, man_id, Pledge, form, _check_pledge)


# --- lists: many records per man ----------------------------------------------------------------


@dataclass(frozen=True)
class _Kind:
    model: type[OwnedByMan]
    view: type[Any]
    what: str
    required: tuple[str, ...]
    check: Check | None


def _check_service_contact(
    session: Session, man_id: str, form: ServiceContactForm, today: date
) -> None:
    if form.service_id is not None:
        get_live(session, Service, form.service_id, "service")
    if form.excluded and not (form.exclusion_reason or "").strip():
        raise ValidationError(
            "exclusion_reason", tr("Errors", "Say why he is excluded from this service.")
        )


def _check_links(session: Session, man_id: str, form: LinksMapForm, today: date) -> None:
    parts = (form.situation, form.thoughts, form.feelings, form.behaviour, form.outcomes)
    if not any((part or "").strip() for part in parts):
        raise ValidationError(
            "situation", tr("Errors", "Fill in at least one part of the links map.")
        )
    check_not_future(form.recorded_on, today, "recorded_on")


def _check_strength(session: Session, man_id: str, form: StrengthForm, today: date) -> None:
    check_choice(form.kind, StrengthKind, "kind")


def _check_quick_win(session: Session, man_id: str, form: QuickWinForm, today: date) -> None:
    check_choice(form.source, QuickWinSource, "source")
    check_not_future(form.achieved_on, today, "achieved_on")


def _check_problem(session: Session, man_id: str, form: PriorityProblemForm, today: date) -> None:
    if form.goal_id is not None:
        goal = get_live(session, Goal, form.goal_id, "goal")
        if goal.participant_id != man_id:
            raise ValidationError("goal_id", tr("Errors", "That goal belongs to someone else."))


_KINDS: dict[type[Any], _Kind] = {
    ServiceContactForm: _Kind(
        ServiceContact, ServiceContactView, "service contact", (), _check_service_contact
    ),
    LinksMapForm: _Kind(LinksMapEntry, LinksMapView, "links map entry", (), _check_links),
    StrengthForm: _Kind(Strength, StrengthView, "strength", ("text",), _check_strength),
    QuickWinForm: _Kind(QuickWin, QuickWinView, "quick win", ("text",), _check_quick_win),
    PriorityProblemForm: _Kind(
        PriorityProblem, PriorityProblemView, "priority problem", ("his_words",), _check_problem
    ),
}


def _kind_of(form_type: type[Any]) -> _Kind:
    """The list a form (or a view, which is a form with an id) belongs to."""
    for cls in form_type.__mro__:
        if cls in _KINDS:
            return _KINDS[cls]
    raise TypeError(f"{form_type.__name__} is not a shared-understanding list item")


def _fill(session: Session, record: Any, form: Any, kind: _Kind, today: date) -> None:
    apply_form(record, form, required=kind.required)
    if isinstance(record, ServiceContact):
        if record.service_id and not record.service_name:
            record.service_name = get_live(session, Service, record.service_id, "service").name
        if not record.service_name:
            raise ValidationError("service_name", tr("Errors", "Service name needs filling in."))
    if isinstance(record, LinksMapEntry) and form.recorded_on is None:
        record.recorded_on = today


def add_item(vault: Vault, man_id: str, form: Any) -> Any:
    """Add one list item for him from ``form`` (any of the item forms); returns its view."""
    kind = _kind_of(type(form))
    today = vault.clock.today()
    with vault.write() as session:
        require_man(session, man_id)
        if kind.check is not None:
            kind.check(session, man_id, form, today)
        record = kind.model(participant_id=man_id)  # type: ignore[call-arg]
        _fill(session, record, form, kind, today)
        session.add(record)
        session.flush()
        return to_view(kind.view, record)


def update_item(vault: Vault, item_id: str, form: Any) -> Any:
    """Replace one list item with ``form``; returns its view."""
    kind = _kind_of(type(form))
    today = vault.clock.today()
    with vault.write() as session:
        record: Any = get_live(session, kind.model, item_id, kind.what)
        require_man(session, record.participant_id)
        if kind.check is not None:
            kind.check(session, record.participant_id, form, today)
        _fill(session, record, form, kind, today)
        session.flush()
        return to_view(kind.view, record)


def remove_item(vault: Vault, form_type: type[Any], item_id: str) -> None:
    """Remove (tombstone) one list item of the kind ``form_type`` names."""
    kind = _kind_of(form_type)
    with vault.write() as session:
        record = get_live(session, kind.model, item_id, kind.what)
        record.deleted = True


def record_distress(
    vault: Vault,
    man_id: str,
    score: int,
    note: str | None = None,
    *,
    rated_on: date | None = None,
    meeting_id: str | None = None,
) -> DistressView:
    """P9: distress rated together, 0 to 10, with a note; optionally at one of his meetings."""
    value, text, day = _distress_values(vault, score, note, rated_on)
    with vault.write() as session:
        require_man(session, man_id)
        _check_meeting(session, man_id, meeting_id)
        rating = DistressRating(
            participant_id=man_id, rated_on=day, score=value, note=text, meeting_id=meeting_id
        )
        session.add(rating)
        session.flush()
        return to_view(DistressView, rating)


def change_distress(vault: Vault, rating: DistressView) -> DistressView:
    """Put right a distress rating: its score, note, day and meeting as ``rating`` gives them."""
    value, text, day = _distress_values(vault, rating.score, rating.note, rating.rated_on)
    with vault.write() as session:
        row = get_live(session, DistressRating, rating.id, "distress rating")
        require_man(session, row.participant_id)
        _check_meeting(session, row.participant_id, rating.meeting_id)
        row.score, row.note, row.rated_on, row.meeting_id = value, text, day, rating.meeting_id
        session.flush()
        return to_view(DistressView, row)


def remove_distress(vault: Vault, rating_id: str) -> None:
    """Take out a distress rating entered by mistake (tombstoned, so other laptops learn of it)."""
    with vault.write() as session:
        get_live(session, DistressRating, rating_id, "distress rating").deleted = True


def _distress_values(
    vault: Vault, score: int, note: str | None, rated_on: date | None
) -> tuple[int, str | None, date]:
    value = check_score(score)
    text = optional_text(note, "note", MEDIUM)
    today = vault.clock.today()
    day = rated_on or today
    check_not_future(day, today, "rated_on")
    return value, text, day


def _check_meeting(session: Session, man_id: str, meeting_id: str | None) -> None:
    if meeting_id is not None:
        meeting = get_live(session, Meeting, meeting_id, "meeting")
        if meeting.participant_id != man_id:
            raise ValidationError("meeting_id", tr("Errors", "That meeting is with someone else."))


# --- reading it all back ------------------------------------------------------------------------


def _items(session: Session, model: type[OwnedByMan], view: type[F], man_id: str) -> tuple[F, ...]:
    rows = session.scalars(
        select(model)
        .where(model.participant_id == man_id, not_deleted(model.deleted))
        .order_by(model.created_at, literal_column(f"{model.__tablename__}.rowid"))
    ).all()
    return tuple(to_view(view, row) for row in rows)


def _section(record: object | None, form: type[F]) -> F:
    if record is None:
        return form()
    return to_view(form, record)


def load_understanding(vault: Vault, man_id: str) -> UnderstandingRecord:
    """Everything recorded for his shared understanding, ready to pre-fill the wizard."""
    with vault.read() as session:
        return understanding_in(session, require_man(session, man_id))


def understanding_in(session: Session, man: Participant) -> UnderstandingRecord:
    man_id = man.id
    background = _find(session, Background, man_id)
    ratings = tuple(
        sorted(
            _items(session, DistressRating, DistressView, man_id),
            key=lambda r: (r.rated_on, r.id),
        )
    )
    return UnderstandingRecord(
        man_id=man_id,
        identity=to_view(IdentityForm, man),
        background=_section(background, BackgroundForm),
        family=_section(background, FamilyForm),
        life_story=_section(background, LifeStoryForm),
        readiness=_section(_find(session, Understanding, man_id), ReadinessForm),
        pledge=_section(_find(session, Pledge, man_id), PledgeForm),
        service_contacts=_items(session, ServiceContact, ServiceContactView, man_id),
        priority_problems=_items(session, PriorityProblem, PriorityProblemView, man_id),
        links_map=_items(session, LinksMapEntry, LinksMapView, man_id),
        strengths=_items(session, Strength, StrengthView, man_id),
        quick_wins=_items(session, QuickWin, QuickWinView, man_id),
        distress=ratings,
        distress_trend=distress.trend([(r.rated_on, r.score) for r in ratings]),
        distress_suggestion=distress.support_suggestion(ratings[-1].score) if ratings else None,
        readiness_history=readiness_history.history_in(session, man_id),
    )


__all__ = [
    "SENSITIVE_FIELDS",
    "add_item",
    "change_distress",
    "load_understanding",
    "record_distress",
    "remove_distress",
    "remove_item",
    "save_background",
    "save_family",
    "save_identity",
    "save_life_story",
    "save_pledge",
    "save_readiness",
    "understanding_in",
    "update_item",
]
