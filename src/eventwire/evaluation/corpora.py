"""The real news texts of the evaluation folder, read once here for every scorer that refers to them.

Several gold sets of this project (actor phrases, time expressions, document events, page toponyms, the
real-corpus check) point into texts that stay in ../shared/eval/: the TR-News articles and the gold
body texts of the article-extraction pages. Texts are returned exactly as stored; each scorer strips
what its own offsets were counted on.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from eventwire.evaluation.registry import GoldFormatError

TR_NEWS = Path("geoparsing") / "TR-News.xml"
PAGES = Path("article-extraction") / "ground-truth.json"


@dataclass(frozen=True, slots=True)
class NewsText:
    id: str  # the TR-News docid, or the page's id (its SHA-256 key)
    text: str  # as stored: TR-News <text>, or the page's gold articleBody
    url: str | None
    published: str | None  # TR-News <dltime> (pages have none here)


def tr_news(path: Path) -> list[NewsText]:
    """The articles of TR-News.xml, in file order."""
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as failure:
        raise GoldFormatError(f"{path}: not a readable TR-News corpus ({failure})") from failure
    return [NewsText(node.get("docid", ""), node.findtext("text") or "",
                     (node.findtext("url") or "").strip() or None,
                     (node.findtext("dltime") or "").strip() or None)
            for node in root.iter("article")]


def article_pages(path: Path) -> list[NewsText]:
    """The gold body texts of the article-extraction pages (ground-truth.json), in file order."""
    try:
        bodies = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as failure:
        raise GoldFormatError(f"{path}: not readable JSON ({failure})") from failure
    return [NewsText(page_id, str(page.get("articleBody") or ""), page.get("url"), None)
            for page_id, page in bodies.items()]
