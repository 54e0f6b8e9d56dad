"""The document gold's third kind of article, `pubdate:<file>`: a page of the publication-date set whose text
is eventwire's own extraction of it, guarded by the SHA-256 its gold line records."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation.documents import evaluate, load_gold, load_texts, load_urls
from eventwire.evaluation.registry import GoldFormatError
from eventwire.extract.html import extract_page

URL = "https://news.example.com/2020/05/14/council-vote"
FILE = "1234567890.html"
DOC = f"pubdate:{FILE}"
PARAGRAPHS = (
    "The city council of Riverton voted on Wednesday to keep its mask order in force for another month,"
    " after a long debate in which residents spoke for and against the rule.",
    "Police arrested two men outside the council chamber after a scuffle with security guards, a police"
    " spokesman said, adding that both were later released without charge.",
    "The mayor urged residents to keep wearing face coverings in shops and on buses until the end of June,"
    " when the council will meet again to review the order.",
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Council keeps mask order</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    "<article><h1>Council keeps mask order</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    + "</article><footer>Copyright 2020 Example News</footer></body></html>"
)


def _extracted() -> str:
    return extract_page(PAGE, URL, find_date=False).text


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def eval_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "eval"
    (folder / "pubdate" / "html").mkdir(parents=True)
    (folder / "pubdate" / "gold.json").write_text(
        json.dumps({URL: {"file": FILE, "date": "2020-05-14"}, "https://other.example/x": {
            "file": "999.html", "date": float("nan")}}), encoding="utf-8")  # the set holds NaN days
    (folder / "pubdate" / "html" / FILE).write_text(PAGE, encoding="utf-8")
    return folder


def _line(text_sha256: str | None, **extra: Any) -> dict[str, Any]:
    text = _extracted()
    trigger_start = text.index("arrested")
    line: dict[str, Any] = {"doc": DOC, "published": "2020-05-14", "split": "dev", "events": [
        {"sentence_start": text.index("Police arrested"), "trigger": "arrested",
         "trigger_start": trigger_start, "type": "COERCE", "mode": "arrest", "source": "Police",
         "source_country": None, "target": "two men", "target_country": None, "factuality": "occurred",
         "date": "2020-05-13", "place": None, "place_country": None, "repeat": False}]}
    if text_sha256 is not None:
        line["text_sha256"] = text_sha256
    line.update(extra)
    return line


def _write(tmp_path: Path, *lines: dict[str, Any]) -> Path:
    annotations = tmp_path / "gold.jsonl"
    annotations.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return annotations


class RecordingCoder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, str | None]] = []

    def code_text(self, text: str, published: str | None = None, url: str | None = None) -> list[Any]:
        self.calls.append((text, published, url))
        return []


def test_a_pubdate_page_is_read_as_the_extraction_gives_it_with_its_address(
        eval_folder: Path, tmp_path: Path) -> None:
    text = _extracted()
    assert "Police arrested two men" in text and "Copyright" not in text  # the main text, not the furniture
    annotations = _write(tmp_path, _line(_sha256(text)))
    documents = load_gold(annotations)
    assert documents[0].text_sha256 == _sha256(text)
    assert load_texts(eval_folder, documents)[DOC] == text
    assert load_urls(eval_folder, documents)[DOC] == URL
    coder = RecordingCoder()
    result = evaluate(eval_folder, system=coder, annotations=annotations)
    assert coder.calls == [(text, "2020-05-14", URL)]
    assert result.figure("recall_dev").counts["gold"] == 1  # type: ignore[union-attr]


def test_a_changed_extraction_fails_naming_the_page(eval_folder: Path, tmp_path: Path) -> None:
    annotations = _write(tmp_path, _line(_sha256(_extracted() + " ")))
    with pytest.raises(GoldFormatError, match=re.escape(DOC) + ".*has changed"):
        evaluate(eval_folder, system=RecordingCoder(), annotations=annotations)
    # the page itself changing is caught the same way
    right = _write(tmp_path, _line(_sha256(_extracted())))
    changed_page = PAGE.replace("two men", "three men")
    (eval_folder / "pubdate" / "html" / FILE).write_text(changed_page, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(DOC)):
        load_texts(eval_folder, load_gold(right))


def test_a_pubdate_line_without_its_text_hash_is_a_gold_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match=re.escape(DOC) + ".*text_sha256"):
        load_gold(_write(tmp_path, _line(None)))


def test_a_page_the_set_does_not_hold_is_named(eval_folder: Path, tmp_path: Path) -> None:
    annotations = _write(tmp_path, _line(_sha256(_extracted()), doc="pubdate:404.html"))
    with pytest.raises(GoldFormatError, match=re.escape("pubdate:404.html")):
        evaluate(eval_folder, system=RecordingCoder(), annotations=annotations)


def test_the_repository_pubdate_lines_carry_a_hash_and_the_set_s_day() -> None:
    gold = Path(__file__).resolve().parents[1] / "eval" / "documents" / "gold.jsonl"
    pages = [document for document in load_gold(gold) if document.doc.startswith("pubdate:")]
    assert pages, "the session-20 batch of publication-date pages is in the gold"
    for document in pages:
        assert re.fullmatch(r"[0-9a-f]{64}", document.text_sha256 or ""), document.doc
        # the publication-date set is a 2020 sample, a few of its pages published the year before
        assert 2019 <= date.fromisoformat(document.published or "").year <= 2020, document.doc
