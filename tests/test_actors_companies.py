"""The companies file (data/actors/companies.yaml): loaded as business actors, and safe to match.

The resolver matches organisation names whatever their case, so a company alias that is a common word, a
surname or a place would turn "a shell company", "Harrison Ford" or "Zurich police" into a firm. These tests
hold the file to its rule (no such alias; such names only under `capitalised_aliases`) and check phrases as
news writes them that must not link to a company.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.actors.kb import ActorDataError, KnowledgeBase, load_knowledge_base
from eventwire.actors.normalize import alias_key, tokens
from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2024, 5, 1)


def _companies(kb: KnowledgeBase) -> list:
    return [org for org in kb.organisations.values() if org.type == "company"]


def test_the_companies_file_is_loaded_as_business_actors_of_their_country() -> None:
    kb = _resolver().kb
    companies = _companies(kb)
    assert len(companies) >= 500
    assert all(org.sector in {"BUS", "JRN"} for org in companies)
    assert all(org.country in kb.countries for org in companies)
    assert all(org.kind == "group" and org.industry for org in companies)
    assert {org.country for org in companies} >= {"USA", "CHN", "RUS", "SAU", "BRA", "NGA", "IND", "JPN"}
    assert kb.organisations["ew:bus-fox-corp"].sector == "JRN"  # a news organisation


@pytest.mark.parametrize(
    ("phrase", "actor_id", "country"),
    [
        ("Gazprom", "ew:bus-gazprom", "RUS"),
        ("Saudi Aramco", "ew:bus-saudi-aramco", "SAU"),
        ("Lockheed Martin", "ew:bus-lockheed-martin", "USA"),
        ("Huawei executives", "ew:bus-huawei", "CHN"),
        ("state oil company Pemex", "ew:bus-pemex", "MEX"),
        ("Nigerian National Petroleum Corporation", "ew:bus-nnpc", "NGA"),
        ("Royal Dutch Shell", "ew:bus-shell", "GBR"),
        ("Ford Motor Co", "ew:bus-ford", "USA"),
        ("Exxon", "ew:bus-exxonmobil", "USA"),
        ("TSMC", "ew:bus-tsmc", "TWN"),
        ("Petrobras", "ew:bus-petrobras", "BRA"),
    ],
)
def test_a_company_resolves_to_itself_with_its_country_and_sector(
    phrase: str, actor_id: str, country: str
) -> None:
    found = _resolver().resolve(phrase, D)
    assert (found.actor_id, found.country, found.sector) == (actor_id, country, "BUS")


# Words that are a company's name but, bare, are a common word, a surname, a first name or a place in news
# (invented checks from how news writes; the file's header gives the rule).
NOT_BARE_ALIASES = {
    "apple", "shell", "total", "target", "amazon", "orange", "visa", "meta", "oracle", "alphabet", "intel",
    "micron", "indigo", "caterpillar", "zoom", "grab", "vale", "nike", "canon", "ford", "dell", "merck",
    "disney", "honda", "saab", "santander", "zurich", "emirates", "leonardo", "rafael", "porsche", "ferrari",
    "philips", "michelin", "antonov", "zara", "lotte", "gunvor", "roche", "bosch", "bayer", "henkel", "audi",
    "tesla", "santos", "moody", "mcdonald", "sainsbury", "ping", "dupont", "mizuho", "temu", "shein",
    "reliance", "vanguard", "citadel", "national grid", "public investment fund", "korean air", "fiat",
    "mercury", "chase", "gap", "next", "square", "sky", "boots", "x", "twitter", "israel airlines",
    "china airlines", "royal jordanian",
}


def test_no_company_alias_is_a_common_word_surname_first_name_or_place() -> None:
    resolver = _resolver()
    kb = resolver.kb
    person_words: set[str] = set()
    for person in kb.people.values():
        words = tokens(person.name)
        if len(words) >= 2:
            person_words.update({words[0].key, words[-1].key})
    region_keys = {alias_key(spell.region) for person in kb.people.values() for spell in person.roles
                   if spell.region}
    country_keys = {alias_key(name) for country in kb.countries.values()
                    for name in (country.name, *country.aliases, *country.demonyms, *country.capitals)}
    agent_keys = {alias_key(term) for group in kb.agents for term in group.terms}
    agent_keys |= {alias_key(title) for role in kb.roles.values() for title in role.titles}
    bad = []
    for org in _companies(kb):
        for alias in (org.name, *org.aliases):
            key = alias_key(alias)
            if key in NOT_BARE_ALIASES or key in region_keys or key in country_keys or key in agent_keys:
                bad.append((org.id, alias))
            elif " " not in key and key in person_words:
                bad.append((org.id, alias, "a person's first name or surname"))
        assert not set(map(alias_key, org.capitalised_aliases)) & set(map(alias_key, org.aliases)), org.id
    assert not bad


def test_names_held_for_capitalised_use_are_loaded_apart_from_the_aliases() -> None:
    kb = _resolver().kb
    assert kb.organisations["ew:bus-apple"].capitalised_aliases == ("Apple",)
    assert kb.organisations["ew:bus-shell"].capitalised_aliases == ("Shell",)
    assert "Shell" not in kb.organisations["ew:bus-shell"].aliases


@pytest.mark.parametrize(("phrase", "company"), [
    ("Shell", "ew:bus-shell"), ("Shell executives", "ew:bus-shell"), ("Apple", "ew:bus-apple"),
    ("Intel", "ew:bus-intel"), ("Disney", "ew:bus-disney"),
])
def test_a_name_held_for_capitalised_use_links_when_written_capitalised(phrase: str, company: str) -> None:
    assert _resolver().resolve(phrase, D).actor_id == company


@pytest.mark.parametrize("phrase", ["Tom Shell", "Pierre Apple", "Ford", "Total", "Target", "Visa", "Orange"])
def test_a_capitalised_name_inside_a_longer_name_or_claimed_elsewhere_does_not_link(phrase: str) -> None:
    # "Tom Shell": a person's name goes on around it; "Ford" is a surname first; words that often open a
    # sentence ("Total", "Target") have no bare alias
    assert not (_resolver().resolve(phrase, D).actor_id or "").startswith("ew:bus-"), phrase


@pytest.mark.parametrize(
    "phrase",
    [
        "a shell company", "shell companies registered in Cyprus", "apple growers in Kashmir",
        "a total of 40 protesters", "Harrison Ford", "Gerald Ford", "Michael Dell",
        "military intel officials",
        "visa applicants", "target", "the Royal Jordanian Air Force", "Korean air force", "China's airlines",
        "Zurich police", "Santander province officials", "Emirates officials", "the Emirates", "Alex Saab",
        "Mizuho Fukushima", "Jean Ping", "moody teenagers", "Pakistan's NAB", "EDL supporters",
        "the Amazon", "Amazon tribes", "a public investment fund", "Abigail Disney", "Nikola Tesla",
        "Keisuke Honda", "Rafael Nadal", "Leonardo DiCaprio", "Zara Tindall", "GM crops", "indigo farmers",
        "a micron", "Ian McDonald", "caterpillar", "orange growers", "Israel's airlines", "the grab for land",
    ],
)
def test_a_phrase_news_writes_does_not_link_to_a_company(phrase: str) -> None:
    found = _resolver().resolve(phrase, D)
    assert not (found.actor_id or "").startswith("ew:bus-"), (phrase, found.actor_id)


def test_a_user_file_may_add_companies_with_business_as_default_sector(tmp_path: Path) -> None:
    user = tmp_path / "firms.yaml"
    user.write_text(
        "companies:\n"
        "  - {id: 'ew:bus-kivu-gold', name: Kivu Gold Mining, country: COD, industry: mining}\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base([user], shipped_people=False, with_plugins=False)
    firm = kb.organisations["ew:bus-kivu-gold"]
    assert (firm.sector, firm.country, firm.type, firm.industry) == ("BUS", "COD", "company", "mining")


def test_a_company_without_country_or_with_an_unknown_industry_is_a_data_error(tmp_path: Path) -> None:
    user = tmp_path / "firms.yaml"
    user.write_text(
        "companies:\n"
        "  - {id: 'ew:bus-nowhere', name: Nowhere Holdings, industry: mining}\n"
        "  - {id: 'ew:bus-odd', name: Odd Ltd, country: KEN, industry: wizardry}\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorDataError) as error:
        load_knowledge_base([user], shipped_people=False, with_plugins=False)
    message = str(error.value)
    assert "'country' is a required property" in message and "wizardry" in message
