"""Source and target of the document gold's matched events, and the share where both are right (issue #16).

    PYTHONPATH=src python scripts/role_losses.py --shared ../shared [--list] [--annotations FILE]

Codes the first 90 articles of the document gold (the ones after them, batch s19-24, are session 20's
untouched measure: only `--all-lines` codes them), matches records to gold events exactly as `eval
events-docs` does (evaluation/documents.py: same sentence, same type, nearest free gold event) and prints,
per split and
per part of the gold (the first 36 articles, the 30 of session 17, the 24 of session 18, any added
after), the matched pairs whose source is right, whose target is right, and whose source AND target
are right (a field the gold leaves empty counts as right: the scorer does not score it). `--list`
prints, for the dev split only, each matched pair's gold and record actors, to tally the causes of the
losses by hand, and the dev losses by role counted apart as left empty or filled wrongly. The locked
split's pairs are counted, never printed.

    PYTHONPATH=src python scripts/role_losses.py --authored [--fold K] [--list KIND] [--show N]

`--authored` scores the coder's roles on the authored sentences instead (data/training/events/*.jsonl,
a much larger base than the document gold): for each authored event a record stands on (its trigger
overlaps the authored one; a record of the same type preferred), is the record's source (target) the
authored phrase, i.e. does one of its actors cover the phrase's head word, and when not, why (the
error kinds of `role_error`). The `train` part is scored with its errors (`--list KIND` prints up to
`--show` of them, `--fold K` scores one fifth of it for quick iterations); the `locked` part only in
aggregate. A role the sentence does not name is not scored (as in the document gold); a record that
names one anyway is counted apart ("spurious").
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
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
# Session 20 keeps the articles after the first 90 (batch s19-24) untouched as its final measure: they are
# coded and scored only when asked for by --all-lines.
_FIRST_LINES = 90


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
    parser.add_argument("--list", nargs="?", const="errors", default=None,
                        help="print the dev split's matched pairs; with --authored, the train part's role"
                             " checks of one kind ('errors': every error kind)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    parser.add_argument("--no-coreference", action="store_true",
                        help="an ablation: pronouns, 'the latter' and bare descriptions ('the minister', "
                             "'the group', 'the country', 'the two leaders') resolve to nothing, to measure "
                             "what coreference contributes")
    parser.add_argument("--all-lines", action="store_true",
                        help=f"also the gold's articles after the first {_FIRST_LINES} (kept untouched)")
    parser.add_argument("--authored", action="store_true",
                        help="score the authored sentences' roles (train with errors, locked in aggregate)")
    parser.add_argument("--fold", type=int, default=None, help="with --authored: one dev fold of train only")
    parser.add_argument("--show", type=int, default=60, help="with --authored --list KIND: how many")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/eventwire-role-parses"),
                        help="with --authored: where the parses are kept between runs")
    arguments = parser.parse_args()
    if arguments.no_coreference:
        _without_coreference()
    if arguments.authored:
        figures = authored_main(arguments, EventCoder.load())
        if arguments.json is not None:
            arguments.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        return
    documents = load_gold(arguments.annotations or annotations_path())
    texts = load_texts(arguments.shared / "eval")
    coder = EventCoder.load()
    pairs: list[Pair] = []
    for line, document in enumerate(documents):
        if line >= _FIRST_LINES and not arguments.all_lines:
            break
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
    if arguments.list:
        # an empty role is better than a wrong one: the dev losses counted apart
        losses = Counter((role, "empty" if not actors else "filled wrongly")
                         for pair in pairs if pair.split == "dev"
                         for role, right, actors in (("source", pair.source_right, pair.record.source),
                                                     ("target", pair.target_right, pair.record.target))
                         if right is False)
        kinds = [(role, kind) for role in ("source", "target") for kind in ("empty", "filled wrongly")]
        print("dev losses: " + ", ".join(f"{role} {kind} {losses[(role, kind)]}" for role, kind in kinds))
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


# --- the authored sentences ------------------------------------------------------------------------------

_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "us", "our", "i",
             "me", "my", "who", "which", "that"}
# The kinds of role errors, in the order they are tested (the first that fits is given).
ERROR_KINDS = ("empty", "empty: gold is a pronoun", "swapped", "speaker as source", "place as target",
               "pronoun unresolved", "partial phrase", "wrong phrase")


@dataclass(frozen=True, slots=True)
class RoleCheck:
    """One role of one authored event with a record on its trigger."""

    sentence_id: str
    role: str  # "source" or "target"
    kind: str  # "right", "not named" (not scored), "spurious" (not scored) or one of ERROR_KINDS
    gold: str | None
    found: str
    text: str
    trigger: str
    type: str


def _head_offset(doc: Any, span: tuple[int, int]) -> int:
    """Where the head word of an authored phrase starts: the root of its parse ("the Iraqi prime
    minister" -> minister, "Ethiopia and Sudan" -> Ethiopia), past a quantity ("dozens of civilians" ->
    civilians)."""
    from eventwire.events.syntax import quantity_head

    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    if found is None:
        return span[0]
    head = quantity_head(found.root)
    return head.idx if span[0] <= head.idx < span[1] else found.root.idx


def _covers(actor: Any, offset: int) -> bool:
    return actor.start <= offset < actor.end


def role_error(doc: Any, role: str, gold_span: tuple[int, int], other_span: tuple[int, int] | None,
               record: Any) -> str:
    """"right", or the first error kind of ERROR_KINDS that fits the record's actors in that role."""
    actors = record.source if role == "source" else record.target
    head = _head_offset(doc, gold_span)
    gold_text = doc.text[gold_span[0]:gold_span[1]]
    if any(_covers(a, head) for a in actors):
        return "right"
    if not actors:
        return "empty: gold is a pronoun" if gold_text.casefold() in _PRONOUNS else "empty"
    if other_span is not None and any(_covers(a, _head_offset(doc, other_span)) for a in actors):
        return "swapped"
    speaker = record.attribution.speaker if record.attribution is not None else None
    if role == "source" and speaker is not None and any(
            a.start < speaker.end and speaker.start < a.end for a in actors):
        return "speaker as source"
    if role == "target" and all(a.kind == "place" for a in actors):
        return "place as target"
    if gold_text.casefold() in _PRONOUNS or any(doc.text[a.start:a.end].casefold() in _PRONOUNS
                                                  for a in actors):
        return "pronoun unresolved"
    if any(a.start < gold_span[1] and gold_span[0] < a.end for a in actors):
        return "partial phrase"
    return "wrong phrase"


