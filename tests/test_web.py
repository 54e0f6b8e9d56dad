"""The analysts' web page (eventwire.web, frontend/) in a real browser: Debian's Chromium driven by
Playwright, against `eventwire serve`'s app over a small store made once per session from real sample
articles (the real ingest pipeline) plus one hostile article whose title, text, outlet, author, URL, actor
and place hold markup and script.

Every test runs with the network cut off: the browser may reach the test server on loopback and nothing
else, and each test fails if the page so much as tried (the page must work offline). Screenshots go to
tests/screenshots/ (or $EVENTWIRE_SCREENSHOTS) and are kept.

Needs Chromium (`apt-get install chromium`; another binary: $EVENTWIRE_CHROMIUM) and the built page
(`cd frontend && npm ci && npm run build`); without either these tests fail and say so.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.events import ActorRef, Event, EventDate, EventLocation, Evidence
from eventwire.records import Article, ArticleMeta, content_hash
from eventwire.store import Store
from eventwire.web import DIST

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
# Enough real articles for every view (several stories, dates, places, a near-duplicate, more than one page
# of events) while ingesting in seconds.
SAMPLE_FILES = (
    "html/dnipro-ledger-2022-02-24-invasion.html",
    "html/harbourview-2025-01-16-gaza-ceasefire.html",
    "html/cedar-coast-times-2025-01-16-gaza-ceasefire.html",
    "html/tigris-observer-2020-01-03-soleimani.html",
    "text/euphrates-post-2020-01-06-troops-vote.txt",
    "records/wire-archive.jsonl",
)
SCREENSHOTS = Path(os.environ.get("EVENTWIRE_SCREENSHOTS", Path(__file__).parent / "screenshots"))
VIEWPORT = {"width": 1440, "height": 1000}
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}

# --- the hostile article ----------------------------------------------------------------------------------
# Every field that reaches the page carries something that would run, or fetch from another host, if it
# were ever parsed as HTML; each sets window.__xss to say where it came from.
XSS_TITLE = 'Depot raid <script>window.__xss="title"</script> <img src=x onerror="window.__xss=\'title\'">'
XSS_SENTENCES = (
    'Rebels <img src=x onerror="window.__xss=\'text\'"> attacked the <script>window.__xss="text"</script>'
    " depot in Kyiv on Monday.",
    'The ministry accused the rebels of the <iframe src="http://evil.example/"></iframe> attack'
    # One very long word (issue #18: long words must wrap, not widen the page).
    " #" + "DepotRaidKyivMinistryStatement" * 8 + ".",
)
XSS_ACTOR_ID = "ew:<svg onload=window.__xss='actor-id'>"
XSS_ACTOR_NAME = '<svg onload="window.__xss=\'actor\'">Rebel Front</svg>'
XSS_OUTLET = '<svg onload="window.__xss=\'outlet\'">Evil Wire</svg>'
XSS_PLACE = '<img src="http://evil.example/p.png" onerror="window.__xss=\'place\'">Kyiv'
XSS_URL = 'javascript:window.__xss="url"'


@dataclass(frozen=True)
class Site:
    base: str
    hostile_article: str
    store: Path

    def get(self, path: str) -> Any:
        with urllib.request.urlopen(self.base + path, timeout=10) as response:
            return json.load(response)


def _hostile_article(store: Store) -> str:
    text = "\n".join(XSS_SENTENCES)
    meta = ArticleMeta(title=XSS_TITLE, source=XSS_OUTLET, url=XSS_URL, published="2024-05-07T08:00:00Z",
                       author='<script>window.__xss="author"</script>')
    article = Article(id=content_hash(text), text=text, meta=meta, origin="tests/hostile.txt")
    first, second = XSS_SENTENCES
    rebels = ActorRef("Rebels", 0, 6, XSS_ACTOR_ID, XSS_ACTOR_NAME, None, "REB")
    depot_trigger = first.index("attacked")
    offset = len(first) + 1
    ministry = ActorRef("The ministry", offset, offset + 12, "ew:UKR", "Ukraine", "UKR", "GOV")
    rebels_at = offset + second.index("the rebels")
    target = ActorRef("the rebels", rebels_at, rebels_at + 10, XSS_ACTOR_ID, XSS_ACTOR_NAME, None, "REB")
    accuse_trigger = offset + second.index("accused")
    place = EventLocation(XSS_PLACE, XSS_PLACE, None, 50.45, 30.52, "UKR", "city")
    events = [
        Event(type="ASSAULT", mode=None, context=(), cameo="190", quad_class=4, intensity=-9.0,
              factuality="occurred", source=(rebels,), target=(),
              evidence=Evidence(first, 0, len(first), "attacked", depot_trigger, depot_trigger + 8),
              confidence=0.7, date=EventDate("2024-05-06", "2024-05-06", "day", "on Monday", True),
              location=place, article_id=article.id),
        Event(type="ACCUSE", mode=None, context=(), cameo="112", quad_class=3, intensity=-2.0,
              factuality="occurred", source=(ministry,), target=(target,),
              evidence=Evidence(second, offset, offset + len(second), "accused", accuse_trigger,
                                accuse_trigger + 7),
              # Dated only to its month: the timeline draws it as a span, not on 1 May (issue #18).
              confidence=0.8, date=EventDate("2024-05-01", "2024-05-31", "month", "in May", True),
              location=place, article_id=article.id),
    ]
    with store.transaction():
        store.add_article(article)
        store.replace_events(article, events, "test")
    return article.id


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(db: Path) -> Iterator[str]:
    """The API and page over `db` on a free loopback port, in a thread of this process; yields its URL."""
    import uvicorn

    from eventwire.api import ApiSettings, create_app

    # The browser makes a burst of requests per view; the default rate limit is for the outside world.
    app = create_app(str(db), settings=ApiSettings(rate_per_second=1000, rate_burst=1000))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"the web page is not built ({DIST}): run `cd frontend && npm ci && npm run build`"
                    " (or `make install`)")
    db = tmp_path_factory.mktemp("web") / "web.db"
    files = [str(SAMPLE / name) for name in SAMPLE_FILES]
    result = CliRunner().invoke(main, ["ingest", *files, "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        hostile = _hostile_article(store)
    with served(db) as url:
        yield Site(url, hostile, db)


# The browser fixture is tests/conftest.py's: one Chromium per run for every page test module.


class Page:
    """A browser tab on the test site that records what it tried to reach and every script error."""

    def __init__(self, context: Any, site: Site) -> None:
        self.site = site
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        context.route("**/*", self._only_loopback)
        self.tab = context.new_page()
        self.tab.on("pageerror", lambda error: self.errors.append(str(error)))
        self.tab.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.tab.on("dialog", self._dialog)

    def _only_loopback(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> Any:
        self.tab.goto(self.site.base + path)
        return self.settled()

    def settled(self) -> Any:
        """Wait until the page has drawn the current view (main.js sets body[data-rendered])."""
        self.tab.wait_for_selector("body[data-rendered=true]", timeout=15_000)
        return self.tab

    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.tab.url).query)

    def shot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.tab.screenshot(path=str(path), full_page=False)
        return path


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, service_workers="block")
    tab = Page(context, site)
    yield tab
    context.close()
    # The page works offline: it never even tried to reach another host, and nothing went wrong in it.
    assert tab.blocked == [], f"the page tried to reach the network: {tab.blocked}"
    assert tab.errors == [], f"errors in the page: {tab.errors}"
    assert tab.dialogs == [], f"a dialog opened: {tab.dialogs}"


def table_rows(tab: Any) -> list[dict[str, str]]:
    headers = ["date", "type", "factuality", "source", "target", "place", "outlet", "evidence", "intensity"]
    rows = tab.eval_on_selector_all(
        "table.events tbody tr[data-event]", "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    return [dict(zip(headers, cells, strict=True)) for cells in rows]


# --- the explorer -----------------------------------------------------------------------------------------

def test_explorer_shows_timeline_network_map_and_table_of_the_store(page: Page, site: Site) -> None:
    tab = page.open("/")
    summary = site.get("/api/summary")
    assert f"{summary['events']} events" in tab.text_content("#summary")
    total = site.get("/api/events?limit=0")["total"]
    assert total > 50  # the store is meant to need a second page
    assert tab.locator("table.events tbody tr[data-event]").count() == 50
    assert f"1–50 of {total} events" in tab.text_content(".pager .count")
    assert tab.locator("svg.timeline rect").count() > 5
    assert tab.locator("svg.timeline .brush").count() == 1
    legend = tab.text_content("#timeline .legend")
    assert "4 material conflict" in legend
    network = site.get("/api/stats/network?edges=60")
    assert tab.locator("svg.network g.node").count() == len(network["nodes"])
    assert tab.locator("svg.network g.edge").count() == len(network["edges"])
    places = site.get("/api/stats/places?n=1000")["places"]
    # Towns and sites are circles; places known only as a country or region are listed by area.
    assert tab.locator("svg.map circle.place").count() == len([p for p in places if p["point"]])
    assert tab.locator("#map .areas button.area").count() == len([p for p in places if not p["point"]]) > 0
    assert tab.locator("svg.map path.land").get_attribute("d")  # the bundled world outline was drawn
    page.shot("explorer")


def test_a_total_past_the_counting_cap_reads_more_than_and_paging_goes_on(
        page: Page, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.api.routes import events as events_routes

    total = site.get("/api/events?limit=0")["total"]
    assert 50 < total <= 100  # two pages: the second is within a cap of 100
    monkeypatch.setattr(events_routes, "EXACT_TOTAL_UP_TO", 50)  # the server counts up to 51 for page 1
    tab = page.open("/")
    assert tab.text_content(".pager .count") == "1–50 of more than 50 events · page 1"
    next_page = tab.locator(".pager button", has_text="Next")
    assert next_page.is_enabled()
    next_page.click()
    page.settled()
    # Page 2 is counted up to its end and one more (101): exact again.
    assert tab.text_content(".pager .count") == f"51–{total} of {total} events · page 2 of 2"
    assert tab.locator(".pager button", has_text="Next").is_disabled()


def test_a_filter_goes_into_the_url_applies_everywhere_and_survives_a_reload(page: Page, site: Site) -> None:
    tab = page.open("/")
    tab.select_option("select[name=type]", "ASSAULT")
    page.settled()
    assert page.query()["type"] == ["ASSAULT"]
    expected = site.get("/api/events?type=ASSAULT&limit=500")
    rows = table_rows(tab)
    assert len(rows) == expected["total"] > 0
    assert {row["type"] for row in rows} == {"ASSAULT"}
    assert [row["evidence"] for row in rows] == [e["evidence"]["sentence"] for e in expected["items"]]
    edges = site.get("/api/stats/network?type=ASSAULT&edges=60")["edges"]
    assert tab.locator("svg.network g.edge").count() == len(edges)
    # A shared link: the same URL in a new load gives the same form and the same rows.
    tab.reload()
    page.settled()
    assert tab.input_value("select[name=type]") == "ASSAULT"
    assert table_rows(tab) == rows
    page.shot("explorer-filtered-assault")


def test_text_actor_dates_outlet_and_country_filters_from_a_link(page: Page, site: Site) -> None:
    query = "actor_country=IRQ&since=2020-01-01&until=2020-01-31&text=parliament"
    tab = page.open(f"/?{query}")
    expected = site.get(f"/api/events?{query}&limit=500")
    assert expected["total"] > 0
    rows = table_rows(tab)
    assert len(rows) == expected["total"]
    assert all("2020-01-01" <= row["date"][:10] <= "2020-01-31" for row in rows)
    assert all("parliament" in row["evidence"].lower() for row in rows)
    assert tab.input_value("input[name=text]") == "parliament"
    assert tab.input_value("input[name=since]") == "2020-01-01"
    # The timeline keeps the whole span and shows the chosen dates as its brushed stretch.
    assert float(tab.get_attribute("svg.timeline .brush .selection", "width") or 0) > 0
    # Typing a filter and pressing Enter applies it.
    tab.fill("input[name=text]", "troops")
    tab.press("input[name=text]", "Enter")
    page.settled()
    assert page.query()["text"] == ["troops"]
    troops = query.replace("parliament", "troops")
    assert len(table_rows(tab)) == site.get(f"/api/events?{troops}&limit=0")["total"]


def test_a_bad_filter_value_is_shown_not_swallowed(page: Page) -> None:
    tab = page.open("/?since=2024-02-30")
    assert "since: '2024-02-30' is not a date" in tab.text_content("#events .notice.error")
    assert "since: '2024-02-30' is not a date" in tab.text_content("#facets .notice.error")
    assert "since: '2024-02-30' is not a date" in tab.text_content("#magnitudes .notice.error")
    # The browser logs each refused request; those five (table, network, map, facets, magnitudes) are
    # expected here.
    assert len(page.errors) == 5 and all("400 (Bad Request)" in error for error in page.errors)
    page.errors.clear()


def test_brushing_the_timeline_narrows_the_dates(page: Page, site: Site) -> None:
    tab = page.open("/?by=month")
    box = tab.locator("svg.timeline .brush .overlay").bounding_box()
    assert box is not None
    tab.mouse.move(box["x"] + box["width"] * 0.30, box["y"] + box["height"] / 2)
    tab.mouse.down()
    tab.mouse.move(box["x"] + box["width"] * 0.70, box["y"] + box["height"] / 2, steps=5)
    tab.mouse.up()
    page.settled()
    query = page.query()
    since, until = query["since"][0], query["until"][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", since) and since < until
    rows = table_rows(tab)
    assert rows and all(since <= row["date"][:10] <= until for row in rows)
    assert page.query()["by"] == ["month"]  # the view settings stay
    page.shot("explorer-brushed")
    # A click outside the brushed stretch clears the dates again.
    tab.mouse.click(box["x"] + 3, box["y"] + box["height"] / 2)
    page.settled()
    assert "since" not in page.query()


def test_clicking_an_actor_in_the_network_filters_on_it(page: Page, site: Site) -> None:
    tab = page.open("/")
    node = tab.locator('svg.network g.node[data-key="ew:USA"]')
    node.click()
    page.settled()
    # The country's node stands for ew:USA and for participants known only by the code USA.
    assert page.query()["actor"] == ["ew:USA", "country:USA"]
    assert tab.locator('svg.network g.node.selected[data-key="ew:USA"]').count() == 1
    total = site.get("/api/events?actor=ew:USA&actor=country:USA&limit=0")["total"]
    assert f"of {total} events" in tab.text_content(".pager .count")
    assert tab.locator(".actor-chips li").all_text_contents() == ["United States×"]
    page.shot("explorer-actor-usa")


def test_clicking_a_place_on_the_map_selects_exactly_the_events_it_counts(page: Page, site: Site) -> None:
    tab = page.open("/")
    top = next(p for p in site.get("/api/stats/places?n=1000")["places"] if p["point"])
    circle = tab.locator(f'svg.map circle.place[data-place="{top["name"]}"]')
    # Smaller places drawn over the biggest one (Kirkuk, Najaf over Baghdad) may cover all of it at this zoom.
    circle.dispatch_event("click")
    page.settled()
    query = page.query()
    assert query["at"] == [f"{top['lat']},{top['lon']}"] and "near" not in query
    # Exactly the circle's count (a 50 km radius took in nearby places too: issue #18).
    rows = table_rows(tab)
    assert len(rows) == top["events"] and {row["place"].split(" (")[0] for row in rows} == {top["name"]}
    assert f"At {top['name']}" in tab.text_content("form.filters .at")


def test_sorting_and_paging_go_through_the_server(page: Page, site: Site) -> None:
    tab = page.open("/")
    tab.click("th button.sort:has-text('Intensity')")
    page.settled()
    assert page.query()["sort"] == ["intensity"]
    expected = site.get("/api/events?sort=intensity&limit=50")["items"]
    assert [row["evidence"] for row in table_rows(tab)] == [e["evidence"]["sentence"] for e in expected]
    tab.click("th button.sort:has-text('Intensity')")
    page.settled()
    assert page.query()["sort"] == ["-intensity"]
    shown = [float(row["intensity"]) for row in table_rows(tab) if row["intensity"]]
    assert shown == sorted(shown, reverse=True)
    total = site.get("/api/events?limit=0")["total"]
    tab.click(".pager button:has-text('Next')")
    page.settled()
    assert page.query()["page"] == ["2"] and page.query()["sort"] == ["-intensity"]
    assert f"51–{min(100, total)} of {total} events" in tab.text_content(".pager .count")
    second = site.get("/api/events?sort=-intensity&limit=50&offset=50")["items"]
    assert [row["evidence"] for row in table_rows(tab)] == [e["evidence"]["sentence"] for e in second]
    tab.go_back()
    page.settled()
    assert "page" not in page.query()


# --- article and actor pages --------------------------------------------------------------------------------

def test_an_event_opens_its_article_with_the_evidence_highlighted(page: Page, site: Site) -> None:
    tab = page.open("/?text=%22struck%22")
    link = tab.locator("table.events td.evidence a").first
    sentence = link.text_content()
    link.click()
    page.settled()
    article_id, event_id = tab.url.split("/article/")[1].split("?event=")
    article = site.get(f"/api/articles/{article_id}")
    event = next(e for e in article["events"] if e["event_id"] == event_id)
    assert event["evidence"]["sentence"] == sentence
    assert tab.text_content("article h1") == article["title"]
    # The whole clean text is there, and the selected event's evidence is exactly its sentence.
    assert tab.text_content(".article-text") == article["text"]
    # (a line break that ends the sentence is left outside the highlight)
    assert "".join(tab.locator("mark.selected").all_text_contents()) == sentence.strip()
    assert tab.locator("mark.selected strong").all_text_contents() == [event["evidence"]["trigger"]]
    # Every event's evidence is highlighted; every event has its card with type, factuality and actors.
    marked = {eid for ids in tab.eval_on_selector_all("mark", "ms => ms.map(m => m.dataset.events)")
              for eid in ids.split()}
    assert marked == {e["event_id"] for e in article["events"]}
    card = tab.locator(f'li.event-card[data-event="{event_id}"]')
    assert "selected" in (card.get_attribute("class") or "")
    assert event["factuality"] in card.text_content()
    assert (event["type"] or event["cameo"]) in card.text_content()
    source_link = tab.locator("p.source a")
    assert source_link.get_attribute("href") == article["url"]
    assert source_link.get_attribute("rel") == "noopener noreferrer nofollow"
    page.shot("article")
    # Clicking another card selects its evidence in the text.
    other = next(e for e in article["events"] if e["evidence"]["sentence"] != sentence)
    tab.locator(f'li.event-card[data-event="{other["event_id"]}"] .card-head').click()
    assert "".join(tab.locator("mark.selected").all_text_contents()) == other["evidence"]["sentence"].strip()


def test_actor_page_lists_aliases_roles_recent_events_and_counterparts(page: Page, site: Site) -> None:
    tab = page.open("/?actor=ew:usa-donald-trump")
    tab.click("text=Actor page →")
    page.settled()
    actor = site.get("/api/actors/ew:usa-donald-trump")
    assert tab.text_content(".actor-page h1") == "Donald Trump"
    assert tab.locator(".chips li").all_text_contents() == actor["aliases"]
    assert tab.locator("table.roles tbody tr").count() == len(actor["roles"]) > 0
    assert tab.locator("table.events tbody tr").count() == len(actor["recent_events"]) > 0
    assert [a.text_content() for a in tab.locator(".counterparts li a").all()] == \
        [c["name"] for c in actor["counterparts"] if c["actor_id"]]
    page.shot("actor")
    tab.click("text=Explore them →")
    page.settled()
    assert page.query()["actor"] == ["ew:usa-donald-trump"]


def test_articles_list_links_to_every_article(page: Page, site: Site) -> None:
    tab = page.open("/articles")
    listing = site.get("/api/articles?limit=50")
    assert tab.locator("table.articles tbody tr").count() == listing["total"]
    assert "near-duplicate" in tab.text_content("table.articles")  # the Cedar Coast copy of the Gaza story


# --- escaping and the content security policy -------------------------------------------------------------

def _assert_nothing_ran(tab: Any) -> None:
    assert tab.evaluate("window.__xss") is None


def test_stored_markup_in_an_article_is_shown_as_text_and_never_runs(page: Page, site: Site) -> None:
    tab = page.open(f"/article/{site.hostile_article}")
    tab.wait_for_timeout(300)  # time for an onerror handler to fire, were there an <img>
    _assert_nothing_ran(tab)
    assert tab.text_content("article h1") == XSS_TITLE
    assert tab.text_content(".article-text") == "\n".join(XSS_SENTENCES)
    assert tab.locator("article script, article img, article iframe, article svg, aside svg").count() == 0
    assert tab.locator("mark", has_text='<script>window.__xss="text"</script>').count() == 1
    # A javascript: URL is shown, not linked.
    assert tab.locator("p.source a").count() == 0
    assert XSS_URL in tab.text_content("p.source")
    assert XSS_OUTLET in tab.text_content("article .meta")
    assert XSS_ACTOR_NAME in tab.text_content("aside")
    assert XSS_PLACE in tab.text_content("aside")
    page.shot("article-hostile")


def test_stored_markup_is_inert_in_the_explorer_actor_page_and_lists(page: Page, site: Site) -> None:
    for path in (f"/?outlet={quote(XSS_OUTLET)}", "/?text=depot", f"/actor/{quote(XSS_ACTOR_ID, safe='')}",
                 "/articles", f"/?actor={quote(XSS_ACTOR_ID)}"):
        tab = page.open(path)
        tab.wait_for_timeout(200)
        _assert_nothing_ran(tab)
        assert tab.locator("main script, main img, main iframe, main foreignObject").count() == 0, path
    tab = page.open(f"/?outlet={quote(XSS_OUTLET)}")
    rows = table_rows(tab)
    assert len(rows) == 2 and {row["outlet"] for row in rows} == {XSS_OUTLET}
    assert XSS_ACTOR_NAME in [row["source"] for row in rows]
    assert tab.input_value("select[name=outlet]") == XSS_OUTLET
    assert XSS_ACTOR_NAME in tab.text_content("svg.network")  # the node's label is a text node
    page.shot("explorer-hostile")
    tab = page.open(f"/actor/{quote(XSS_ACTOR_ID, safe='')}")
    assert tab.text_content(".actor-page h1") == XSS_ACTOR_NAME
    _assert_nothing_ran(tab)


def test_the_page_forbids_inline_script_and_other_origins(page: Page, site: Site) -> None:
    tab = page.open("/")
    # Even script injected by some future bug would not run: the policy allows only the bundle's own files.
    tab.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__xss = "inline"'; document.body.append(s); }""")
    assert tab.evaluate("window.__xss") is None
    page.errors.clear()  # Chromium reports the refused script as a console error: that is the point
    with urllib.request.urlopen(site.base + "/") as response:
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy


