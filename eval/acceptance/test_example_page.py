"""The scraped Shafaq News page of 2020-08-24: what a user expects eventwire to find in it.

No rule or data entry exists for this page; these checks are how we know the general rules work on a
real, messy input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events import EventCoder
from eventwire.pipeline import iter_articles
from eventwire.records import Article

PAGE = "examples/shafaq-2020-08-24-kazemi-summit.txt"


@pytest.fixture(scope="module")
def article(shared: Path) -> Article:
    (item,) = list(iter_articles([str(shared / PAGE)]))
    assert isinstance(item, Article), item
    return item


@pytest.fixture(scope="module")
def events(article: Article) -> list[dict]:
    coder = EventCoder.load()
    return [event.as_json() for event in coder.code_article(article)]


def test_metadata_and_clean_body(article: Article) -> None:
    assert article.meta.title.startswith("An upcoming summit between Al-Kazemi and all Iraqi political")
    assert article.meta.published.startswith("2020-08-24T09:07")
    assert article.meta.source == "Shafaq News"
    assert article.text.startswith("Saad Al-Saadi, a leader in the")
    assert article.text.rstrip().endswith("contain a small number of soldiers.")
    for furniture in ("A- A A +", "Leave a Reply", "You are commenting using", "Connecting to %s", "Log Out"):
        assert furniture not in article.text
    assert article.text.count("\n\n") >= 7  # eight paragraphs kept


def _find(events: list[dict], type_: str, **expected: object) -> list[dict]:
    found = []
    for event in events:
        if event["type"] != type_:
            continue
        if all(event.get(key) == value for key, value in expected.items()):
            found.append(event)
    return found


def _countries(actors: list[dict]) -> set[str]:
    return {a["country"] for a in actors if a.get("country")}


def test_planned_meeting_of_the_prime_minister_with_the_political_forces(events: list[dict]) -> None:
    meetings = _find(events, "CONSULT", factuality="planned")
    assert meetings, events
    assert any("IRQ" in _countries(m["source"]) and any("Kazemi" in a["text"] for a in m["source"])
               for m in meetings)


def test_visit_to_the_united_states_and_meeting_with_trump(events: list[dict]) -> None:
    visits = _find(events, "CONSULT", mode="visit", factuality="occurred")
    assert any("USA" in _countries(v["target"]) for v in visits)
    meetings = [e for e in _find(events, "CONSULT", factuality="occurred")
                if any("Trump" in a["text"] for a in e["target"])]
    assert meetings


def test_us_commitment_to_withdraw_is_a_promise(events: list[dict]) -> None:
    promises = _find(events, "AGREE", factuality="promised")
    assert any(p["action"] and p["action"]["type"] == "RETREAT" and "USA" in _countries(p["source"])
               for p in promises)


def test_call_for_dialogue_with_the_us_administration(events: list[dict]) -> None:
    requests = _find(events, "REQUEST", factuality="demanded")
    assert any(r["action"] and r["action"]["type"] == "CONSULT" and "USA" in _countries(r["target"])
               for r in requests)


def test_parliament_resolution_demanding_removal_of_foreign_forces(events: list[dict]) -> None:
    demands = [r for r in _find(events, "REQUEST", factuality="demanded")
               if any(a.get("sector") == "LEG" for a in r["source"])]
    assert demands
    assert demands[0]["date"]["start"] == "2020-01-05"
    assert demands[0]["date"]["from_text"] is True


def test_air_strike_killing_soleimani_and_al_muhandis(events: list[dict]) -> None:
    strikes = [s for s in _find(events, "ASSAULT") if "USA" in _countries(s["source"])]
    assert strikes
    strike = strikes[0]
    targets = " ".join(a["text"] for a in strike["target"])
    assert "Soleimani" in targets and "Muhandis" in targets
    assert strike["mode"] == "aerial"
    assert strike["date"]["start"] == "2020-01-03"
    assert strike["location"] and strike["location"]["country"] == "IRQ"


def test_withdrawal_from_bases(events: list[dict]) -> None:
    withdrawals = _find(events, "RETREAT", mode="withdraw", factuality="occurred")
    assert any("USA" in _countries(w["source"]) for w in withdrawals)
