"""Build data/sample/warc/sample-crawl.warc.gz, the WARC part of eventwire's bundled sample corpus.

The archive imitates a small crawl: a `warcinfo` record, a `robots.txt` response (plain text, which the
ingest reader must skip) and three HTTP `response` records holding complete HTML article pages with the
usual page furniture around the article. The article texts are original writing about real events; the
outlets and their domains are fictional.

The output is reproducible: record ids and dates are derived from the pages, not from the clock, so
running the script again produces the same records (only gzip framing could differ between zlib builds).

Usage:  .venv/bin/python data/sample/build_warc.py [OUTPUT]
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "warc" / "sample-crawl.warc.gz"
CRAWLER = "eventwire-sample-builder/1.0 (fictional crawl for the bundled sample corpus)"
# Fixed namespace: the same page always gets the same WARC-Record-ID.
RECORD_ID_NAMESPACE = uuid.UUID("6f1f3a52-8e2b-4f55-9c3e-3f1d2a7b9e10")


@dataclass(frozen=True, slots=True)
class CrawledPage:
    """One article page of the crawl; `related` are (title, url) links shown beside the article."""

    outlet: str
    url: str
    title: str
    author: str
    published: str  # ISO 8601 with UTC offset
    city: str  # dateline
    paragraphs: tuple[str, ...]
    related: tuple[tuple[str, str], ...]

    @property
    def domain(self) -> str:
        return self.url.split("/")[2]


PAGES: tuple[CrawledPage, ...] = (
    CrawledPage(
        outlet="Desert Line Reports",
        url="https://desertline.example/middle-east/iran-fires-missiles-at-us-bases-in-iraq",
        title="Iran fires ballistic missiles at bases hosting US troops in Iraq",
        author="Omar Saleh",
        published="2020-01-08T22:30:00+03:00",
        city="BAGHDAD",
        paragraphs=(
            (
                "Iran fired more than a dozen ballistic missiles early on Wednesday at the Ain al-Asad air "
                "base in Iraq's Anbar province and at a base in Erbil, both of which host US troops, in "
                "retaliation for the killing of General Qassem Soleimani last week."
            ),
            (
                "The Islamic Revolutionary Guard Corps claimed the attack. Foreign Minister Mohammad Javad "
                "Zarif said Tehran had taken proportionate measures in self-defence under Article 51 of the "
                "UN Charter and that Iran did not seek escalation or war."
            ),
            (
                "The office of Iraqi Prime Minister Adel Abdul Mahdi said it had received a verbal message "
                "from Iran shortly after midnight saying that a response was beginning."
            ),
            (
                "In a televised address from the White House on Wednesday, President Donald Trump said no "
                "Americans had been harmed in the strikes and announced additional economic sanctions on "
                "Tehran. He said Iran appeared to be standing down."
            ),
            (
                "Separately, a Ukraine International Airlines Boeing 737 crashed shortly after taking off "
                "from Tehran's Imam Khomeini International Airport on Wednesday morning, killing all 176 "
                "people on board."
            ),
        ),
        related=(
            (
                "US strike near Baghdad airport kills Iranian commander Soleimani and militia leader "
                "Muhandis",
                "https://tigrisobserver.example/iraq/2020/01/03/us-strike-baghdad-airport-kills-soleimani",
            ),
            (
                "Iraqi parliament votes to end foreign troop presence after Soleimani killing",
                "https://euphratespost.example/news/iraq-parliament-votes-foreign-troops-exit",
            ),
        ),
    ),
    CrawledPage(
        outlet="Formosa Strait Monitor",
        url="https://formosamonitor.example/2022/08/05/china-sanctions-pelosi-halts-us-talks",
        title="China sanctions Pelosi and halts climate and military talks with US",
        author="Lin Mei-hua",
        published="2022-08-05T20:40:00+08:00",
        city="TAIPEI",
        paragraphs=(
            (
                "China said on Friday it was imposing sanctions on US House Speaker Nancy Pelosi and her "
                "immediate family over her visit to Taiwan earlier this week."
            ),
            (
                "Beijing also announced that it would cancel talks between military commanders and suspend "
                "cooperation with Washington on climate change, the return of illegal migrants and the fight"
                " against drug trafficking and transnational crime."
            ),
            (
                "China's military began its largest exercises around the island on Thursday. Taiwan's "
                "defence ministry said the People's Liberation Army fired eleven ballistic missiles into "
                "waters off the island, and Tokyo said five of them landed inside Japan's exclusive economic"
                " zone."
            ),
            (
                "Secretary of State Antony Blinken, attending a regional meeting in Phnom Penh on Friday, "
                "said there was no justification for what he described as a drastic and disproportionate "
                "military response."
            ),
            (
                "Taiwan's defence ministry said Chinese warships and aircraft had crossed the median line of"
                " the Taiwan Strait on Friday and that it had sent forces to respond."
            ),
        ),
        related=(
            (
                "Pelosi meets Tsai in Taipei as Beijing announces military drills",
                "https://meridianwire.example/asia/pelosi-meets-tsai-in-taipei",
            ),
        ),
    ),
    CrawledPage(
        outlet="Gulf Current",
        url="https://gulfcurrent.example/diplomacy/2023/03/10/iran-saudi-restore-ties-beijing",
        title="Iran and Saudi Arabia agree to restore relations in China-brokered deal",
        author="Nasser al-Amiri",
        published="2023-03-10T16:05:00+03:00",
        city="DUBAI",
        paragraphs=(
            (
                "Iran and Saudi Arabia agreed on Friday to restore diplomatic relations and reopen their "
                "embassies within two months, in a deal brokered by China after talks in Beijing."
            ),
            (
                "A joint statement by the three countries said the two regional rivals had also agreed to "
                "respect each other's sovereignty and not to interfere in each other's internal affairs."
            ),
            (
                "The statement was signed by Ali Shamkhani, secretary of Iran's Supreme National Security "
                "Council, Musaed bin Mohammed Al-Aiban, the Saudi national security adviser, and Wang Yi, "
                "China's most senior diplomat."
            ),
            (
                "Riyadh cut ties with Tehran in 2016 after protesters stormed Saudi diplomatic missions in "
                "Iran following the execution of the Shia cleric Nimr al-Nimr in Saudi Arabia."
            ),
            (
                "The White House said it welcomed any effort to help end the war in Yemen and to de-escalate"
                " tensions in the Middle East."
            ),
        ),
        related=(
            (
                "Iran fires ballistic missiles at bases hosting US troops in Iraq",
                "https://desertline.example/middle-east/iran-fires-missiles-at-us-bases-in-iraq",
            ),
        ),
    ),
)


def render_page(page: CrawledPage) -> str:
    """A full HTML page: the article plus navigation, cookie banner, share bar, related links, footer."""
    published = datetime.fromisoformat(page.published)
    body = [f"{page.city} &ndash; {escape(page.paragraphs[0])}", *(escape(p) for p in page.paragraphs[1:])]
    paragraphs = "\n".join(f"        <p>{paragraph}</p>" for paragraph in body)
    related = "\n".join(
        f'        <li><a href="{url}">{escape(title)}</a></li>' for title, url in page.related
    )
    home = f"https://{page.domain}/"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(page.title)} - {escape(page.outlet)}</title>
  <meta name="author" content="{escape(page.author)}">
  <meta property="og:title" content="{escape(page.title)}">
  <meta property="og:site_name" content="{escape(page.outlet)}">
  <meta property="og:url" content="{page.url}">
  <meta property="article:published_time" content="{page.published}">
  <link rel="canonical" href="{page.url}">
  <script src="{home}assets/bundle.js" defer></script>
</head>
<body>
  <div class="consent-overlay">We value your privacy. We and our partners use cookies to store and access
    information on your device. <a href="{home}cookies/">Cookie policy</a>
    <button>I agree</button> <button>Reject non-essential</button></div>
  <header class="top">
    <a class="brand" href="{home}">{escape(page.outlet)}</a>
    <nav><a href="{home}news/">News</a> <a href="{home}politics/">Politics</a>
      <a href="{home}world/">World</a> <a href="{home}opinion/">Opinion</a>
      <a href="{home}live/">Live</a></nav>
    <a href="{home}login/">Sign in</a>
  </header>
  <main>
    <article>
      <h1>{escape(page.title)}</h1>
      <div class="byline">{escape(page.author)} &middot;
        <time datetime="{page.published}">{published:%d/%m/%Y %H:%M}</time></div>
      <div class="article-text">
{paragraphs}
      </div>
      <div class="share">Share: <a href="{home}share?to=facebook">Facebook</a>
        <a href="{home}share?to=x">X</a> <a href="{home}share?to=telegram">Telegram</a>
        <a href="{home}share?to=email">Email</a></div>
    </article>
    <aside class="related-links">
      <h2>Related coverage</h2>
      <ul>
{related}
      </ul>
    </aside>
  </main>
  <footer>
    <p><a href="{home}about/">About</a> | <a href="{home}privacy/">Privacy</a> |
      <a href="{home}corrections/">Corrections</a></p>
    <p>Copyright {published.year} {escape(page.outlet)}</p>
  </footer>
</body>
</html>
"""


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_id(url: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, url)}>"