def test_api_docs_still_work_under_the_same_server(page: Page) -> None:
    tab = page.tab
    tab.goto(page.site.base + "/docs")
    tab.wait_for_selector(".swagger-ui .info", timeout=15_000)
    assert "eventwire" in tab.text_content(".swagger-ui .info")


# --- issue #18: download, colours, not-found view, host names --------------------------------------------

DOWNLOAD_FILTERS = "quad_class=4&since=2020-01-01"


@pytest.mark.parametrize("fmt", ["csv", "plover-jsonl", "gdelt"])
def test_the_download_control_gives_what_eventwire_export_writes(page: Page, site: Site, tmp_path: Path,
                                                                 fmt: str) -> None:
    tab = page.open(f"/?{DOWNLOAD_FILTERS}&sort=-intensity&page=1")
    link = tab.locator(f".downloads a[data-format={fmt}]")
    # The link carries the page's filters and nothing of its view (sort, page).
    assert parse_qs(urlsplit(link.get_attribute("href") or "").query) == {
        "quad_class": ["4"], "since": ["2020-01-01"], "format": [fmt]}
    with tab.expect_download() as started:
        link.click()
    download = started.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    output = tmp_path / "cli" / "events.export.tsv"
    output.parent.mkdir()
    result = CliRunner().invoke(main, ["export", "--db", str(site.store), "--format", fmt, "-o", str(output),
                                       "--quad-class", "4", "--since", "2020-01-01"])
    assert result.exit_code == 0, result.output
    expected = output.read_bytes()
    assert saved.read_bytes() == expected
    assert len(expected.splitlines()) >= 3  # the filters select several events (not an empty file)


