"""The labelled sentences of real articles (data/training/events/real-*.jsonl): read back from the shared
folder's texts by their offsets, split by article, checked by check.py, scored by `events-real`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventwire.events.learned import authored, real, split
from fixtures.scripts import load_script

EVENTS_FOLDER = Path(__file__).resolve().parents[1] / "data" / "training" / "events"
ARTICLE = ("Markets were calm on Monday. Riot police arrested 40 students outside the ministry in Dhaka on "
           "Tuesday, the opposition said. The weather stayed dry.")
TEXTS = {"tr-news:1": ARTICLE}


def _span(phrase: str) -> tuple[int, int]:
    start = ARTICLE.index(phrase)
    return start, start + len(phrase)


def _row(row_id: str, sentence: str, **labels: object) -> dict[str, object]:
    start, end = _span(sentence)
    return {"doc": "tr-news:1", "start": start, "end": end, "id": row_id, **labels}


ARREST = "Riot police arrested 40 students outside the ministry in Dhaka on Tuesday, the opposition said."
ROWS = [
    _row("rX-00001", "Markets were calm on Monday.", events=[], negative_kind="business"),
    _row("rX-00002", ARREST, events=[{"type": "COERCE", "trigger": "arrested", "source": "Riot police",
                                      "target": "40 students", "factuality": "occurred"}]),
    _row("rX-00003", "The weather stayed dry.", events=[], negative_kind="boilerplate"),
]


def _write(folder: Path, name: str, rows: list[dict[str, object]]) -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_real_row_reads_its_sentence_from_the_article_at_its_offsets(tmp_path: Path) -> None:
    path = _write(tmp_path, "real-X-01.jsonl", ROWS)
    rows = real.read_rows([path], TEXTS)
    assert [s.id for s in rows.sentences] == ["rX-00001", "rX-00002", "rX-00003"]
    arrest = rows.sentences[1]
    assert arrest.text == ARREST and arrest.doc == "tr-news:1" and arrest.offset == ARTICLE.index(ARREST)
    event = arrest.events[0]
    assert arrest.text[event.trigger_start:event.trigger_end] == "arrested"
    assert event.source is not None and arrest.text[event.source[0]:event.source[1]] == "Riot police"
    assert rows.sentences[2].negative_kind == "boilerplate" and not rows.sentences[2].events
    assert rows.used and rows.rejected == 0 and "3 real sentences of 1 articles" in rows.status


def test_real_rows_that_do_not_fit_their_article_are_left_out_and_counted(tmp_path: Path) -> None:
    wrong_trigger = _row("rX-00004", ARREST, events=[{"type": "COERCE", "trigger": "detained"}])
    past_the_end = {**ROWS[0], "id": "rX-00005", "end": len(ARTICLE) + 5}
    unlabelled = {key: value for key, value in ROWS[0].items() if key != "negative_kind"} | {"id": "rX-6"}
    other_article = {**ROWS[0], "id": "rX-00007", "doc": "page:unknown"}
    path = _write(tmp_path, "real-X-01.jsonl", [ROWS[0], wrong_trigger, past_the_end, unlabelled,
                                                other_article, ROWS[0]])
    rows = real.read_rows([path], TEXTS)
    assert [s.id for s in rows.sentences] == ["rX-00001"]
    assert rows.rejected == 4 and rows.unknown_doc == 1  # the repeated id is rejected too


def test_without_the_shared_folder_training_goes_on_with_authored_rows_and_says_so(tmp_path: Path) -> None:
    _write(tmp_path, "real-X-01.jsonl", ROWS)
    rows = real.load(tmp_path, tmp_path / "no-shared-here")
    assert not rows.used and rows.sentences == ()
    assert "no shared folder" in rows.status and "authored rows only" in rows.status
    assert rows.digest() is not None  # the files are still named in the manifest
    assert "no real-*.jsonl files" in real.load(tmp_path / "empty", None).status


def test_the_authored_loader_never_reads_the_real_rows(tmp_path: Path) -> None:
    _write(tmp_path, "real-X-01.jsonl", ROWS)
    _write(tmp_path, "d1-01.jsonl", [{"id": "d1-00001", "text": "Police arrested ten men.", "events": [
        {"type": "COERCE", "trigger": "arrested", "source": "Police"}]}])
    assert [p.name for p in authored.data_files(tmp_path)] == ["d1-01.jsonl"]
    assert [p.name for p in real.real_files(tmp_path)] == ["real-X-01.jsonl"]
    sentences, rejected = authored.load(authored.data_files(tmp_path))
    assert len(sentences) == 1 and rejected == 0 and sentences[0].doc is None


def test_real_sentences_are_split_by_article_never_by_sentence() -> None:
    docs = [f"tr-news:{n}" for n in range(4000)]
    parts = Counter(split.part_of_doc(doc) for doc in docs)
    assert parts["locked"] / len(docs) == pytest.approx(0.25, abs=0.025)
    assert parts["calibration"] / len(docs) == pytest.approx(0.15, abs=0.025)
    assert parts["train"] / len(docs) == pytest.approx(0.60, abs=0.025)
    # every sentence of an article falls where its article does, whatever its id
    for doc in docs[:40]:
        sentences = [authored.AuthoredSentence(f"r{letter}-{n:05d}", "x", (), "business", doc=doc)
                     for letter in "ABCD" for n in range(1, 30)]
        assert {split.part_of_sentence(s) for s in sentences} == {split.part_of_doc(doc)}
        assert {split.fold_of_sentence(s) for s in sentences} == {split.fold_of_doc(doc)}
    authored_sentence = authored.AuthoredSentence("d1-00001", "x", ())
    assert split.part_of_sentence(authored_sentence) == split.part_of("d1-00001")


def _check_module():  # type: ignore[no-untyped-def]
    return load_script(EVENTS_FOLDER / "check.py", "authored_check")


def test_check_py_accepts_real_rows_and_checks_them_against_the_texts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    check = _check_module()
    good = _write(tmp_path, "real-X-01.jsonl", ROWS)
    monkeypatch.setattr(check, "shared_texts", lambda shared: TEXTS)
    assert check.check([good]) == 0
    assert "labels checked against" in capsys.readouterr().out
    wrong = _row("rX-00009", ARREST,
                 events=[{"type": "COERCE", "trigger": "detained", "factuality": "occurred"}])
    repeated = {**ROWS[0], "id": "rX-00010"}
    authored_boilerplate = {"id": "d1-00001", "text": "Share this page.", "events": [],
                            "negative_kind": "boilerplate"}
    bad = _write(tmp_path, "real-X-02.jsonl", [ROWS[0], wrong, repeated])
    also_bad = _write(tmp_path, "d1-01.jsonl", [authored_boilerplate])
    assert check.check([bad, also_bad]) == 1
    out = capsys.readouterr().out
    assert "trigger 'detained' is not in the text" in out
    assert "a second row for tr-news:1" in out
    assert "negative_kind 'boilerplate' not one of the kinds" in out
    # without the texts the offsets' shape is still checked, and the report says the labels were not
    monkeypatch.setattr(check, "shared_texts", lambda shared: None)
    assert check.check([good]) == 0
    assert "NOT checked" in capsys.readouterr().out


def _actors(span: tuple[int, int] | None) -> tuple[SimpleNamespace, ...]:
    return () if span is None else (SimpleNamespace(start=span[0], end=span[1]),)


def _record(type_: str | None, start: int, end: int, source: tuple[int, int] | None = None,
            target: tuple[int, int] | None = None) -> SimpleNamespace:
    evidence = SimpleNamespace(trigger_start=start, trigger_end=end, trigger=ARTICLE[start:end])
    return SimpleNamespace(type=type_, evidence=evidence, confidence=0.5, source=_actors(source),
                           target=_actors(target))


def test_the_real_scorer_codes_each_article_once_and_scores_records_in_their_sentence(tmp_path: Path) -> None:
    from eventwire.evaluation.events_authored import score_part
    from eventwire.evaluation.events_real import score_articles

    rows = real.read_rows([_write(tmp_path, "real-X-01.jsonl", ROWS)], TEXTS)
    arrested, calm, police = _span("arrested"), _span("calm"), _span("Riot police")
    coded_texts: list[str] = []

    class FakeCoder:
        def code_text(self, text: str, url: str | None = None) -> list[SimpleNamespace]:
            coded_texts.append(text)
            return [_record("COERCE", *arrested, source=police, target=_span("40 students")),
                    _record("ASSAULT", *calm),
                    _record(None, *_span("said"))]  # a statement: not scored

    sentences, coded = score_articles(rows.sentences, TEXTS, {}, FakeCoder())
    assert coded_texts == [ARTICLE]
    assert [len(records) for records in coded] == [1, 1, 0]
    moved = sentences[1].events[0]
    assert (moved.trigger_start, moved.trigger_end) == arrested and moved.source == police
    figures = score_part(sentences, coded)
    assert figures["negatives"] == 2 and figures["negatives_with_event"] == 0.5
    assert figures["event_recall"] == 1.0 and figures["type_accuracy"] == 1.0
    assert figures["event_precision"] == 0.5 and figures["right_records"] == 1
    # the record names the labelled actors only when both are in the article's coordinates
    coded[1][0] = _record("COERCE", *arrested, source=police)  # the labelled target left out
    assert score_part(sentences, coded)["right_records"] == 0
