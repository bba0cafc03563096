"""His readiness to change kept as a dated history (P9), one rating per day at most.

Every save of his readiness (the understanding wizard, the Shared understanding tab's form)
passes through ``understanding.save_readiness``, which calls ``note_change`` in its transaction.
A change of readiness or of what he said about it adds a rating for today; a second change the
same day corrects today's rating instead (his readiness as it stood at the end of the day), and
a change back to what the day before it held (an undo) removes today's rating again. The current
value stays on ``understandings``.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.services.records import not_deleted
from engager_desktop.services.understanding_forms import ReadinessView
from engager_desktop.store.orm import ReadinessRating

Value = tuple[str | None, str | None]  # (readiness, what he said about it)


def _ratings(session: Session, man_id: str) -> list[ReadinessRating]:
    return list(
        session.scalars(
            select(ReadinessRating)
            .where(ReadinessRating.participant_id == man_id, not_deleted(ReadinessRating.deleted))
            .order_by(ReadinessRating.rated_on, ReadinessRating.created_at)
        )
    )


def note_change(session: Session, man_id: str, before: Value, after: Value, today: date) -> None:
    """Keep the history in step after his readiness went from ``before`` to ``after``."""
    if after == before:
        return
    ratings = _ratings(session, man_id)
    latest = ratings[-1] if ratings else None
    if latest is not None and latest.rated_on == today:
        earlier = ratings[-2] if len(ratings) > 1 else None
        held = (earlier.readiness, earlier.note) if earlier else (None, None)
        if after == held:
            latest.deleted = True
        else:
            latest.readiness, latest.note = after
        return
    if after == (None, None):
        return  # emptied: the history keeps what he said before
    rating = ReadinessRating(
        participant_id=man_id, rated_on=today, readiness=after[0], note=after[1]
    )
    session.add(rating)


def history_in(session: Session, man_id: str) -> tuple[ReadinessView, ...]:
    """Every rating of his readiness, oldest first."""
    return tuple(
        ReadinessView(r.id, r.rated_on, r.readiness, r.note, r.meeting_id)
        for r in _ratings(session, man_id)
    )