def test_a_type_has_the_same_colour_on_every_load(page: Page, site: Site) -> None:
    palette = json.loads((ROOT / "frontend" / "src" / "palette.json").read_text(encoding="utf-8"))

    def legend(path: str) -> dict[str, str]:
        tab = page.open(path)
        items = tab.eval_on_selector_all(
            "#timeline .legend li", "items => items.map(li => [li.dataset.group,"
            " getComputedStyle(li.querySelector('.swatch')).backgroundColor])")
        return dict(items)

    def rgb(hex_colour: str) -> str:
        return "rgb({}, {}, {})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))

    # Different filters make different types arrive first; a colour handed out in arrival order changed.
    first = legend("/?group=type&type=ACCUSE&type=ASSAULT")
    second = legend("/?group=type")
    third = legend("/?group=type")
    assert {"ACCUSE", "ASSAULT"} <= set(first) and len(second) > len(first)
    for colours in (first, second, third):
        for name, colour in colours.items():
            assert colour == rgb(palette["types"][name]), name
    assert second == third
    # The table's type badges use the same colours as the legend.
    badge = page.tab.locator("table.events .badge", has_text="ASSAULT").first
    colour = badge.evaluate("b => getComputedStyle(b).getPropertyValue('--badge').trim()")
    assert colour.lower() == palette["types"]["ASSAULT"].lower()
    # Quad classes: the same fixed colours, listed in class order.
    quads = legend("/?group=quad_class")
    assert list(quads) == sorted(quads, key=lambda q: (q == "-", q))
    assert all(quads[q] == rgb(palette["quad_classes"][q]) for q in quads)
    page.shot("explorer-types-legend")


