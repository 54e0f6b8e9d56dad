"""The hostile and broken input corpus: each case writes one file (or link) into a folder at test time.

Nothing big is committed: the 50 MB page, the bombs and the deep nestings are generated here, seeded, in
a few seconds. Each case says what a correct reader must do with it:

    error    at least one SourceError naming the file, with `reason` in its text, and no article
    article  exactly the articles of the file, no error; `text` must appear in the article text verbatim
    either   a clear error or an article, nothing else is promised (the input is ambiguous by nature)
    nothing  no document and no error: the file is valid and holds no article (a WARC of images)

Whatever the expectation, every case must finish in bounded time and memory and never end the run.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

Expectation = Literal["error", "article", "either", "nothing"]

_SEED = 20260
_SENTENCE = "The provincial council met on Monday and voted to delay the harbour road for a year. "
_ARTICLE_HTML = (
    "<html><head><title>Council delays harbour road</title></head><body><article>"
    + "".join(f"<p>{_SENTENCE * 4}Paragraph {n}.</p>" for n in range(6))
    + "</article></body></html>"
)
_ARABIC = "قال وزير الخارجية إن المحادثات ستستأنف في القاهرة يوم الاثنين المقبل."
_HEBREW = "שר החוץ אמר כי השיחות יתחדשו בשבוע הבא."
_MIXED = (
    f"The envoy said \u202e{_ARABIC}\u202c and then \u2067{_HEBREW}\u2069 before the talks; "
    "Привет, 北京 and देवनागरी appeared too, with e\u0301 and a ZWJ family 👩\u200d👩\u200d👧."
)


@dataclass(frozen=True, slots=True)
class HostileCase:
    name: str  # file name in the corpus folder
    attack: str  # what it tries to break, for the report
    write: Callable[[Path], None]
    expect: Expectation
    reason: str = ""  # part of the error reason (expect == "error")
    text: str = ""  # verbatim part of the article text (expect == "article")


def _bytes(data: bytes | Callable[[], bytes]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_bytes(data() if callable(data) else data)

    return write


def _rng(salt: int) -> random.Random:
    return random.Random(_SEED + salt)


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(record, ensure_ascii=False).encode() + b"\n" for record in records)


def _warc(records: list[tuple[str, list[tuple[str, str]], bytes]], compress: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for url, headers, payload in records:
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http)
        )
    return buffer.getvalue()


def _gzip_stream(total: int, chunk: bytes = b"\0" * (1 << 20), prefix: bytes = b"") -> bytes:
    """A valid gzip of `prefix` + `chunk` repeated to `total` bytes, built in a fraction of a second.

    After a full flush deflate forgets its history, so every chunk compresses to the same block and the
    block can simply be repeated; only the CRC has to run over all the data.
    """
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: the gzip frame is written here
    head = raw.compress(prefix) + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    count = total // len(chunk)
    tail = raw.flush()
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    size = (len(prefix) + count * len(chunk)) & 0xFFFFFFFF
    gzip_header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return gzip_header + head + block * count + tail + struct.pack("<II", crc, size)


def _big_page() -> bytes:
    paragraph = f"<p>{_SENTENCE * 20}</p>\n".encode()
    count = 50 * 1024 * 1024 // len(paragraph)
    return (
        b"<html><head><title>Big</title></head><body><article>"
        + paragraph * count
        + b"</article></body></html>"
    )


def _billion_laughs(root: str) -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10 if n > 1 else "&lol;" * 10}">'
        for n in range(1, 12)
    )
    if root == "feed":
        body = (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            "<entry><title>x</title><content>&lol11;</content></entry></feed>"
        )
    else:
        body = (
            '<rss version="2.0"><channel><title>t</title>'
            "<item><title>x</title><description>&lol11;</description></item></channel></rss>"
        )
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>{body}'.encode()


def _quadratic_blowup() -> bytes:
    # One 100 kB entity referenced 20,000 times: 2 GB if expanded, defeats depth-only defences.
    entity = "A" * 100_000
    references = "&a;" * 20_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{entity}">]><rss version="2.0"><channel>'
        f"<title>t</title><item><title>x</title><description>{references}</description></item>"
        "</channel></rss>"
    ).encode()


def _deep_feed() -> bytes:
    depth = 100_000
    return (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><description>'
        + b"<x>" * depth
        + b"deep"
        + b"</x>" * depth
        + b"</description></item></channel></rss>"
    )


def _many_items_feed() -> bytes:
    items = "".join(
        f"<item><title>n{n}</title><description>Item {n}: the convoy crossed the bridge at dawn."
        "</description></item>"
        for n in range(2_000)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    )


def _zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("page.html", _ARTICLE_HTML)
    return buffer.getvalue()


def _nested_gzip(layers: int) -> bytes:
    data = _ARTICLE_HTML.encode()
    for _ in range(layers):
        data = gzip.compress(data)
    return data


def _symlink_to(target: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.symlink_to(target)

    return write


def _sprinkled_nuls() -> bytes:
    page = bytearray(_ARTICLE_HTML.encode())
    rng = _rng(5)
    for _ in range(len(page) // 20):  # 5% NUL bytes: far over the 1% a text file may have
        page[rng.randrange(len(page))] = 0
    return bytes(page)


def _cases() -> list[HostileCase]:
    html = _ARTICLE_HTML
    big_text_record = {"id": "long-sentence", "text": "and the minister said that " * 80_000}
    return [
        # --- binary and random bytes -------------------------------------------------------------------
        HostileCase(
            "random-64k.bin", "random bytes", _bytes(lambda: _rng(1).randbytes(65536)), "error", "binary"
        ),
        HostileCase(
            "random.jsonl",
            "random bytes with a text suffix",
            _bytes(lambda: _rng(2).randbytes(20000)),
            "error",
            "binary",
        ),
        HostileCase(
            "png-header.html",
            "image data named .html",
            _bytes(lambda: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + _rng(3).randbytes(4000)),
            "error",
            "binary",
        ),
        HostileCase("zeros.txt", "NUL bytes only", _bytes(b"\0" * 10000), "error", "binary"),
        HostileCase("archive.zip", "a zip archive", _bytes(_zip_archive), "error", "binary"),
        HostileCase(
            "doc.pdf",
            "PDF with a binary stream",
            _bytes(lambda: b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\nstream\n" + _rng(4).randbytes(8000)),
            "error",
            "binary",
        ),
        HostileCase(
            "nul-sprinkled.html", "a page with 5% NUL bytes", _bytes(_sprinkled_nuls), "error", "binary"
        ),
        HostileCase(
            "dev-zero.html", "a link to an endless device", _symlink_to("/dev/zero"), "error", "binary"
        ),
        HostileCase(
            "gzip-of-random.gz",
            "gzip of random bytes",
            _bytes(lambda: gzip.compress(_rng(6).randbytes(30000))),
            "error",
            "binary",
        ),
        # --- encodings, valid and broken ---------------------------------------------------------------
        HostileCase(
            "utf16-bom.html",
            "UTF-16 with a BOM",
            _bytes(codecs.BOM_UTF16_LE + html.encode("utf-16-le")),
            "article",
            text=_SENTENCE.strip(),
        ),
        HostileCase(
            "utf32-bom.txt",
            "UTF-32 with a BOM",
            _bytes((_SENTENCE * 5).encode("utf-32")),
            "article",
            text=_SENTENCE.strip(),
        ),
        HostileCase(
            "utf16-no-bom.txt", "UTF-16 without a BOM", _bytes((_SENTENCE * 5).encode("utf-16-le")), "either"
        ),
        HostileCase(
            "utf16-bom-odd.txt",
            "UTF-16 BOM with an odd byte count and a lone surrogate",
            _bytes(codecs.BOM_UTF16_LE + "Talks resumed.".encode("utf-16-le") + b"\x00\xd8\x41"),
            "error",
            "byte-order mark",
        ),
        HostileCase(
            "utf8-bom-invalid.txt",
            "UTF-8 BOM followed by invalid UTF-8",
            _bytes(codecs.BOM_UTF8 + b"Talks resumed \xff\xfe\xc3\x28 today."),
            "error",
            "byte-order mark",
        ),
        HostileCase(
            "utf8-overlong.txt",
            "overlong UTF-8 sequences",
            _bytes(b"The talks \xc0\xaf\xe0\x80\xaf resumed. " * 40),
            "either",
        ),
        HostileCase(
            "utf8-surrogates.txt",
            "UTF-8-encoded surrogates (CESU)",
            _bytes(b"The envoy \xed\xa0\xbd\xed\xb8\x80 arrived. " * 40),
            "either",
        ),
        HostileCase(
            "utf8-cut.txt",
            "a multi-byte character cut at the end of the file",
            _bytes((_SENTENCE * 5).encode() + "é".encode()[:1]),
            "either",
        ),
        HostileCase(
            "mixed-utf8-latin1.txt",
            "half UTF-8, half Latin-1",
            _bytes(
                "Le ministre a déclaré. ".encode() * 20 + "Le ministre a déclaré. ".encode("latin-1") * 20
            ),
            "either",
        ),
        HostileCase(
            "cp1252-quotes.txt",
            "Windows-1252 smart quotes",
            _bytes(
                "\u201cWe will not negotiate,\u201d the minister said \u2013 twice. ".encode("cp1252") * 10
            ),
            "article",
            text="\u201cWe will not negotiate,\u201d",
        ),
        HostileCase(
            "meta-lies.html",
            "declares Shift_JIS, is UTF-8",
            _bytes(
                html.replace("<head>", '<head><meta charset="shift_jis">')
                .replace("Monday", "Montag für Größe")
                .encode()
            ),
            "article",
            text="Montag für Größe",
        ),
        HostileCase(
            "meta-bogus.html",
            "declares a charset that does not exist",
            _bytes(
                html.replace("<head>", '<head><meta charset="x-no-such-charset">')
                .replace("Monday", "lundi déjà")
                .encode("latin-1")
            ),
            "either",
        ),
        HostileCase(
            "shift-jis.txt",
            "Shift_JIS Japanese",
            _bytes(("外務大臣は月曜日に会談が再開されると述べた。" * 20).encode("shift_jis")),
            "article",
            text="外務大臣は月曜日に会談が再開されると述べた。",
        ),
        HostileCase(
            "koi8r.txt",
            "KOI8-R Russian",
            _bytes(("Министр иностранных дел заявил, что переговоры возобновятся. " * 10).encode("koi8_r")),
            "either",
        ),
        HostileCase(
            "gb18030.txt",
            "GB18030 Chinese",
            _bytes(("外交部长表示谈判将于下周一恢复。" * 20).encode("gb18030")),
            "article",
            text="外交部长表示谈判将于下周一恢复。",
        ),
        HostileCase(
            "invalid-utf8.jsonl",
            "JSON Lines with an invalid UTF-8 line",
            _bytes(b'{"id": "bad", "text": "caf\xe9 talks"}\n'),
            "error",
            "not valid UTF-8",
        ),
        HostileCase(
            "utf16.csv",
            "CSV in UTF-16 with a BOM",
            _bytes(codecs.BOM_UTF16_LE + f"id,text\n1,{_SENTENCE}\n".encode("utf-16-le")),
            "either",
        ),
        HostileCase("bom-only.txt", "a byte-order mark and nothing else", _bytes(codecs.BOM_UTF8), "error"),
        # --- records ----------------------------------------------------------------------------------
        HostileCase(
            "deep.jsonl",
            "JSON nested 200,000 levels deep",
            _bytes(b'{"text": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n"),
            "error",
            "nested too deeply",
        ),
        HostileCase(
            "deep-late.jsonl",
            "deep JSON after a good record",
            _bytes(_jsonl({"id": "ok", "text": _SENTENCE}) + b'{"text": ' + b"[" * 200_000 + b"}\n"),
            "either",
        ),
        HostileCase(
            "huge-number.jsonl",
            "an integer with 100,000 digits",
            _bytes(b'{"id": ' + b"9" * 100_000 + b', "text": "x"}\n'),
            "error",
            "not valid JSON",
        ),
        HostileCase(
            "not-objects.jsonl",
            "JSON values that are not objects",
            _bytes(b'{"text": "first"}\n[1, 2]\n"text"\nnull\n'),
            "either",
        ),
        HostileCase(
            "odd-types.jsonl",
            "text and metadata of the wrong JSON types",
            _bytes(_jsonl({"id": [1], "text": {"a": 1}, "published": 12, "title": None})),
            "either",
        ),
        HostileCase(
            "nan.jsonl",
            "NaN and Infinity literals",
            _bytes(b'{"id": NaN, "text": "Talks resumed.", "published": Infinity}\n'),
            "either",
        ),
        HostileCase(
            "unterminated.csv",
            "CSV with a quote that never closes",
            _bytes(('id,text\n1,"' + _SENTENCE * 50).encode()),
            "either",
        ),
        HostileCase(
            "nul-fields.csv",
            "CSV with NUL bytes inside fields",
            _bytes(f"id,text\n1,{_SENTENCE}\0\0\n2,x\0y\n".encode()),
            "either",
        ),
        HostileCase("header-only.csv", "CSV header without rows", _bytes(b"id,title,text\n"), "nothing"),
        HostileCase("empty-record.jsonl", "an object without fields", _bytes(b"{}\n"), "error", "no text"),
        HostileCase("blank-lines.jsonl", "only newlines", _bytes(b"\n" * 5000), "error", "empty"),
        # --- feeds ------------------------------------------------------------------------------------
        HostileCase(
            "laughs-rss.xml",
            "billion laughs (10^11 expansions) in RSS",
            _bytes(lambda: _billion_laughs("rss")),
            "either",
        ),
        HostileCase(
            "laughs-atom.xml", "billion laughs in Atom", _bytes(lambda: _billion_laughs("feed")), "either"
        ),
        HostileCase("quadratic.xml", "quadratic entity blow-up", _bytes(_quadratic_blowup), "either"),
        HostileCase(
            "external-dtd.xml",
            "an external DTD on the network",
            _bytes(
                b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://192.0.2.1/evil.dtd">'
                b'<rss version="2.0"><channel><title>t</title><item><description>Talks resumed.'
                b"</description></item></channel></rss>"
            ),
            "article",
            text="Talks resumed.",
        ),
        HostileCase(
            "deep-feed.xml", "an element nested 100,000 levels in a feed", _bytes(_deep_feed), "error"
        ),
        HostileCase(
            "truncated-feed.xml",
            "a feed cut in the middle of an item",
            _bytes(
                b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
                b"<description>Talks res"
            ),
            "error",
            "not well-formed",
        ),
        HostileCase(
            "many-items.xml",
            "a feed with 2,000 near-identical items",
            _bytes(_many_items_feed),
            "article",
            text="the convoy crossed the bridge",
        ),
        HostileCase(
            "cdata-nested.xml",
            "CDATA with 50,000 nested tags",
            _bytes(
                (
                    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
                    "<description><![CDATA["
                    + "<div>" * 50_000
                    + "Talks resumed."
                    + "</div>" * 50_000
                    + "]]></description></item></channel></rss>"
                ).encode()
            ),
            "either",
        ),
        # --- compressed data and archives -------------------------------------------------------------
        HostileCase(
            "bomb.html.gz",
            "gzip bomb: a 1 GB page in 1 MB",
            _bytes(lambda: _gzip_stream(1 << 30, chunk=b"a" * (1 << 20), prefix=b"<html><body><p>")),
            "error",
            "larger than the limit",
        ),
        HostileCase(
            "text-bomb.txt.gz",
            "gzip bomb of text that looks fine",
            _bytes(lambda: _gzip_stream(1 << 30, chunk=_SENTENCE.encode() * 12000)),
            "error",
            "larger than the limit",
        ),
        HostileCase(
            "nested.html.gz.gz.gz",
            "gzip inside gzip inside gzip",
            _bytes(lambda: _nested_gzip(3)),
            "error",
            "nested too deeply",
        ),
        HostileCase(
            "header-only.gz", "a gzip header and nothing else", _bytes(gzip.compress(b"")[:10]), "error"
        ),
        HostileCase("empty.gz", "gzip of nothing", _bytes(gzip.compress(b"")), "error", "empty"),
        HostileCase(
            "trailing-garbage.html.gz",
            "gzip followed by garbage",
            _bytes(lambda: gzip.compress(html.encode()) + b"GARBAGE" * 100),
            "either",
        ),
        HostileCase(
            "bomb.warc.gz",
            "WARC record whose payload is a 1 GB bomb",
            _bytes(
                lambda: _warc(
                    [("https://a.example/bomb", [("Content-Type", "text/html")], b"<p>" + b"a" * (80 << 20))]
                )
            ),
            "error",
            "larger than the limit",
        ),
        HostileCase(
            "encoded-bomb.warc",
            "WARC payload with Content-Encoding: gzip bomb inside",
            _bytes(
                lambda: _warc(
                    [
                        (
                            "https://a.example/enc",
                            [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                            _gzip_stream(1 << 30, prefix=b"<p>"),
                        )
                    ],
                    compress=False,
                )
            ),
            "error",
            "larger than the limit",
        ),
        HostileCase(
            "lying-length.warc",
            "WARC header that promises more bytes than there are",
            _bytes(
                b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999\r\n"
                b"WARC-Target-URI: https://a.example/x\r\nContent-Type: application/http\r\n\r\n"
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>short</p>"
            ),
            "error",
        ),
        HostileCase(
            "garbage.warc",
            "a WARC header followed by noise",
            _bytes(lambda: b"WARC/1.0\r\n" + _rng(7).randbytes(5000)),
            "error",
            "damaged WARC",
        ),
        HostileCase(
            "images-only.warc.gz",
            "a WARC with no HTML at all",
            _bytes(
                lambda: _warc(
                    [("https://a.example/i.png", [("Content-Type", "image/png")], _rng(8).randbytes(2000))]
                )
            ),
            "nothing",
        ),
        # --- HTML -------------------------------------------------------------------------------------
        HostileCase("big-50mb.html", "a 50 MB page", _bytes(_big_page), "error", "over the extraction limit"),
        HostileCase(
            "nested-100k.html",
            "100,000 nested tags",
            _bytes(
                (
                    "<html><body>" + "<div>" * 100_000 + _SENTENCE + "</div>" * 100_000 + "</body></html>"
                ).encode()
            ),
            "either",
        ),
        HostileCase(
            "unclosed-100k.html",
            "100,000 unclosed paragraphs",
            _bytes(("<html><body>" + f"<p>{_SENTENCE}" * 100_000 + "</body></html>").encode()),
            "either",
        ),
        HostileCase(
            "huge-attribute.html",
            "a 3 MB attribute value",
            _bytes(html.replace("<article>", '<article data-x="' + "q" * 3_000_000 + '">').encode()),
            "either",
        ),
        HostileCase(
            "comments-only.html",
            "100,000 comments and no text",
            _bytes(("<html><body>" + "<!-- hidden -->" * 100_000 + "</body></html>").encode()),
            "error",
            "no article text",
        ),
        HostileCase(
            "script-only.html",
            "a page that is one big script",
            _bytes(("<html><body><script>" + "var a=1;" * 200_000 + "</script></body></html>").encode()),
            "error",
            "no article text",
        ),
        HostileCase(
            "bad-char-refs.html",
            "numeric references to NUL, surrogates and beyond Unicode",
            _bytes(html.replace("Monday", "Monday &#0; &#xD800; &#x110000; &#99999999999; &bogus;").encode()),
            "either",
        ),
        HostileCase(
            "long-token.html",
            "one 2,000,000-character token",
            _bytes(("<html><body><article><p>" + "x" * 2_000_000 + "</p></article></body></html>").encode()),
            "error",
            "over the limit",
        ),
        HostileCase(
            "long-sentence.jsonl",
            "one 2 MB sentence without punctuation",
            _bytes(_jsonl(big_text_record)),
            "error",
            "over the limit",
        ),
        HostileCase(
            "long-plain.txt",
            "scraped text of 300,000 characters in one line",
            _bytes(("the minister said that " * 13_000).encode()),
            "either",
        ),
        # --- scripts and directions -------------------------------------------------------------------
        HostileCase(
            "mixed-scripts.jsonl",
            "mixed scripts, bidi overrides, combining marks, ZWJ emoji",
            _bytes(_jsonl({"id": "mixed", "text": _MIXED})),
            "article",
            text=_MIXED,
        ),
        HostileCase(
            "arabic-rtl.html",
            "a right-to-left Arabic page",
            _bytes(
                f'<html lang="ar" dir="rtl"><head><title>محادثات</title></head><body><article>'
                f"<p>{_ARABIC * 5}</p><p>{_ARABIC * 4}</p></article></body></html>".encode()
            ),
            "article",
            text=_ARABIC.split()[0],
        ),
        HostileCase(
            "zalgo.txt",
            "letters under hundreds of combining marks",
            _bytes((("Talks" + "\u0301\u0316\u0353" * 300 + " resumed. ") * 20).encode()),
            "either",
        ),
        HostileCase(
            "astral.jsonl",
            "emoji, private use and noncharacters",
            _bytes(_jsonl({"id": "astral", "text": "Talks 🕊️ resumed \ue000 \U0010fffd \ufdd0 today."})),
            "article",
            text="🕊️",
        ),
        HostileCase(
            "ملف-عربي.txt",
            "a file name in Arabic",
            _bytes(f"{_ARABIC} {_SENTENCE}".encode()),
            "article",
            text=_ARABIC,
        ),
        # --- empty and nearly empty -------------------------------------------------------------------
        HostileCase("empty.html", "an empty file", _bytes(b""), "error", "empty"),
        HostileCase(
            "whitespace.txt", "a megabyte of whitespace", _bytes(b" \t\r\n" * 250_000), "error", "empty"
        ),
        HostileCase(
            "empty-body.html",
            "a page with an empty body",
            _bytes(b"<html><head><title>t</title></head><body></body></html>"),
            "error",
            "no article text",
        ),
        HostileCase(
            "crlf-mess.txt",
            "lone CRs, form feeds and vertical tabs",
            _bytes((_SENTENCE + "\r" + _SENTENCE + "\f\v\r\n").encode() * 50),
            "either",
        ),
    ]


CASES: tuple[HostileCase, ...] = tuple(_cases())


def build_corpus(folder: Path) -> dict[str, HostileCase]:
    """Write every case into `folder` (created); returns file name -> case."""
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case.write(folder / case.name)
    return {case.name: case for case in CASES}
