"""Session 21 (issue #16): the s21 phrase set and what was built from its dev half. Each rule and data family
is asserted on phrases of the family that are not in eval/actors/s21-phrases.jsonl."""

from __future__ import annotations

import datetime as dt

import pytest

from fixtures.actor_lists import country_and_sector
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2025, 6, 1)


def _resolve(phrase: str, context_country: str | None = None) -> tuple[str | None, str | None]:
    return country_and_sector(phrase, D, context_country)


# --- institutions -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("the Bank of Korea", "KOR", "GOV"), ("Sweden's Riksbank", "SWE", "GOV"),
        ("the Bundesbank", "DEU", "GOV"),
        ("Police Scotland", "GBR", "COP"), ("the Carabinieri", "ITA", "COP"), ("PSNI officers", "GBR", "COP"),
        ("IG Metall", "DEU", "LAB"), ("the Teamsters", "USA", "LAB"), ("Histadrut", "ISR", "LAB"),
        ("B'Tselem", "ISR", "NGO"), ("the Expediency Council", "IRN", "GOV"),
    ],
)
def test_central_banks_police_forces_unions_and_monitors_are_known(
    phrase: str, country: str, sector: str
) -> None:
    assert _resolve(phrase) == (country, sector)


def test_scotland_yard_is_the_london_police_not_an_imported_person() -> None:
    found = _resolver().resolve("Scotland Yard detectives", D)
    assert (found.country, found.sector, found.kind) == ("GBR", "COP", "group")


def test_a_union_acronym_two_countries_share_goes_by_the_context() -> None:
    assert _resolve("the CGT", "ARG") == ("ARG", "LAB")
    assert _resolve("the CGT", "FRA") == ("FRA", "LAB")
    assert _resolve("the CGT")[0] is None


def test_an_electoral_opposition_party_is_a_party() -> None:
    assert _resolve("NUP", "UGA") == ("UGA", "PTY")


# --- regional words -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("Welsh ministers", "GBR", "GOV"), ("the Catalan government", "ESP", "GOV"),
        ("Quebecers", "CAN", "CVL"), ("Dagestani police", "RUS", "COP"), ("Tigrayan forces", "ETH", None),
    ],
)
def test_a_regional_word_says_its_country(phrase: str, country: str, sector: str | None) -> None:
    found = _resolve(phrase)
    assert found[0] == country
    if sector is not None:
        assert found[1] == sector


def test_a_regional_title_is_the_region_head_not_the_national_office() -> None:
    found = _resolver().resolve("the Bavarian premier", D)
    assert found.country == "DEU" and found.sector == "GOV"
    chancellor = _resolver().resolve("the German chancellor", D)
    assert chancellor.actor_id is None or found.actor_id != chancellor.actor_id


def test_a_region_name_alone_stays_a_place() -> None:
    assert _resolver().resolve("Texas", D).kind == "unknown"


# --- agent words and rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [
        ("tax collectors", None, "GOV"), ("travel agents", None, "BUS"), ("Italian MEPs", "ITA", "LEG"),
        ("ship owners", None, "BUS"), ("an FBI agent", "USA", "COP"), ("savers", None, "CVL"),
        ("Muslim pilgrims", None, "CVL"), ("an environmental protection agency", None, "GOV"),
    ],
)
def test_agent_words_that_read_as_another_sector(phrase: str, country: str | None, sector: str) -> None:
    assert _resolve(phrase) == (country, sector)


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("the leaders of the cartel", "CRM"), ("the head of the police", "COP"), ("leader of the rebels", "REB"),
     ("supporters of the president", "CVL"), ("relatives of the soldiers", "CVL")],
)
def test_a_leader_word_before_of_yields_to_the_organisation(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


@pytest.mark.parametrize("phrase", ["peacekeepers", "foreign fighters", "mercenaries", "foreign nationals"])
def test_actors_foreign_by_nature_take_no_country_from_the_story(phrase: str) -> None:
    assert _resolve(phrase, "LBN")[0] is None
    assert _resolve("police", "LBN")[0] == "LBN"  # the story's country still goes to its own actors


def test_actors_foreign_by_nature_keep_the_country_of_their_own_phrase() -> None:
    assert _resolve("Indian peacekeepers", "LBN")[0] == "IND"
