"""Session 24 (issue #16): what was built from the s24 phrase set's dev half (eval/actors/s24-phrases.jsonl),
family by family. Each family is asserted on phrases that are not in the set."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolution
from fixtures.actor_lists import country_and_sector
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2025, 6, 1)


def _resolve(phrase: str, context_country: str | None = None) -> tuple[str | None, str | None]:
    return country_and_sector(phrase, D, context_country)


def _in_sentence(phrase: str, sentence: str, places: list[tuple[str, str]]) -> ActorResolution:
    """Resolve `phrase` in `sentence`, whose place names (text, country) stand for the places stage."""
    mentions = [(sentence.index(name), country) for name, country in places]
    article = _resolver().read_article(sentence, D, place_countries=[country for _, country in mentions],
                                       place_mentions=mentions)
    return _resolver().resolve(phrase, D, article=article, at=sentence.index(phrase))


# --- generic agents by family -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("a marero", "CRM"), ("huachicoleros", "CRM"), ("dacoits", "CRM"), ("cultists", "CRM"),
     ("a tsotsi", "CRM"), ("a land grabber", "CRM"), ("a loan shark", "CRM"), ("a haulier", "BUS"),
     ("mill owners", "BUS"),
     ("a transport operator", "BUS"), ("a market woman", "BUS"), ("village headmen", "GOV"),
     ("a sarpanch", "GOV"), ("barangay officials", "GOV"), ("the hokim", "GOV"), ("a voivode", "GOV"),
     ("health extension workers", "MED"), ("a community health volunteer", "MED"), ("koglweogo", "PRM"),
     ("a village guard", "PRM"), ("party activists", "PTY"), ("communists", "PTY"), ("tribal chiefs", "ELI")],
)
def test_a_noun_of_the_session_24_families_has_its_sector(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


def test_a_village_official_is_government_though_the_village_alone_names_civilians() -> None:
    assert _resolve("a village chief")[1] == "GOV"
    assert _resolve("villagers")[1] == "CVL"
    assert _resolve("the Paris police prefect")[1] == "COP"  # "prefect" is not one of the words


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("the Western Theatre Joint Command", "MIL"), ("the 82nd Airborne Division", "MIL"),
     ("the Directorate of Military Intelligence", "SPY")],
)
def test_a_name_ending_in_a_military_or_intelligence_word_is_such_an_organisation(phrase: str,
                                                                                   sector: str) -> None:
    found = _resolver().resolve(phrase, D)
    assert (found.sector, found.kind) == (sector, "group")


# --- organisations by their own names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("DGFI", "BGD", "SPY"), ("ABIN", "BRA", "SPY"), ("ASIO", "AUS", "SPY"),
     ("the Carabineros", "CHL", "COP"), ("the Hawks unit", "ZAF", "COP"), ("Brimob", "IDN", "COP"),
     ("Ansaru", "NGA", "REB"), ("BIFF", "PHL", "REB"), ("RED-Tabara", "BDI", "REB"),
     ("the Clan of the Gulf", "COL", "CRM"), ("Katiba Macina", "MLI", "REB")],
)
def test_a_service_police_force_or_armed_group_of_the_session_is_known(phrase: str, country: str,
                                                                         sector: str) -> None:
    assert _resolve(phrase) == (country, sector)


def test_a_name_two_countries_services_share_is_told_apart_by_the_story() -> None:
    assert _resolve("the GKNB", "TJK") == ("TJK", "SPY")
    assert _resolve("the GKNB", "KGZ") == ("KGZ", "SPY")


# --- a country named before another country's national institution -----------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("Peru's Frente Amplio", "PER", "PTY"), ("Kazakhstan's Security Service", "KAZ", "SPY"),
     ("the Nairobi Metropolitan Police", "KEN", "COP")],
)
def test_a_country_named_before_another_countrys_institution_names_its_own_namesake(
        phrase: str, country: str, sector: str) -> None:
    found = _resolver().resolve(phrase, D)
    assert (found.country, found.sector, found.actor_id) == (country, sector, None)


def test_the_institutions_own_country_and_groups_acting_abroad_keep_their_organisation() -> None:
    assert _resolver().resolve("Uruguay's Frente Amplio", D).actor_id == "ew:grp-fa-ury"
    assert _resolver().resolve("London's Metropolitan Police", D).actor_id == "ew:grp-police-met"
    assert _resolve("Mali's Wagner mercenaries")[0] == "RUS"  # an armed group keeps its own country


# --- a person named as whose the actor is -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "country", "sector"),
    [("Narendra Modi's government", "IND", "GOV"), ("Cyril Ramaphosa's spokesman", "ZAF", "GOV"),
     ("Donald Trump's lawyers", "USA", "JUD")],
)
def test_a_possessor_is_not_the_actor(phrase: str, country: str, sector: str) -> None:
    found = _resolver().resolve(phrase, D)
    assert (found.country, found.sector) == (country, sector)
    assert found.kind != "person"


def test_a_possessors_organisation_is_that_organisation() -> None:
    found = _resolver().resolve("Recep Tayyip Erdogan's AKP", D)
    assert (found.country, found.kind) == ("TUR", "group")
    assert found.actor_id == _resolver().resolve("the AKP", D).actor_id


def test_a_persons_name_alone_is_still_the_person() -> None:
    assert _resolver().resolve("Narendra Modi", D).kind == "person"


# --- who runs an actor, and money ---------------------------------------------------------------------------


def test_an_organisation_that_runs_or_appointed_the_actor_gives_its_country_not_its_sector() -> None:
    assert _resolve("the Houthi-run interior ministry") == ("YEM", "GOV")
    assert _resolve("Taliban-appointed judges") == ("AFG", "JUD")
    assert _resolve("Hezbollah-backed ministers") == (None, "GOV")  # a backer's country is not the actor's


def test_a_currency_is_not_where_the_story_is() -> None:
    sentence = "Nurses in Harare demanded to be paid in US dollars."
    assert _in_sentence("Nurses", sentence, [("Harare", "ZWE"), ("US", "USA")]).country == "ZWE"
    alone = "Teachers demanded to be paid in US dollars."
    assert _in_sentence("Teachers", alone, [("US", "USA")]).country is None


def test_a_region_the_places_stage_reads_as_the_storys_own_is_the_storys_namesake() -> None:
    bolivian = "The Santa Cruz governor called a strike, officials in Bolivia said."
    found = _in_sentence("The Santa Cruz governor", bolivian, [("Santa Cruz", "BOL"), ("Bolivia", "BOL")])
    assert (found.country, found.sector, found.kind) == ("BOL", "GOV", "agent")
    argentine = "The Santa Cruz governor called a strike, officials in Argentina said."
    found = _in_sentence("The Santa Cruz governor", argentine, [("Santa Cruz", "ARG"), ("Argentina", "ARG")])
    assert found.country == "ARG" and found.kind == "person"
