"""Where the event coder loses recall on the document gold's dev half, stage by stage (issue #15).

    PYTHONPATH=src python scripts/recall_losses.py --shared ../shared [--list] [--annotations FILE]

Every dev gold event (not a repeat) the coder's records miss is put in the first stage that lost it:

- no candidate: neither the trigger table nor the learned stage proposed a word of the gold trigger
  (split by what the learned stage said of the word: no candidate at all, "no event", another type, or
  the right type below `new_event_probability`); "taken" when another candidate's frame, light verb or
  object rule already took the word in;
- gate: a candidate, but the coder skipped it before making a record (an event reference, a rule, a game
  or market sense, folded into a twin, a negated act);
- no actor: `_event` found neither source nor target;
- wrong type / lost later: a record was made for the word but with another type, or was dropped by the
  article-level relevance step (an off-topic article, no political actor), or by the one-record-per-act,
  deduplication or invariant steps.

Every record that matches no gold event is put in one cause as well (`--records`): no gold event in its
sentence (split by where the record came from: a trigger-table word, a frame's composed act, a word only
the learned stage proposed, and by the head's "no event" probability on the word), a gold event of another
type in its sentence (wrong type), or a gold event of its type that another record already matched
(duplicate). `--dump FILE` writes one JSON line per dev record and per miss (subset, origin, the head's
probabilities, confidence, matched or not), from which a threshold's effect is read without re-coding.

`--authored FOLDER` does the same on the authored sentences' calibration part (data/training/events, the
part thresholds are chosen on): a gold event is found when a record of its type overlaps its trigger, a
record is false when it overlaps no authored trigger (or only one of another type).

Only the dev split is read; the locked split's documents are never coded here (nor the authored locked
part).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from eventwire.evaluation.documents import (
    GoldDocument,
    GoldEvent,
    _Tally,
    annotations_path,
    load_gold,
    load_texts,
    match_records,
    score_document,
)
from eventwire.events import EventCoder, syntax
from eventwire.events.doc_state import Candidate as _Candidate
from eventwire.events.triggers import is_adverb_particle


class _Probe:
    """Wraps the coder's steps (events/coder_pipeline.py) to remember what each word went through."""

    def __init__(self, coder: EventCoder) -> None:
        self.coder = coder
        self.rule_candidates: dict[int, _Candidate] = {}  # token index -> the rules' candidate
        self.final_candidates: dict[int, _Candidate] = {}  # after the learned stage and the folding
        self.decisions: dict[int, Any] = {}
        self.event_calls: dict[int, tuple[Any, bool]] = {}  # token index -> (record or None, had actors)
        self.record_readings: dict[int, Any] = {}  # a record's trigger offset -> the reading it was made from
        self._roles_seen: dict[int, bool] = {}
        self._wrap()

    def _wrap(self) -> None:
        coder = self.coder
        classifier = coder.steps.get_pipe("classify")
        factuality = coder.steps.get_pipe("factuality")
        roles_step = coder.steps.get_pipe("roles")
        records = coder.steps.get_pipe("records")
        classified: Callable[..., list[_Candidate]] = classifier.in_sentence
        reports_an_act: Callable[..., bool] = factuality.reports_an_act
        reading: Callable[..., Any] = factuality.reading
        make_event: Callable[..., Any] = records.event
        roles: Callable[..., Any] = roles_step.roles

        def probed_classified(sentence: Span, found: list[_Candidate]) -> list[_Candidate]:
            self.rule_candidates.update((c.token.i, c) for c in found)
            if coder.learned is not None:
                self.decisions.update(coder.learned.classify(sentence))
            return classified(sentence, found)

        def probed_reports_an_act(candidate: _Candidate, *args: Any, **kwargs: Any) -> bool:
            # every candidate of the sentence, after the learned stage and the folding of twin nouns
            self.final_candidates[candidate.token.i] = candidate
            self.rule_candidates.setdefault(candidate.token.i, candidate)  # rules alone: no classify call
            return reports_an_act(candidate, *args, **kwargs)

        def probed_reading(candidate: _Candidate, *args: Any, **kwargs: Any) -> Any:
            found = reading(candidate, *args, **kwargs)
            if found is None:
                self.event_calls[candidate.token.i] = (None, None)  # negated, no type: before roles
            return found

        def probed_roles(token: Token, *args: Any, **kwargs: Any) -> Any:
            source, target = roles(token, *args, **kwargs)
            self._roles_seen[token.i] = bool(source or target)
            return source, target

        def probed_event(read: Any, *args: Any, **kwargs: Any) -> Any:
            event = make_event(read, *args, **kwargs)
            index = read.candidate.token.i
            had_actors = self._roles_seen.pop(index, None)
            self.event_calls[index] = (event, bool(had_actors) if had_actors is not None else None)
            if event is not None:
                self.record_readings[event.evidence.trigger_start] = read
            return event

        classifier.in_sentence = probed_classified
        factuality.reports_an_act = probed_reports_an_act
        factuality.reading = probed_reading
        roles_step.roles = probed_roles
        records.event = probed_event

    def reset(self) -> None:
        self.rule_candidates.clear()
        self.final_candidates.clear()
        self.decisions.clear()
        self.event_calls.clear()
        self.record_readings.clear()


