"""A benchmark corpus of N news articles as JSON Lines, reproducible from a seed, streamed to disk.

    python bench/make_corpus.py OUT.jsonl --articles 10000 [--seed 7] [--shared ../shared]

Each article is a dateline ("KHARTOUM (Meridian Wire) — ") and paragraphs mixing two kinds of
sentences: event sentences built from templates (who did what to whom, where and when, in the phrasing
wire copy uses) and sentences of real news prose, taken from the sample corpus (data/sample) and, when
`--shared` holds them, the body texts of the shared extraction pages. The mix gives the parser realistic
sentence lengths and the coder a realistic share of event-bearing sentences. A small share of articles
is re-published: as exact copies (another outlet, same text) and as near-duplicates (one sentence
reworded), so the duplicate paths of ingest are timed as well.

The same seed and sources always give the same file. Articles are written one at a time; memory stays
flat whatever N is (a million articles is about 2.5 GB of JSONL).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]

# Template vocabulary (written for this benchmark). Actors are (phrase, country adjective-free) so the
# templates can say "the army of Sudan" as well as "Sudan's army".
_COUNTRIES = [
    "Sudan", "Ethiopia", "Kenya", "Nigeria", "Mali", "Niger", "Egypt", "Libya", "Iraq", "Iran", "Syria",
    "Turkey", "Israel", "Lebanon", "Jordan", "Ukraine", "Russia", "Poland", "Germany", "France", "Spain",
    "Italy", "Greece", "Serbia", "Armenia", "Azerbaijan", "Georgia", "India", "Pakistan", "Afghanistan",
    "China", "Japan", "South Korea", "Myanmar", "Thailand", "Indonesia", "the Philippines", "Australia",
    "Brazil", "Argentina", "Colombia", "Venezuela", "Peru", "Chile", "Mexico", "Canada", "the United States",
]
_CITIES = {
    "Sudan": "Khartoum", "Ethiopia": "Addis Ababa", "Kenya": "Nairobi", "Nigeria": "Abuja", "Mali": "Bamako",
    "Niger": "Niamey", "Egypt": "Cairo", "Libya": "Tripoli", "Iraq": "Baghdad", "Iran": "Tehran",
    "Syria": "Damascus", "Turkey": "Ankara", "Israel": "Jerusalem", "Lebanon": "Beirut", "Jordan": "Amman",
    "Ukraine": "Kyiv", "Russia": "Moscow", "Poland": "Warsaw", "Germany": "Berlin", "France": "Paris",
    "Spain": "Madrid", "Italy": "Rome", "Greece": "Athens", "Serbia": "Belgrade", "Armenia": "Yerevan",
    "Azerbaijan": "Baku", "Georgia": "Tbilisi", "India": "New Delhi", "Pakistan": "Islamabad",
    "Afghanistan": "Kabul", "China": "Beijing", "Japan": "Tokyo", "South Korea": "Seoul",
    "Myanmar": "Naypyidaw", "Thailand": "Bangkok", "Indonesia": "Jakarta", "the Philippines": "Manila",
    "Australia": "Canberra", "Brazil": "Brasilia", "Argentina": "Buenos Aires", "Colombia": "Bogota",
    "Venezuela": "Caracas", "Peru": "Lima", "Chile": "Santiago", "Mexico": "Mexico City", "Canada": "Ottawa",
    "the United States": "Washington",
}
_ROLES = [
    "the foreign minister of {c}", "the president of {c}", "the government of {c}", "the army of {c}",
    "police in {c}", "the prime minister of {c}", "opposition leaders in {c}", "the defence ministry of {c}",
    "{c}", "protesters in {c}", "rebels in {c}", "the central bank of {c}", "the parliament of {c}",
]
_INTERNATIONAL = ["the United Nations", "the European Union", "the African Union", "NATO", "ASEAN",
                  "the World Bank", "the International Monetary Fund", "the Red Cross"]
_ACTS = [
    "{a} met {b} in {city} {when} to discuss the border dispute.",
    "{a} accused {b} of violating the ceasefire {when}.",
    "{a} condemned the air strikes carried out by {b} near {city}.",
    "{a} signed a trade agreement with {b} in {city} {when}.",
    "{a} called on {b} to release the detained journalists.",
    "{a} threatened to impose sanctions on {b} if the talks fail.",
    "{a} arrested dozens of demonstrators in {city} {when}.",
    "{a} deployed troops along the frontier with {b} {when}.",
    "{a} held talks with {b} on the release of prisoners.",
    "{a} promised {b} humanitarian aid for the displaced families.",
    "{a} rejected the proposal put forward by {b}.",
    "{a} expelled two diplomats of {b} {when}, citing espionage.",
    "{a} attacked positions held by {b} outside {city}, killing at least {n} people.",
    "{a} praised {b} for the peaceful conduct of the election.",
    "{a} denied that its forces had shelled {city}.",
    "{a} demanded that {b} withdraw its forces from the disputed region.",
    "Thousands of people protested in {city} {when} against {a}.",
    "{a} agreed with {b} to reopen the crossing at {city} next month.",
    "{a} recalled its ambassador from {b} {when}.",
    "{a} announced that it would investigate the killing of {n} civilians near {city}.",
]
_WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
         "last week", "earlier this month", "on {date}", "late on {weekday}", "this morning"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_OUTLETS = ["Meridian Wire", "Harbourview Daily", "Cedar Coast Times", "Highland Horn", "Sahel Sentinel",
            "Tigris Observer", "Dnipro Ledger", "Andes Caribbean Review", "Euphrates Post", "Nile Courier"]
_SENTENCE_END = re.compile(r"(?<=[.!?\"”’)])\s+(?=[\"“‘(]?[A-Z])")
_FIRST_DAY = dt.date(2019, 1, 1)
_DAYS = 7 * 365


@dataclass(frozen=True, slots=True)
class CorpusShape:
    articles: int
    seed: int = 7
    exact_copies: float = 0.01  # share of articles that are another outlet's verbatim copy
    near_copies: float = 0.02  # share that re-publish a recent story with one sentence reworded


def prose_sentences(shared: Path | None) -> list[str]:
    """Sentences of real news prose: the sample corpus, plus the shared extraction pages' bodies."""
    from eventwire.pipeline import iter_articles
    from eventwire.records import Article

    texts = [a.text for a in iter_articles([str(ROOT / "data" / "sample")]) if isinstance(a, Article)]
    truth = shared / "eval" / "article-extraction" / "ground-truth.json" if shared else None
    if truth is not None and truth.is_file():
        texts += [page["articleBody"] for page in json.loads(truth.read_text(encoding="utf-8")).values()]
    sentences = {
        " ".join(sentence.split())
        for text in texts
        for sentence in _SENTENCE_END.split(text)
        if 40 <= len(sentence) <= 400 and not sentence.isupper()
    }
    return sorted(sentences)  # sorted: the pool, and so the corpus, does not depend on set order