def test_an_unknown_path_shows_the_page_s_not_found_view(page: Page) -> None:
    response = page.tab.goto(page.site.base + "/no/such/page?x=1")
    assert response is not None and response.status == 404
    tab = page.settled()
    assert tab.text_content("h1") == "Page not found"
    assert "/no/such/page" in tab.text_content(".not-found")
    assert tab.title() == "Not found · eventwire"
    # Chromium logs the document's 404 status; that is the expected answer, not a page error.
    page.errors[:] = [error for error in page.errors if "404" not in error]
    tab.click(".not-found a[href='/']")
    page.settled()
    assert tab.locator("table.events tbody tr[data-event]").count() > 0
    page.shot("not-found")


def test_the_running_server_refuses_a_hostile_host_name(site: Site) -> None:
    import http.client

    port = urlsplit(site.base).port
    for host, status in ((f"attacker.example:{port}", 400), (f"localhost:{port}", 200),
                         (f"127.0.0.1:{port}", 200)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/api/summary", headers={"Host": host})
        assert connection.getresponse().status == status, host
        connection.close()


def test_the_browser_gets_the_bundle_gzipped_without_source_maps_head_and_a_header_limit(
        page: Page) -> None:
    """Issue #18's item 10 (the bundle served compressed) and security list (no source maps served, HEAD
    answered on GET routes, a limit on request header size) as the browser meets them."""
    encodings: dict[str, str | None] = {}

    def seen(response: Any) -> None:
        name = urlsplit(response.url).path.rsplit("/", 1)[-1]
        if name in ("app.js", "style.css"):
            encodings[name] = response.all_headers().get("content-encoding")

    page.tab.on("response", seen)
    tab = page.open("/")
    assert encodings == {"app.js": "gzip", "style.css": "gzip"}
    checked = tab.evaluate("""async () => {
        const bundle = await (await fetch("/ui/app.js")).text();
        const map = await fetch("/ui/app.js.map");
        const head = await fetch("/api/summary", { method: "HEAD" });
        const get = await fetch("/api/summary");
        const small = await fetch("/api/summary", { headers: { "X-Filler": "a".repeat(8000) } });
        const large = await fetch("/api/summary", { headers: { "X-Filler": "a".repeat(17000) } });
        return { mapped: /sourceMappingURL/.test(bundle), map: map.status, head: head.status,
                 headBody: (await head.text()).length, headType: head.headers.get("content-type"),
                 getType: get.headers.get("content-type"), small: small.status, large: large.status,
                 largeCode: (await large.json()).error.code };
    }""")
    assert checked == {"mapped": False, "map": 404, "head": 200, "headBody": 0,
                       "headType": "application/json", "getType": "application/json",
                       "small": 200, "large": 431,
                       "largeCode": "headers_too_large"}
    # The console's notes of the two refusals asked for above are not the page's errors.
    expected = {"Failed to load resource: the server responded with a status of 404 (Not Found)",
                "Failed to load resource: the server responded with a status of 431"
                " (Request Header Fields Too Large)"}
    assert expected <= set(page.errors)
    page.errors[:] = [error for error in page.errors if error not in expected]


# --- issue #18, second part: network, map, timeline, filters, clusters, chart to evidence, polish ---------

def _boxes_overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def test_the_network_has_one_node_per_actor_even_for_a_country_named_two_ways(page: Page, site: Site) -> None:
    # The sample has participants resolved to ew:USA ("United States") and others known only by the code
    # USA ("its allies"); before the fix they were two nodes, "United States" and "USA".
    with Store.open(site.store) as store:
        (coded_only,) = store.execute("SELECT count(*) FROM event_actors WHERE actor_id IS NULL"
                                      " AND country = 'USA'").fetchone()
    assert coded_only > 0
    tab = page.open("/")
    keys = tab.eval_on_selector_all("svg.network g.node", "nodes => nodes.map(n => n.dataset.key)")
    names = tab.eval_on_selector_all("svg.network g.node text", "labels => labels.map(t => t.textContent)")
    assert len(keys) == len(set(keys)) and len(names) == len(set(names))
    assert not any(key.startswith("country:") for key in keys)
    assert "United States" in names and "USA" not in names


def test_network_labels_are_inside_the_picture_and_never_overlap(page: Page) -> None:
    tab = page.open("/")
    picture = tab.locator("svg.network").bounding_box()
    assert picture is not None
    labels = tab.eval_on_selector_all(
        "svg.network g.node text:not(.hidden-label)",
        "ts => ts.map(t => { const b = t.getBoundingClientRect();"
        " return {x: b.x, y: b.y, width: b.width, height: b.height}; })")
    assert len(labels) >= 10
    for box in labels:
        assert picture["x"] <= box["x"] and box["x"] + box["width"] <= picture["x"] + picture["width"] + 0.5
        assert picture["y"] <= box["y"] and box["y"] + box["height"] <= picture["y"] + picture["height"] + 0.5
    # Text boxes include the font's line gap: shrink them by a pixel before comparing.
    shrunk = [{"x": b["x"] + 1, "y": b["y"] + 2, "width": b["width"] - 2, "height": b["height"] - 4}
              for b in labels]
    for i, a in enumerate(shrunk):
        for b in shrunk[i + 1:]:
            assert not _boxes_overlap(a, b), (a, b)


def test_clicking_an_arrow_opens_the_events_between_the_two(page: Page, site: Site) -> None:
    tab = page.open("/")
    network = site.get("/api/stats/network?edges=60")
    edge = network["edges"][0]
    arrow = tab.locator(f'svg.network g.edge[data-source="{edge["source"]}"][data-target="{edge["target"]}"]')
    arrow.dispatch_event("click")
    page.settled()
    nodes = {node["key"]: node for node in network["nodes"]}
    query = page.query()
    assert query["source"] == nodes[edge["source"]]["filter"]
    assert query["target"] == nodes[edge["target"]]["filter"]
    rows = table_rows(tab)
    assert len(rows) == edge["events"]  # the arrow's count, and its events in the table
    # From the chart to the evidence in one step: the table is scrolled into view.
    top = tab.locator("#events-panel").bounding_box()
    assert top is not None and 0 <= top["y"] < VIEWPORT["height"] / 2
    assert tab.locator("svg.network g.edge.selected").count() == 1


def test_a_country_level_place_is_listed_by_area_not_drawn_as_a_point(page: Page, site: Site) -> None:
    places = site.get("/api/stats/places?n=1000")["places"]
    country_level = [p for p in places if p["level"] == "country"]
    assert country_level
    tab = page.open("/")
    drawn = tab.eval_on_selector_all("svg.map circle.place", "cs => cs.map(c => c.dataset.level)")
    assert drawn and set(drawn) <= {"city", "feature"}
    area = country_level[0]
    button = tab.locator(f'#map .areas button.area[data-place="{area["name"]}"]')
    assert button.count() == 1 and "country" in (button.locator("xpath=..").text_content() or "")
    button.click()
    page.settled()
    (at,) = page.query()["at"]  # the page writes numbers as JavaScript does: 33 for 33.0
    assert [float(part) for part in at.split(",")] == [area["lat"], area["lon"]]
    rows = table_rows(tab)
    assert len(rows) == area["events"] and all("country-level" in row["place"] for row in rows)


def test_the_biggest_map_circles_are_labelled(page: Page, site: Site) -> None:
    points = [p for p in site.get("/api/stats/places?n=1000")["places"] if p["point"]]
    tab = page.open("/")
    labels = tab.eval_on_selector_all("svg.map .labels text", "ts => ts.map(t => t.textContent)")
    assert points[0]["name"] in labels and 1 <= len(labels) <= 8


def test_the_timeline_bins_by_the_span_draws_coarse_dates_as_spans_and_names_years(page: Page,
                                                                                   site: Site) -> None:
    dates = site.get("/api/stats/dates")
    assert dates["spans"], "the hostile article's accusation is dated only to its month"
    tab = page.open("/")
    # The store spans years: a month per bar, not hairline days.
    assert tab.get_attribute("#timeline .segmented button[aria-pressed=true]", "aria-pressed") == "true"
    assert tab.locator("#timeline .segmented button[aria-pressed=true]").first.text_content() == "Month"
    month = site.get("/api/stats/counts?by=month&group=quad_class&precision=day")["counts"]
    assert tab.locator("svg.timeline rect.bar").count() == len(month)
    spans = tab.eval_on_selector_all("svg.timeline rect.span",
                                     "rs => rs.map(r => [r.dataset.start, r.dataset.end])")
    assert sorted(map(tuple, spans)) == sorted((s["start"], s["end"]) for s in dates["spans"])
    # Dated events are either in a bar or in a span, never both.
    dated = sum(c["events"] for c in site.get("/api/stats/counts?by=month&group=quad_class")["counts"])
    assert sum(c["events"] for c in month) + sum(s["events"] for s in dates["spans"]) == dated
    widths = tab.eval_on_selector_all("svg.timeline rect.bar",
                                      "rs => rs.map(r => Number(r.getAttribute('width')))")
    assert min(widths) >= 2
    ticks = tab.eval_on_selector_all("svg.timeline .x-axis .tick text", "ts => ts.map(t => t.textContent)")
    assert ticks and all(re.search(r"\b(19|20)\d\d$", tick) for tick in ticks)
    page.shot("explorer-timeline")


def test_clicking_a_timeline_bar_filters_on_its_dates(page: Page, site: Site) -> None:
    tab = page.open("/?by=month")
    counts = site.get("/api/stats/counts?by=month&group=quad_class&precision=day")["counts"]
    busiest = max({c["period"] for c in counts},
                  key=lambda period: sum(c["events"] for c in counts if c["period"] == period))
    bar = tab.locator(f'svg.timeline rect.bar[data-period="{busiest}"]').first
    box = bar.bounding_box()
    assert box is not None
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 1)
    page.settled()
    year, month = map(int, busiest.split("-"))
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).isoformat()
    assert page.query()["since"] == [f"{busiest}-01"] and page.query()["until"] == [last]
    total = site.get(f"/api/events?since={busiest}-01&until={last}&limit=0")["total"]
    assert len(table_rows(tab)) == min(50, total)
    assert total >= sum(c["events"] for c in counts if c["period"] == busiest)


