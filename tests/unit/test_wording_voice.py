"""A note written about him ("he was inside") going onto a paper written to him is found, with
the sentence rewritten to speak to him (issue 17, item 4)."""

from __future__ import annotations

import pytest

from engager_desktop.domain.wording import third_person


@pytest.mark.parametrize(
    ("note", "to_him"),
    [
        ("Tenancy kept on while he was inside", "Tenancy kept on while you were inside"),
        ("He wants to see his daughter", "You want to see your daughter"),
        ("Sam meets him at the gate", "Sam meets you at the gate"),
        ("He's worried about money", "You're worried about money"),
        ("he always calls on Mondays", "You always call on Mondays"),
        ("The client has ID", "You have ID"),
        ("He goes to the gym and he tries hard", "You go to the gym and you try hard"),
        ("He watches his drinking himself", "You watch your drinking yourself"),
        ("He isn't ready yet", "You aren't ready yet"),
        ("Dai tries hard", "You try hard"),
        ("Dai's mum will help", "Your mum will help"),
        ("Mr Ŵŷn is anxious about the bus", "You are anxious about the bus"),
    ],
)
def test_a_note_about_him_is_found_and_rewritten_to_him(note: str, to_him: str) -> None:
    found = third_person(note, names=("Dai", "Ŵŷn"))
    assert len(found) == 1
    assert found[0].rewrite == to_him
    assert (found[0].start, found[0].end) == (0, len(note))


@pytest.mark.parametrize(
    "note",
    [
        "You said you want a flat near your sister",
        "The hostel has a room. Shelter helps with forms.",
        "This is the help desk. These chairs are for us.",
        "Helen will phone the hospital",  # "he" only inside other words
        "Sam can help on Thursday",  # a name that is not his
    ],
)
def test_text_written_to_him_or_about_others_is_left_alone(note: str) -> None:
    assert third_person(note, names=("Dai",)) == []


def test_each_sentence_is_its_own_finding_with_its_place_in_the_text() -> None:
    text = "Room kept for you. He was inside for a year. Call the office."
    (found,) = third_person(text)
    assert text[found.start : found.end] == "He was inside for a year."
    assert found.words == ("He was",)
    assert found.rewrite == "You were inside for a year."
