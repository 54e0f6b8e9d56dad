"""Actors in whole articles (issue #16): the coder with the shipped knowledge base links a person only on
evidence, and generic actors take the article's country from its dateline and places, never from a
person linked in it."""

from __future__ import annotations

import pytest

from eventwire.events.coder import EventCoder

TRIAL = (
    "CHARLESTON, W.Va. (AP) — A jury in Kanawha County heard on Tuesday how Clark shot his neighbour during "
    "an argument. Prosecutors said Clark had planned the killing for weeks. Police arrested Clark in March "
    "after a manhunt in West Virginia. Clark's lawyer accused the police of hiding evidence."
)
SUMMIT = (
    "ANKARA (Reuters) — Turkish President Recep Tayyip Erdogan met European leaders on Monday. "
    "Erdogan criticised the European Union over its migration policy."
)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load()


def _participants(events: list) -> list:
    return [ref for event in events for ref in (*event.source, *event.target)]


def test_a_local_surname_is_not_a_foreign_politician_nor_does_it_move_the_police(coder: EventCoder) -> None:
    refs = _participants(coder.code_text(TRIAL, "2016-05-03"))
    clark = [ref for ref in refs if ref.text.startswith("Clark")]
    assert clark, "the trial's events name Clark"
    assert all(ref.actor_id is None or not ref.actor_id.startswith("ew:nzl") for ref in clark)
    police = [ref for ref in refs if ref.sector == "COP"]
    assert police and all(ref.country == "USA" for ref in police)
    assert all(ref.country in (None, "USA") for ref in refs)


def test_a_surname_after_the_full_name_is_linked(coder: EventCoder) -> None:
    refs = _participants(coder.code_text(SUMMIT, "2017-05-01"))
    erdogan = [ref for ref in refs if ref.text == "Erdogan"]
    assert erdogan and all(ref.actor_id == "ew:tur-recep-tayyip-erdogan" for ref in erdogan)