def _actor(rng: random.Random, country: str) -> str:
    if rng.random() < 0.15:
        return rng.choice(_INTERNATIONAL)
    return rng.choice(_ROLES).format(c=country)


def _event_sentence(rng: random.Random, home: str, published: dt.date) -> str:
    other = rng.choice(_COUNTRIES)
    when = rng.choice(_WHEN).format(
        date=(published - dt.timedelta(days=rng.randint(1, 20))).strftime("%-d %B"),
        weekday=rng.choice(_WEEKDAYS),
    )
    sentence = rng.choice(_ACTS).format(
        a=_actor(rng, home), b=_actor(rng, other), city=_CITIES[rng.choice((home, other))], when=when,
        n=rng.randint(2, 60),
    )
    return sentence[0].upper() + sentence[1:]


def _article(rng: random.Random, number: int, prose: list[str]) -> dict[str, str]:
    home = rng.choice(_COUNTRIES)
    outlet = rng.choice(_OUTLETS)
    published = _FIRST_DAY + dt.timedelta(days=rng.randrange(_DAYS))
    events = [_event_sentence(rng, home, published) for _ in range(rng.randint(2, 5))]
    background = rng.sample(prose, k=min(len(prose), rng.randint(4, 10))) if prose else []
    sentences = events[:1] + sorted(events[1:] + background, key=lambda _: rng.random())
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    city = _CITIES[home].upper()
    return {
        "id": f"bench-{number:07d}",
        "url": f"https://{outlet.lower().replace(' ', '-')}.example/{published:%Y/%m/%d}/{number}",
        "source": outlet,
        "title": events[0].rstrip("."),
        "published": f"{published.isoformat()}T{rng.randint(6, 22):02d}:{rng.choice((0, 30)):02d}:00Z",
        "text": f"{city} ({outlet}) — " + "\n\n".join(paragraphs),
    }


def _republished(rng: random.Random, original: dict[str, str], number: int, reword: bool,
                 prose: list[str]) -> dict[str, str]:
    outlet = rng.choice([o for o in _OUTLETS if o != original["source"]])
    text = original["text"]
    if reword and prose:
        paragraphs = text.split("\n\n")
        target = rng.randrange(len(paragraphs))
        paragraphs[target] = paragraphs[target] + " " + rng.choice(prose)
        text = "\n\n".join(paragraphs)
    return {**original, "id": f"bench-{number:07d}", "source": outlet, "text": text,
            "url": f"https://{outlet.lower().replace(' ', '-')}.example/wire/{number}"}


def generate(shape: CorpusShape, prose: list[str]) -> Iterator[dict[str, str]]:
    """The corpus, one record at a time; only the last few stories are kept (for re-publishing)."""
    rng = random.Random(shape.seed)
    recent: deque[dict[str, str]] = deque(maxlen=50)
    for number in range(shape.articles):
        draw = rng.random()
        if recent and draw < shape.exact_copies:
            record = _republished(rng, rng.choice(recent), number, reword=False, prose=prose)
        elif recent and draw < shape.exact_copies + shape.near_copies:
            record = _republished(rng, rng.choice(recent), number, reword=True, prose=prose)
        else:
            record = _article(rng, number, prose)
            recent.append(record)
        yield record


def write_corpus(out: TextIO, shape: CorpusShape, prose: list[str]) -> int:
    words = 0
    for record in generate(shape, prose):
        words += len(record["text"].split())
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", help="JSONL file to write, or - for standard output")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared folder; its extraction pages add real prose (optional)")
    args = parser.parse_args()
    shape = CorpusShape(articles=args.articles, seed=args.seed)
    prose = prose_sentences(args.shared)
    if args.out == "-":
        words = write_corpus(sys.stdout, shape, prose)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            words = write_corpus(out, shape, prose)
    print(f"{args.articles} articles, {words} words, {len(prose)} prose sentences, seed {args.seed}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
