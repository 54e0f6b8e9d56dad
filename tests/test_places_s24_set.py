"""Session 24's recognition set (eval/places/s24-recognition.jsonl): its split rule, its offsets, and a
scorer that shows the errors of its dev half only."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

from eventwire.evaluation.geo_pages import LEVELS, evaluate, load_passages
from fixtures.place_mentions import StandInMention as _Mention

SET = Path(__file__).parents[1] / "eval" / "places" / "s24-recognition.jsonl"


def _records() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_split_is_the_parity_of_the_passage_id_hash() -> None:
    records = _records()
    for record in records:
        even = int(hashlib.sha256(record["id"].encode()).hexdigest(), 16) % 2 == 0
        assert record["split"] == ("s24dev" if even else "s24locked"), record["id"]
    halves = [sum(len(record["toponyms"]) for record in records if record["split"] == split)
              for split in ("s24dev", "s24locked")]
    assert min(halves) >= 250


def test_every_toponym_is_where_its_offsets_say_and_none_overlap() -> None:
    for page in load_passages(SET):  # raises on a toponym that is not at its offsets
        spans = sorted((toponym.start, toponym.end) for toponym in page.toponyms)
        assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans)), page.id
        assert all(toponym.level in LEVELS for toponym in page.toponyms)
        assert all(-90 <= toponym.lat <= 90 and -180 <= toponym.lon <= 180 for toponym in page.toponyms)




class _FirstWordGeoparser:
    """Reads the first word of every passage as a town at (0, 0): right nowhere, found now and then."""

    def geoparse(self, text: str, *, url: str | None = None) -> list[_Mention]:
        word = text.split()[0]
        return [_Mention(0, len(word), word, word, 0.0, 0.0, "city")]


def test_s24_locked_errors_are_never_shown(tmp_path: Path) -> None:
    records = [record for record in _records() if record["toponyms"]][:12]
    passages = tmp_path / "s24.jsonl"
    passages.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    empty_pages = tmp_path / "pages.jsonl"
    empty_pages.write_text("", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "ground-truth.json").write_text("{}", encoding="utf-8")
    result = evaluate(texts, system=_FirstWordGeoparser(), annotations=empty_pages, passages=passages)
    for split in ("s24dev", "s24locked"):
        assert result.figure(f"{split}_end_to_end").value == 0.0
        spurious = result.figure(f"{split}_spurious")
        predicted = sum(1 for record in records if record["split"] == split)
        assert spurious.counts["predicted"] == predicted
        assert spurious.value == 1.0 - result.figure(f"{split}_precision").value
    dev_ids = {record["id"] for record in records if record["split"] == "s24dev"}
    assert result.errors
    assert all(error.id.split(":")[0] in dev_ids for error in result.errors)