def _trigger_tokens(doc: Any, event: GoldEvent) -> list[Token]:
    end = event.trigger_start + len(event.trigger)
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > event.trigger_start]


def _covering(probe: _Probe, tokens: list[Token]) -> _Candidate | None:
    """The candidate that reads the gold trigger: on one of its words, or taking one in (a frame's
    action, an instrument, a folded act noun, the noun a light verb carries)."""
    indexes = {t.i for t in tokens}
    for candidate in probe.final_candidates.values():
        if candidate.token.i in indexes:
            return candidate
    for candidate in probe.final_candidates.values():
        linked = [part[0].i for part in (candidate.action, candidate.instrument) if part is not None]
        if candidate.act_noun is not None:
            linked.append(candidate.act_noun.i)
        if indexes & set(linked):
            return candidate
    return None


def _best_decision(probe: _Probe, tokens: list[Token], gold_type: str) -> Any | None:
    """The learned stage's decision, among the gold trigger's words, that gives the gold type the most
    probability (None: the stage decided on none of them)."""
    decisions = [probe.decisions[t.i] for t in tokens if t.i in probe.decisions]
    return max(decisions, key=lambda d: d.probability(gold_type)) if decisions else None


def _decision_note(best: Any | None, gold_type: str) -> str:
    if best is None:
        return ""
    return (f"{best.candidate.token.text}: P({gold_type})={best.probability(gold_type):.2f}"
            f" P(NONE)={best.no_event:.2f}")


def _no_candidate_cause(probe: _Probe, tokens: list[Token], best: Any | None, gold_type: str,
                        threshold: float) -> str:
    coder = probe.coder
    if any(coder.triggers.match(t) is not None and syntax.is_event_reference(t) for t in tokens):
        return "gate: event reference (rule word)"
    if best is None:
        return "no candidate: not a learned candidate"
    if best.probability(gold_type) >= threshold and best.type == gold_type:
        return "no candidate: learned says it, taken by another candidate"
    if best.type == gold_type:
        return "no candidate: learned right type, below threshold"
    if best.type == "NONE":
        return "no candidate: learned says no event"
    return "no candidate: learned says another type"


def _in_sentence(evidence: Any, offset: int) -> bool:
    """Does a record's evidence sentence hold this character offset (a gold trigger's start)?"""
    return evidence.start <= offset < evidence.end


_MODALS = {"must", "should", "need", "ought", "have", "want", "require", "got"}


def language_family(tokens: list[Token]) -> str:
    """The shape of event language a missed gold trigger is written in, read off the parse (issue #15:
    group the misses by family, not by word): negated, a modal or desire demand ("must end", "wants"),
    a phrasal verb ("rolled back"), a verb with an object ("take action"), another verb, an event noun
    ("conversation"), an adjective, epithet or name ("illegal", "brutal dictator"), an idiom headed by a
    preposition ("under fire"), or another word (a copula, a pronoun: opinions told as statements)."""
    if not tokens:
        return "?"
    span = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in span or t.head.i == t.i), tokens[0])
    words = [head, *tokens]
    if any(t.dep_ == "neg" or t.lower_ in {"not", "n't", "never", "no"} for t in words) or any(
            c.dep_ == "neg" for c in head.children):
        return "negated"
    pos = "VERB" if head.pos_ == "AUX" and head.lemma_.lower() not in {"be", "'s"} else head.pos_
    if pos == "VERB":
        if head.lemma_.lower() in _MODALS or any(
                c.dep_ == "aux" and c.lower_ in {"must", "should", "ought", "need"} for c in head.children):
            return "modal or desire demand"
        if any(c.dep_ == "prt" or is_adverb_particle(c) for c in head.children):
            return "phrasal verb"
        if any(c.dep_ in {"dobj", "obj"} and c.pos_ == "NOUN" for c in head.children) and len(tokens) > 1:
            return "verb + object"
        return "other verb"
    if pos == "NOUN":
        return "event noun"
    if pos in {"ADJ", "PROPN"}:
        return "adjective, epithet or name"
    if pos == "ADP":
        return "idiom (prepositional)"
    return "other (copula, pronoun: opinion)"