def write_response(writer: WARCWriter, url: str, crawled: datetime, content_type: str, body: bytes) -> None:
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(body))), ("Server", "nginx")],
        protocol="HTTP/1.1",
    )
    warc_headers = {"WARC-Date": warc_date(crawled), "WARC-Record-ID": record_id(url)}
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http_headers,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)


def build(output: Path) -> None:
    """Write the warcinfo record, one robots.txt response and one HTML response per page."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        info = writer.create_warcinfo_record(
            output.name, {"software": CRAWLER, "format": "WARC File Format 1.0"}
        )
        info.rec_headers.replace_header("WARC-Date", warc_date(datetime.fromisoformat(PAGES[0].published)))
        info.rec_headers.replace_header("WARC-Record-ID", record_id(output.name))
        writer.write_record(info)
        first = PAGES[0]
        robots = b"User-agent: *\nDisallow: /login/\n"
        crawled = datetime.fromisoformat(first.published) + timedelta(minutes=5)
        write_response(writer, f"https://{first.domain}/robots.txt", crawled, "text/plain", robots)
        for page in PAGES:
            # Crawled an hour after publication, so the WARC-Date is never the publication date itself.
            crawled = datetime.fromisoformat(page.published) + timedelta(hours=1)
            html = render_page(page).encode("utf-8")
            write_response(writer, page.url, crawled, "text/html; charset=utf-8", html)


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    build(output)
    print(f"wrote {output} ({len(PAGES)} article pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
