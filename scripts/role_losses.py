"""Source and target of the document gold's matched events, and the share where both are right (issue #16).

    PYTHONPATH=src python scripts/role_losses.py --shared ../shared [--list] [--annotations FILE]

Codes every article of the document gold, matches records to gold events exactly as `eval events-docs`
does (evaluation/documents.py: same sentence, same type, nearest free gold event) and prints, per split and
per part of the gold (the first 36 articles, the 30 of session 17, the 24 of session 18, any added
after), the matched pairs whose source is right, whose target is right, and whose source AND target
are right (a field the gold leaves empty counts as right: the scorer does not score it). `--list`
prints, for the dev split only, each matched pair's gold and record actors, to tally the causes of the
losses by hand. The locked split's pairs are counted, never printed.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.documents import (
    GoldDocument,
    GoldEvent,
    _field_checks,
    annotations_path,
    load_gold,
    load_texts,
    match_records,
)
from eventwire.events import EventCoder

# The gold file's parts, by line, as the session yardstick names them: the first 36 articles were tuned
# on in earlier sessions, the next 30 (session 17) and 24 (session 18) were added later.
_PARTS = (("first36", 0, 36), ("s17-30", 36, 66), ("s18-24", 66, 90), ("added", 90, None))


@dataclass(frozen=True, slots=True)
class Pair:
    document: str
    split: str
    part: str
    event: GoldEvent
    record: Any
    source_right: bool | None
    target_right: bool | None

    @property
    def both_right(self) -> bool:
        return self.source_right is not False and self.target_right is not False


def matched_pairs(document: GoldDocument, records: list[Any], part: str) -> list[Pair]:
    """The scorer's matching (evaluation/documents.py, `match_records`), keeping the matched pairs."""
    pairs = []
    for record, event in match_records(document, records):
        if event is None:
            continue
        checks = _field_checks(event, record)
        pairs.append(Pair(document.doc, document.split, part, event, record, checks["source"],
                          checks["target"]))
    return pairs


def _part_of(line: int) -> str:
    return next(name for name, first, last in _PARTS if line >= first and (last is None or line < last))


def _actors(actors: Any) -> str:
    return " | ".join(f"{a.text} [{a.country or '-'}]" for a in actors) or "-"


def _mark(right: bool | None) -> str:
    return {True: "ok", False: "XX", None: ".."}[right]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--annotations", type=Path, default=None)
    parser.add_argument("--list", action="store_true", help="print the dev split's matched pairs")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--no-coreference", action="store_true",
                        help="an ablation: pronouns, 'the latter' and bare descriptions ('the minister', "
                             "'the group') resolve to nothing, to measure what coreference contributes")
    arguments = parser.parse_args()
    if arguments.no_coreference:
        _without_coreference()
    documents = load_gold(arguments.annotations or annotations_path())
    texts = load_texts(arguments.shared / "eval")
    coder = EventCoder.load()
    pairs: list[Pair] = []
    for line, document in enumerate(documents):
        records = list(coder.code_text(texts[document.doc], published=document.published))
        pairs += matched_pairs(document, records, _part_of(line))
    if arguments.list:
        for pair in pairs:
            if pair.split != "dev":  # the locked pairs are never shown
                continue
            event, record = pair.event, pair.record
            print(f"{pair.document}@{event.trigger_start} {pair.part} {event.type}"
                  f" ({record.evidence.trigger}) src {_mark(pair.source_right)}"
                  f" tgt {_mark(pair.target_right)}")
            print(f"  gold   source: {event.source} [{event.source_country}]  target: {event.target}"
                  f" [{event.target_country}]")
            print(f"  record source: {_actors(record.source)}  target: {_actors(record.target)}")
            print(f"  {' '.join(record.evidence.sentence.split())}")
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for pair in pairs:
        for part in (pair.part, "all"):
            tally = counts[(part, pair.split)]
            tally[0] += 1
            tally[1] += pair.both_right
            tally[2] += pair.source_right is True
            tally[3] += pair.source_right is not None
            tally[4] += pair.target_right is True
            tally[5] += pair.target_right is not None
    figures: dict[str, Any] = {}
    print(f"{'part':<9}{'split':<8}{'matched':>8}{'both right':>16}{'source':>16}{'target':>16}")
    for part in (*(name for name, _, _ in _PARTS), "all"):
        for split in ("dev", "locked"):
            if (part, split) not in counts:
                continue
            n, both, source, source_n, target, target_n = counts[(part, split)]
            figures[f"{part}_{split}"] = {"matched": n, "both_right": both, "source_right": source,
                                          "source_scored": source_n, "target_right": target,
                                          "target_scored": target_n}
            print(f"{part:<9}{split:<8}{n:>8}{_share(both, n):>16}{_share(source, source_n):>16}"
                  f"{_share(target, target_n):>16}")
    if arguments.json is not None:
        arguments.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


def _without_coreference() -> None:
    """Pronouns and bare descriptions point at no one (the first-person pronouns of a quotation still
    go to its speaker: that is attribution, not coreference)."""
    from eventwire.events import mentions

    antecedent = mentions.ArticleMentions._antecedent

    def speaker_only(self: Any, token: Any, speaker: Any) -> Any:
        return antecedent(self, token, speaker) if token.lower_ in mentions._SPEAKER_PRONOUNS else None

    mentions.ArticleMentions._antecedent = speaker_only  # type: ignore[method-assign]
    mentions.ArticleMentions._described_antecedent = lambda self, head, phrase: None  # type: ignore[method-assign]


def _share(right: int, n: int) -> str:
    return f"{right / n:.3f} ({right}/{n})" if n else "-"


if __name__ == "__main__":
    main()
