"""Write, for annotators, the sentences of the real articles under ../shared/eval that the document gold does
not use, with their character offsets, into a folder outside the repository.

The texts stay in the shared folder: the annotators' files (data/training/events/real-*.jsonl) hold only the
article's id, the sentence's offsets and the labels, and the trainer reads the sentence back from the shared
folder (eventwire.events.learned.real). The sentences are cut by the shipped spaCy pipeline over the whole
article, as the coder cuts them; only an article's first 80 sentences are offered (one page is a 689-sentence
listing that would otherwise outweigh the rest). Articles go to the annotator batches A-D largest first, each
to the batch with the fewest sentences so far (ties by name), so the batch of an article depends only on the
texts, never on who runs this.

    PYTHONPATH=src python scripts/real_sentences.py offer --shared ../shared --out /tmp/real-sentences
    PYTHONPATH=src python scripts/real_sentences.py strip --shared ../shared LABELLED.jsonl OUT.jsonl

`strip` takes an annotator's working file (the offered rows with `id`, `events` or `negative_kind` added, the
`text` still in), checks that every row's text is the shared text at its offsets and that every trigger,
source and target is a substring of it, and writes the rows without their text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eventwire.evaluation import documents
from eventwire.nlp import load_pipeline

BATCH_NAMES = ("A", "B", "C", "D")
MOST_SENTENCES = 80


def unused_articles(eval_folder: Path, gold: Path) -> dict[str, str]:
    """doc id -> text of every article the document gold does not annotate."""
    used = {json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    return {doc: text for doc, text in sorted(documents.load_texts(eval_folder).items()) if doc not in used}


def strip(arguments: argparse.Namespace) -> int:
    texts = documents.load_texts(arguments.shared / "eval")
    problems: list[str] = []
    kept: list[str] = []
    for number, line in enumerate(arguments.labelled.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{arguments.labelled}:{number}"
        row = json.loads(line)
        article = texts.get(row.get("doc", ""))
        if article is None:
            problems.append(f"{where}: unknown doc {row.get('doc')!r}")
            continue
        sentence = article[row["start"]:row["end"]]
        if row.get("text") is not None and row["text"] != sentence:
            problems.append(f"{where}: text differs from the shared text at {row['start']}-{row['end']}")
        for event in row.get("events", []):
            for field in ("trigger", "source", "target"):
                if event.get(field) is not None and event[field] not in sentence:
                    problems.append(f"{where}: {field} {event[field]!r} is not in the sentence")
        if not row.get("events") and not row.get("negative_kind"):
            problems.append(f"{where}: no events and no negative_kind")
        without_text = {key: value for key, value in row.items() if key != "text"}
        kept.append(json.dumps(without_text, ensure_ascii=False))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    arguments.out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} rows -> {arguments.out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    offer_command = commands.add_parser("offer", help="write the sentences to annotate")
    strip_command = commands.add_parser("strip", help="check a labelled file and write it without texts")
    for command in (offer_command, strip_command):
        command.add_argument("--shared", type=Path, default=Path("../shared"),
                             help="the folder holding eval/")
    offer_command.add_argument("--gold", type=Path, default=documents.ANNOTATIONS)
    offer_command.add_argument("--out", type=Path, required=True, help="a folder outside the repository")
    strip_command.add_argument("labelled", type=Path)
    strip_command.add_argument("out", type=Path)
    arguments = parser.parse_args()
    return offer(arguments) if arguments.command == "offer" else strip(arguments)


def offer(arguments: argparse.Namespace) -> int:
    articles = unused_articles(arguments.shared / "eval", arguments.gold)
    nlp = load_pipeline()
    arguments.out.mkdir(parents=True, exist_ok=True)
    offered = {}
    for doc_id, text in articles.items():
        rows = [{"doc": doc_id, "start": sentence.start_char, "end": sentence.end_char, "text": sentence.text}
                for sentence in nlp(text).sents if sentence.text.strip()]
        offered[doc_id] = rows[:MOST_SENTENCES]
    batches: dict[str, list[dict[str, object]]] = {name: [] for name in BATCH_NAMES}
    for doc_id in sorted(offered, key=lambda doc: (-len(offered[doc]), doc)):
        smallest = min(BATCH_NAMES, key=lambda name: (len(batches[name]), name))
        batches[smallest].extend(offered[doc_id])
    counts = {}
    for batch, rows in batches.items():
        rows.sort(key=lambda row: (str(row["doc"]), int(str(row["start"]))))
        with (arguments.out / f"batch-{batch}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        counts[batch] = len(rows)
    for batch, count in counts.items():
        print(f"batch {batch}: {count} sentences -> {arguments.out / f'batch-{batch}.jsonl'}")
    print(f"{len(articles)} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