def test_the_actor_field_suggests_russia_by_name_and_filters_on_it(page: Page, site: Site) -> None:
    tab = page.open("/")
    tab.fill("#actor-name", "Russia")
    option = tab.locator("#actor-suggestions li").first
    option.wait_for(timeout=10_000)
    assert option.get_attribute("data-actor") == "ew:RUS"
    page.shot("explorer-actor-suggestions")
    option.dispatch_event("mousedown")
    page.settled()
    assert page.query()["actor"] == ["ew:RUS", "country:RUS"]
    total = site.get("/api/events?actor=ew:RUS&actor=country:RUS&limit=0")["total"]
    assert total > 0 and len(table_rows(tab)) == min(50, total)
    assert tab.locator(".actor-chips li").all_text_contents() == ["Russia×"]
    # Keyboard: type, arrow, Enter adds a second actor; the first stays (alternatives).
    tab.fill("#actor-name", "Iraq")
    tab.locator("#actor-suggestions li").first.wait_for(timeout=10_000)
    tab.press("#actor-name", "Enter")
    page.settled()
    assert page.query()["actor"] == ["ew:RUS", "country:RUS", "ew:IRQ", "country:IRQ"]
    tab.click(".actor-chips li[data-actor='ew:RUS'] button.remove")
    page.settled()
    assert page.query()["actor"] == ["ew:IRQ", "country:IRQ"]


