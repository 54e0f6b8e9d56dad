"""The real-corpus check: every real page and text of ../shared/eval/ ingested, exported and read back.

Not a score against gold labels but a guarantee on real input: the store made from all real news in the
evaluation folder (article-extraction and publication-date pages, TR-News texts, TempEval documents) must
hold no record that breaks the record invariants (`eventwire.events.invariants`), and every export
format must succeed on it and read back with the format's own client: the JSON Schema for PLOVER JSONL,
Python's csv for CSV, pyarrow and DuckDB for Parquet, pandas with GDELT 2.0's column lists for the two
GDELT tables. The counts (documents, records, repaired and dropped by reason, not coded by language) go
into docs/quality.md.
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.evaluation import corpora
from eventwire.evaluation.metrics import ratio
from eventwire.evaluation.registry import GoldFormatError
from eventwire.evaluation.results import ErrorCase, Figure, StageResult
from eventwire.events.invariants import CheckTally

EXPORT_FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt")
_PAGE_FOLDERS = ("article-extraction/html", "pubdate/html")


@dataclass
class CorpusRun:
    """What ingesting the corpus and exporting the store gave."""

    documents: int = 0
    failed: int = 0
    coded_articles: int = 0
    records: int = 0
    invalid: list[ErrorCase] = field(default_factory=list)
    not_coded: Counter[str] = field(default_factory=Counter)
    checks: CheckTally = field(default_factory=CheckTally)  # records repaired / dropped, by reason
    exported: dict[str, int] = field(default_factory=dict)  # format -> records read back
    export_errors: list[ErrorCase] = field(default_factory=list)


# The system under test: the evaluation folder -> what the run gave (tests pass a stand-in).
CorpusChecker = Callable[[Path], CorpusRun]


def corpus_inputs(eval_folder: Path, workdir: Path) -> list[str]:
    """The real inputs: the page folders as they are, TR-News and TempEval turned into JSONL records
    `{id, text, published}` in `workdir` (their texts are taken as given)."""
    inputs = [str(eval_folder / name) for name in _PAGE_FOLDERS if (eval_folder / name).is_dir()]
    records = workdir / "texts.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for record in _tr_news(eval_folder / corpora.TR_NEWS):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for record in _tempeval(eval_folder / "temporal" / "te3-platinum"):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    inputs.append(str(records))
    return inputs


def _tr_news(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    for item in corpora.tr_news(path):
        yield {"id": f"tr-news-{item.id}", "text": item.text.strip(), "published": item.published or "",
               "url": item.url or ""}


_DCT = re.compile(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', re.IGNORECASE)
_VALUE = re.compile(r'value="([^"]+)"')


def _tempeval(folder: Path) -> Iterator[dict[str, str]]:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
        if body is None:
            raise GoldFormatError(f"{path}: no <TEXT> element")
        dct = _DCT.search(raw)
        value = _VALUE.search(dct.group(0)) if dct else None
        yield {"id": f"te3-{path.stem}", "text": re.sub(r"<[^>]+>", "", body.group(1)).strip(),
               "published": value.group(1) if value else ""}


def ingest_export_read(eval_folder: Path) -> CorpusRun:
    """Ingest the real corpus with the real coder into a temporary store, check every stored record,
    export it in every format and read each file back."""
    from eventwire.events import EventCoder
    from eventwire.events.invariants import record_problems
    from eventwire.pipeline import ingest
    from eventwire.store import EventQuery, Reader, Store

    run = CorpusRun()
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        with Store.open(workdir / "real.db") as store:
            tally = ingest(corpus_inputs(eval_folder, workdir), store, on_error=lambda error: None,
                           coder=EventCoder.load())
            run.documents, run.failed = tally.documents, tally.failed
            run.not_coded, run.checks = tally.not_coded, tally.checks
            texts: dict[str, tuple[str, str | None]] = {}
            for event in Reader(store).iter_events(EventQuery()):
                run.records += 1
                article_id = event.record["article"]["id"]
                if article_id not in texts:
                    article = store.article(article_id)
                    texts[article_id] = (article.text, article.meta.published) if article else ("", None)
                text, published = texts[article_id]
                for problem in record_problems(event.record, text, published):
                    run.invalid.append(ErrorCase(event.event_id, "no violation", str(problem)))
            run.coded_articles = len(texts)
            for fmt in EXPORT_FORMATS:
                _export_and_read(fmt, workdir, run, lambda: Reader(store).iter_events(EventQuery()))
    return run


def _export_and_read(fmt: str, workdir: Path, run: CorpusRun, events: Callable[[], Iterator[object]]) -> None:
    from eventwire.export import ExportError, export_events

    output = workdir / f"events.{fmt}"
    try:
        result = export_events(events(), fmt, output)  # type: ignore[arg-type]
    except ExportError as failure:
        run.export_errors.append(ErrorCase(fmt, "exported", f"failed: {failure}"))
        return
    for rejected in result.rejected:
        run.export_errors.append(ErrorCase(fmt, "every record exported", str(rejected)))
    try:
        run.exported[fmt] = _READERS[fmt](result.paths)
    except Exception as failure:  # any reader error is a finding to report, not a crash of the check
        run.export_errors.append(ErrorCase(fmt, "read back", f"{type(failure).__name__}: {failure}"))


def _read_plover_jsonl(paths: tuple[Path, ...]) -> int:
    import jsonschema

    schema = json.loads(_event_schema().read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    count = 0
    with paths[0].open(encoding="utf-8") as lines:
        for line in lines:
            validator.validate(json.loads(line))
            count += 1
    return count


def _read_csv(paths: tuple[Path, ...]) -> int:
    with paths[0].open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _read_parquet(paths: tuple[Path, ...]) -> int:
    import duckdb
    import pyarrow.parquet as pq

    rows = pq.read_table(paths[0]).num_rows
    [(counted,)] = duckdb.sql(f"SELECT count(*) FROM read_parquet('{paths[0]}')").fetchall()
    if counted != rows:
        raise ValueError(f"pyarrow reads {rows} rows, DuckDB {counted}")
    return rows


def _read_gdelt(paths: tuple[Path, ...]) -> int:
    import pandas

    from eventwire.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS

    events = pandas.read_csv(paths[0], sep="\t", header=None, names=list(EVENT_COLUMNS), dtype=str,
                             keep_default_na=False, quoting=csv.QUOTE_NONE)
    mentions = pandas.read_csv(paths[1], sep="\t", header=None, names=list(MENTION_COLUMNS), dtype=str,
                               keep_default_na=False, quoting=csv.QUOTE_NONE)
    unknown = set(mentions["GlobalEventID"]) - set(events["GlobalEventID"])
    if unknown:
        raise ValueError(f"{len(unknown)} mention(s) of events missing from the event table")
    if events.shape[1] != len(EVENT_COLUMNS) or mentions.shape[1] != len(MENTION_COLUMNS):
        raise ValueError("a table has the wrong number of columns")
    return len(mentions)  # one mention row per exported record


_READERS: dict[str, Callable[[tuple[Path, ...]], int]] = {
    "plover-jsonl": _read_plover_jsonl, "csv": _read_csv, "parquet": _read_parquet, "gdelt": _read_gdelt,
}


def _event_schema() -> Path:
    return Path(__file__).resolve().parents[3] / "docs" / "event.schema.json"


def evaluate(gold: Path, *, limit: int | None = None, system: CorpusChecker | None = None) -> StageResult:
    del limit  # the check is over the whole corpus by definition
    if not gold.is_dir():
        raise GoldFormatError(f"{gold}: the evaluation folder (../shared/eval) is needed")
    run = (system or ingest_export_read)(gold)
    valid = run.records - len({case.id for case in run.invalid})
    read_back = sum(1 for fmt in EXPORT_FORMATS if run.exported.get(fmt) == run.records)
    repaired, dropped = run.checks.repaired, run.checks.dropped
    counts_checks = {"records": run.records, "repaired": sum(repaired.values()),
                     "dropped": sum(dropped.values())}
    figures = (
        Figure("records_valid", ratio(valid, run.records), {**counts_checks, "invalid": run.records - valid},
               "stored records that satisfy every record invariant"),
        Figure("exports_read_back", ratio(read_back, len(EXPORT_FORMATS)),
               {"formats": len(EXPORT_FORMATS), "ok": read_back,
                **{fmt: run.exported.get(fmt, 0) for fmt in EXPORT_FORMATS}},
               "formats exported whole and read back with the format's own client"),
        Figure("documents_stored", ratio(run.documents - run.failed, run.documents),
               {"documents": run.documents, "failed": run.failed, "articles_with_events": run.coded_articles,
                "not_coded": sum(run.not_coded.values())},
               "real documents stored (a failure is an input with no article text)"),
    )
    notes = (
        "inputs: article-extraction and pubdate pages, TR-News texts and TempEval-3 documents of the"
        " evaluation folder, ingested with the real coder into a temporary store",
        "not coded, by language: " + (", ".join(f"{language} {count}" for language, count
                                                 in sorted(run.not_coded.items())) or "none"),
        "records repaired, by reason: " + (", ".join(f"{reason} ({count})" for reason, count
                                                      in repaired.most_common()) or "none"),
        "records dropped, by reason: " + (", ".join(f"{reason} ({count})" for reason, count
                                                     in dropped.most_common()) or "none"),
        "read back with: the JSON Schema (docs/event.schema.json), csv.DictReader, pyarrow and DuckDB,"
        " pandas with GDELT 2.0's event and mentions column lists",
    )
    return StageResult("records", str(gold), run.documents, figures,
                       tuple(run.invalid + run.export_errors), notes=notes)