def _record_on(records: list[Any], event: Any) -> Any:
    from eventwire.events.learned.authored import on_trigger

    on = [r for r in records if r.type and on_trigger(r, event)]
    return next((r for r in on if r.type == event.type), on[0] if on else None)


def authored_checks(coder: EventCoder, sentences: list[Any], docs: list[Any]) -> tuple[list[RoleCheck], int]:
    """Each role of each authored event a record stands on; and how many events no record stands on."""
    checks: list[RoleCheck] = []
    unmatched = 0
    for sentence, doc in zip(sentences, docs, strict=True):
        records = list(coder.code_doc(doc))
        for event in sentence.events:
            record = _record_on(records, event)
            if record is None:
                unmatched += 1
                continue
            for role, span, other in (("source", event.source, event.target),
                                      ("target", event.target, event.source)):
                actors = record.source if role == "source" else record.target
                if span is None:
                    kind = "spurious" if actors else "not named"
                else:
                    kind = role_error(doc, role, span, other, record)
                checks.append(RoleCheck(sentence.id, role, kind,
                                        None if span is None else sentence.text[span[0]:span[1]],
                                        _actors(actors), sentence.text, event.trigger, event.type))
    return checks, unmatched


def _parsed(coder: EventCoder, texts: list[str], cache: Path | None) -> list[Any]:
    """The parses of the texts, kept in a DocBin between runs (the parse does not change while roles
    are worked on; the coder's steps run afresh on every run)."""
    import hashlib

    from spacy.tokens import DocBin

    key = hashlib.sha256("\n".join([coder.nlp.meta.get("name", ""), coder.nlp.meta.get("version", ""),
                                     *texts]).encode()).hexdigest()[:16]
    path = cache / f"authored-{key}.spacy" if cache is not None else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(coder.nlp.vocab))
    docs = list(coder.nlp.pipe(texts, batch_size=64))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(path)
        return list(DocBin().from_disk(path).get_docs(coder.nlp.vocab))  # the same Docs as a cached run
    return docs


