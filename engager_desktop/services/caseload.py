"""Caseload use cases: the filtered list, counts per filter, search, and one man's whole record.

What each figure and filter means is set out in ``caseload_query``. With no filter every man is
listed, closed ones included; every filter given applies.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from engager_desktop.domain.enums import Phase
from engager_desktop.domain.validation import ValidationError
from engager_desktop.i18n import tr
from engager_desktop.services import consent, participants, team
from engager_desktop.services.caseload_query import (
    CaseloadFilter,
    CaseloadRow,
    conditions,
    days_to_release,
    men_with_figures,
    rows_where,
)
from engager_desktop.services.consent import ConsentView
from engager_desktop.services.man_record import PlanRows, read_plan_rows
from engager_desktop.services.participants import (
    ParticipantView,
    PhaseChangeView,
    require_man,
    view_of,
)
from engager_desktop.services.records import not_deleted
from engager_desktop.services.search_maintenance import match_ids
from engager_desktop.services.understanding import understanding_in
from engager_desktop.services.understanding_forms import UnderstandingRecord
from engager_desktop.store.orm import Participant
from engager_desktop.store.vault import Vault

MAX_DAYS = 3650
SEARCH_LIMIT = 200
DEFAULT_RELEASE_WITHIN = 28
DEFAULT_NO_CONTACT = 14
FILTER_FORMS = (
    "release-within:N, overdue, no-contact:N, phase:IDENTIFIER, conflicts "
    "or held-by:WHO (me, a laptop's device id, or a practitioner's or laptop's name)"
)
MINE = "me"  # held-by:me, the men this laptop holds
_DEVICE_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class FilterError(ValidationError):
    def __init__(self, message: str) -> None:
        super().__init__("filter", message)


@dataclass(frozen=True)
class FilterCounts:
    """How many men each filter would show, for the buttons beside the list."""

    everyone: int
    phases: dict[str, int] = field(default_factory=dict)
    release_within: int = 0
    overdue: int = 0
    no_contact: int = 0
    conflicts: int = 0
    release_within_days: int = DEFAULT_RELEASE_WITHIN
    no_contact_days: int = DEFAULT_NO_CONTACT


# --- filters from text (CLI) ---------------------------------------------------------------------


def _days(value: str, text: str, low: int) -> int:
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= MAX_DAYS:
        raise FilterError(
            tr(
                "Errors", "filter {text!r} needs a whole number of days from {low} to {max_days}"
            ).format(text=text, low=low, max_days=MAX_DAYS)
        )
    return int(value)


def parse_filters(texts: Iterable[str]) -> CaseloadFilter:
    """Read filters such as ``release-within:28``; an unknown one names the accepted forms."""
    phases: list[str] = []
    release: list[int] = []
    no_contact: list[int] = []
    overdue = conflicts = False
    held_by: list[str] = []
    for raw in texts:
        text = raw.strip()
        name, _, value = text.partition(":")
        if name == "release-within" and value:
            release.append(_days(value, text, 0))
        elif name == "no-contact" and value:
            no_contact.append(_days(value, text, 1))
        elif name == "phase" and value in {p.value for p in Phase}:
            phases.append(value)
        elif text == "overdue":
            overdue = True
        elif text == "conflicts":
            conflicts = True
        elif name == "held-by" and value.strip() and len(value) <= 200:
            if held_by:
                raise FilterError("give the filter held-by once (a man has one holder)")
            held_by.append(" ".join(value.split()))
        else:
            phases_known = ", ".join(p.value for p in Phase)
            raise FilterError(
                tr(
                    "Errors",
                    "unknown filter {text!r}: use {filter_forms} (IDENTIFIER: {phases_known})",
                ).format(text=text, filter_forms=FILTER_FORMS, phases_known=phases_known)
            )
    return CaseloadFilter(
        phases=tuple(dict.fromkeys(phases)),
        release_within=min(release) if release else None,
        overdue=overdue,
        no_contact_days=max(no_contact) if no_contact else None,
        conflicts=conflicts,
        held_by=tuple(held_by),  # what was typed: resolve_holders turns it into device ids
    )


def resolve_holders(vault: Vault, filters: CaseloadFilter) -> CaseloadFilter:
    """``held-by:WHO`` as the caseload's "Held by" filter reads it: ``me`` is this laptop; a
    device id is that laptop; otherwise a practitioner's (or laptop's) name as the "Held by"
    column shows it, case aside, is every laptop of theirs. FilterError when nobody matches."""
    if not filters.held_by:
        return filters
    (who,) = filters.held_by
    view = team.team_view(vault)
    if who.casefold() == MINE:
        ids: tuple[str, ...] = (view.own,)
    elif who.lower() in view.holders or _DEVICE_ID.fullmatch(who.lower()):
        ids = (who.lower(),)  # a device id, enrolled here or not (the column shows both)
    else:
        ids = next(
            (found for label, found in view.others_by_label().items() if label.casefold()
             == who.casefold()),
            (),
        )  # fmt: skip
        own = view.holders.get(view.own)
        if not ids and own is not None and own.label.casefold() == who.casefold():
            ids = (view.own,)
    if not ids:
        raise FilterError(
            "no practitioner or laptop of that name is known here: use held-by:me, a device id "
            "or a name the caseload's Held by column shows (engager-desktop devices lists them)"
        )
    return dataclasses.replace(filters, held_by=ids)


# --- use cases ------------------------------------------------------------------------------------


def list_caseload(
    vault: Vault, filters: CaseloadFilter | None = None, *, today: date | None = None
) -> tuple[CaseloadRow, ...]:
    """The caseload, filtered; soonest release first, closed men last."""
    day = today or vault.clock.today()
    with vault.read() as session:
        return tuple(rows_where(session, day, conditions(filters or CaseloadFilter(), day)))


def caseload_row(session: Session, man_id: str, today: date) -> CaseloadRow | None:
    rows = rows_where(session, today, [Participant.id == man_id, not_deleted(Participant.deleted)])
    return rows[0] if rows else None


def filter_counts(
    vault: Vault,
    *,
    today: date | None = None,
    release_within: int = DEFAULT_RELEASE_WITHIN,
    no_contact_days: int = DEFAULT_NO_CONTACT,
) -> FilterCounts:
    """How many men each filter shows (phases counted one by one)."""
    day = today or vault.clock.today()
    checks = (
        CaseloadFilter(release_within=release_within),
        CaseloadFilter(overdue=True),
        CaseloadFilter(no_contact_days=no_contact_days),
        CaseloadFilter(conflicts=True),
    )
    sums = [func.sum(case((and_(*conditions(f, day)[1:]), 1), else_=0)) for f in checks]
    with vault.read() as session:
        phases = dict(
            session.execute(
                select(Participant.phase, func.count())
                .where(not_deleted(Participant.deleted))
                .group_by(Participant.phase)
            ).all()
        )
        totals = session.execute(
            select(func.count(), *sums)
            .select_from(men_with_figures())
            .where(not_deleted(Participant.deleted))
        ).one()
    return FilterCounts(
        everyone=totals[0],
        phases={p.value: phases.get(p.value, 0) for p in Phase},
        release_within=totals[1] or 0,
        overdue=totals[2] or 0,
        no_contact=totals[3] or 0,
        conflicts=totals[4] or 0,
        release_within_days=release_within,
        no_contact_days=no_contact_days,
    )


def search(
    vault: Vault,
    text: str,
    *,
    filters: CaseloadFilter | None = None,
    today: date | None = None,
    limit: int = SEARCH_LIMIT,
) -> tuple[CaseloadRow, ...]:
    """Men found by name, prison number, goal words or notes: every word typed must match the
    start of a word of his (so search-as-you-type works), best match first.

    Any text is safe: quotes, ``OR``, ``*`` and other query syntax are searched for as words.
    While every word typed is under three letters the first ``limit`` men found come back in
    caseload order instead (ranking nearly everyone is slow and tells nothing). ``filters``
    then narrow what was found.
    """
    day = today or vault.clock.today()
    with vault.read() as session:
        ids, ranked = match_ids(session, text, limit)
        if not ids:
            return ()
        where = [*conditions(filters or CaseloadFilter(), day), Participant.id.in_(ids)]
        rows = rows_where(session, day, where, ordered=not ranked)
    if not ranked:
        return tuple(rows)
    rank = {man_id: index for index, man_id in enumerate(ids)}
    return tuple(sorted(rows, key=lambda row: rank[row.id]))


@dataclass(frozen=True)
class ManRecord:
    """His whole record: details, the caseload figures, and every part of the work with him."""

    participant: ParticipantView
    summary: CaseloadRow
    phase_changes: tuple[PhaseChangeView, ...]
    consents: tuple[ConsentView, ...]  # newest first
    understanding: UnderstandingRecord
    plan: PlanRows


def load_man(vault: Vault, man_id: str, *, today: date | None = None) -> ManRecord:
    """Everything recorded about him, read in one transaction (NotFound if he is not there)."""
    day = today or vault.clock.today()
    with vault.read() as session:
        man = require_man(session, man_id)
        summary = caseload_row(session, man_id, day)
        assert summary is not None
        return ManRecord(
            participant=view_of(man),
            summary=summary,
            phase_changes=participants.history_in(session, man_id),
            consents=consent.history_in(session, man_id),
            understanding=understanding_in(session, man),
            plan=read_plan_rows(session, man_id),
        )


__all__ = [
    "CaseloadFilter",
    "CaseloadRow",
    "FilterCounts",
    "FilterError",
    "ManRecord",
    "caseload_row",
    "days_to_release",
    "filter_counts",
    "list_caseload",
    "load_man",
    "parse_filters",
    "search",
]
