"""The temporal lexicon is data: it must pass its schema, and a broken copy must be refused by name."""

from __future__ import annotations

import copy
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventwire.temporal import find_timexes
from eventwire.temporal.lexicon import LexiconError, build_lexicon, check_lexicon, load_lexicon_file


@pytest.fixture(scope="module")
def shipped() -> dict[str, Any]:
    text = resources.files("eventwire.data.temporal").joinpath("lexicon.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_shipped_lexicon_passes_its_schema(shipped: dict[str, Any]) -> None:
    check_lexicon(shipped)
    lexicon = build_lexicon(shipped)
    assert sorted(set(lexicon.months.values())) == list(range(1, 13))
    assert sorted(set(lexicon.weekdays.values())) == list(range(1, 8))
    assert lexicon.ordinals["twenty-first"] == 21
    assert lexicon.holidays["christmas day"] == (12, 25)


def test_every_fixed_holiday_is_a_real_calendar_day(shipped: dict[str, Any]) -> None:
    import datetime as dt

    for holiday in shipped["holidays"]:
        dt.date(2024, holiday["month"], holiday["day"])  # a leap year admits 29 February too


@pytest.mark.parametrize(("section", "breakage", "message"), [
    ("months", lambda data: data["months"].pop(), "months"),
    ("units", lambda data: data["units"][0].update(letter="Z"), "units/0/letter"),
    ("holidays", lambda data: data["holidays"][0].update(month=13), "holidays/0/month"),
    ("fuzzy", lambda data: data["fuzzy"][0].update(value="SOMETIME"), "fuzzy/0/value"),
    ("sets", lambda data: data["sets"][0].update(value="daily"), "sets/0/value"),
    ("weekdays", lambda data: data["weekdays"][1]["names"].append("Monday"), "listed twice"),
])
def test_a_broken_lexicon_is_refused_with_the_place(shipped: dict[str, Any], section: str,
                                                    breakage: Any, message: str) -> None:
    broken = copy.deepcopy(shipped)
    breakage(broken)
    with pytest.raises(LexiconError, match=message):
        check_lexicon(broken, "broken.yaml")


def test_a_lexicon_file_changes_what_is_found(shipped: dict[str, Any], tmp_path: Path) -> None:
    import datetime as dt

    changed = copy.deepcopy(shipped)
    changed["holidays"].append({"names": ["Founders Day"], "month": 4, "day": 2})
    path = tmp_path / "lexicon.yaml"
    path.write_text(yaml.safe_dump(changed), "utf-8")
    lexicon = load_lexicon_file(path)
    found = find_timexes("Parades were held on Founders Day 2019.", dt.date(2020, 8, 24), lexicon=lexicon)
    assert [(t.text, t.value) for t in found] == [("Founders Day 2019", "2019-04-02")]
    assert find_timexes("Parades were held on Founders Day 2019.", dt.date(2020, 8, 24))[0].text == "2019"


def test_bad_file_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("months: []\n", "utf-8")
    with pytest.raises(LexiconError, match=str(path)):
        load_lexicon_file(path)