def test_role_mode_cameo_sector_and_ranges_filter_like_the_api(page: Page, site: Site) -> None:
    tab = page.open("/?actor=ew:USA&actor=country:USA")
    tab.select_option("select[name=role]", "source")
    page.settled()
    assert page.query()["role"] == ["source"] and page.query()["actor"] == ["ew:USA", "country:USA"]
    expected = site.get("/api/events?actor=ew:USA&actor=country:USA&role=source&limit=0")["total"]
    either_side = site.get("/api/events?actor=ew:USA&actor=country:USA&limit=0")["total"]
    assert len(table_rows(tab)) == expected < either_side
    tab = page.open("/")
    tab.fill("input[name=cameo]", "19")
    tab.press("input[name=cameo]", "Enter")
    page.settled()
    assert {row["type"] for row in table_rows(tab)} <= {"ASSAULT"}
    assert len(table_rows(tab)) == min(50, site.get("/api/events?cameo=19&limit=0")["total"])
    # one typed field at a time: leaving a field applies it and redraws the form, so a second field typed
    # before the redraw is settled would be typed into the form being replaced
    tab.fill("input[name=min_intensity]", "-9")
    tab.press("input[name=min_intensity]", "Enter")
    page.settled()
    tab.fill("input[name=max_confidence]", "0.9")
    tab.press("input[name=max_confidence]", "Enter")
    page.settled()
    assert page.query()["min_intensity"] == ["-9"] and page.query()["cameo"] == ["19"]
    assert page.query()["max_confidence"] == ["0.9"]
    rows = table_rows(tab)
    assert rows and all(float(row["intensity"]) >= -9 for row in rows if row["intensity"])
    ranged = site.get("/api/events?cameo=19&min_intensity=-9&max_confidence=0.9&limit=0")["total"]
    assert len(rows) == min(50, ranged)
    tab.select_option("select[name=actor_sector]", "MIL")
    page.settled()
    assert page.query()["actor_sector"] == ["MIL"]
    tab = page.open("/")
    tab.fill("input[name=mode]", "arrest")
    tab.press("input[name=mode]", "Enter")
    page.settled()
    assert len(table_rows(tab)) == site.get("/api/events?mode=arrest&limit=0")["total"]


