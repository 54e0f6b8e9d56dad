"""Digests of what the coder puts out, to show a speed change changed nothing: run it with each checkout's
`src/` on PYTHONPATH and compare the lines.

    python bench/output_digest.py records CORPUS.jsonl [--articles 50] [--out FILE]
    python bench/output_digest.py features [--limit N]

`records`: every record `EventCoder.code_articles` gives for the corpus (e.g. one written by
bench/make_corpus.py), as `repr` (every field, floats to the last bit), one line per article; the sha256 of
those lines, and with `--out` the lines themselves (to `diff` when the digests differ).
`features`: the learned stage's features (`sentence_features`, per sentence, the shipped model's lexicon and
encoder) of every candidate of the authored training sentences (data/training/events/): the sha256 over the
dense rows' bytes and the sparse indices. The shipped weights were trained on these features, so a change
that moves one bit of them changes what the model sees.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def records_digest(corpus: Path, articles: int | None, out: Path | None) -> str:
    from eventwire.engines import CoderSpec
    from eventwire.pipeline import iter_articles
    from eventwire.records import Article

    read = [a for a in iter_articles([str(corpus)], max_input_bytes=1 << 40) if isinstance(a, Article)]
    coder = CoderSpec().load()
    digest = hashlib.sha256()
    lines: list[str] = []
    events = 0
    for article, found in coder.code_articles(read[:articles] if articles else read):
        line = f"{article.id}\t{len(found)}\t" + "\t".join(repr(event) for event in found)
        events += len(found)
        digest.update(line.encode("utf-8") + b"\n")
        lines.append(line)
    if out is not None:
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"records: {len(lines)} articles, {events} events, sha256 {digest.hexdigest()}"


def features_digest(limit: int | None) -> str:
    from eventwire.events.learned import authored
    from eventwire.events.learned.candidates import candidates
    from eventwire.events.learned.features import sentence_features
    from eventwire.events.learned.stage import LearnedStage
    from eventwire.nlp import load_pipeline

    stage = LearnedStage.load()
    if stage is None:
        sys.exit("no learned stage: the shipped weights are missing or EVENTWIRE_LEARNED=0")
    sentences, _ = authored.load(authored.data_files(ROOT / "data" / "training" / "events"))
    sentences = sentences[:limit] if limit else sentences
    nlp = load_pipeline()
    digest = hashlib.sha256()
    count = 0
    for doc in nlp.pipe((s.text for s in sentences), batch_size=64):
        for sentence in doc.sents:
            found = candidates(sentence, stage.triggers, stage.lexicon)
            if not found:
                continue
            dense, sparse = sentence_features(found, stage.encoder)
            digest.update(dense.tobytes())
            for indices in sparse:
                digest.update(indices.tobytes() + b"|")
            count += len(found)
    return f"features: {len(sentences)} sentences, {count} candidates, sha256 {digest.hexdigest()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="what", required=True)
    records = commands.add_parser("records", help="the coded records of a corpus")
    records.add_argument("corpus", type=Path)
    records.add_argument("--articles", type=int, default=None, help="the first N articles only")
    records.add_argument("--out", type=Path, help="also write the records, one line per article")
    features = commands.add_parser("features", help="the learned features of the authored sentences")
    features.add_argument("--limit", type=int, default=None, help="the first N sentences only")
    args = parser.parse_args()
    if args.what == "records":
        print(records_digest(args.corpus, args.articles, args.out))
    else:
        print(features_digest(args.limit))


if __name__ == "__main__":
    main()