def authored_main(arguments: argparse.Namespace, coder: EventCoder) -> dict[str, Any]:
    from eventwire.events.learned import authored, split

    folder = Path(__file__).resolve().parents[1] / "data" / "training" / "events"
    sentences, _ = authored.load(authored.data_files(folder))
    with_roles = [s for s in sentences if any(e.source or e.target for e in s.events)]
    figures: dict[str, Any] = {}
    parts = ("train",) if arguments.fold is not None else ("train", "locked")
    print(f"{'part':<8}{'events':>7}{'no record':>10}{'both right':>18}{'source':>18}{'target':>18}"
          f"{'spurious':>9}")
    for part in parts:
        chosen = [s for s in with_roles if split.part_of(s.id) == part
                  and (arguments.fold is None or split.fold_of(s.id) == arguments.fold)]
        docs = _parsed(coder, [s.text for s in chosen], arguments.cache)
        checks, unmatched = authored_checks(coder, chosen, docs)
        by_event: dict[tuple[str, str, str], list[RoleCheck]] = defaultdict(list)
        for check in checks:
            by_event[(check.sentence_id, check.trigger, check.type)].append(check)
        scored = [c for c in checks if c.kind not in {"not named", "spurious"}]
        unscored = {"right", "not named", "spurious"}
        both = sum(all(c.kind in unscored for c in pair) for pair in by_event.values())
        counts = {role: (sum(c.kind == "right" for c in scored if c.role == role),
                         sum(c.role == role for c in scored)) for role in ("source", "target")}
        spurious = sum(c.kind == "spurious" for c in checks)
        figures[part] = {"events_with_record": len(by_event), "no_record": unmatched, "both_right": both,
                         "source_right": counts["source"][0], "source_scored": counts["source"][1],
                         "target_right": counts["target"][0], "target_scored": counts["target"][1],
                         "spurious": spurious}
        print(f"{part:<8}{len(by_event):>7}{unmatched:>10}{_share(both, len(by_event)):>18}"
              f"{_share(*counts['source']):>18}{_share(*counts['target']):>18}{spurious:>9}")
        if part != "train":  # the locked part: aggregate figures only
            continue
        kinds = Counter((c.role, c.kind) for c in checks if c.kind not in {"right", "not named"})
        for (role, kind), n in kinds.most_common():
            print(f"    {role:<7}{kind:<28}{n:>6}")
        if arguments.list:
            shown = [c for c in checks if c.kind == arguments.list or (arguments.list == "errors" and c.kind
                                                                        in ERROR_KINDS)]
            for check in shown[: arguments.show]:
                print(f"{check.sentence_id} {check.type} ({check.trigger}) {check.role} {check.kind}: gold"
                      f" {check.gold!r} record {check.found}")
                print(f"    {check.text}")
    return figures


def _without_coreference() -> None:
    """Pronouns and bare descriptions point at no one (the first-person pronouns of a quotation still
    go to its speaker: that is attribution, not coreference)."""
    from eventwire.events import mentions

    antecedent = mentions.ArticleMentions._antecedent

    def speaker_only(self: Any, token: Any, speaker: Any) -> Any:
        return antecedent(self, token, speaker) if token.lower_ in mentions._SPEAKER_PRONOUNS else None

    mentions.ArticleMentions._antecedent = speaker_only  # type: ignore[method-assign]
    mentions.ArticleMentions._described_antecedent = lambda self, head, phrase: None  # type: ignore[method-assign]
    # "the country", "the two leaders" (session 21)
    mentions.ArticleMentions._country_described_before = (  # type: ignore[method-assign]
        lambda self, head, phrase: None)
    mentions.ArticleMentions.parties = lambda self, head: []  # type: ignore[method-assign]


def _share(right: int, n: int) -> str:
    return f"{right / n:.3f} ({right}/{n})" if n else "-"


if __name__ == "__main__":
    main()
