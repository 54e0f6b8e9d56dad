"""extract(): html pages, scraped text with page furniture, verbatim records; near-duplicates."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.extract import NearDuplicateIndex, extract
from eventwire.extract.html import drop_leading_title, drop_page_text_furniture
from eventwire.extract.language import guess_language
from eventwire.extract.pubdate import iso_from_htmldate, publication_date
from eventwire.extract.rules import DATA_DIR, DATA_FILES, load_data, schema, scraped_text_rules
from eventwire.extract.textdates import parse_date_line
from eventwire.ingest import read_sources
from eventwire.records import Article, ArticleMeta, RawDocument, SourceError, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SCRAPED = FIXTURES / "scraped"


def extract_file(path: Path) -> Article:
    [raw] = list(read_sources([str(path)]))
    assert isinstance(raw, RawDocument)
    article = extract(raw)
    assert isinstance(article, Article), article
    return article


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


# --- scraped text ---------------------------------------------------------------------------------------

# file -> (title, published, source, author, first words of the body, last words of the body, paragraphs)
SCRAPED_EXPECTED = {
    "geneva-talks.txt": (
        "UN envoy opens new round of constitutional talks in Geneva",
        "2022-03-03T16:15+00:00",
        "Northwire",
        "Marta Lindqvist",
        "The United Nations special envoy opened",
        "the opposition and civil society.",
        4,
    ),
    "kyiv-sirens.txt": (
        "Air raid sirens sound across Ukraine as Russian forces cross the border",
        "2022-02-24T06:30",
        "Kyiv Daily Observer",
        None,
        "Air raid sirens sounded in the capital",
        "unless they were needed at work.",
        3,
    ),
    "capitol-certification.txt": (
        "Congress resumes certification of election results after Capitol breach",
        "2021-01-07T03:40:00-05:00",
        "Capital Press Service",
        None,
        "Lawmakers returned to the Capitol",
        "withdrew their objections after the violence.",
        3,
    ),
    "beirut-blast.txt": (
        "Huge explosion at Beirut port kills dozens and wounds thousands",
        "2020-08-04",
        None,
        None,
        "A massive explosion tore through",
        "would be held to account.",
        4,
    ),
    "myanmar-coup.txt": (
        "Myanmar military seizes power and detains civilian leaders",
        "2021-02-01T10:20",
        None,
        None,
        "The armed forces of Myanmar took control",
        "citing alleged fraud in the November election.",
        3,
    ),
    "finland-nato.txt": (
        "Finland becomes NATO's 31st member as flag raised in Brussels",
        "2023-04-04T17:05+02:00",
        "Baltic Evening Ledger",
        "Jonas Berg",
        "Finland formally joined the North Atlantic Treaty Organization",
        "while Moscow said it would take counter-measures.",
        3,
    ),
    "glasgow-summit.txt": (
        "Climate summit ends with compromise deal on coal",
        "2021-11-13",
        None,
        "Amina Yusuf and Tom Hart",
        "Negotiators from nearly 200 countries",
        "welcomed new commitments on finance for adaptation.",
        3,
    ),
}
FURNITURE_SNIPPETS = (
    "Skip to",
    "Menu",
    "Share",
    "cookie",
    "Accept all",
    "A+ A-",
    "Text size",
    "Leave a",
    "Related",
    "You may also like",
    "Read more",
    "min read",
    "Tags:",
    "Print",
    "Email",
    "©",
    "Subscribe",
    "Log Out",
    "Connecting to",
    "Post Comment",
    "Required fields",
    "Like this",
    "Home >",
    "Notify me",
    "Updated",
    "Posted",
    "Published:",
    "(c)",
    "About |",
    "Enter your",
    "Cancel",
    "Font size",
    "Brussels -",
)


@pytest.mark.parametrize("name", sorted(SCRAPED_EXPECTED))
def test_scraped_pages(name: str) -> None:
    title, published, source, author, first, last, count = SCRAPED_EXPECTED[name]
    article = extract_file(SCRAPED / name)
    assert article.meta.title == title
    assert article.meta.published == published
    assert article.meta.source == source
    assert article.meta.author == author
    assert article.meta.language == "en"
    body = paragraphs(article.text)
    assert body[0].startswith(first) and body[-1].endswith(last)
    assert len(body) == count
    for snippet in FURNITURE_SNIPPETS:
        assert snippet not in article.text, snippet
    assert title not in article.text


def test_every_sentence_of_the_scraped_body_is_kept() -> None:
    # Every sentence line of the fixtures (long, ending in a full stop, not furniture) is in the article text.
    rules = scraped_text_rules()
    for name in SCRAPED_EXPECTED:
        page = (SCRAPED / name).read_text(encoding="utf-8")
        article = extract_file(SCRAPED / name)
        body_lines = [
            line
            for line in page.splitlines()
            if len(line.split()) >= 8 and line.endswith(".") and not rules.is_furniture(line)
        ]
        assert body_lines
        for line in body_lines:
            # a dateline prefix ("GENEVA (Northwire) - ") is cut, the sentence after it is kept
            assert line.split(" - ", 1)[-1].split(" — ", 1)[-1].split(" / ", 1)[-1] in article.text


def test_a_sentence_mentioning_comments_or_sharing_is_not_furniture() -> None:
    rules = scraped_text_rules()
    for sentence in (
        "The minister declined to comment on the report, saying the inquiry was still open.",
        "Leave a reply to the ministry was the advice of the lawyers, who spoke on Monday.",
        "Shares in the company fell by ten percent after the announcement on Tuesday.",
    ):
        assert not rules.is_furniture(sentence), sentence


def test_dateline_without_outlet_is_left_alone() -> None:
    raw = RawDocument(
        "mem",
        "Storm hits coast\n\nBAGHDAD — Heavy rain flooded streets in several districts on "
        "Sunday, officials said.",
        "text",
    )
    article = extract(raw)
    assert isinstance(article, Article)
    assert article.meta.source is None and article.text.startswith("BAGHDAD — Heavy rain")


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2020-08-24 09:07", "2020-08-24T09:07"),
        ("August 24, 2020", "2020-08-24"),
        ("24/08/2020 - 09:07", "2020-08-24T09:07"),
        ("Monday, August 24, 2020 9:07 PM", "2020-08-24T21:07"),
        ("Published: 24 Aug 2020, 21:07 GMT", "2020-08-24T21:07+00:00"),
        ("08/05/2021", "2021-05-08"),
        ("05/13/2021", "2021-05-13"),
        ("The meeting was held on August 24, 2020", None),
        ("2020-02-30", None),
        ("24.01.2019 07:50 (GMT-4)", "2019-01-24T07:50-04:00"),
        ("February 11, 2021 7:30 PM EST", "2021-02-11T19:30-05:00"),
        ("Monday, 6 January 2020 | 09:05 AST", "2020-01-06T09:05"),  # AST is ambiguous: no offset
    ],
)
def test_date_lines(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


# --- html ---------------------------------------------------------------------------------------------


def test_html_page_text_and_metadata() -> None:
    article = extract_file(FIXTURES / "page.html")
    assert "approved the national budget for next year" in article.text
    assert "challenge several tax measures in the constitutional court" in article.text
    assert "Most read" not in article.text and "cookies" not in article.text
    assert article.meta.title == "Parliament approves budget after all-night session"
    assert article.meta.published == "2023-06-14T07:45:00+02:00"
    assert article.meta.author == "Lena Fischer"
    assert article.meta.language == "en"


def test_container_metadata_wins_over_the_page() -> None:
    page = (FIXTURES / "page.html").read_text(encoding="utf-8")
    given_meta = ArticleMeta(
        url="https://courier.example/budget", published="2023-06-14T06:00:00+00:00", title="Budget passes"
    )
    article = extract(RawDocument("crawl.warc#record 1", page, "html", given_meta))
    assert isinstance(article, Article)
    assert article.meta.url == "https://courier.example/budget"
    assert article.meta.published == "2023-06-14T06:00:00+00:00" and article.meta.title == "Budget passes"
    assert article.meta.author == "Lena Fischer"  # a gap the page fills


def test_feed_item_html_fragment_is_all_content() -> None:
    items = list(read_sources([str(FIXTURES / "feed-rss.xml")]))
    article = extract(items[0])
    assert isinstance(article, Article)
    assert "Dock workers walked out on Tuesday" in article.text
    assert "until the employers made a new offer" in article.text
    assert article.meta.title == "Port workers strike over pay"
    assert article.origin.endswith("feed-rss.xml#item 1")


def test_html_without_text_is_a_source_error() -> None:
    result = extract(
        RawDocument("broken.html", "<html><body><div><script>var x = 1;</script></div></body>", "html")
    )
    assert isinstance(result, SourceError)
    assert result.origin == "broken.html" and result.reason == "no article text found"


# --- plain records ------------------------------------------------------------------------------------


def test_plain_text_is_kept_verbatim_with_record_metadata() -> None:
    docs = [d for d in read_sources([str(FIXTURES / "records.jsonl")]) if isinstance(d, RawDocument)]
    article = extract(docs[0])
    assert isinstance(article, Article)
    assert article.text == docs[0].body  # offsets of later stages refer to exactly this text
    assert article.record_id == "rec-1" and article.origin.endswith("records.jsonl#line 1")
    assert article.meta.url == "https://wire.example/rates" and article.meta.language == "en"
    assert article.id == content_hash(docs[0].body)
    french = extract(docs[1])
    assert isinstance(french, Article) and french.meta.language == "fr"


def test_whitespace_only_plain_text_is_a_source_error() -> None:
    assert isinstance(extract(RawDocument("r#line 1", "  \n ", "plain")), SourceError)


def test_content_hash_is_stable_across_layout() -> None:
    article = extract(RawDocument("a", "The  ceasefire\nheld on Sunday.", "plain"))
    other = extract(RawDocument("b", "the ceasefire held on sunday.", "plain"))
    assert isinstance(article, Article) and isinstance(other, Article)
    assert article.id == other.id == content_hash("The ceasefire held on Sunday.")
    # A literal: ids are stored, so a change of the hash definition must be a deliberate one.
    assert article.id == "2cdb230a8c01d4897266b1e09877b2d7"
    assert len(article.id) == 32


# --- language -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The government said on Monday that the talks with the union would resume after the holiday.", "en"),
        (
            "Le gouvernement a annoncé lundi que les discussions avec les syndicats "
            "reprendront après les fêtes.",
            "fr",
        ),
        (
            "Die Regierung hat am Montag mitgeteilt, dass die Gespräche mit der Gewerkschaft "
            "nach den Feiertagen wieder aufgenommen werden.",
            "de",
        ),
        (
            "El gobierno anunció el lunes que las negociaciones con los sindicatos "
            "se reanudarán después de las fiestas.",
            "es",
        ),
        ("Short text.", None),
        ("1234 5678 9012 3456 7890 1234 5678 9012 3456", None),
    ],
)
def test_language_guess(text: str, language: str | None) -> None:
    assert guess_language(text) == language


# --- data files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_files_match_their_schema(name: str) -> None:
    load_data(name)  # raises on a schema violation


def test_schema_check_rejects_a_broken_rule_file(tmp_path: Path) -> None:
    data = yaml.safe_load((DATA_DIR / "scraped_text.yaml").read_text(encoding="utf-8"))
    data["furniture_lines"] = "not a list"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema("scraped_text.yaml"))


# --- near-duplicates ----------------------------------------------------------------------------------

WIRE_STORY = (
    "Rescue teams reached the mountain village of Tarsa on Tuesday, two days after a landslide buried "
    "dozens of homes and cut the only road into the valley. The regional governor said 31 people had been "
    "confirmed dead and that the search for survivors would continue through the night. Engineers were "
    "working to clear the road so that heavy machinery could be brought in, while helicopters carried "
    "food, water and medicine to families sheltering in a school. Heavy rain is forecast for the rest of "
    "the week, and officials warned that more slopes in the area could give way. The national weather "
    "service said the region had received three times its usual rainfall for the month."
)
SITE_A = "Valley Gazette\nShare Print Email\n\n" + WIRE_STORY + "\n\nRelated: Floods hit lowland farms"
SITE_B = (
    "Home > World\n\n"
    + WIRE_STORY.replace("31 people had been confirmed dead", "at least 31 people had died").replace(
        "Heavy rain is forecast for the rest of the week", "More heavy rain is expected on Thursday"
    )
    + "\n\nSubscribe to our daily briefing. Follow us on social media for updates."
)
OTHER_STORY = (
    "The regional government on Tuesday announced a new fund to rebuild homes destroyed by landslides in the "
    "mountain districts, promising grants to families who lost their houses this year. The governor said the "
    "fund would be paid for by a levy on tourism and by a loan from the national development bank, and that "
    "applications would open next month. Critics said the plan came too late for villages that have waited "
    "since the spring for help, and asked why warning systems had not been installed on the slopes above "
    "them."
)


def test_same_wire_story_on_two_sites_is_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("a", SITE_A)
    index.add("other", OTHER_STORY)
    assert index.find(SITE_B) == "a"


def test_different_story_on_the_same_topic_is_not() -> None:
    index = NearDuplicateIndex()
    index.add("a", SITE_A)
    assert index.find(OTHER_STORY) is None
    assert index.find("") is None


def test_signatures_persist_and_rebuild_the_index() -> None:
    signature = NearDuplicateIndex.signature(SITE_A)
    assert isinstance(signature, bytes) and signature == NearDuplicateIndex.signature(SITE_A)
    assert len(signature) == 128 * 8
    # Persisted signatures must stay comparable: fixed seed and hashing scheme give fixed bytes.
    fixed = NearDuplicateIndex.signature("The ceasefire held on Sunday in the north.")
    assert fixed[:16].hex() == "52c6a60f000000001cf06b5b00000000"
    rebuilt = NearDuplicateIndex()
    rebuilt.add_signature("a", signature)
    assert rebuilt.find(SITE_B) == "a" and len(rebuilt) == 1
    with pytest.raises(ValueError, match="expected"):
        rebuilt.add_signature("bad", b"short")


# --- robustness ---------------------------------------------------------------------------------------


_PAGE_PIECES = [
    "<html>",
    "<body>",
    "<p>",
    "</p>",
    "<div class='x'>",
    "</div>",
    "<!--",
    "-->",
    "<script>",
    "&amp;",
    "&#0;",
    "\x00",
    "\n",
    "\n\n",
    "A- A A +",
    "Leave a Reply",
    "2020-08-24 09:07",
    "By Ann Lee",
    "Outlet / ",
    "LONDON (Wire) - ",
    "The talks resumed on Monday in the capital.",
    "<![CDATA[",
    "]]>",
]
_PAGES = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(_PAGE_PIECES), max_size=40).map("".join))


@settings(max_examples=150, deadline=None)
@given(text=_PAGES, kind=st.sampled_from(["html", "text", "plain"]))
def test_extract_never_raises(text: str, kind: str) -> None:
    result = extract(RawDocument("prop", text, kind))  # type: ignore[arg-type]
    assert isinstance(result, Article | SourceError)
    if isinstance(result, Article):
        assert result.text.strip() and result.id == content_hash(result.text)


# --- publication dates of web pages -------------------------------------------------------------------


def _page_with(head: str) -> str:
    body = "<p>" + "The council met on the harbour plan and voted to delay the work for a year. " * 5 + "</p>"
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_json_ld_date_published_with_offset_is_kept() -> None:
    page = _page_with(
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2021-05-04T18:30:00+03:00", "dateModified": "2021-05-06T09:00:00+03:00"}</script>'
    )
    assert publication_date(page, None) == "2021-05-04T18:30:00+03:00"


def test_meta_published_time_with_us_zone_name() -> None:
    page = _page_with('<meta name="datePublished" content="Tue, Sep 15 2020 10:01:41 EDT">')
    assert publication_date(page, None) == "2020-09-15T10:01:41-04:00"


def test_utc_timestamp_after_midnight_takes_the_local_day_from_the_url() -> None:
    page = _page_with('<meta property="article:published_time" content="2020-02-18T02:18:11Z">')
    assert publication_date(page, "https://paper.example/2020/02/17/story") == "2020-02-17"
    # Late morning UTC cannot be the previous day anywhere: the stated time stands.
    later = _page_with('<meta property="article:published_time" content="2020-02-18T11:00:00Z">')
    assert publication_date(later, "https://paper.example/2020/02/17/story") == "2020-02-18T11:00:00+00:00"
    # Without a date in the URL the stated instant is kept.
    assert publication_date(page, "https://paper.example/story") == "2020-02-18T02:18:11+00:00"


def test_htmldate_day_without_time_stays_a_day() -> None:
    assert iso_from_htmldate("2020-08-24T00:00:00") == "2020-08-24"
    assert iso_from_htmldate("2020-08-24T09:07:00+0300") == "2020-08-24T09:07:00+03:00"


def test_page_without_any_date() -> None:
    assert publication_date(_page_with("<title>No date here</title>"), None) is None


def test_leading_headline_and_link_teasers_are_dropped_from_page_text() -> None:
    text = "Storm closes coastal roads\nHeavy rain closed the coast road on Monday.\nREAD MORE: Floods in May"
    cleaned = drop_page_text_furniture(drop_leading_title(text, "Storm closes coastal roads | Courier"))
    assert cleaned.strip() == "Heavy rain closed the coast road on Monday."
    # A short first line that merely occurs in the title is a label, not the headline.
    assert drop_leading_title("News\nBody text here.", "News | Courier").startswith("News")


def test_admit_finds_the_original_then_adds_the_new_text_with_the_stored_signature() -> None:
    from eventwire.extract import NearDuplicateIndex

    story = ("The finance ministers of the two neighbours met in the border town on Tuesday and agreed to "
             "reopen the crossing that was closed last spring, officials from both sides said afterwards.")
    index = NearDuplicateIndex()
    assert index.admit("first", story) == (None, NearDuplicateIndex.signature(story))
    original, _ = index.admit("second", story.replace("Tuesday", "Wednesday"))
    assert original == "first"
    assert index.find(story) == "first" and len(index) == 2
