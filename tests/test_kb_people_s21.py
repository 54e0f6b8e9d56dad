"""Who holds office (issue #16, session 21): the office audit script and the holders the session added."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from fixtures.actor_lists import lists_resolver as _resolver
from fixtures.scripts import load_script

D = dt.date
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "kb_office_coverage.py"


@cache
def _script() -> ModuleType:
    return load_script(SCRIPT, "kb_office_coverage")


def test_year_ranges_are_written_compactly() -> None:
    year_ranges = _script().year_ranges
    assert year_ranges([2020, 2015, 2016, 2017]) == "2015-17, 2020"
    assert year_ranges([2026]) == "2026"
    assert year_ranges([]) == ""


def test_the_office_audit_covers_seven_offices_of_sixty_countries() -> None:
    script = _script()
    found = script.audit(_resolver().kb, D(2026, 12, 1))
    assert len(found["offices"]) == 60 and len(script.OFFICES) == 7
    possible = found["possible"]
    assert possible == 60 * 12
    assert all(0 < held <= possible for held in found["totals"].values())
    # a year is covered only when someone held the office at mid-year: Lebanon had no president in 2015-16
    # and 2023-24, Nigeria no ministers between cabinets in mid-2015, 2019 and 2023
    assert found["offices"]["LBN"]["head_of_state"] == [2017, 2018, 2019, 2020, 2021, 2022, 2025, 2026]
    assert not {2015, 2019, 2023} & set(found["offices"]["NGA"]["defence_minister"])
    # the fills of this session
    assert found["totals"]["justice_minister"] >= 520 and found["totals"]["defence_minister"] >= 610
    regional = found["regional"]
    assert regional["MEX"] == {"units": 32, "2020": 32, "2026": 32}
    assert regional["ARG"]["2020"] == 24 and regional["ARG"]["2026"] >= 23
    assert regional["MYS"]["2020"] == 13
    table = script.markdown(found)
    assert table.count("\n| ") >= 60 + 20 and "| MEX | 32 | 32 (100%) | 32 (100%) |" in table


@pytest.mark.parametrize(
    ("phrase", "day", "actor_id"),
    [
        # cabinets
        ("the Argentine defence minister", D(2026, 2, 1), "ew:arg-carlos-presti"),
        ("the Argentine defence minister", D(2025, 6, 1), "ew:arg-luis-petri"),
        ("Venezuela's justice minister", D(2025, 3, 1), "ew:ven-diosdado-cabello"),
        ("Lebanon's justice minister", D(2022, 3, 1), "ew:lbn-henry-khoury"),
        ("the Libyan defence minister", D(2023, 3, 1), "ew:lby-abdul-hamid-dbeibeh"),
        ("the Dutch foreign minister", D(2021, 7, 1), "ew:nld-sigrid-kaag"),
        ("the Dutch foreign minister", D(2021, 12, 1), "ew:nld-ben-knapen"),
        ("the Malaysian defence minister", D(2018, 6, 1), "ew:mys-mohamad-sabu"),
        ("Pakistan's caretaker finance minister", D(2018, 7, 1), "ew:pak-shamshad-akhtar"),
        ("Pakistan's finance minister", D(2023, 10, 1), "ew:pak-shamshad-akhtar"),
        ("the Taiwanese defence minister", D(2017, 3, 1), "ew:twn-feng-shih-kuan"),
        ("Ukraine's justice minister", D(2025, 3, 1), "ew:ukr-olha-stefanishyna"),
        ("Ukraine's justice minister", D(2025, 9, 1), "ew:ukr-herman-halushchenko"),
        ("the Belgian defence minister", D(2019, 3, 1), "ew:bel-didier-reynders"),
        ("the Belgian foreign minister", D(2020, 3, 1), "ew:bel-philippe-goffin"),
        ("Thailand's justice minister", D(2017, 3, 1), "ew:tha-paiboon-koomchaya"),
        ("the Egyptian justice minister", D(2017, 3, 1), "ew:egy-hossam-abdel-rahim"),
        ("the Sri Lankan justice minister", D(2018, 3, 1), "ew:lka-thalatha-athukorala"),
        ("Poland's finance minister", D(2019, 7, 1), "ew:pol-marian-banas"),
        # regional heads
        ("Chaco governor", D(2021, 3, 1), "ew:arg-jorge-capitanich"),
        ("Chaco governor", D(2024, 3, 1), "ew:arg-leandro-zdero"),
        ("Misiones governor", D(2021, 3, 1), "ew:arg-oscar-herrera-ahuad"),
        ("Puebla Governor", D(2021, 3, 1), "ew:mex-miguel-barbosa"),
        ("Puebla Governor", D(2025, 3, 1), "ew:mex-alejandro-armenta"),
        ("Tabasco Governor", D(2020, 3, 1), "ew:mex-adan-augusto-lopez-hernandez"),
        ("Melaka Chief Minister", D(2021, 3, 1), "ew:mys-sulaiman-md-ali"),
    ],
)
def test_holders_added_this_session_resolve_at_the_date(phrase: str, day: dt.date, actor_id: str) -> None:
    assert _resolver().resolve(phrase, day).actor_id == actor_id


@pytest.mark.parametrize(
    ("phrase", "day"),
    [
        ("Ali Zafar", D(2018, 7, 1)),  # a singer and actor; the caretaker law minister was Syed Ali Zafar
        ("David Lin", D(2015, 3, 1)),  # a common name; the foreign minister is David Lin Yung-lo
    ],
)
def test_common_names_are_not_linked_to_the_ministers_who_bear_them(phrase: str, day: dt.date) -> None:
    resolved = _resolver().resolve(phrase, day)
    assert resolved.actor_id is None