def clause_kind(tokens: list[Token]) -> str:
    """Where the gold trigger sits: the sentence's main clause or a background-looking clause (a
    relative clause, an after/since/before clause or phrase, a participle on a noun), the shapes the
    background convention (GUIDELINE.md) is about."""
    if not tokens:
        return "?"
    token = tokens[0]
    for node in [token, *token.ancestors]:
        if node.dep_ == "relcl":
            return "relative"
        if node.dep_ == "pobj" and node.head.lower_ in syntax.TEMPORAL_PREPOSITIONS:
            return f"{node.head.lower_}-phrase"
        if node.dep_ in {"advcl", "pcomp"}:
            marks = [c.lower_ for c in node.children if c.dep_ == "mark"]
            if node.dep_ == "pcomp":
                marks.append(node.head.lower_)
            for mark in marks:
                if mark in {"after", "since", "before", "when", "as", "until"}:
                    return f"{mark}-clause"
        if node.dep_ == "acl":
            return "participle"
    return "main"


def diagnose(probe: _Probe, doc: Any, document: GoldDocument, missed: list[GoldEvent],
             records: list[Any], threshold: float) -> list[tuple[str, GoldEvent, str]]:
    out: list[tuple[str, GoldEvent, str]] = []
    coder = probe.coder
    for event in missed:
        tokens = _trigger_tokens(doc, event)
        candidate = _covering(probe, tokens)
        if candidate is None:
            best = _best_decision(probe, tokens, event.type)
            cause = _no_candidate_cause(probe, tokens, best, event.type, threshold)
            out.append((cause, event, _decision_note(best, event.type)))
            continue
        token = candidate.token
        how = f"{token.text}/{candidate.trigger.type}" + (" rule" if candidate.trigger.line else " learned")
        if token.i not in probe.event_calls:
            if candidate.consumed:
                cause = "gate: consumed (folded into another candidate)"
            elif syntax.states_a_rule(token):
                cause = "gate: states a rule"
            elif coder.triggers.in_other_domain(token):
                cause = "gate: game or market sense"
            elif (reason := syntax.mentioned_only(
                    token, int(document.published[:4]) if document.published else None)) is not None:
                cause = f"gate: mentioned only ({reason})"
            else:
                cause = "gate: other"
            out.append((cause, event, how))
            continue
        made, had_actors = probe.event_calls[token.i]
        if made is None:
            if had_actors is None:
                cause = "gate: negated / no type (before roles)"
            elif not had_actors:
                cause = "no actor"
            else:
                cause = "gate: low record confidence / after roles"
            out.append((cause, event, how))
            continue
        if made.type != event.type:
            out.append(("made: wrong type", event, f"{how} -> {made.type}"))
            continue
        in_sentence = [r for r in records if _in_sentence(r.evidence, event.trigger_start)]
        relevance = doc._.event_relevance
        dropped_here = [d for d in (relevance.dropped if relevance is not None else ())
                        if d.event.type == event.type and _in_sentence(d.event.evidence, event.trigger_start)]
        if any(r.type == event.type for r in in_sentence):
            cause = "made: matched another gold event"
        elif dropped_here:
            cause = "made: dropped by relevance"
        else:
            cause = "made: lost in dedup / invariants"
        out.append((cause, event, how))
    return out


def origin(reading: Any) -> str:
    """Where a record came from: a trigger-table word, a frame composing the act it embeds (or a speech
    act the records step composed), or a word only the learned stage proposed."""
    if reading is None:
        return "?"
    candidate = reading.candidate
    if not candidate.trigger.line:
        return "learned"
    if candidate.trigger.frame or reading.action is not None or reading.type != candidate.trigger.type:
        return "frame"
    return "rule"


def _none_band(p_none: float | None) -> str:
    if p_none is None:
        return "no decision"
    return "P(NONE)>=0.9" if p_none >= 0.9 else "P(NONE) 0.5-0.9" if p_none >= 0.5 else "P(NONE)<0.5"


