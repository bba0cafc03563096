"""What an import would do or did: men and records new, updated, deleted, in conflict; warnings."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from engager_desktop.i18n import tr
from engager_desktop.sync.manifest import Manifest
from engager_desktop.sync.merge import Action
from engager_desktop.sync.plan import Plan


@dataclass(frozen=True)
class ImportSummary:
    bundle_id: str
    exporter: str
    exporter_name: str
    seq: int
    scope: str
    by_passphrase: bool
    already_imported: bool
    committed: bool
    men_new: int = 0
    men_updated: int = 0
    men_deleted: int = 0
    men_in_conflict: int = 0
    records_new: int = 0
    records_updated: int = 0
    records_deleted: int = 0
    records_in_conflict: int = 0
    records_unchanged: int = 0
    warnings: tuple[str, ...] = ()
    settled: tuple[str, ...] = ()  # conflicts here that the other laptop settled, in words

    def counts(self) -> dict[str, int]:
        return {
            "men_new": self.men_new,
            "men_updated": self.men_updated,
            "men_deleted": self.men_deleted,
            "men_in_conflict": self.men_in_conflict,
            "records_new": self.records_new,
            "records_updated": self.records_updated,
            "records_deleted": self.records_deleted,
            "records_in_conflict": self.records_in_conflict,
            "records_unchanged": self.records_unchanged,
        }

    def audit_detail(self) -> str:
        """Counts only: never a name or any content."""
        return (
            f"bundle {self.seq}: {self.records_new} new, {self.records_updated} updated, "
            f"{self.records_deleted} deleted, {self.records_in_conflict} in conflict"
            + (f", {len(self.settled)} settled elsewhere" if self.settled else "")
        )

    def lines(self) -> list[str]:
        """Plain-English lines for the CLI and the GUI's preview."""
        head = tr("Sync", "bundle {seq} from {name} (device {device})").format(
            seq=self.seq, name=self.exporter_name, device=self.exporter
        )
        if self.already_imported:
            return [tr("Sync", "{head}: already imported; nothing changed").format(head=head)]
        if self.committed:
            verb = tr("Sync", "{head}: imported")
        else:
            verb = tr("Sync", "{head}: would import (preview; nothing changed)")
        out = [
            verb.format(head=head),
            tr(
                "Sync",
                "  men: {new} new, {updated} updated, {deleted} deleted, {conflict} with conflicts",
            ).format(
                new=self.men_new,
                updated=self.men_updated,
                deleted=self.men_deleted,
                conflict=self.men_in_conflict,
            ),
            tr(
                "Sync",
                "  records: {new} new, {updated} updated, {deleted} deleted, {conflict} in "
                "conflict, {unchanged} unchanged",
            ).format(
                new=self.records_new,
                updated=self.records_updated,
                deleted=self.records_deleted,
                conflict=self.records_in_conflict,
                unchanged=self.records_unchanged,
            ),
        ]
        out.extend(tr("Sync", "  settled: {line}").format(line=w) for w in self.settled)
        out.extend(tr("Sync", "  warning: {line}").format(line=w) for w in self.warnings)
        return out


_WRITES = frozenset({Action.NEW, Action.UPDATE, Action.DELETE})  # as ``Decision.writes``


def summarise(
    made: Manifest,
    plan: Plan,
    warnings: list[str],
    *,
    committed: bool,
    already: bool = False,
) -> ImportSummary:
    men_new: set[str] = set()
    men_deleted: set[str] = set()
    touched: set[str] = set()
    conflicted: set[str] = set()
    actions: Counter[Action] = Counter()
    in_conflict = 0
    for item in plan.items:  # one pass: a large import plans ninety thousand records
        record = item.record
        action = item.decision.action
        actions[action] += 1
        if record.table == "participants" and action == Action.NEW:
            men_new.add(record.id)
        if record.table == "participants" and action == Action.DELETE:
            men_deleted.add(record.id)
        conflict = item.in_conflict
        in_conflict += conflict
        if action in _WRITES or conflict:
            man = record.participant_id
            if man is not None and action in _WRITES:
                touched.add(man)
            if man is not None and conflict:
                conflicted.add(man)
    all_warnings = list(warnings)
    return ImportSummary(
        bundle_id=made.bundle_id,
        exporter=made.exporter,
        exporter_name=made.exporter_name,
        seq=made.seq,
        scope=made.scope,
        by_passphrase=made.recipient_kind == "passphrase",
        already_imported=already,
        committed=committed,
        men_new=len(men_new),
        men_updated=len(touched - men_new - men_deleted),
        men_deleted=len(men_deleted),
        men_in_conflict=len(conflicted),
        records_new=actions[Action.NEW],
        records_updated=actions[Action.UPDATE],
        records_deleted=actions[Action.DELETE],
        records_in_conflict=in_conflict,
        records_unchanged=actions[Action.SAME] + actions[Action.OLDER],
        warnings=tuple(all_warnings),
        settled=tuple(s.words(made.exporter, made.exporter_name) for s in plan.settled),
    )
