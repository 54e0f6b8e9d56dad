"""The geo-pages scorer: end-to-end figures per split, levels, and no error cases from the locked split."""

from __future__ import annotations

import hashlib
import itertools
import json
from pathlib import Path

import pytest

from eventwire.evaluation.geo_pages import evaluate, load_pages
from eventwire.evaluation.registry import GoldFormatError
from fixtures.place_mentions import StandInMention as _Mention

TEXT = "Troops left Kabul for Kandahar in Afghanistan."




class _FakeGeoparser:
    """Finds Kabul (right), Kandahar (placed in Pakistan, wrong) and Troops (not a toponym)."""

    def geoparse(self, text: str, *, url: str | None = None) -> list[_Mention]:
        def at(word: str, lat: float, lon: float, level: str) -> _Mention:
            start = text.index(word)
            return _Mention(start, start + len(word), word, word, lat, lon, level)

        return [at("Troops", 0.0, 0.0, "city"), at("Kabul", 34.53, 69.17, "city"),
                at("Kandahar", 30.2, 71.5, "city")]


def _gold(tmp_path: Path) -> tuple[Path, Path]:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "ground-truth.json").write_text(json.dumps({
        "dev-page": {"articleBody": TEXT, "url": "https://example.af/a"},
        "locked-page": {"articleBody": TEXT, "url": "https://example.af/b"}}), encoding="utf-8")

    def toponym(word: str, level: str, lat: float, lon: float) -> dict[str, object]:
        start = TEXT.index(word)
        return {"start": start, "end": start + len(word), "text": word, "level": level, "country": "AF",
                "geonameid": None, "lat": lat, "lon": lon}

    toponyms = [toponym("Kabul", "city", 34.53, 69.17), toponym("Kandahar", "city", 31.61, 65.71),
                toponym("Afghanistan", "country", 33.0, 66.0)]
    annotations = tmp_path / "pages.jsonl"
    annotations.write_text("\n".join(json.dumps({"page": page, "split": split, "toponyms": toponyms})
                                     for page, split in (("dev-page", "dev"), ("locked-page", "locked"))),
                           encoding="utf-8")
    return texts, annotations


def test_figures_per_split_and_errors_only_from_dev(tmp_path: Path) -> None:
    texts, annotations = _gold(tmp_path)
    result = evaluate(texts, system=_FakeGeoparser(), annotations=annotations)
    for split in ("dev", "locked"):
        assert result.figure(f"{split}_found").value == pytest.approx(2 / 3)  # Afghanistan missed
        assert result.figure(f"{split}_right_when_found").value == pytest.approx(1 / 2)  # Kandahar off
        assert result.figure(f"{split}_end_to_end").value == pytest.approx(1 / 3)
        assert result.figure(f"{split}_level").value == pytest.approx(1.0)
        assert result.figure(f"{split}_precision").value == pytest.approx(2 / 3)  # Troops
        assert result.figure(f"{split}_division_as_town").value is None  # Afghanistan was not found
    assert result.errors and all(error.id.startswith("dev-page") for error in result.errors)


def test_a_country_given_a_towns_point_is_counted(tmp_path: Path) -> None:
    class _CountryAsTown(_FakeGeoparser):
        def geoparse(self, text: str, *, url: str | None = None) -> list[_Mention]:
            start = text.index("Afghanistan")
            return [_Mention(start, start + 11, "Afghanistan", "Afghanistan", 33.0, 66.0, "city")]

    texts, annotations = _gold(tmp_path)
    result = evaluate(texts, system=_CountryAsTown(), annotations=annotations)
    assert result.figure("dev_division_as_town").value == pytest.approx(1.0)
    assert result.figure("dev_division_as_town").higher_is_better is False


def test_an_annotation_off_its_text_is_a_gold_error(tmp_path: Path) -> None:
    texts, annotations = _gold(tmp_path)
    annotations.write_text(annotations.read_text(encoding="utf-8").replace('"Kabul"', '"Kabil"', 1),
                           encoding="utf-8")
    with pytest.raises(GoldFormatError, match="Kabil"):
        load_pages(texts, annotations)


