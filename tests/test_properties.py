"""Property-based tests (hypothesis) of the ingest, extract, temporal and store layers.

Each property holds for every input hypothesis can build, not just for the cases someone thought of:
readers and extract never raise, time expressions are well-formed TimeML inside the text, content hashes
ignore layout and Unicode normal form, and writing to the store is idempotent.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.extract import NearDuplicateIndex, extract
from eventwire.extract.extractor import MAX_ARTICLE_CHARS
from eventwire.ingest import read_sources
from eventwire.records import Article, ArticleMeta, RawDocument, SourceError, content_hash
from eventwire.store import Store
from eventwire.temporal import find_timexes, normalize

_FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- ingest and extract -----------------------------------------------------------------------------------

_TAGS = [
    "p",
    "div",
    "span",
    "article",
    "h1",
    "li",
    "ul",
    "table",
    "td",
    "script",
    "style",
    "a",
    "br",
    "title",
    "meta",
    "body",
    "html",
    "head",
    "main",
    "section",
    "iframe",
    "svg",
    "noscript",
    "template",
]
_ATTRIBUTE_VALUES = st.text(max_size=20) | st.sampled_from(
    ["ar", "rtl", "utf-8", "og:title", "article:published"]
)


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    names = draw(
        st.lists(
            st.sampled_from(
                [
                    "class",
                    "id",
                    "lang",
                    "dir",
                    "charset",
                    "property",
                    "content",
                    "href",
                    "onload",
                    "x y",
                    'q"',
                ]
            ),
            max_size=3,
        )
    )
    return "".join(f' {name}="{draw(_ATTRIBUTE_VALUES)}"' for name in names)


_TEXT = st.text(max_size=80) | st.sampled_from(
    [
        "The council voted on Monday to delay the harbour road.",
        "&amp;",
        "&#0;",
        "&#x110000;",
        "&bogus;",
        "\u202eقال الوزير\u202c",
        "<![CDATA[ x ]]>",
        "<!-- c -->",
        "<",
        ">",
        "\x00",
        "\r\n",
        "\u00a0",
    ]
)


def _node(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def element(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(_TAGS))
        inner = "".join(draw(st.lists(children, max_size=4)))
        closing = draw(st.sampled_from([f"</{tag}>", "", "</p>", f"</{tag.upper()}>"]))  # unclosed, misnested
        return f"<{tag}{draw(_attributes())}>{inner}{closing}"

    return element()


_HTML = st.recursive(_TEXT, _node, max_leaves=30)
_META = st.builds(
    ArticleMeta,
    title=st.none() | st.text(max_size=30),
    url=st.none() | st.text(max_size=30),
    published=st.none() | st.text(max_size=25),
    language=st.none() | st.text(max_size=6),
)


@_FAST
@given(body=_HTML | st.text(max_size=300), kind=st.sampled_from(["html", "text", "plain"]), meta=_META)
def test_extract_never_raises_and_an_article_is_sound(body: str, kind: str, meta: ArticleMeta) -> None:
    result = extract(RawDocument("prop#1", body, kind, meta))  # type: ignore[arg-type]
    assert isinstance(result, Article | SourceError)
    if isinstance(result, SourceError):
        assert result.origin == "prop#1" and result.reason
        return
    assert result.text.strip() and len(result.text) <= MAX_ARTICLE_CHARS
    assert result.id == content_hash(result.text) and result.origin == "prop#1"
    if kind == "plain":
        assert result.text == body  # records are taken verbatim: offsets refer to them
    for field in ("title", "url", "published"):
        if getattr(meta, field):
            assert getattr(result.meta, field) == getattr(meta, field)  # the container's metadata wins


@settings(max_examples=150, deadline=None)
@given(
    data=st.binary(max_size=3000) | _HTML.map(str.encode) | st.text(max_size=500).map(str.encode),
    prefix=st.sampled_from(
        [
            b"",
            b"\x1f\x8b",
            b"WARC/1.0\r\n",
            b'<?xml version="1.0"?><rss>',
            b"{",
            b"id,text\n",
            b"\xef\xbb\xbf",
            b"\xff\xfe",
            b"<html>",
        ]
    ),
    suffix=st.sampled_from(["", ".html", ".jsonl", ".csv", ".xml", ".warc", ".gz", ".txt"]),
)
def test_read_sources_never_raises_on_any_bytes(data: bytes, prefix: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(prefix + data)
        for item in read_sources([str(path)], max_bytes=1_000_000):
            assert isinstance(item, RawDocument | SourceError)
            assert item.origin.startswith(str(path))
            if isinstance(item, SourceError):
                assert item.reason
            else:
                assert isinstance(item.body, str)
                assert isinstance(extract(item), Article | SourceError)


_SIGNATURE_WORDS = st.sampled_from(
    ["talks", "envoy", "border", "convoy", "bridge", "council", "harbour", "strike", "court", "vote"]
)


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.lists(_SIGNATURE_WORDS, min_size=1, max_size=12).map(" ".join), max_size=25))
def test_near_duplicate_index_picks_the_most_similar_earliest_candidate(texts: list[str]) -> None:
    """The vectorised scoring agrees with scoring, one by one with MinHash.jaccard, every earlier text that
    shares a band key."""
    from eventwire.extract.neardup import _minhash, band_keys

    index = NearDuplicateIndex()
    stored: list[tuple[str, object, set[int]]] = []
    for number, text in enumerate(texts):
        minhash = _minhash(text)
        keys = set() if minhash.is_empty() else set(band_keys(minhash.hashvalues))
        scored = [
            (minhash.jaccard(other), -position, article_id)
            for position, (article_id, other, other_keys) in enumerate(stored) if keys & other_keys
        ]
        qualified = [score for score in scored if score[0] >= index.threshold]
        assert index.find(text) == (max(qualified)[2] if qualified else None)
        index.add(f"a{number}", text)
        if keys:
            stored.append((f"a{number}", minhash, keys))
    assert len(index) == len(stored)


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(st.lists(_SIGNATURE_WORDS, min_size=1, max_size=12).map(" ".join), max_size=20),
       split=st.integers(min_value=0, max_value=20), writes=st.lists(st.booleans(), max_size=20))
def test_finder_over_stored_and_pending_articles_answers_like_one_index(
        texts: list[str], split: int, writes: list[bool]) -> None:
    """Where an article sits (stored, or admitted and not yet written) never changes its verdict."""
    from eventwire.extract import NearDuplicateFinder

    stored, reference = NearDuplicateIndex(), NearDuplicateIndex()
    for number, text in enumerate(texts[:split]):
        stored.add(f"a{number}", text)
    finder = NearDuplicateFinder(stored)
    unwritten: list[tuple[str, str]] = []
    for number, text in enumerate(texts):
        if number < split:
            reference.add(f"a{number}", text)
            continue
        admitted = finder.admit(f"a{number}", text)
        assert admitted.original == reference.find(text)
        reference.add(f"a{number}", text)
        unwritten.append((f"a{number}", text))
        if number < len(writes) and writes[number]:  # a batch is written, in input order as ingest does
            for article_id, written_text in unwritten:
                stored.add(article_id, written_text)
            finder.written([article_id for article_id, _ in unwritten])
            unwritten.clear()


# --- content hash ---------------------------------------------------------------------------------------

_WORD = st.text(st.characters(blacklist_categories=("Z", "Cc", "Cs")), min_size=1, max_size=8)
_SPACE = st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u2003\u3000"), min_size=1, max_size=3)


@_FAST
@given(
    words=st.lists(_WORD, min_size=1, max_size=12),
    spaces=st.lists(_SPACE, min_size=13, max_size=13),
    form=st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]),
)
def test_content_hash_ignores_layout_and_unicode_normal_form(
    words: list[str], spaces: list[str], form: str
) -> None:
    plain = " ".join(words)
    laid_out = spaces[0] + "".join(word + spaces[n + 1] for n, word in enumerate(words))
    assert content_hash(laid_out) == content_hash(plain)
    assert content_hash(unicodedata.normalize(form, plain)) == content_hash(plain)
    assert re.fullmatch(r"[0-9a-f]{32}", content_hash(plain))


@_FAST
@given(text=st.text(st.characters(max_codepoint=0x7F), min_size=1, max_size=100))
def test_content_hash_of_ascii_ignores_case(text: str) -> None:
    assert content_hash(text.upper()) == content_hash(text.lower()) == content_hash(text)


# --- temporal -------------------------------------------------------------------------------------------

# TIMEX3 value forms (TimeML 1.2.1): calendar dates and times with unknown parts as X, ISO weeks, seasons,
# quarters, halves, day parts, the three references, and durations (P...; units incl. WE, DE, CE, Q);
# a decade or century alone as TempEval-3 writes it ("199", "19").
_DECADE_OR_CENTURY = r"\d{2,3}"
_DATE = (
    r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?"
    r"|-(?:SP|SU|FA|WI)|-Q[1-4X]|-H[12X])?"
)
_TIME = r"(?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|MI|AF|EV|NI|DT)(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:{_AMOUNT}(?:Y|M|W|WE|D|DE|CE|Q|H))*(?:T(?:{_AMOUNT}[HMS])+)?"
_FISCAL_YEAR = r"FY\d{4}"  # TimeML's fiscal years ("fiscal 1989" is FY1989)
TIMEML_VALUE = re.compile(
    rf"^(?:{_DATE}{_TIME}|{_DECADE_OR_CENTURY}|{_FISCAL_YEAR}|PAST_REF|PRESENT_REF|FUTURE_REF|{_DURATION})$")
_TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
_PRECISIONS = {
    "day",
    "week",
    "month",
    "quarter",
    "season",
    "year",
    "decade",
    "century",
    "time",
    "fuzzy",
    "duration",
}

_NEWS_WORDS = st.sampled_from(
    [
        "on",
        "the",
        "fifth",
        "of",
        "last",
        "January",
        "Monday",
        "2020",
        "5/1/2020",
        "two",
        "days",
        "ago",
        "after",
        "a",
        "week",
        "9",
        "a.m.",
        "15:00",
        "GMT",
        "now",
        "recently",
        "past",
        "24",
        "hours",
        "summer",
        "1990s",
        "21st",
        "century",
        "Q3",
        "every",
        "twice",
        "since",
        ",",
        ".",
        "March",
        "next",
        "year",
        "earlier",
        "this",
        "month",
        "today",
        "yesterday",
        "tonight",
        "weekend",
        "morning",
        "Christmas",
        "Easter",
        "decade",
        "quarter",
        "half",
        "12:30",
        "noon",
        "midnight",
        "1980s",
        "several",
        "years",
        "later",
        "before",
        "attack",
        "three",
        "2021-03-04",
        "mid-2010s",
        "fiscal",
        "Friday",
        "night",
        "early",
        "late",
        "2020-W11",
        "at",
        "by",
    ]
)
_NEWS_TEXT = st.lists(_NEWS_WORDS | st.text(max_size=6), max_size=30).map(" ".join)
_DCT = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=_NEWS_TEXT,
    dct=_DCT | st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2098, 12, 31)),
)
def test_timexes_are_well_formed_timeml_inside_the_text(text: str, dct: dt.date) -> None:
    previous_end = 0
    for timex in find_timexes(text, dct):
        assert 0 <= previous_end <= timex.start < timex.end <= len(text)
        assert text[timex.start : timex.end] == timex.text
        previous_end = timex.end
        assert timex.type in _TIMEX_TYPES and timex.precision in _PRECISIONS
        assert TIMEML_VALUE.match(timex.value), (timex.text, timex.value)
        if timex.type == "DURATION":
            assert timex.value.startswith("P")
        if timex.span and timex.span.start and timex.span.end:
            assert timex.span.start <= timex.span.end


@_FAST
@given(text=_NEWS_TEXT, dct=_DCT)
def test_normalize_of_any_text_is_none_or_a_timex_of_it(text: str, dct: dt.date) -> None:
    timex = normalize(text, dct)
    assert timex is None or (TIMEML_VALUE.match(timex.value) and timex.text in text)


def test_a_clock_time_is_not_glued_to_a_relative_time_that_has_one() -> None:
    """Found by the property above: "15:00 2 hours ago" gave the value 2020-05-31T22:00:00T15:00."""
    values = [timex.value for timex in find_timexes("15:00 2 hours ago", dt.date(2020, 6, 1))]
    assert values and all(TIMEML_VALUE.match(value) for value in values)
    assert values[0] == "2020-06-01T15:00"


# --- store ---------------------------------------------------------------------------------------------

_ARTICLE_TEXTS = st.sampled_from(
    [
        "The council voted to delay the harbour road.",
        "Talks resumed in the capital on Monday.",
        "Rebels shelled the border town overnight.",
        "قال الوزير إن المحادثات ستستأنف.",
        "  spaced   out  text ",
    ]
) | st.text(min_size=1, max_size=40).filter(str.strip)
_ARTICLES = st.lists(
    st.builds(
        lambda text, origin, source: Article(content_hash(text), text, ArticleMeta(source=source), origin),
        _ARTICLE_TEXTS,
        st.sampled_from(["a.html", "b.jsonl#line 1", "c.warc#record 2", "d.xml#item 9"]),
        st.none() | st.sampled_from(["Wire", "Post"]),
    ),
    max_size=12,
)
_STORED = {
    "articles": "SELECT id, title, source, url, text, origin, record_id, near_duplicate_of FROM articles"
    " ORDER BY id",
    "sightings": "SELECT article_id, origin, url FROM article_sightings ORDER BY 1, 2",
}


def _stored_after(batches: list[list[Article]]) -> dict[str, list[tuple]]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "p.db"
        with Store.open(db) as store:
            for batch in batches:
                for article in batch:
                    with store.transaction():
                        store.add_article(article)
        connection = sqlite3.connect(db)
        try:
            return {name: connection.execute(query).fetchall() for name, query in _STORED.items()}
        finally:
            connection.close()


@settings(max_examples=40, deadline=None)
@given(articles=_ARTICLES)
def test_adding_any_sequence_of_articles_twice_equals_adding_it_once(articles: list[Article]) -> None:
    once = _stored_after([articles])
    assert _stored_after([articles, articles]) == once
    assert len(once["articles"]) == len({article.id for article in articles})
    assert len(once["sightings"]) == len({(article.id, article.origin) for article in articles})


@settings(max_examples=30, deadline=None)
@given(articles=_ARTICLES, data=st.data())
def test_the_order_of_additions_changes_only_which_copy_gives_the_metadata(
    articles: list[Article], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(articles))
    one, other = _stored_after([articles]), _stored_after([shuffled])
    assert one["sightings"] == other["sightings"]
    # the first copy stored gives title, source and origin; id and text are the same whatever the order
    assert [(row[0], row[4]) for row in one["articles"]] == [(row[0], row[4]) for row in other["articles"]]
