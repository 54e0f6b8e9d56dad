"""The page shows magnitudes (in Chromium, like tests/test_web.py, whose browser, page and offline checks
it reuses): an event card gives its record's figures, and the explorer sums those of the selection as
GET /api/stats/magnitudes counts them (each real-world event once). Its own small store, made of events
with known figures, so the sums are known."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.events import ActorRef, Event, EventDate, Evidence
from eventwire.events.records import Count, Magnitudes, Money
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from eventwire.web import DIST
from test_web import Page, Site, page, served  # noqa: F401  (page: a fixture, used by name)

RUSSIA = ActorRef("Russian forces", 0, 14, "ew:RUS", "Russia", "RUS", "MIL")
POLICE = ActorRef("Police", 0, 6, None, None, "FRA", "COP")
SHELLING = "Russian forces shelled Kharkiv on Monday, killing 14 civilians and wounding 30."
ARREST = "Police arrested 45 protesters in Lyon after thousands marched."
FINE = "Police fined the organisers 500 euros."
MONDAY = EventDate("2024-05-06", "2024-05-06", "day", "on Monday", True)


def _article(store: Store, text: str, source: str,
             events: list[tuple[str, str, str, ActorRef, Magnitudes]]) -> str:
    meta = ArticleMeta(source=source, title=f"{source} report", published="2024-05-07T08:00:00Z")
    article = Article(id=content_hash(text), text=text, meta=meta, origin=f"{source}.txt")
    coded = []
    for sentence, type_, trigger, actor, size in events:
        start = text.index(sentence)
        at = start + sentence.index(trigger)
        coded.append(Event(type=type_, mode=None, context=(), cameo="190" if type_ == "ASSAULT" else "173",
                           quad_class=4, intensity=-9.0, factuality="occurred", source=(actor,), target=(),
                           evidence=Evidence(sentence, start, start + len(sentence), trigger, at,
                                             at + len(trigger)),
                           confidence=0.8, date=MONDAY, article_id=article.id, magnitudes=size))
    with store.transaction():
        store.add_article(article)
        store.replace_events(article, coded, "test")
    return article.id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"the web page is not built ({DIST}): run `cd frontend && npm ci && npm run build`")
    db = tmp_path_factory.mktemp("web-magnitudes") / "web.db"
    with Store.open(db) as store:
        kharkiv = _article(store, SHELLING, "Wire", [
            (SHELLING, "ASSAULT", "shelled", RUSSIA, Magnitudes(dead=Count(14), injured=Count(30)))])
        _article(store, "Russian forces shelled Kharkiv on Monday, killing 16 civilians.", "Other Wire", [
            ("Russian forces shelled Kharkiv on Monday, killing 16 civilians.", "ASSAULT", "shelled", RUSSIA,
             Magnitudes(dead=Count(16)))])
        _article(store, f"{ARREST} {FINE}", "Lyon Daily", [
            (ARREST, "COERCE", "arrested", POLICE,
             Magnitudes(arrested=Count(45), participants=Count(2000, approximate=True))),
            (FINE, "COERCE", "fined", POLICE, Magnitudes(money=Money(500.0, "EUR")))])
    with served(db) as url:
        # (Site.hostile_article holds the Kharkiv report here: this store has no hostile article)
        yield Site(url, kharkiv, db)


def totals(tab: object) -> dict[str, str]:
    return dict(tab.eval_on_selector_all(  # type: ignore[attr-defined]
        "#magnitudes dd[data-total]", "cells => cells.map(c => [c.dataset.total, c.textContent])"))


def test_the_explorer_sums_the_figures_of_the_selection(page: Page, site: Site) -> None:  # noqa: F811
    tab = page.open("/")
    tab.wait_for_selector("#magnitudes[aria-busy=false]")
    api = site.get("/api/stats/magnitudes")
    assert totals(tab) == {key: f"{api[key]:,}" for key in ("dead", "injured", "arrested", "participants")}
    # the two reports of the shelling are one event: its largest toll, not 14 + 16
    assert totals(tab) == {"dead": "16", "injured": "30", "arrested": "45", "participants": "2,000"}
    page.shot("explorer-magnitudes")
    tab = page.open("/?type=COERCE")
    tab.wait_for_selector("#magnitudes[aria-busy=false]")
    assert totals(tab) == {"dead": "0", "injured": "0", "arrested": "45", "participants": "2,000"}


def test_a_selection_without_figures_says_so(page: Page) -> None:  # noqa: F811
    tab = page.open("/?type=AGREE")
    tab.wait_for_selector("#magnitudes[aria-busy=false]")
    assert tab.text_content("#magnitudes") == "No figures in these events."


def test_an_event_card_gives_its_figures(page: Page, site: Site) -> None:  # noqa: F811
    lyon = site.get("/api/events?type=COERCE")["items"][0]["article"]["id"]
    tab = page.open(f"/article/{lyon}")
    cards = {card.get_attribute("data-event"): card for card in tab.locator("li.event-card").all()}
    events = site.get(f"/api/articles/{lyon}")["events"]
    by_trigger = {e["evidence"]["trigger"]: e["event_id"] for e in events}
    arrest = cards[by_trigger["arrested"]].locator(".size").text_content()
    assert arrest == "45 arrested · at least 2,000 taking part"
    assert cards[by_trigger["fined"]].locator(".size").text_content() == "€500"
    tab = page.open(f"/article/{site.hostile_article}")
    assert tab.locator("li.event-card .size").all_text_contents() == ["14 dead · 30 injured"]
    page.shot("article-magnitudes")