def record_rows(probe: _Probe, document: GoldDocument, records: list[Any], subset: str
                ) -> list[dict[str, Any]]:
    """One row per typed record: matched or the cause it matches no gold event, with what the learned
    stage said of its word (the same matching as `score_document`: sentence and type)."""
    rows: list[dict[str, Any]] = []
    for record, matched in match_records(document, records):
        in_sentence = [e for e in document.events if _in_sentence(record.evidence, e.trigger_start)]
        if matched is not None:
            cause = "matched"
        elif any(e.type == record.type for e in in_sentence):
            cause = "false: duplicate (its gold event already matched)"
        elif in_sentence:
            cause = "false: wrong type (gold of another type in sentence)"
        else:
            cause = "false: no gold event in sentence"
        reading = probe.record_readings.get(record.evidence.trigger_start)
        decision = reading.candidate.decision if reading is not None else None
        rows.append({
            "kind": "record", "subset": subset, "doc": document.doc, "cause": cause, "type": record.type,
            "origin": origin(reading), "trigger": record.evidence.trigger,
            "pos": reading.candidate.token.pos_ if reading is not None else None,
            "lemma": reading.candidate.token.lemma_.lower() if reading is not None else None,
            "p_none": None if decision is None else round(decision.no_event, 4),
            "p_type": None if decision is None else round(decision.probability(record.type), 4),
            "head_type": None if decision is None else decision.type,
            "confidence": record.confidence,
            "gold_in_sentence": sorted({e.type for e in in_sentence}),
        })
    return rows


def authored_losses(coder: EventCoder, probe: _Probe, folder: Path, threshold: float
                    ) -> tuple[Counter[str], Counter[tuple[str, str, str]], int, int]:
    """Misses and false records on the authored calibration part: (miss causes, false-record causes,
    gold events, records)."""
    from eventwire.evaluation.events_authored import part_of
    from eventwire.events.learned import authored

    sentences, _ = authored.load(authored.data_files(folder))
    chosen = [s for s in sentences if part_of(s.id) == "calibration"]
    misses: Counter[str] = Counter()
    false: Counter[tuple[str, str, str]] = Counter()
    gold_events = made = 0
    for sentence, doc in zip(chosen, coder.nlp.pipe(s.text for s in chosen), strict=True):
        probe.reset()
        records = [r for r in coder.code_doc(doc) if r.type]
        made += len(records)
        document = GoldDocument(sentence.id, None, "dev", ())

        def overlapping(record: Any, gold: Any) -> bool:
            evidence = record.evidence
            return evidence.trigger_start < gold.trigger_end and gold.trigger_start < evidence.trigger_end

        for gold in sentence.events:
            gold_events += 1
            if any(overlapping(r, gold) and r.type == gold.type for r in records):
                continue
            event = GoldEvent(0, gold.trigger, gold.trigger_start, gold.type, None, None, None, None,
                              gold.factuality, None, None, False)
            if any(overlapping(r, gold) for r in records):
                misses["made: wrong type"] += 1
                continue
            for cause, _, _ in diagnose(probe, doc, document, [event], records, threshold):
                misses[cause] += 1
        for record in records:
            golds = [g for g in sentence.events if overlapping(record, g)]
            if any(g.type == record.type for g in golds):
                continue
            reading = probe.record_readings.get(record.evidence.trigger_start)
            decision = reading.candidate.decision if reading is not None else None
            cause = "false: wrong type" if golds else "false: no authored event on its trigger"
            false[(cause, origin(reading), _none_band(decision.no_event if decision else None))] += 1
    return misses, false, gold_events, made


def print_tallies(heading: str, misses: Counter[str], records: int,
                  false: Counter[tuple[str, str, str]] | None) -> None:
    """The misses by cause and (unless None) the false records by (cause, origin, the head's P(NONE)
    band): one layout for the document gold's dev half and the authored calibration part."""
    print(f"{heading}, missed {sum(misses.values())}")
    print(f"{'cause':60} count")
    for cause, count in sorted(misses.items()):
        print(f"{cause:60} {count}")
    if false is None:
        return
    print(f"\nrecords {records}, matching a gold event {records - sum(false.values())},"
          f" matching none {sum(false.values())}")
    print(f"{'false record: cause':55} {'origin':8} {'head on the word':18} count")
    for (cause, where, band), count in sorted(false.items()):
        print(f"{cause:55} {where:8} {band:18} {count}")


# Lines of eval/documents/gold.jsonl read by default: the first 90 articles (batches first36, s17-30,
# s18-24). The lines after them are the untouched measure and are never coded here.
TUNED_LINES = 90


