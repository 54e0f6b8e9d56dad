"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds -> one RawDocument per item.

The XML parser never resolves entities, never touches the network and refuses huge trees, so
billion-laughs and external-entity (XXE) documents parse to nothing harmful.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from eventwire.records import ArticleMeta, RawDocument, SourceError

_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "rss1": "http://purl.org/rss/1.0/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Where each field of an item may be, best first (RSS 2.0, RSS 1.0 and Atom names side by side).
_ITEM_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "rss1:title", "atom:title"),
    "link": (
        "link",
        "rss1:link",
        "atom:link[@rel='alternate']/@href",
        "atom:link[not(@rel)]/@href",
        "guid[not(@isPermaLink='false')]",
    ),
    "published": ("pubDate", "dc:date", "atom:published", "atom:updated"),
    "author": ("author", "dc:creator", "atom:author/atom:name"),
    "text": ("content:encoded", "atom:content", "description", "rss1:description", "atom:summary"),
    "language": ("dc:language",),
}
_CHANNEL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("channel/title", "rss1:channel/rss1:title", "atom:title"),
    "language": ("channel/language", "channel/dc:language", "rss1:channel/dc:language", "@xml:lang"),
}
_ITEMS = "channel/item | rss1:item | atom:entry | item"
_MARKUP = re.compile(r"<[A-Za-z/!][^>]*>")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )


def _first(node: etree._Element, paths: tuple[str, ...]) -> str | None:
    for path in paths:
        for found in node.xpath(path, namespaces=_NS):
            text = found if isinstance(found, str) else "".join(found.itertext())
            text = str(text).strip()
            if text:
                return text
    return None


def feed_date(value: str | None) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core) -> ISO 8601, keeping the UTC offset when given."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if _DATE_ONLY.match(value):
        return value  # a calendar day: adding a midnight time would invent precision
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return value  # an odd but present date is still better kept than dropped


def _language(value: str | None) -> str | None:
    return value.split("-")[0].split("_")[0].lower()[:2] if value else None


def read_feed(data: bytes, origin: str) -> Iterator[RawDocument | SourceError]:
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        yield SourceError(origin, f"feed is not well-formed XML: {error}")
        return
    if root is None:
        yield SourceError(origin, "feed is empty")
        return
    channel_title = _first(root, _CHANNEL_FIELDS["title"])
    channel_language = _language(_first(root, _CHANNEL_FIELDS["language"]))
    items = root.xpath(_ITEMS, namespaces=_NS)
    if not items:
        yield SourceError(origin, "feed has no items")
        return
    for number, item in enumerate(items, start=1):
        item_origin = f"{origin}#item {number}"
        text = _first(item, _ITEM_FIELDS["text"])
        if not text:
            yield SourceError(item_origin, "feed item has no text (content, description or summary)")
            continue
        meta = ArticleMeta(
            title=_first(item, _ITEM_FIELDS["title"]),
            source=channel_title,
            url=_first(item, _ITEM_FIELDS["link"]),
            author=_first(item, _ITEM_FIELDS["author"]),
            published=feed_date(_first(item, _ITEM_FIELDS["published"])),
            language=_language(_first(item, _ITEM_FIELDS["language"])) or channel_language,
        )
        kind = "html" if _MARKUP.search(text) else "plain"
        yield RawDocument(origin=item_origin, body=text, kind=kind, meta=meta)
