"""Session 22 (issue #16): the s22 phrase set (phrases nobody tuned on) and what was built from its dev
half. Each rule and data family is asserted on phrases of the family that are not in
eval/actors/s22-phrases.jsonl."""

from __future__ import annotations

import datetime as dt

import pytest

from fixtures.actor_lists import country_and_sector
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2025, 6, 1)


def _resolve(phrase: str, context_country: str | None = None, when: dt.date = D
             ) -> tuple[str | None, str | None]:
    return country_and_sector(phrase, when, context_country)


def _in_sentence(phrase: str, sentence: str, when: dt.date = D, **evidence: object):
    article = _resolver().read_article(sentence, when, **evidence)  # type: ignore[arg-type]
    return _resolver().resolve(phrase, when, article=article, at=sentence.index(phrase))


# --- legislatures -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("the Folketing", "DNK"), ("Finland's Eduskunta", "FIN"), ("the Seimas", "LTU"),
     ("the Riigikogu", "EST"), ("the Senedd", "GBR"), ("the Oireachtas", "IRL"),
     ("the Jogorku Kenesh", "KGZ"), ("the Hluttaw", "MMR")],
)
def test_a_legislature_known_by_its_own_name_is_its_countrys_legislature(phrase: str, country: str) -> None:
    assert _resolve(phrase) == (country, "LEG")


def test_the_lok_sabha_is_indias_lower_house_not_an_imported_person() -> None:
    found = _resolver().resolve("the Lok Sabha", D)
    assert (found.country, found.sector, found.kind) == ("IND", "LEG", "group")


@pytest.mark.parametrize(("phrase", "country", "sector"),
                         [("Germany's Bundestag", "DEU", "LEG"), ("Russia's State Duma", "RUS", "LEG"),
                          ("America's Pentagon", "USA", "MIL")])
def test_a_country_then_its_own_institution_takes_the_institutions_sector(
    phrase: str, country: str, sector: str
) -> None:
    assert _resolve(phrase) == (country, sector)


# --- a country's alias that is another country's region ---------------------------------------------------


def test_formosa_governor_is_the_argentine_provinces_head() -> None:
    found = _resolver().resolve("the Formosa governor", D)
    assert (found.country, found.sector, found.actor_id) == ("ARG", "GOV", "ew:arg-gildo-insfran")
    assert _resolve("Formosa") == ("TWN", None)  # the word alone is still Taiwan


def test_a_regional_title_takes_the_region_the_story_establishes() -> None:
    us_story = _in_sentence("the Georgia governor",
                            "Lawmakers in Atlanta sent the bill to the Georgia governor.",
                            dateline_country="USA")
    assert (us_story.country, us_story.sector) == ("USA", "GOV")
    tbilisi = _in_sentence("the Georgia governor", "In Tbilisi, the Georgia governor spoke.",
                           dateline_country="GEO")
    assert tbilisi.country == "GEO"
    assert _resolve("Georgia's foreign minister", "USA")[0] == "GEO"  # not a regional title: the country


# --- agent words --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("waste pickers", "LAB"), ("fruit pickers", "LAB"), ("rickshaw drivers", "LAB"),
     ("a delivery rider", "LAB"), ("flour millers", "BUS"), ("car dealers", "BUS"),
     ("a street hawker", "BUS"), ("a seminarian", "REL"), ("a customs agent", "GOV"),
     ("an ambulance driver", "MED"), ("arms dealers", "CRM")],
)
def test_working_people_of_non_us_uk_news(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


def test_a_surname_that_is_also_a_trade_stays_a_name() -> None:
    found = _resolver().resolve("Miller", D)
    assert found.kind == "person" and found.sector != "BUS"


# --- organisations and office holders -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("Kyrgyzstan's GKNB", "KGZ", "SPY"), ("the Belarusian KGB", "BLR", "SPY"),
     ("RAB officers", "BGD", "COP"), ("the Georgian State Security Service", "GEO", "SPY"),
     ("BLF militants", "PAK", "REB")],
)
def test_security_services_and_units_by_their_own_name(phrase: str, country: str, sector: str) -> None:
    assert _resolve(phrase) == (country, sector)


def test_a_party_name_several_countries_share_goes_by_the_context() -> None:
    assert _resolve("the Workers' Party", "SGP") == ("SGP", "PTY")
    assert _resolve("the Workers' Party", "PRK") == ("PRK", "PTY")
    assert _resolve("the Workers' Party") == (None, "PTY")


def test_regional_heads_added_this_session() -> None:
    dodik = _resolver().resolve("Milorad Dodik", dt.date(2023, 5, 1))
    assert (dodik.country, dodik.sector) == ("BIH", "GOV")
    gagauz = _resolver().resolve("the Gagauz governor", dt.date(2024, 3, 1))
    assert (gagauz.country, gagauz.actor_id) == ("MDA", "ew:mda-evghenia-gutul")
    assert _resolve("Omar Garcia Harfuch", when=dt.date(2025, 2, 1)) == ("MEX", "GOV")
