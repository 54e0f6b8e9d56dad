"""Session 23 (issue #16): what was built from the s23 phrase set's dev half (eval/actors/s23-phrases.jsonl),
family by family. Each family is asserted on phrases that are not in the set."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors.evidence import ArticleEvidence, origin_places, sentence_starts
from fixtures.actor_lists import country_and_sector
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2025, 6, 1)


def _resolve(phrase: str, context_country: str | None = None, when: dt.date = D
             ) -> tuple[str | None, str | None]:
    return country_and_sector(phrase, when, context_country)


def _in_sentence(phrase: str, sentence: str, places: list[tuple[str, str]] = (), when: dt.date = D):  # type: ignore[assignment]
    """Resolve `phrase` in `sentence`, whose place names (text, country) stand for the places stage."""
    mentions = [(sentence.index(name), country) for name, country in places]
    article = _resolver().read_article(sentence, when, place_countries=[country for _, country in mentions],
                                       place_mentions=mentions)
    return _resolver().resolve(phrase, when, article=article, at=sentence.index(phrase))


# --- generic agents by family -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("polio vaccinators", "MED"), ("a vaccination team", "MED"), ("clinical staff", "MED"),
     ("Ghanaian clinicians", "MED"), ("school staff", "EDU"), ("a teaching assistant", "EDU"),
     ("a television station", "JRN"), ("news websites", "JRN"), ("a podcaster", "JRN"), ("vloggers", "JRN"),
     ("fishmongers", "BUS"), ("a goldsmith", "BUS"), ("grain buyers", "BUS"),
     ("a chamber of commerce", "BUS"),
     ("a private security firm", "BUS"), ("latex tappers", "AGR"), ("sugarcane cutters", "LAB"),
     ("televangelists", "REL"), ("a Franciscan", "REL"), ("racketeers", "CRM"), ("a hijacker", "CRM"),
     ("gunrunners", "CRM"), ("drug mules", "CRM"), ("scam syndicates", "CRM"), ("a draft evader", "CVL"),
     ("grandparents", "CVL"), ("internally displaced persons", "REF"), ("game rangers", "GOV"),
     ("paramount chiefs", "ELI"), ("the Ooni", "ELI")],
)
def test_a_noun_of_the_session_23_families_has_its_sector(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


@pytest.mark.parametrize(("phrase", "sector"), [("a Hindu preacher", "REL"), ("Sikh preachers", "REL")])
def test_a_preacher_is_clergy_whatever_the_faith(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("clinic administrators", "MED"), ("university administrators", "EDU"), ("the administrators", "GOV")],
)
def test_administrators_take_their_organisations_sector(phrase: str, sector: str) -> None:
    assert _resolve(phrase)[1] == sector


def test_a_boss_of_a_crime_is_a_criminal_and_alone_an_employer() -> None:
    assert _resolve("a gang boss")[1] == "CRM"
    assert _resolve("the bosses")[1] == "BUS"


# --- parties: names written capitalised, names several countries share --------------------------------------


def test_a_partys_one_word_name_in_lower_case_is_the_common_word() -> None:
    assert _resolve("Australia's labour minister")[1] == "GOV"
    assert _resolver().resolve("a labour tribunal", D).actor_id is None
    assert _resolver().resolve("Labour", D).actor_id == "ew:grp-labour-gbr"


@pytest.mark.parametrize(("context", "actor_id"),
                         [("URY", "ew:grp-pc-ury"), ("PRY", "ew:grp-anr")])
def test_a_party_name_the_files_qualify_by_country_goes_by_the_articles_country(context: str,
                                                                                actor_id: str) -> None:
    found = _resolver().resolve("the Colorado Party", D, context_country=context)
    assert (found.actor_id, found.country, found.sector) == (actor_id, context, "PTY")


def test_a_shared_party_name_without_a_country_keeps_only_the_sector() -> None:
    found = _resolver().resolve("the Broad Front", D)
    assert (found.actor_id, found.country, found.sector) == (None, None, "PTY")


def test_a_factions_qualifier_is_not_a_country_and_adds_no_shared_name() -> None:
    # "Janata Dal (Secular)" and "(United)": the bare "Janata Dal" is not indexed as either
    assert _resolver().resolve("the Janata Dal", D, context_country="IND").actor_id is None


@pytest.mark.parametrize(("context", "country"), [("IRL", "IRL"), ("GBR", "GBR")])
def test_sinn_fein_is_of_the_island_the_article_is_about(context: str, country: str) -> None:
    assert _resolve("Sinn Féin", context) == (country, "PTY")


@pytest.mark.parametrize(("phrase", "context", "expected"),
                         [("the CBI", "GBR", ("GBR", "BUS")), ("the CBI", "IND", ("IND", "COP")),
                          ("the CUT", "CHL", ("CHL", "LAB")), ("the CUT", "COL", ("COL", "LAB")),
                          ("Keidanren", None, ("JPN", "BUS")), ("TUSIAD", None, ("TUR", "BUS")),
                          ("AMCU", None, ("ZAF", "LAB")), ("the KUPPET", None, ("KEN", "LAB"))])
def test_employers_federations_and_unions(phrase: str, context: str | None,
                                          expected: tuple[str, str]) -> None:
    assert _resolve(phrase, context) == expected


# --- the sentence around the phrase -------------------------------------------------------------------------


def test_an_actor_from_a_place_is_of_that_place_not_of_where_the_story_happens() -> None:
    sentence = "Aid workers from Norway were detained by police in Sudan on Monday."
    found = _in_sentence("Aid workers", sentence, [("Norway", "NOR"), ("Sudan", "SDN")])
    assert (found.country, found.sector) == ("NOR", "NGO")
    police = _in_sentence("police", sentence, [("Norway", "NOR"), ("Sudan", "SDN")])
    assert police.country != "NOR"  # "from Norway" belongs to the aid workers only


def test_origin_places_are_the_places_after_from() -> None:
    text = "Nurses from the Philippines work in Dubai."
    places = [(text.index("Philippines"), "PHL"), (text.index("Dubai"), "ARE")]
    assert origin_places(text, places) == {text.index("from"): "PHL"}
    evidence = ArticleEvidence(origins=origin_places(text, places), sentence_starts=sentence_starts(text))
    assert evidence.origin_country(len("Nurses")) == "PHL"
    assert evidence.origin_country(len("Nurses from the Philippines work")) is None


def test_a_monarchs_title_with_a_region_is_a_traditional_ruler_not_its_governor() -> None:
    found = _resolver().resolve("the Emir of Katsina", D)
    assert (found.country, found.sector, found.actor_id) == ("NGA", "ELI", None)
    assert _resolver().resolve("the Katsina governor", D).sector == "GOV"
