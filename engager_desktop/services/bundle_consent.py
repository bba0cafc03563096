"""What a bundle for chosen men leaves out for want of his consent (P35, data protection item 4).

A bundle for chosen men hands their records to someone else's laptop (the community practice
taking him on, another practitioner), so it follows the rule for prints meant for others: his
contact details and his whereabouts go only with his recorded agreement. Whole records are left
out, never single fields: a record with a field blanked would carry this record's clock stamp, and
an edit made to it on the other laptop would later come back and blank the field here too.

- His release plan (where he will live, accommodation, the gate meeting place, his phone number
  and other ways to reach him) goes only if he agreed to both kinds of sharing it holds.
- An appointment that names a place goes only if he agreed to share his whereabouts.
- Deleted copies of these still hold their text, so they stay too (the practitioner is told only
  about the live ones).

His own record (names, prison number, the prison he is in) always goes: without it the other
laptop cannot tell who the records are about. Nothing points at a release plan or an appointment,
so the bundle stays whole without them. A full or "since the last import" bundle is the
practitioner's own sync with the team and is not filtered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import ConsentKind
from engager_desktop.i18n import tr, trn
from engager_desktop.services.consent import WHAT, has_consent
from engager_desktop.store.orm import Appointment, Participant, ReleasePlan
from engager_desktop.sync.export import Withheld

WHEREABOUTS_FIELDS = ("going_to", "accommodation", "gate_meeting_place")
CONTACT_FIELDS = ("phone_number", "other_ways_to_reach")


def _filled(values: Iterable[object]) -> bool:
    return any(isinstance(v, str) and v.strip() for v in values)


def _because(missing: list[ConsentKind]) -> str:
    what = tr("Sync", " or ").join(tr("Errors", WHAT[kind]) for kind in missing)
    return tr("Sync", "he has not agreed to {what}").format(what=what)


def withheld_for_men(session: Session, men: tuple[str, ...]) -> Withheld:
    """The records of ``men`` that stay on this laptop, and why, in the practitioner's words."""
    records: dict[str, set[str]] = defaultdict(set)
    reasons: list[str] = []
    rows = session.execute(
        select(Participant.id, Participant.given_name, Participant.family_name).where(
            Participant.id.in_(men)
        )
    )
    names = {man_id: f"{given} {family}" for man_id, given, family in rows}
    for man_id in men:
        whereabouts = has_consent(session, man_id, ConsentKind.SHARE_WHEREABOUTS)
        contact = has_consent(session, man_id, ConsentKind.SHARE_CONTACT_DETAILS)
        if whereabouts and contact:
            continue
        who = names.get(man_id) or tr("Sync", "A man")
        plans = session.scalars(
            select(ReleasePlan).where(ReleasePlan.participant_id == man_id)
        ).all()
        for plan in plans:
            missing = []
            if not whereabouts and _filled(getattr(plan, f) for f in WHEREABOUTS_FIELDS):
                missing.append(ConsentKind.SHARE_WHEREABOUTS)
            if not contact and _filled(getattr(plan, f) for f in CONTACT_FIELDS):
                missing.append(ConsentKind.SHARE_CONTACT_DETAILS)
            if missing:
                records[ReleasePlan.__tablename__].add(plan.id)
                if not plan.deleted:  # a deleted copy still holds the text: kept here, unsaid
                    reasons.append(
                        tr("Sync", "{who}: his release plan ({because})").format(
                            who=who, because=_because(missing)
                        )
                    )
        if whereabouts:
            continue
        placed = session.execute(
            select(Appointment.id, Appointment.deleted).where(
                Appointment.participant_id == man_id,
                Appointment.location.is_not(None),
                Appointment.location != "",
            )
        ).all()
        records[Appointment.__tablename__].update(row_id for row_id, _deleted in placed)
        live = sum(not deleted for _row_id, deleted in placed)
        if live:
            what = trn(
                "Sync",
                "{n} appointment that names a place",
                "{n} appointments that name a place",
                live,
            )
            because = _because([ConsentKind.SHARE_WHEREABOUTS])
            reasons.append(f"{who}: {what} ({because})")
    return Withheld(
        {table: frozenset(ids) for table, ids in records.items() if ids}, tuple(reasons)
    )