def test_multi_valued_filters_survive_a_change_to_another_field(page: Page, site: Site) -> None:
    tab = page.open("/?type=ASSAULT&type=ACCUSE")
    assert "also ACCUSE" in tab.text_content("form.filters")
    tab.select_option("select[name=factuality]", "occurred")
    page.settled()
    assert page.query()["type"] == ["ASSAULT", "ACCUSE"] and page.query()["factuality"] == ["occurred"]
    assert {row["type"] for row in table_rows(tab)} == {"ASSAULT", "ACCUSE"}
    # A facet box adds a third type; the others stay.
    tab.check("#facets fieldset[data-facet=type] input[value=COERCE]")
    page.settled()
    assert page.query()["type"] == ["ASSAULT", "ACCUSE", "COERCE"]


def test_facets_count_the_current_selection(page: Page, site: Site) -> None:
    tab = page.open("/?type=ASSAULT")
    facets = site.get("/api/stats/facets?type=ASSAULT&n=12")
    shown = tab.eval_on_selector_all(
        "#facets fieldset[data-facet=outlet] li",
        "items => items.map(li => [li.querySelector('input').value,"
        " Number(li.querySelector('.count').textContent)])")
    assert shown == [[f["value"], f["events"]] for f in facets["outlet"]]
    assert tab.is_checked("#facets fieldset[data-facet=type] input[value=ASSAULT]")
    page.shot("explorer-facets")


