"""Each scorer on tiny hand-made gold files (tests/fixtures/eval/) with a fake stage.

Every expected number below was worked out on paper from the fixture; the comments show the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eventwire.evaluation import actors, events, extract, geo, pubdate, timex
from eventwire.evaluation.metrics import match_spans
from eventwire.evaluation.registry import SHOW_LOCKED_ERRORS, GoldFormatError, StageCrashed, run_stage
from eventwire.geodesy import haversine_km
from eventwire.records import Article, ArticleMeta, SourceError, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def _article(text: str, published: str | None = None) -> Article:
    return Article(content_hash(text), text, ArticleMeta(published=published), origin="fixture")


# --- metrics ---


def test_relaxed_matching_pairs_largest_overlap_first_and_one_to_one() -> None:
    gold = [(0, 10), (12, 20)]
    predicted = [(0, 20), (13, 15)]
    # (0,20) overlaps gold 0 by 10 and gold 1 by 8; it takes gold 0, the short one takes gold 1.
    assert match_spans(gold, predicted, strict=False) == [(0, 0), (1, 1)]
    assert match_spans(gold, predicted, strict=True) == []
    assert match_spans(gold, [(12, 20), (12, 20)], strict=True) == [(1, 0)]


def test_haversine_one_hundredth_degree_of_latitude_is_about_1_1_km() -> None:
    assert haversine_km(48.85, 2.35, 48.86, 2.35) == pytest.approx(1.112, abs=0.002)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=1)


# --- timex ---


@dataclass(frozen=True)
class FakeTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


def test_timeml_reader_offsets_refer_to_the_text_content() -> None:
    (document,) = timex.load_gold(FIXTURES / "temporal")
    assert document.id == "fixture_timex"
    assert document.dct == dt.date(2013, 3, 22)
    assert [(t.tid, t.start, t.end, t.value) for t in document.timexes] == [
        ("t1", 17, 23, "2013-03-22"),
        ("t2", 30, 39, "P2Y"),
        ("t3", 71, 80, "2013-W13"),
    ]
    assert [document.text[t.start : t.end] for t in document.timexes] == ["Friday", "two years", "next week"]
    assert "work & delay" in document.text  # entities decoded, EVENT tags removed, DCT not in the text


def test_timex_scores_strict_relaxed_and_value_as_tempeval3() -> None:
    seen_dcts = []

    def find(text: str, dct: dt.date) -> list[FakeTimex]:
        seen_dcts.append(dct)
        return [
            FakeTimex(17, 23, text[17:23], "DATE", "2013-03-22"),  # exact span, right value
            FakeTimex(34, 39, text[34:39], "DURATION", "P3Y"),  # overlaps "two years", wrong value
            FakeTimex(5, 10, text[5:10], "DATE", "XXXX"),  # "talks": spurious
        ]  # "next week" is missed

    result = timex.evaluate(FIXTURES / "temporal", system=find)
    assert seen_dcts == [dt.date(2013, 3, 22)]
    values = {figure.name: figure.value for figure in result.figures}
    # gold 3, predicted 3. strict: 1 match -> P = R = F1 = 1/3. relaxed: 2 matches -> 2/3.
    assert values["strict_precision"] == pytest.approx(1 / 3)
    assert values["strict_recall"] == pytest.approx(1 / 3)
    assert values["strict_f1"] == pytest.approx(1 / 3)
    assert values["relaxed_precision"] == pytest.approx(2 / 3)
    assert values["relaxed_f1"] == pytest.approx(2 / 3)
    # values: 1 right of 2 relaxed matches; value F1 = relaxed F1 x 1/2 = 1/3.
    assert values["value_accuracy"] == pytest.approx(1 / 2)
    assert values["value_f1"] == pytest.approx(1 / 3)
    assert dict(result.figure("strict_f1").counts) == {"tp": 1, "fp": 2, "fn": 2}
    notes = sorted(case.note for case in result.errors)
    assert notes == ["missed", "spurious", "wrong value, span differs"]


def test_timeml_without_dct_is_reported_with_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "no_dct.tml"
    bad.write_text("<TimeML><TEXT>Friday</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"no_dct\.tml.*creation time"):
        timex.load_gold(bad)


# --- extract ---


def test_extract_scores_shingles_with_the_benchmark_definition() -> None:
    def fake_extract(page: Path, url: str | None = None) -> Article | SourceError:
        if page.stem == "page-a":
            return _article("one two three four five six")
        return SourceError(str(page), "no main text found")

    result = extract.evaluate(FIXTURES / "article-extraction", system=fake_extract)
    values = {figure.name: figure.value for figure in result.figures}
    # page-a: gold shingles {1234, 2345}, predicted {1234, 2345, 3456}: tp 2 fp 1 -> P 2/3, R 1.
    # page-b: nothing predicted -> precision undefined (not averaged), recall 0.
    # P = 2/3, R = (1 + 0) / 2 = 1/2, F1 = 2 * (2/3) * (1/2) / (2/3 + 1/2) = 4/7.
    assert values["precision"] == pytest.approx(2 / 3)
    assert values["recall"] == pytest.approx(1 / 2)
    assert values["f1"] == pytest.approx(4 / 7)
    assert dict(result.figure("f1").counts) == {"n": 2, "failed": 1, "pages_f1_below_0.9": 2}
    # worst page first; page-a's F1 is 0.8, below the 0.9 listing threshold
    assert [case.id for case in result.errors] == ["page-b", "page-a"]
    assert "no main text found" in result.errors[0].note
    assert "first extra words 'three four five six'" in result.errors[1].note
    assert result.errors[1].predicted == "one two three four five six"


def test_limit_scores_only_the_first_items() -> None:
    result = extract.evaluate(
        FIXTURES / "article-extraction", limit=1, system=lambda page, url=None: _article("")
    )
    assert result.items == 1


# --- pubdate ---


def test_pubdate_accuracy_counts_same_day_and_agreeing_absence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHOW_LOCKED_ERRORS, "1")  # every error case, whichever half it falls in
    predictions: dict[str, Article | SourceError] = {
        "p1": _article("x", "2020-05-01T23:30:00-04:00"),  # same day in its own offset: right
        "p2": _article("x", "2020-05-03"),  # wrong day
        "p3": _article("x", None),  # gold NaN, nothing predicted: right
        "p4": SourceError("p4.html", "unreadable"),  # gold dated: missed
        "p5": _article("x", "2019-01-01"),  # gold NaN: spurious
    }
    result = pubdate.evaluate(FIXTURES / "pubdate", system=lambda page, url=None: predictions[page.stem])
    accuracy = result.figure("accuracy")
    assert accuracy.value == pytest.approx(2 / 5)
    assert dict(accuracy.counts) == {
        "n": 5,
        "correct": 2,
        "correct_no_date": 1,
        "wrong_day": 1,
        "missed": 1,
        "spurious": 1,
        "failed": 1,
    }
    assert result.figure("accuracy_dated").value == pytest.approx(1 / 3)
    assert {(case.id, case.gold, case.predicted) for case in result.errors} == {
        ("p2.html", "2020-05-02", "2020-05-03"),
        ("p4.html", "2020-05-04", "none"),
        ("p5.html", "none", "2019-01-01"),
    }


# --- events ---


@dataclass(frozen=True)
class FakeActor:
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class FakeEvent:
    type: str
    confidence: float
    source: list[FakeActor] = field(default_factory=list)
    target: list[FakeActor] = field(default_factory=list)
    mode: str | None = None
    cameo: str | None = None


class FakeCoder:
    def __init__(self) -> None:
        self.by_start = {
            "Japan": [
                FakeEvent("REQUEST", 0.4, [FakeActor("JPN", "GOV")], [FakeActor("IDN", "REB")]),
                FakeEvent("ACCUSE", 0.9, [FakeActor("JPN", "GOV")], [FakeActor("IDN", "MIL")]),
            ],
            "UN": [FakeEvent("ASSAULT", 0.8, [FakeActor(None, "MIL")])],
            "The": [],
            "French": [FakeEvent("PROTEST", 0.7, [FakeActor("FRA", "CVL")])],
        }

    def code_text(self, text: str, published: str | None = None) -> list[FakeEvent]:
        return self.by_start[text.split()[0]]


def test_events_gold_labels_and_codes_are_mapped() -> None:
    records = events.load_gold(FIXTURES / "plover" / "gsr_fixture.json")
    assert [r.type for r in records] == ["REQUEST", "ASSAULT", "AGREE", "PROTEST"]
    assert records[0].source.country == "JPN"  # CAMEO JAP
    assert records[0].target.sector == "REB"  # REBalb: ethnic suffix dropped
    assert records[1].source.country is None  # IGO is not a country
    assert records[1].target is None  # "" in the file
    assert records[2].source.sector is None  # "***" unknown
    assert records[3].target is None  # no target field


def test_events_scores_type_quad_and_first_actors() -> None:
    result = events.evaluate(FIXTURES / "plover" / "gsr_fixture.json", system=FakeCoder())
    values = {figure.name: figure.value for figure in result.figures}
    # gold REQUEST ASSAULT AGREE PROTEST; top events ACCUSE ASSAULT NONE PROTEST -> 2/4
    assert values["type_accuracy"] == pytest.approx(0.5)
    # classes ACCUSE AGREE ASSAULT PROTEST REQUEST: F1 0, 0, 1, 1, 0 -> 2/5
    assert values["type_macro_f1"] == pytest.approx(0.4)
    # quads: v-conflict m-conflict v-coop m-conflict vs v-conflict m-conflict NONE m-conflict -> 3/4;
    # per-quad F1 1, 1, 0 (material cooperation never occurs) -> 2/3
    assert values["quad_accuracy"] == pytest.approx(0.75)
    assert values["quad_macro_f1"] == pytest.approx(2 / 3)
    # source countries: JPN right, IGO not scored, USA vs nothing wrong, FRA right -> 2/3
    assert values["source_country_accuracy"] == pytest.approx(2 / 3)
    assert dict(result.figure("source_country_accuracy").counts) == {"n": 3, "correct": 2, "not_scored": 1}
    assert values["target_country_accuracy"] == pytest.approx(1 / 2)  # IDN right, JOR missed
    assert values["source_sector_accuracy"] == pytest.approx(1.0)  # GOV, CVL right; IGO none, *** skipped
    assert values["target_sector_accuracy"] == pytest.approx(0.0)  # REB vs MIL, GOV vs nothing
    (matrix,) = result.matrices
    assert matrix.cells["REQUEST"] == {"ACCUSE": 1}
    assert matrix.cells["AGREE"] == {"NONE": 1}
    assert matrix.labels[-1] == "NONE"
    assert "gold \\ predicted  ACCUSE  ASSAULT  PROTEST  NONE" in result.as_table()
    assert [case.id for case in result.errors] == ["GSR-DEMAND-1", "GSR-AGREE-1"]
    assert result.errors[1].predicted == "NONE"
    assert "REQUEST (file: DEMAND)" in result.errors[0].gold


# --- geo ---


@dataclass(frozen=True)
class FakeMention:
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None = None


class FakeGeoparser:
    def geoparse(self, text: str) -> list[FakeMention]:
        if text.startswith("Fighting"):
            return [
                FakeMention(21, 27, "Aleppo", "Aleppo", 170063, 36.20, 37.16),  # exact: 0 km
                FakeMention(31, 39, "Damascus", "Damascus", None, None, None),  # recognised, unresolved
                FakeMention(43, 49, "Monday", "Monday", None, None, None),  # spurious
            ]
        return [FakeMention(0, 5, "Paris", "Paris", 2988507, 48.86, 2.35)]  # 1.1 km off; Lyon missed


def test_geo_gold_reader_realigns_drifted_offsets() -> None:
    articles = geo.load_gold(FIXTURES / "geoparsing" / "tr-news-fixture.xml")
    first = articles[0]
    assert first.realigned == 1  # Damascus written as 30-38, found at 31
    assert [(t.start, t.end) for t in first.toponyms] == [(21, 27), (31, 39)]
    assert first.toponyms[1].geonameid == 170654


def test_geo_scores_recognition_and_resolution() -> None:
    result = geo.evaluate(FIXTURES / "geoparsing" / "tr-news-fixture.xml", system=FakeGeoparser())
    values = {figure.name: figure.value for figure in result.figures}
    # gold 4, predicted 4, matched 3 (Aleppo, Damascus, Paris)
    assert values["recognition_precision"] == pytest.approx(3 / 4)
    assert values["recognition_recall"] == pytest.approx(3 / 4)
    assert values["recognition_f1"] == pytest.approx(3 / 4)
    # errors 0 km, 20015 km (unresolved), 1.1 km -> 2 of 3 within 161 km, median 1.1 km
    assert values["accuracy_161km"] == pytest.approx(2 / 3)
    assert dict(result.figure("accuracy_161km").counts) == {"n": 3, "within": 2, "unresolved": 1}
    assert values["median_error_km"] == pytest.approx(1.112, abs=0.002)
    assert values["geonameid_accuracy"] == pytest.approx(2 / 3)
    assert sorted(case.note for case in result.errors) == [
        "not a gold toponym",
        "not recognised",
        "not resolved",
    ]


# --- actors ---


@dataclass(frozen=True)
class FakeResolution:
    actor_id: str | None
    name: str | None
    country: str | None
    sector: str | None
    role: str | None = None


class FakeResolver:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dt.date | None]] = []
        self.answers = {
            "Japanese government": FakeResolution("jpn-gov", "Japan", "JPN", "GOV"),
            "the UN": FakeResolution("un", "United Nations", None, "IGO"),
            "Syrian rebels": FakeResolution("syr-mil", "Syrian army", "SYR", "MIL"),
            "the police": FakeResolution("usa-cop", "US police", "USA", "cop"),
        }

    def resolve(self, text: str, when: dt.date | None) -> FakeResolution:
        self.calls.append((text, when))
        return self.answers[text]


def test_actors_scores_country_sector_and_both() -> None:
    resolver = FakeResolver()
    result = actors.evaluate(FIXTURES / "actors" / "cases.jsonl", system=resolver)
    assert resolver.calls[0] == ("Japanese government", dt.date(2020, 1, 1))
    assert resolver.calls[2] == ("Syrian rebels", None)
    counts = {figure.name: figure.counts for figure in result.figures}

    def both_halves(name: str) -> tuple[int, int]:  # (correct, n) over the dev and the locked half
        dev, locked = counts[name], counts[f"locked_{name}"]
        return dev["correct"] + locked["correct"], dev["n"] + locked["n"]

    # country stated in a1-a3 (a2: null, matched by None): 3/3; a4 states no country
    assert both_halves("country_accuracy") == (3, 3)
    # sector: GOV, IGO right, REB vs MIL wrong, COP vs "cop" right -> 3/4
    assert both_halves("sector_accuracy") == (3, 4)
    assert both_halves("both_accuracy") == (2, 3)  # a1, a2 of a1-a3
    # Only the dev half's errors are listed: the locked half's are never shown.
    expected = [("a3", "SYR/REB", "SYR/MIL (syr-mil)")] if actors.split_of("a3") == "dev" else []
    assert [(case.id, case.gold, case.predicted) for case in result.errors] == expected


def test_actor_cases_split_into_a_fixed_dev_and_locked_half() -> None:
    ids = [f"tr:{number}:{offset}" for number in range(40) for offset in (0, 100)]
    splits = [actors.split_of(case_id) for case_id in ids]
    assert splits == [actors.split_of(case_id) for case_id in ids]  # deterministic
    assert 0.3 < splits.count("locked") / len(splits) < 0.7


def test_named_later_splits_are_scored_apart_and_their_errors_never_listed(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "v1", "text": "Syrian rebels", "country": "SYR", "sector": "REB", "split": "locked3"}\n'
        '{"id": "v2", "text": "the UN", "country": null, "sector": "IGO", "split": "locked2"}\n',
        encoding="utf-8",
    )
    result = actors.evaluate(cases, system=FakeResolver())
    counts = {figure.name: figure.counts for figure in result.figures}
    assert counts["locked3_sector_accuracy"] == {"n": 1, "correct": 0}
    assert counts["locked2_sector_accuracy"] == {"n": 1, "correct": 1}
    assert counts["sector_accuracy"]["n"] == 0 and counts["locked_sector_accuracy"]["n"] == 0
    assert result.errors == ()  # v1 is wrong, but an error of a later locked split is never shown
    assert "1 locked2, 1 locked3 cases" in result.notes[1]


def test_an_unknown_split_name_is_a_gold_error(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "u1", "text": "x", "country": "USA", "split": "train"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"cases.jsonl:1: split must be one of dev, locked, locked2"):
        actors.load_gold(cases)


def test_page_paragraphs_keep_long_paragraphs_one_a_line() -> None:
    html = (b"<html><body><p>Menu</p><p>Police   arrested two men\n in the town centre on Friday night.</p>"
            b"<div><p>Officials said the bridge would reopen next week after repairs.</p></div>"
            b"</body></html>")
    assert actors.page_paragraphs(html) == (
        "Police arrested two men in the town centre on Friday night.\n"
        "Officials said the bridge would reopen next week after repairs."
    )


def test_actors_bad_line_names_file_and_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"text": "x", "country": "USA"}\n{"country": "USA"}\n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"cases.jsonl:2: a case needs a text"):
        actors.load_gold(cases)


# --- registry ---


def test_run_stage_times_the_run_and_reports_missing_gold(tmp_path: Path) -> None:
    result = run_stage("actors", FIXTURES / "actors" / "cases.jsonl", system=FakeResolver())
    assert result.stage == "actors" and result.seconds >= 0
    with pytest.raises(FileNotFoundError, match="gold data for actors not found"):
        run_stage("actors", tmp_path / "absent.jsonl", system=FakeResolver())


def test_a_stage_whose_import_fails_is_a_crash_naming_the_gold_item() -> None:
    class ResolverNeedingAMissingModule:
        def resolve(self, text: str, when: dt.date | None) -> FakeResolution:
            raise ImportError("cannot import name 'Thing' from 'eventwire.other'", name="eventwire.other")

    with pytest.raises(StageCrashed, match=r"stage actors raised on gold item \w+: ImportError: cannot"):
        run_stage("actors", FIXTURES / "actors" / "cases.jsonl", system=ResolverNeedingAMissingModule())


def test_a_crash_in_the_stage_names_the_gold_item() -> None:
    def broken_finder(text: str, dct: dt.date) -> list[FakeTimex]:
        raise ValueError("month 13")

    with pytest.raises(
        StageCrashed, match=r"stage timex raised on gold item fixture_timex: ValueError: month 13"
    ):
        run_stage("timex", FIXTURES / "temporal", system=broken_finder)
