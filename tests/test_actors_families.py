"""Sector by family (issue #16, session 20, second round): rules and data found on the authored phrases
(eval/actors/authored-phrases.jsonl), each asserted on phrases of the family that are not in that file."""

from __future__ import annotations

import datetime as dt

import pytest

from fixtures.actor_lists import lists_resolver as _resolver

D = dt.date(2021, 6, 1)


def _sector(phrase: str) -> str | None:
    return _resolver().resolve(phrase, D).sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("spokesman of the army", "MIL"), ("staff at the hospital", "MED"),
        ("officials from the interior ministry", "GOV"), ("a spokeswoman for the police", "COP"),
        ("officials of the teachers' union", "LAB"),
    ],
)
def test_the_people_of_an_organisation_take_the_sector_of_the_organisation_named_after_them(
    phrase: str, sector: str
) -> None:
    assert _sector(phrase) == sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("army officials in the capital", "MIL"), ("police officers of the border unit", "COP")],
)
def test_a_head_with_its_own_sector_word_keeps_it_whatever_follows(phrase: str, sector: str) -> None:
    assert _sector(phrase) == sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("her Japanese counterpart", "GOV"), ("their Gulf counterparts", "GOV"),
        ("the military regime", "MIL"), ("Guinea's military rulers", "MIL"),
        ("the main opposition alliance", "OPP"),
        ("a North Korean hacking group", "CRM"), ("a human trafficking ring", "CRM"),
        ("an armed gang", "CRM"),
        ("the national farmers' union", "AGR"), ("a farmers association", "AGR"),
        ("striking air traffic controllers", "LAB"), ("the state media regulator", "GOV"),
    ],
)
def test_generic_words_of_the_second_round(phrase: str, sector: str) -> None:
    assert _sector(phrase) == sector


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("a delegation of senators", "LEG"), ("a delegation from the health ministry", "GOV"),
        ("a parliamentary delegation", "LEG"), ("the delegation", "GOV"),
        ("supporters of the detained mayor", "CVL"), ("relatives of the missing fishermen", "CVL"),
        ("party supporters", "PTY"),
    ],
)
def test_delegations_supporters_and_relatives(phrase: str, sector: str) -> None:
    assert _sector(phrase) == sector


@pytest.mark.parametrize(
    "phrase",
    ["Kenya's health ministry", "the Ministry of Health", "the education ministry", "the labour ministry",
     "the Ministry of Labor", "health ministry officials"],
)
def test_a_ministry_is_the_government_whatever_its_portfolio(phrase: str) -> None:
    resolution = _resolver().resolve(phrase, D)
    assert resolution.sector == "GOV"
    assert resolution.kind != "group"  # the labour ministry is no party of that name


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [("the Japan Coast Guard", "COP"), ("Vietnam's coast guard", "COP"), ("a coastguard", "COP"),
     ("the US Coast Guard", "MIL"), ("the navy", "MIL")],
)
def test_coast_guards_police_the_sea_except_the_armed_services(phrase: str, sector: str) -> None:
    assert _sector(phrase) == sector


def test_the_pope_is_the_holy_sees_religious_leader_not_the_articles_head_of_state() -> None:
    text = "Ukraine's President Volodymyr Zelensky met the Pope on Friday; the Pope urged a ceasefire."
    evidence = _resolver().read_article(text, D, place_countries=["UKR"])
    at = text.rindex("the Pope")
    resolution = _resolver().resolve("the Pope", D, article=evidence, at=at)
    assert (resolution.country, resolution.sector) == ("VAT", "REL")
    assert resolution.actor_id != "ew:ukr-volodymyr-zelensky"
    named = _resolver().resolve("Pope Francis", D)
    assert (named.actor_id, named.sector) == ("ew:vat-pope-francis", "REL")


@pytest.mark.parametrize(
    "phrase",
    ["the UN envoy for Libya", "UN officials in Sudan", "the EU delegation in Georgia",
     "the AU mission in Somalia", "the UN special rapporteur for Myanmar"],
)
def test_an_international_organisations_people_where_they_serve_are_the_organisations(phrase: str) -> None:
    resolution = _resolver().resolve(phrase, D)
    assert (resolution.country, resolution.sector) == (None, "IGO")


@pytest.mark.parametrize(
    ("phrase", "country"), [("Russia's UN ambassador", "RUS"), ("the Iraqi envoy to the UN", "IRQ")]
)
def test_a_countrys_diplomat_at_an_international_organisation_stays_that_countrys(
    phrase: str, country: str
) -> None:
    resolution = _resolver().resolve(phrase, D)
    assert (resolution.country, resolution.sector) == (country, "GOV")


def test_another_offices_title_does_not_name_the_head_of_the_organisation() -> None:
    envoy = _resolver().resolve("the UN envoy", D)
    assert (envoy.kind, envoy.sector) == ("igo", "IGO")  # an envoy, not the Secretary-General
    head = _resolver().resolve("the UN Secretary-General", D)
    assert head.kind == "person" and head.actor_id == "ew:prt-antonio-guterres"


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("More than 2,000 Hungarians", "HUN"), ("Thousands of Kenyans", "KEN"), ("Nearly 300 Afghans", "AFG")],
)
def test_a_quantity_opening_the_phrase_is_no_personal_name(phrase: str, country: str) -> None:
    resolution = _resolver().resolve(phrase, D)
    assert (resolution.country, resolution.sector, resolution.kind) == (country, "CVL", "agent")


def test_the_european_investment_bank_is_an_eu_body() -> None:
    resolution = _resolver().resolve("the EIB", D)
    assert (resolution.kind, resolution.sector, resolution.country) == ("igo", "IGO", None)
