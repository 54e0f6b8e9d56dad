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
from dataclasses import dataclass
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
CHROMIUM = Path(os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
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
    'The ministry accused the rebels of the <iframe src="http://evil.example/"></iframe> attack.',
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
              confidence=0.8, date=EventDate("2024-05-07", "2024-05-07", "day", None, False),
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


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"the web page is not built ({DIST}): run `cd frontend && npm ci && npm run build`"
                    " (or `make install`)")
    import uvicorn

    from eventwire.api import ApiSettings, create_app

    db = tmp_path_factory.mktemp("web") / "web.db"
    files = [str(SAMPLE / name) for name in SAMPLE_FILES]
    result = CliRunner().invoke(main, ["ingest", *files, "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        hostile = _hostile_article(store)
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
    yield Site(f"http://127.0.0.1:{port}", hostile, db)
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package (`apt-get install chromium`)"
                    " or point $EVENTWIRE_CHROMIUM at a Chromium binary. Never `playwright install`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
    assert tab.locator("svg.map circle.place").count() == len(places)
    assert tab.locator("svg.map path.land").get_attribute("d")  # the bundled world outline was drawn
    page.shot("explorer")


def test_a_total_past_the_counting_cap_reads_more_than_and_paging_goes_on(
        page: Page, site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.api import app as app_module

    total = site.get("/api/events?limit=0")["total"]
    assert 50 < total <= 100  # two pages: the second is within a cap of 100
    monkeypatch.setattr(app_module, "EXACT_TOTAL_UP_TO", 50)  # the server counts up to 51 for page 1
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
    # The browser logs each refused request; those three (table, network, map) are expected here.
    assert len(page.errors) == 3 and all("400 (Bad Request)" in error for error in page.errors)
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
    assert page.query()["actor"] == ["ew:USA"]
    assert tab.locator('svg.network g.node.selected[data-key="ew:USA"]').count() == 1
    total = site.get("/api/events?actor=ew:USA&limit=0")["total"]
    assert f"of {total} events" in tab.text_content(".pager .count")
    assert tab.input_value("input[name=actor]") == "ew:USA"
    page.shot("explorer-actor-usa")


def test_clicking_a_place_on_the_map_filters_on_events_near_it(page: Page, site: Site) -> None:
    tab = page.open("/")
    top = site.get("/api/stats/places?n=1")["places"][0]
    circle = tab.locator(f'svg.map circle.place[data-place="{top["name"]}"]')
    box = circle.bounding_box()
    assert box is not None
    # Near its top edge: smaller places drawn over the biggest one (Najaf over Baghdad) take its centre.
    circle.click(position={"x": box["width"] / 2, "y": 3})
    page.settled()
    query = page.query()
    assert query["near"] == [f"{top['lat']},{top['lon']}"] and query["radius"] == ["50"]
    assert len(table_rows(tab)) == min(50, site.get(f"/api/events?near={top['lat']},{top['lon']}&radius=50"
                                                    "&limit=0")["total"])
    assert "Near" in tab.text_content("form.filters .near")


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