def test_one_cluster_row_per_real_world_event_expandable_to_its_mentions(page: Page, site: Site) -> None:
    with Store.open(site.store) as store:
        (real_world,) = store.execute(
            "SELECT count(DISTINCT coalesce(cluster_id, event_id)) FROM events").fetchone()
        (reported_twice,) = store.execute("SELECT cluster_id FROM event_clusters WHERE articles >= 2"
                                          " ORDER BY mentions DESC LIMIT 1").fetchone()
    tab = page.open("/?rows=clusters")
    assert f"of {real_world} real-world events" in tab.text_content(".pager .count")
    ids: list[str] = []
    while True:
        ids += tab.eval_on_selector_all("table.clusters tbody tr[data-cluster]",
                                        "rs => rs.map(r => r.dataset.cluster)")
        following = tab.locator(".pager button", has_text="Next")
        if following.is_disabled():
            break
        following.click()
        page.settled()
    assert len(ids) == len(set(ids)) == real_world  # one row each, none twice
    cluster = site.get(f"/api/clusters/{reported_twice}")
    tab = page.open(f"/?rows=clusters&type={cluster['type']}" if cluster["type"] else "/?rows=clusters")
    row = tab.locator(f'tr[data-cluster="{reported_twice}"]')
    counts = row.locator("td.counts-cell")
    assert counts.get_attribute("data-mentions") == str(cluster["mentions"])
    assert counts.get_attribute("data-articles") == str(cluster["articles"]) != "1"
    row.locator("button.expand").click()
    tab.wait_for_selector("table.clusters tr.mention")
    assert tab.locator("table.clusters tr.mention").count() == cluster["mentions"]
    # The table's header stays in view while its rows scroll.
    assert tab.eval_on_selector("table.clusters thead th", "th => getComputedStyle(th).position") == "sticky"
    page.shot("explorer-clusters")


def test_an_article_link_scrolls_the_selected_card_into_view(page: Page, site: Site) -> None:
    articles = site.get("/api/articles?limit=50")["items"]
    busiest = max(articles, key=lambda a: a["events"])
    article = site.get(f"/api/articles/{busiest['id']}")
    last = article["events"][-1]
    tab = page.open(f"/article/{busiest['id']}?event={last['event_id']}")
    tab.wait_for_timeout(400)  # the smooth scroll of the text
    card = tab.locator(f'li.event-card[data-event="{last["event_id"]}"]').bounding_box()
    column = tab.locator(".article-page aside").bounding_box()
    assert card is not None and column is not None
    assert column["y"] - 1 <= card["y"]
    assert card["y"] + min(card["height"], 60) <= column["y"] + column["height"] + 1


def test_long_words_wrap_and_the_page_never_scrolls_sideways(page: Page, site: Site) -> None:
    for path in (f"/?outlet={quote(XSS_OUTLET)}", f"/article/{site.hostile_article}"):
        tab = page.open(path)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    tab = page.open(f"/?outlet={quote(XSS_OUTLET)}")
    assert tab.evaluate("(() => { const w = document.querySelector('#events .table-wrap');"
                        " return w.scrollWidth <= w.clientWidth; })()")


def test_a_skip_link_leads_past_the_filters(page: Page) -> None:
    tab = page.open("/")
    # The first stop after the header's links, before any filter field.
    for _ in range(6):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('main') !== null"):
            break
    assert tab.evaluate("document.activeElement.className") == "skip-link"
    assert tab.locator(".skip-link").is_visible()
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.closest('#events-panel') !== null")


def test_the_sorted_column_stays_in_view_in_a_narrow_window(browser: Any, site: Site) -> None:
    context = browser.new_context(viewport={"width": 900, "height": 900}, service_workers="block")
    page = Page(context, site)
    try:
        tab = page.open("/?sort=-intensity")
        wrap = tab.locator("#events .table-wrap").bounding_box()
        sorted_header = tab.locator("th[aria-sort=descending]").bounding_box()
        assert wrap is not None and sorted_header is not None
        assert tab.evaluate("document.querySelector('#events .table-wrap').scrollWidth"
                            " > document.querySelector('#events .table-wrap').clientWidth")  # it is too wide
        assert wrap["x"] <= sorted_header["x"]
        assert sorted_header["x"] + sorted_header["width"] <= wrap["x"] + wrap["width"] + 1
        assert page.errors == [] and page.blocked == []
    finally:
        context.close()