def test_the_repository_annotations_are_many_split_by_page_hash_and_hold_no_article_text() -> None:
    lines = (Path(__file__).parents[1] / "eval" / "places" / "pages.jsonl").read_text(encoding="utf-8")
    pages = [json.loads(line) for line in lines.splitlines() if line.strip()]
    assert len(pages) >= 40 and sum(len(page["toponyms"]) for page in pages) >= 400
    for page in pages:
        expected = "locked" if int(hashlib.sha256(page["page"].encode()).hexdigest(), 16) % 2 else "dev"
        assert page["split"] == expected, page["page"]
        for toponym in page["toponyms"]:
            assert toponym["end"] - toponym["start"] == len(toponym["text"]) <= 40  # a name, not prose
            assert toponym["level"] in {"country", "admin1", "admin2", "city", "feature"}


def _unseen_gold(tmp_path: Path, shift: int = 0) -> tuple[Path, Path]:
    """The article-extraction texts of _gold plus a pubdate folder holding one page of the locked2 set."""
    texts, _ = _gold(tmp_path)
    pubdate = tmp_path / "pubdate"
    (pubdate / "html").mkdir(parents=True)
    # A fragment (no <html> tag) is all content for the extraction, so its text is known here.
    (pubdate / "html" / "1.html").write_text(f"<p>{TEXT}</p>", encoding="utf-8")
    (pubdate / "gold.json").write_text(json.dumps({"https://example.af/c": {"file": "1.html"}}),
                                       encoding="utf-8")
    start = TEXT.index("Kandahar") + shift
    unseen = tmp_path / "unseen.jsonl"
    unseen.write_text(json.dumps({"page": "pubdate:1.html", "split": "locked2", "toponyms": [
        {"start": start, "end": start + 8, "text": "Kandahar", "level": "city", "country": "AF",
         "geonameid": None, "lat": 31.61, "lon": 65.71}]}), encoding="utf-8")
    return texts, unseen


def test_the_unseen_split_is_scored_beside_dev_and_locked_and_shows_no_errors(tmp_path: Path) -> None:
    texts, unseen = _unseen_gold(tmp_path)
    result = evaluate(texts, system=_FakeGeoparser(), annotations=tmp_path / "pages.jsonl",
                      unseen_annotations=unseen)
    assert result.figure("locked2_found").value == pytest.approx(1.0)
    assert result.figure("locked2_end_to_end").value == pytest.approx(0.0)  # Kandahar placed in Pakistan
    assert not any(error.id.startswith("pubdate") for error in result.errors)


def test_an_unseen_toponym_is_found_again_where_the_extraction_shifted_it(tmp_path: Path) -> None:
    texts, unseen = _unseen_gold(tmp_path, shift=3)
    result = evaluate(texts, system=_FakeGeoparser(), annotations=tmp_path / "pages.jsonl",
                      unseen_annotations=unseen)
    assert result.figure("locked2_found").value == pytest.approx(1.0)
    unseen.write_text(unseen.read_text(encoding="utf-8").replace('"Kandahar"', '"Kandahr"'), encoding="utf-8")
    with pytest.raises(GoldFormatError, match="Kandahr"):
        evaluate(texts, system=_FakeGeoparser(), annotations=tmp_path / "pages.jsonl",
                 unseen_annotations=unseen)


def test_the_unseen_annotations_are_written_before_tuning_and_hold_no_article_text() -> None:
    path = Path(__file__).parents[1] / "eval" / "places" / "pubdate-pages.jsonl"
    lines = path.read_text(encoding="utf-8")
    pages = [json.loads(line) for line in lines.splitlines() if line.strip()]
    assert sum(len(page["toponyms"]) for page in pages) >= 150
    assert all(page["split"] == "locked2" and page["page"].startswith("pubdate:") for page in pages)
    assert all(len(toponym["text"]) <= 40 for page in pages for toponym in page["toponyms"])


