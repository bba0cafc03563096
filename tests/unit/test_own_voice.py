"""Goals written about him are spotted and suggested back in his voice."""

from __future__ import annotations

import pytest

from engager_desktop.domain.own_voice import about_him, in_his_voice


@pytest.mark.parametrize(
    ("about", "his_voice"),
    [
        ("He will find a flat", "I will find a flat"),
        ("He wants to find a flat near his mum", "I want to find a flat near my mum"),
        ("he really needs to see his GP", "I really need to see my GP"),
        ("He'll ring his sister himself", "I'll ring my sister myself"),
        ("His goal is to get a job", "My goal is to get a job"),
        ("He doesn't want to go back to the hostel", "I don't want to go back to the hostel"),
        ("He goes to the gym and he tries to keep busy", "I go to the gym and I try to keep busy"),
        ("He is going to apply for benefits", "I am going to apply for benefits"),
        ("He has to register with a GP", "I have to register with a GP"),
        ("He watches his drinking", "I watch my drinking"),
        ("He can't sleep", "I can't sleep"),
    ],
)
def test_third_person_goal_is_suggested_in_his_voice(about: str, his_voice: str) -> None:
    assert about_him(about)
    assert in_his_voice(about) == his_voice


@pytest.mark.parametrize(
    "text",
    ["I will find a flat", "Find a flat for him", "Somewhere to live on release", "", "Hello"],
)
def test_goals_in_his_voice_or_without_a_person_are_left_alone(text: str) -> None:
    assert in_his_voice(text) is None
