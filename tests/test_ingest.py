"""ingest.read_sources: every format, detection from content, and bad input that never stops a run."""

from __future__ import annotations

import gzip
import io
import random
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import DEFAULT_MAX_BYTES, read_sources
from eventwire.records import RawDocument, SourceError

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths: Path | str, **options: int) -> list[RawDocument | SourceError]:
    return list(read_sources([str(path) for path in paths], **options))


def documents(items: list[RawDocument | SourceError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | SourceError]) -> list[SourceError]:
    return [item for item in items if isinstance(item, SourceError)]


def make_warc(records: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    """A WARC of (url, content type, payload) responses, written with warcio."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, content_type, payload in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        )
    return buffer.getvalue()


def page(number: int) -> bytes:
    paragraph = f"Story number {number} tells what the council decided on the new harbour road. " * 40
    return f"<html><body><article><p>{paragraph}</p></article></body></html>".encode()


# --- formats ---------------------------------------------------------------------------------------------


def test_html_page_is_read_as_html() -> None:
    [doc] = read(FIXTURES / "page.html")
    assert doc.kind == "html" and doc.origin.endswith("page.html")
    assert "Parliament approves budget" in doc.body


def test_gzipped_html_is_decompressed_then_sniffed(tmp_path: Path) -> None:
    target = tmp_path / "page.html.gz"
    target.write_bytes(gzip.compress((FIXTURES / "page.html").read_bytes()))
    [doc] = read(target)
    assert isinstance(doc, RawDocument) and doc.kind == "html"
    assert doc.body == (FIXTURES / "page.html").read_text(encoding="utf-8")


def test_scraped_text_is_read_as_text() -> None:
    [doc] = read(FIXTURES / "scraped" / "kyiv-sirens.txt")
    assert isinstance(doc, RawDocument) and doc.kind == "text"


def test_jsonl_records_and_their_errors() -> None:
    items = read(FIXTURES / "records.jsonl")
    docs = documents(items)
    assert [d.record_id for d in docs] == ["rec-1", "rec-2", "5"]
    first = docs[0]
    # The record's text is taken exactly as given, surrounding spaces included.
    assert first.body == "  The central bank raised its main interest rate by half a point on Thursday.  "
    assert first.kind == "plain"
    assert first.meta.url == "https://wire.example/rates" and first.meta.source == "Wire Example"
    assert first.meta.published == "2022-07-21T14:00:00+02:00" and first.meta.language == "en"
    assert docs[1].meta.published == "2022-07-21"  # `date` alias, a day stays a day
    bad = {e.origin.rsplit("#", 1)[1]: e.reason for e in errors(items)}
    assert set(bad) == {"line 4", "line 5", "line 6"}
    assert (
        "not valid JSON" in bad["line 4"] and "no text" in bad["line 5"] and "not an object" in bad["line 6"]
    )
    assert all("records.jsonl" in e.origin for e in errors(items))


def test_csv_records_with_quoted_fields() -> None:
    items = read(FIXTURES / "records.csv")
    docs = documents(items)
    assert [d.record_id for d in docs] == ["row-1", "row-3"]
    assert docs[1].body == 'A text with a "quoted" word and a comma, inside.'
    assert docs[1].meta.title == "Quoted, title"
    [empty] = errors(items)
    assert empty.origin.endswith("records.csv#row 3") and "no text" in empty.reason


def test_csv_without_text_column_is_an_error() -> None:
    [error] = read(FIXTURES / "no-text-column.csv")
    assert isinstance(error, SourceError)
    assert "no-text-column.csv" in error.origin and "no text column" in error.reason


def test_rss_items() -> None:
    items = read(FIXTURES / "feed-rss.xml")
    first, second, missing = items
    assert isinstance(first, RawDocument) and first.kind == "html"
    assert first.origin.endswith("feed-rss.xml#item 1")
    assert first.meta.title == "Port workers strike over pay"
    assert first.meta.url == "https://harbour.example/world/port-strike"
    assert first.meta.published == "2020-08-04T18:10:00+03:00"
    assert first.meta.author == "Sami Haddad" and first.meta.source == "Harbour Post World"
    assert first.meta.language == "en"
    assert isinstance(second, RawDocument) and second.kind == "plain"
    assert second.meta.published == "2020-08-05T07:00:00+00:00"
    assert isinstance(missing, SourceError) and missing.origin.endswith("#item 3")


def test_atom_entry() -> None:
    [entry] = read(FIXTURES / "feed-atom.xml")
    assert isinstance(entry, RawDocument) and entry.kind == "plain"
    assert entry.meta.url == "https://lac.example/budget"
    assert entry.meta.published == "2021-03-02T19:30:00+01:00"  # published wins over updated
    assert entry.meta.author == "Claire Martin" and entry.meta.language == "fr"


def test_rdf_item() -> None:
    [item] = read(FIXTURES / "feed-rdf.rdf")
    assert isinstance(item, RawDocument)
    assert item.meta.title == "New bridge opens to traffic" and item.meta.published == "2019-10-18"
    assert item.meta.source == "Valley Gazette"


@pytest.mark.parametrize("compress", [False, True])
def test_warc_html_responses(tmp_path: Path, compress: bool) -> None:
    target = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    target.write_bytes(
        make_warc(
            [
                ("https://a.example/1", "text/html; charset=utf-8", page(1)),
                ("https://a.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
                ("https://a.example/2", "text/html", page(2)),
            ],
            compress,
        )
    )
    docs = read(target)
    assert [d.origin.rsplit("#", 1)[1] for d in docs] == ["record 1", "record 3"]
    assert all(isinstance(d, RawDocument) and d.kind == "html" for d in docs)
    assert [d.meta.url for d in docs] == ["https://a.example/1", "https://a.example/2"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "records.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs = documents(read("-"))
    assert [d.record_id for d in docs] == ["rec-1", "rec-2", "5"]
    assert docs[0].origin == "<stdin>#line 1"


def test_directory_is_walked_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second file of the run with some words in it.\n")
    (tmp_path / "a.txt").write_text("First file of the run with some words in it.\n")
    (tmp_path / ".secret.txt").write_text("hidden\n")
    (tmp_path / ".hidden" / "three.txt").write_text("hidden too\n")
    origins = [d.origin for d in read(tmp_path)]
    assert origins == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "two.txt")]


# --- detection from content ----------------------------------------------------------------------------


def test_jsonl_content_with_a_txt_suffix_is_read_as_jsonl() -> None:
    docs = documents(read(FIXTURES / "records-disguised.txt"))
    assert [d.record_id for d in docs] == ["rec-1", "rec-2", "5"]


def test_html_content_with_a_csv_suffix_is_read_as_html() -> None:
    [doc] = read(FIXTURES / "page-disguised.csv")
    assert isinstance(doc, RawDocument) and doc.kind == "html"


def test_gzip_detected_without_gz_suffix(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(gzip.compress((FIXTURES / "feed-atom.xml").read_bytes()))
    [entry] = read(target)
    assert isinstance(entry, RawDocument) and entry.meta.author == "Claire Martin"


# --- bad input: a SourceError naming the file, and the run goes on --------------------------------------


def _assert_error_then_continues(bad: Path, reason_part: str, **options: int) -> None:
    good = FIXTURES / "page.html"
    items = read(bad, good, **options)
    problems = errors(items)
    assert problems, f"no error for {bad.name}"
    assert all(bad.name in e.origin for e in problems)
    assert any(reason_part in e.reason for e in problems), [e.reason for e in problems]
    assert isinstance(items[-1], RawDocument) and items[-1].origin == str(good)


def test_random_bytes(tmp_path: Path) -> None:
    bad = tmp_path / "noise.html"
    bad.write_bytes(random.Random(7).randbytes(5000))
    _assert_error_then_continues(bad, "binary")


def test_empty_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    _assert_error_then_continues(bad, "empty")


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress((FIXTURES / "page.html").read_bytes())
    bad = tmp_path / "cut.html.gz"
    bad.write_bytes(data[: len(data) // 2])
    _assert_error_then_continues(bad, "truncated")


def test_truncated_warc_yields_records_before_the_damage(tmp_path: Path) -> None:
    data = make_warc([(f"https://a.example/{n}", "text/html", page(n)) for n in range(3)], compress=False)
    bad = tmp_path / "cut.warc"
    bad.write_bytes(data[: int(len(data) * 0.8)])
    items = read(bad)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "SourceError"]
    assert items[2].origin.endswith("cut.warc#record 3") and "truncated" in items[2].reason


def test_truncated_gzipped_warc_yields_records_before_the_damage(tmp_path: Path) -> None:
    data = make_warc([(f"https://a.example/{n}", "text/html", page(n)) for n in range(3)], compress=True)
    bad = tmp_path / "cut.warc.gz"
    bad.write_bytes(data[: int(len(data) * 0.8)])
    items = read(bad)
    assert len(documents(items)) == 2
    assert isinstance(items[-1], SourceError) and "truncated" in items[-1].reason


def test_text_in_no_plausible_encoding(tmp_path: Path) -> None:
    bad = tmp_path / "garbled.txt"
    rng = random.Random(3)
    bad.write_bytes(b"Hello world " + bytes(rng.randrange(0x80, 0x100) for _ in range(500)) + b" more")
    _assert_error_then_continues(bad, "not valid UTF-8")


def test_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    target = tmp_path / "cyrillic.txt"
    target.write_bytes("Правительство объявило о новых мерах поддержки.".encode("cp1251"))
    [doc] = read(target)
    assert isinstance(doc, RawDocument) and doc.body.startswith("Правительство")


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    target = tmp_path / "bom.txt"
    target.write_bytes("\ufeffA line of scraped text with a byte order mark.".encode())
    [doc] = read(target)
    assert isinstance(doc, RawDocument) and doc.body.startswith("A line")


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    bad = tmp_path / "huge.html"
    with bad.open("wb") as handle:  # sparse: 200 MB on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    started = time.perf_counter()
    _assert_error_then_continues(bad, "over the limit")
    assert time.perf_counter() - started < 2
    assert DEFAULT_MAX_BYTES == 64 * 1024 * 1024


def test_gzip_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    bad = tmp_path / "bomb.html.gz"
    bad.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * 3_000_000))
    _assert_error_then_continues(bad, "larger than the limit", max_bytes=1_000_000)


def test_warc_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    bad = tmp_path / "bomb.warc.gz"
    bad.write_bytes(
        make_warc([("https://a.example/x", "text/html", b"<p>" + b"a" * 3_000_000)], compress=True)
    )
    _assert_error_then_continues(bad, "larger than the limit", max_bytes=1_000_000)


def test_jsonl_stream_stops_at_decompressed_limit_after_yielding_earlier_records(tmp_path: Path) -> None:
    line = b'{"id": "x", "text": "' + b"word " * 2000 + b'"}\n'
    bad = tmp_path / "many.jsonl.gz"
    bad.write_bytes(gzip.compress(line * 200))
    items = read(bad, max_bytes=100_000)
    assert len(documents(items)) >= 5
    assert isinstance(items[-1], SourceError) and "larger than the limit" in items[-1].reason


def test_missing_file(tmp_path: Path) -> None:
    _assert_error_then_continues(tmp_path / "nowhere.html", "cannot read")


def test_malformed_feed(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xml"
    bad.write_text('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</channel>')
    _assert_error_then_continues(bad, "not well-formed XML")


def test_billion_laughs_feed_expands_nothing(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 10)
    )
    bad = tmp_path / "laughs.xml"
    bad.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>t</title><item><title>x</title><description>&lol9;</description></item></channel></rss>"
    )
    started = time.perf_counter()
    items = read(bad)
    assert time.perf_counter() - started < 2
    assert all(len(getattr(item, "body", "")) < 1000 for item in items)


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    bad = tmp_path / "xxe.xml"
    bad.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
        "<description>before &xxe; after</description></item></channel></rss>"
    )
    items = read(bad)
    assert not any("TOP-SECRET" in getattr(item, "body", "") for item in items)


def test_symlink_loop_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A file in a folder that links back to itself.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [d.origin for d in read(tmp_path)] == [str(tmp_path / "a.txt")]


def test_missing_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    [error] = read("-")
    assert isinstance(error, SourceError) and error.origin == "<stdin>"
