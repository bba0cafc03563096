"""What a bundle carries: everything, only what the recipient has not acked, or chosen men."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from engager_desktop.services import sync
from engager_desktop.store.orm import Goal, Participant, Service
from engager_desktop.store.sync_state import SyncExport
from tests.sync.conftest import Laptop, add_man, edit_man


def test_since_ack_carries_only_what_is_new_to_the_recipient(
    make_laptop: Callable[[str], Laptop],
) -> None:
    prison, community, probation = (make_laptop(n) for n in ("prison", "community", "probation"))
    for a, b in (
        (prison, community),
        (community, prison),
        (prison, probation),
        (probation, prison),
    ):
        a.enrol(b)
    prison.clock.advance(3600)  # the prison laptop's clock is ahead of the probation laptop's
    first = add_man(prison, given_name="Acked")
    add_man(prison, given_name="AlsoAcked")
    community.take(prison.export(community))
    prison.take(community.export(prison))  # carries community's ack of prison's bundle 1
    relayed = add_man(probation, given_name="Relayed")  # stamped before prison's bundle 1
    prison.take(probation.export(prison))
    edit_man(prison, first, notes="changed after the ack")

    result = sync.export(
        prison.vault, prison.stick, recipients=(community.device_id,), since_ack=True
    )
    assert result.complete and result.note is None
    assert result.records == 2  # the edited man and the relayed one; not the unchanged man
    summary = community.take(result.path)
    assert summary.men_new == 1 and summary.men_updated == 1
    with community.vault.read() as session:
        names = set(session.scalars(select(Participant.given_name)))
    assert names == {"Acked", "AlsoAcked", "Relayed"}
    with prison.vault.read() as session:  # only the arrival rule could have carried it
        stamp = session.get(Participant, relayed).updated_at  # type: ignore[union-attr]
        cutoff = session.scalars(select(SyncExport.cutoff).where(SyncExport.seq == 1)).one()
    assert stamp < cutoff


def test_since_ack_without_an_ack_sends_everything(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    result = sync.export(
        prison.vault, prison.stick, recipients=(community.device_id,), since_ack=True
    )
    assert result.records == 1 and result.note is not None and "everything" in result.note


def test_chosen_men_carry_their_records_and_the_directory(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    chosen = add_man(prison, given_name="Chosen")
    add_man(prison, given_name="Other")
    with prison.vault.write() as session:
        session.add(Service(name="Housing advice", kind="housing", setting="community"))
        session.add(
            Goal(
                participant_id=chosen,
                title="A home",
                horizon="short_term",
                domain="housing",
                set_on=date(2026, 11, 2),
            )
        )
    result = sync.export(
        prison.vault, prison.stick, recipients=(community.device_id,), men=(chosen,)
    )
    assert not result.complete and result.men == 1 and result.records == 3
    community.take(result.path)
    with community.vault.read() as session:
        assert list(session.scalars(select(Participant.given_name))) == ["Chosen"]
        assert list(session.scalars(select(Service.name))) == ["Housing advice"]


def test_preview_matches_commit_and_changes_nothing(pair: tuple[Laptop, Laptop]) -> None:
    prison, community = pair
    add_man(prison)
    add_man(prison)
    bundle = prison.export(community)
    before = community.digest()
    preview = sync.preview_import(community.vault, bundle)
    assert community.digest() == before and not preview.committed
    done = sync.commit_import(community.vault, bundle)
    assert done.counts() == preview.counts() and done.committed
    assert "would import" in preview.lines()[0] and "imported" in done.lines()[0]