def tuned_documents(annotations: Path | None) -> list[GoldDocument]:
    """The gold documents to diagnose: the first `TUNED_LINES` lines of the repository's gold, or every
    line of another file given with --annotations."""
    if annotations is not None:
        return load_gold(annotations)
    lines = annotations_path().read_text(encoding="utf-8").splitlines()[:TUNED_LINES]
    with tempfile.TemporaryDirectory() as folder:
        part = Path(folder) / "first90.jsonl"
        part.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return load_gold(part)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--list", action="store_true", help="print every missed dev event with its cause")
    parser.add_argument("--sentences", action="store_true",
                        help="with --list, print each missed event's sentence under it (dev only)")
    parser.add_argument("--records", action="store_true",
                        help="also tally the records that match no gold event, by cause and origin")
    parser.add_argument("--dump", type=Path, default=None,
                        help="write every dev record and miss as JSON lines")
    parser.add_argument("--authored", type=Path, default=None,
                        help="tally the authored calibration part of FOLDER instead of the document gold")
    parser.add_argument("--annotations", type=Path, default=None,
                        help="another gold.jsonl (default: the first 90 lines of the repository's"
                             " eval/documents/gold.jsonl; the lines after them are never read)")
    arguments = parser.parse_args()
    every_document = tuned_documents(arguments.annotations)
    # the first 36 articles were tuned on in earlier sessions; the ones after them are the unseen measure
    subset_of = {d.doc: ("first36" if k < 36 else "new30" if k < 66 else "later")
                 for k, d in enumerate(every_document)}
    documents = [d for d in every_document if d.split == "dev"]
    texts = load_texts(arguments.shared / "eval", documents)
    coder = EventCoder.load()
    threshold = coder.learned.new_event_probability if coder.learned else 1.0
    probe = _Probe(coder)
    if arguments.authored is not None:
        misses, false, gold_events, made = authored_losses(coder, probe, arguments.authored, threshold)
        print_tallies(f"authored calibration part: gold events {gold_events}", misses, made, false)
        return
    causes: Counter[str] = Counter()
    clauses: Counter[str] = Counter()  # where the missed triggers sit (main clause or background shapes)
    rows: list[str] = []
    tally = _Tally()
    dumped: list[dict[str, Any]] = []
    record_causes: Counter[tuple[str, str, str]] = Counter()
    families: Counter[str] = Counter()  # the no-candidate misses by shape of language
    for document in documents:
        probe.reset()
        doc = coder.nlp(texts[document.doc])
        records = coder.code_doc(doc, published=document.published)
        errors = score_document(document, records, tally)
        missed_offsets = {int(e.id.rsplit("@", 1)[1]) for e in errors if e.gold != "no event"
                          and e.predicted == "no record"}
        missed = [e for e in document.events if not e.repeat and e.trigger_start in missed_offsets]
        for row in record_rows(probe, document, list(records), subset_of[document.doc]):
            dumped.append(row)
            if row["cause"] != "matched":
                record_causes[(row["cause"], row["origin"], _none_band(row["p_none"]))] += 1
        for cause, event, how in diagnose(probe, doc, document, missed, records, threshold):
            tokens = _trigger_tokens(doc, event)
            family = language_family(tokens) if cause.startswith("no candidate") else None
            where = clause_kind(tokens)
            dumped.append({"kind": "miss", "subset": subset_of[document.doc], "doc": document.doc,
                           "cause": cause, "type": event.type, "trigger": event.trigger,
                           "trigger_start": event.trigger_start, "how": how,
                           "clause": where, "family": language_family(tokens)})
            if family is not None:
                families[family] += 1
            causes[cause] += 1
            clauses[where] += 1
            row = (f"{cause:55} {event.type:10} {where:13} {event.trigger!r:28} {how}  [{document.doc}]"
                   + (f"  ({family})" if family is not None else ""))
            if arguments.sentences and tokens:
                row += "\n        " + tokens[0].sent.text.strip().replace("\n", " ")
            rows.append(row)
    made = sum(1 for row in dumped if row["kind"] == "record")
    print_tallies(f"dev gold events {tally.gold}, found {tally.gold_found}", causes, made,
                  record_causes if arguments.records else None)
    print("missed by clause: " + ", ".join(f"{kind} {count}" for kind, count in clauses.most_common()))
    print("no candidate, by language family: "
          + ", ".join(f"{family} {count}" for family, count in families.most_common()))
    if arguments.dump is not None:
        arguments.dump.write_text("".join(json.dumps(row) + "\n" for row in dumped), encoding="utf-8")
    if arguments.list:
        print()
        print("\n".join(sorted(rows)))


if __name__ == "__main__":
    main()