def test_the_session20_annotations_are_locked3_pubdate_pages_unused_by_the_other_sets() -> None:
    folder = Path(__file__).parents[1] / "eval" / "places"
    lines = (folder / "s20-pages.jsonl").read_text(encoding="utf-8").splitlines()
    pages = [json.loads(line) for line in lines if line.strip()]
    earlier = {json.loads(line)["page"] for line in
               (folder / "pubdate-pages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    assert sum(len(page["toponyms"]) for page in pages) >= 150
    assert all(page["split"] == "locked3" and page["page"].startswith("pubdate:") for page in pages)
    assert not earlier & {page["page"] for page in pages}
    for page in pages:
        spans = sorted((toponym["start"], toponym["end"]) for toponym in page["toponyms"])
        assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))  # no overlaps
        assert all(len(toponym["text"]) <= 40 for toponym in page["toponyms"])


def test_two_unseen_files_are_scored_as_their_own_splits(tmp_path: Path) -> None:
    texts, unseen = _unseen_gold(tmp_path)
    later = tmp_path / "later.jsonl"
    later.write_text(unseen.read_text(encoding="utf-8").replace('"locked2"', '"locked3"')
                     .replace('"lat": 31.61, "lon": 65.71', '"lat": 30.2, "lon": 71.4'), encoding="utf-8")
    result = evaluate(texts, system=_FakeGeoparser(), annotations=tmp_path / "pages.jsonl",
                      unseen_annotations=[unseen, later])
    assert result.figure("locked2_end_to_end").value == pytest.approx(0.0)
    assert result.figure("locked3_found").value == pytest.approx(1.0)
    assert result.figure("locked3_end_to_end").value == pytest.approx(1.0)  # the fake's Pakistan point
    assert not any(error.id.startswith("pubdate") for error in result.errors)


def test_the_session23_annotations_are_split_by_the_order_of_their_page_hashes() -> None:
    folder = Path(__file__).parents[1] / "eval" / "places"
    pages = [json.loads(line) for line in
             (folder / "s23-pages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    earlier = {json.loads(line)["page"] for line in
               (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    documents = Path(__file__).parents[1] / "eval" / "documents" / "gold.jsonl"
    in_documents = {json.loads(line)["doc"].removeprefix("page:") for line in
                    documents.read_text(encoding="utf-8").splitlines() if line.strip()}
    ids = [page["page"] for page in pages]
    assert not (earlier | in_documents) & set(ids)
    by_hash = sorted(ids, key=lambda page: hashlib.sha256(page.encode()).hexdigest())
    splits = {page["page"]: page["split"] for page in pages}
    assert [splits[page] for page in by_hash] == ["s23dev", "s23locked"] * (len(ids) // 2)
    assert sum(len(page["toponyms"]) for page in pages) >= 120
    for page in pages:
        spans = sorted((toponym["start"], toponym["end"]) for toponym in page["toponyms"])
        assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))  # no overlaps
        assert all(len(toponym["text"]) <= 40 for toponym in page["toponyms"])


def test_session23_locked_errors_are_never_shown(tmp_path: Path) -> None:
    texts, annotations = _gold(tmp_path)
    session23 = tmp_path / "s23.jsonl"
    renamed = annotations.read_text(encoding="utf-8").replace('"split": "dev"', '"split": "s23dev"')
    session23.write_text(renamed.replace('"split": "locked"', '"split": "s23locked"'), encoding="utf-8")
    result = evaluate(texts, system=_FakeGeoparser(), annotations=session23)
    assert result.figure("s23dev_found").value == result.figure("s23locked_found").value
    assert result.figure("s23locked_end_to_end").value is not None
    assert result.errors and all(error.id.startswith("dev-page") for error in result.errors)
