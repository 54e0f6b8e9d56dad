"""Issue #16's coverage audit (eventwire.actors.coverage) and its spot-check list of office holders."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors.coverage import CABINET_YEARS, FEDERATIONS, MOST_REPORTED, audit, report
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date


def test_the_audit_counts_what_the_issue_lists() -> None:
    found = audit(_resolver().kb, today=D(2026, 12, 1))
    assert len(MOST_REPORTED) == len(set(MOST_REPORTED)) == 60
    assert len(FEDERATIONS) == 20
    assert found.parties >= 1000 and found.parties_with_acronym >= 600
    possible = len(MOST_REPORTED) * len(CABINET_YEARS)
    assert all(0 < held <= possible for held in found.cabinet_cells.values())
    # the Benelux and Swedish cabinets filled this session: no finance or justice year missing
    for country in ("NLD", "BEL", "SWE"):
        gaps = found.cabinet_gaps.get(country, [])
        assert not [gap for gap in gaps if gap.startswith(("finance", "justice"))], (country, gaps)
    assert found.regional["BEL"] == (3, 3, 3)
    assert found.regional["MEX"][0] == 32 and found.regional["CAN"][0] == 13  # every state and territory
    ever, now, units = found.regional["USA"]
    assert ever == now == units == 50
    assert found.criminal_groups >= 90 and found.military["MIL"] >= 150
    # session 19: every Brazilian state, most Russian federal subjects, Taiwan's three offices, companies
    assert found.regional["BRA"][0] == 27 and found.regional["RUS"][0] >= 75
    assert not {"TWN", "GRC", "VNM"} & set(found.cabinet_gaps)
    assert sum(found.companies.values()) >= 500 and found.company_countries >= 50
    assert "parties" in report(found)


def test_a_country_without_any_holder_is_listed_as_a_gap() -> None:
    found = audit(_resolver().kb, today=D(2026, 12, 1))
    held_nowhere = [country for country, gaps in found.cabinet_gaps.items() if len(gaps) == 36]
    # a country with all 36 role-years missing is reported with every one of them
    for country in held_nowhere:
        assert f"interior {CABINET_YEARS[0]}" in found.cabinet_gaps[country]


@pytest.mark.parametrize(
    ("phrase", "day", "actor_id"),
    [
        ("Kenya's defence minister", D(2021, 10, 1), "ew:ken-eugene-wamalwa"),
        ("Kenya's defence minister", D(2021, 9, 1), "ew:ken-monica-juma"),
        ("Kenya's defence minister", D(2025, 3, 1), "ew:ken-soipan-tuya"),
        ("Nigeria's defence minister", D(2025, 11, 1), "ew:nga-mohammed-badaru-abubakar"),
        ("Nigeria's defence minister", D(2026, 1, 15), "ew:nga-christopher-musa"),
        ("the Chilean president", D(2026, 1, 15), "ew:chl-gabriel-boric"),
        ("the Chilean president", D(2026, 4, 1), "ew:chl-jose-antonio-kast"),
        ("the Honduran president", D(2025, 12, 1), "ew:hnd-xiomara-castro"),
        ("the Honduran president", D(2026, 2, 1), "ew:hnd-nasry-asfura"),
        ("Iraq's prime minister", D(2025, 12, 1), "ew:irq-mohammed-shia-al-sudani"),
        ("the Belgian interior minister", D(2021, 6, 1), "ew:bel-annelies-verlinden"),
        ("the Dutch finance minister", D(2023, 3, 1), "ew:nld-sigrid-kaag"),
        ("Sweden's justice minister", D(2024, 3, 1), "ew:swe-gunnar-strommer"),
        ("Vietnam's public security minister", D(2020, 3, 1), "ew:vnm-to-lam"),
        ("Oaxaca Governor", D(2025, 3, 1), "ew:mex-salomon-jara"),
        ("Nunavut Premier", D(2019, 3, 1), "ew:can-joe-savikataaq"),
        ("Piauí governor", D(2023, 5, 1), "ew:bra-rafael-fonteles"),
        ("the governor of Piaui", D(2020, 5, 1), "ew:bra-wellington-dias"),
        ("Maranhão Governor", D(2019, 3, 1), "ew:bra-flavio-dino"),
        ("Taiwan's interior minister", D(2025, 3, 1), "ew:twn-liu-shyh-fang"),
        ("Taiwanese Justice Minister", D(2018, 3, 1), "ew:twn-chiu-tai-san"),
        ("Kaliningrad governor", D(2020, 3, 1), "ew:rus-anton-alikhanov"),
        ("the Belgorod governor", D(2023, 3, 1), "ew:rus-vyacheslav-gladkov"),
        ("the governor of the Kemerovo region", D(2020, 3, 1), "ew:rus-sergei-tsivilev"),
        ("Tula governor", D(2020, 3, 1), "ew:rus-alexei-dyumin"),
        ("the Greek interior minister", D(2020, 3, 1), "ew:grc-takis-theodorikakos"),
        ("Vietnam's finance minister", D(2022, 3, 1), "ew:vnm-ho-duc-phoc"),
        ("South Korea's interior minister", D(2016, 3, 1), "ew:kor-hong-yun-sik"),
    ],
)
def test_spot_checks_of_the_issue_resolve_to_the_holder_at_the_date(
    phrase: str, day: dt.date, actor_id: str
) -> None:
    assert _resolver().resolve(phrase, day).actor_id == actor_id


def test_a_minister_surname_alone_is_not_linked() -> None:
    assert _resolver().resolve("Kaag", D(2023, 3, 1)).actor_id != "ew:nld-sigrid-kaag"


def test_a_city_mayor_is_government_while_in_office_and_elite_after() -> None:
    resolver = _resolver()
    in_office = resolver.resolve("Montreal Mayor Denis Coderre", D(2016, 12, 13))
    assert (in_office.actor_id, in_office.sector) == ("ew:can-denis-coderre", "GOV")
    assert resolver.resolve("Denis Coderre", D(2019, 1, 1)).sector == "ELI"
    assert resolver.resolve("Zohran Mamdani", D(2026, 2, 1)).sector == "GOV"
