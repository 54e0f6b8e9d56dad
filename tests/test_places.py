"""Toponym recognition and resolution, the event location rule and the `geoparse` command."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.cli.geoparse import geoparse_records
from eventwire.places import Gazetteer, Geoparser, PlaceContext, PlaceMention, locate_event
from eventwire.places.geoparser import _alternation, _flat_alternation, country_of_url
from eventwire.places.location import article_place, dominant_country
from eventwire.records import Article, ArticleMeta, content_hash

FIXTURES = Path(__file__).parent / "fixtures" / "places"


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser.load()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.shared()


def _by_text(mentions: list[PlaceMention]) -> dict[str, PlaceMention]:
    return {mention.text: mention for mention in mentions}


# ranking without a parse ------------------------------------------------------------------------------

def test_washington_without_context_is_the_us_capital(geoparser: Geoparser) -> None:
    place = geoparser.resolve("Washington", PlaceContext())
    assert place is not None and place.country == "USA" and place.feature == "city"
    assert abs(place.lat - 38.9) < 0.2 and abs(place.lon + 77.0) < 0.2


def test_washington_in_an_iraq_story_is_not_a_british_town(geoparser: Geoparser) -> None:
    context = PlaceContext(country_counts=Counter({"IQ": 6, "GB": 1}))
    place = geoparser.resolve("Washington", context)
    assert place is not None and place.country == "USA"


def test_paris_is_france_unless_the_context_is_texas(geoparser: Geoparser, gazetteer: Gazetteer) -> None:
    default = geoparser.resolve("Paris", PlaceContext())
    assert default is not None and default.country == "FRA"
    texas = gazetteer.region(("US", "TX"))
    assert texas is not None
    in_texas = geoparser.resolve("Paris", PlaceContext().with_container(texas))
    assert in_texas is not None and in_texas.country == "USA" and in_texas.admin1 == "TX"


def test_georgia_is_the_country_by_default_and_the_state_in_an_american_story(geoparser: Geoparser) -> None:
    default = geoparser.resolve("Georgia", PlaceContext())
    assert default is not None and default.feature == "country" and default.country == "GEO"
    american = PlaceContext(country_counts=Counter({"US": 5}), region_counts=Counter({("US", "GA"): 2}))
    state = geoparser.resolve("Georgia", american)
    assert state is not None and state.feature == "region" and state.country == "USA"


def test_unknown_name_resolves_to_nothing(geoparser: Geoparser) -> None:
    assert geoparser.resolve("Qwzxplk", PlaceContext()) is None


def test_alternative_names_and_abbreviations(geoparser: Geoparser) -> None:
    for name, iso3 in [("U.S.", "USA"), ("UK", "GBR"), ("Britain", "GBR"), ("Kiev", "UKR"), ("Ky.", "USA")]:
        place = geoparser.resolve(name, PlaceContext())
        assert place is not None and place.country == iso3, name


def test_country_of_url_from_known_outlets_then_country_code_domains(gazetteer: Gazetteer) -> None:
    assert country_of_url("https://www.abc.net.au/news/x", gazetteer) == "AU"
    assert country_of_url("http://news.bbc.co.uk/a", gazetteer) == "GB"
    assert country_of_url("https://example.com/a", gazetteer) is None
    # a known outlet on a generic domain, from any of its sub-domains; not a look-alike host
    assert country_of_url("https://edition.cnn.com/2016/x", gazetteer) == "US"
    assert country_of_url("https://www.bbc.com/news/x", gazetteer) == "GB"
    assert country_of_url("https://notcnn.com/x", gazetteer) is None
    assert country_of_url("https://startup.io/a", gazetteer) is None
    assert country_of_url(None, gazetteer) is None


def test_the_outlet_decides_only_what_the_text_leaves_open(geoparser: Geoparser) -> None:
    text = "Doctors in Newcastle said the new treatment was safe."
    assert _by_text(geoparser.geoparse(text, url="https://www.bbc.com/news/x"))["Newcastle"].country == "GBR"
    assert _by_text(geoparser.geoparse(text, url="https://www.abc.net.au/x"))["Newcastle"].country == "AUS"
    # an American outlet's story that names the UK is about the English city: the outlet weighs half a place
    story = "The UK's regulator approved it. " + text
    assert _by_text(geoparser.geoparse(story, url="https://edition.cnn.com/x"))["Newcastle"].country == "GBR"


def test_streets_and_divisions_found_by_the_word_that_says_their_kind(geoparser: Geoparser) -> None:
    found = _by_text(geoparser.geoparse(
        "On Main Street in Springfield, Illinois, protesters gathered. Officials in Fars Province said."))
    # a street the recogniser missed lies in the article's nearest city: placed at its point, still a street
    assert found["Main Street"].name == "Springfield" and found["Main Street"].level == "feature"
    assert found["Fars Province"].country == "IRN" and found["Fars Province"].level == "admin1"
    # no city in the article: a street stays unplaced rather than a guess; a made-up county is no county
    alone = _by_text(geoparser.geoparse("Crowds gathered on Foxglove Lane near Zzyzzx County."))
    assert "Foxglove Lane" not in alone and all(mention.lat is None for mention in alone.values())


def test_an_unlabelled_name_after_a_locative_word_is_a_place_when_the_article_is_there(
        geoparser: Geoparser) -> None:
    text = ("Former New York Gov. Mario Cuomo, who rose from the Depression-era streets of Queens to serve "
            "three times as governor, died.")
    assert _by_text(geoparser.geoparse(text))["Queens"].country == "USA"
    # a capitalised word after "in" that names a language is not a place
    found = _by_text(geoparser.geoparse("He spoke in Portuguese at a rally, officials in Springfield said."))
    assert "Portuguese" not in found


# recognition and resolution in text -------------------------------------------------------------------

def test_offsets_are_exact(geoparser: Geoparser) -> None:
    text = "Talks in Ankara, the Turkish capital, ended.\nThen delegates flew to Moscow and Tehran."
    mentions = geoparser.geoparse(text)
    assert [m.text for m in mentions] == ["Ankara", "Moscow", "Tehran"]
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_x_comma_country_pattern(geoparser: Geoparser) -> None:
    text = "The meeting was held in Paris, Texas, and later in Perth, Scotland."
    mentions = _by_text(geoparser.geoparse(text))
    assert mentions["Paris"].country == "USA" and mentions["Texas"].feature == "region"
    assert mentions["Perth"].country == "GBR"


def test_x_comma_state_abbreviation(geoparser: Geoparser) -> None:
    text = "Police in Paducah, Ky., arrested two men."
    mentions = _by_text(geoparser.geoparse(text))
    assert mentions["Ky."].name == "Kentucky" and mentions["Paducah"].country == "USA"


def test_georgia_with_tbilisi_nearby_is_the_country(geoparser: Geoparser) -> None:
    text = "Thousands marched in Tbilisi on Sunday. Georgia's government called the protest illegal."
    georgia = _by_text(geoparser.geoparse(text))["Georgia"]
    assert georgia.feature == "country" and georgia.country == "GEO"


def test_georgia_with_atlanta_nearby_is_the_state(geoparser: Geoparser) -> None:
    text = "Voters in Atlanta and Savannah lined up for hours as Georgia counted ballots."
    georgia = _by_text(geoparser.geoparse(text))["Georgia"]
    assert georgia.feature == "region" and georgia.country == "USA"


def test_country_names_resolve_to_the_country(geoparser: Geoparser) -> None:
    mentions = geoparser.geoparse("Syria and Turkey traded fire while the United States urged calm.")
    assert {(m.text, m.feature, m.country) for m in mentions} == {
        ("Syria", "country", "SYR"), ("Turkey", "country", "TUR"), ("United States", "country", "USA")}


def test_airport_facility(geoparser: Geoparser) -> None:
    text = "Two rockets struck near Baghdad airport late on Tuesday."
    mention = _by_text(geoparser.geoparse(text))["Baghdad airport"]
    assert mention.feature == "facility" and mention.country == "IRQ"
    assert mention.lat is not None and mention.lon is not None
    assert abs(mention.lat - 33.26) < 0.1 and abs(mention.lon - 44.23) < 0.1


def test_demonyms_are_not_places_by_default_but_inform_the_context(geoparser: Geoparser) -> None:
    text = "The Iraqi parliament met on Monday."
    assert geoparser.geoparse(text) == []
    with_demonyms = Geoparser(geoparser.nlp, geoparser.gazetteer, include_demonyms=True).geoparse(text)
    assert [(m.text, m.feature, m.country) for m in with_demonyms] == [("Iraqi", "demonym", "IRQ")]


def test_place_inside_an_organisation_name_is_marked(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse("Kentucky State Police said the road was closed."))
    assert mentions["Kentucky"].in_name and mentions["Kentucky"].feature == "region"


def test_dateline_in_capitals(geoparser: Geoparser) -> None:
    mentions = geoparser.geoparse("WASHINGTON (AP) — The Senate voted on Friday.")
    assert mentions and mentions[0].text == "WASHINGTON" and mentions[0].country == "USA"


# event location rule ----------------------------------------------------------------------------------

def _place(text: str, feature: str = "city", in_name: bool = False, lat: float | None = 1.0) -> PlaceMention:
    return PlaceMention(0, len(text), text, text, None, lat, None if lat is None else 2.0, "IRQ",
                        feature, 0.9, in_name)  # type: ignore[arg-type]


def test_locate_event_prefers_clause_then_sentence_then_dateline() -> None:
    clause, sentence, dateline = _place("Mosul"), _place("Iraq", "country"), _place("Baghdad")
    assert locate_event([clause], [sentence, clause], dateline) is clause
    assert locate_event([], [sentence], dateline) is sentence
    assert locate_event([], [], dateline) is dateline
    assert locate_event([], [], None) is None


def test_locate_event_prefers_the_most_specific_place_and_skips_non_places() -> None:
    airport, country = _place("Baghdad airport", "facility"), _place("Iraq", "country")
    assert locate_event([country, airport], [], None) is airport
    demonym, in_name = _place("Iraqi", "demonym"), _place("Basra", in_name=True)
    assert locate_event([demonym, in_name, _place("X", lat=None)], [], None) is None



def _in(text: str, country: str, feature: str = "city", number: int | None = None) -> PlaceMention:
    return PlaceMention(0, len(text), text, text, number, 1.0, 2.0, country, feature, 0.9)  # type: ignore[arg-type]


def test_article_place_is_the_dateline_only_when_the_story_is_about_its_country() -> None:
    london = _in("LONDON", "GBR", number=1)
    shiraz, fars = _in("Shiraz", "IRN", number=2), _in("Fars", "IRN", "region", number=3)
    story = [london, shiraz, shiraz, fars, shiraz]
    assert article_place(story, london) is shiraz  # a London-datelined story about Iran happens in Iran
    khartoum = _in("KHARTOUM", "SDN", number=4)
    assert article_place([khartoum, _in("Sudan", "SDN", "country")], khartoum) is khartoum
    assert article_place([], khartoum) is khartoum  # nothing says otherwise


def test_article_place_is_the_country_when_no_town_leads_and_none_for_several_countries() -> None:
    towns = [_in(name, "CHN", number=n) for n, name in enumerate(["Shenzhen", "Chongqing", "Guiyang"])]
    china = _in("China", "CHN", "country")
    assert article_place([china, *towns, china], None) is china
    assert dominant_country([china, *towns]) == "CHN"
    two_sided = [_in("US", "USA", "country"), _in("Israel", "ISR", "country"), _in("Jerusalem", "ISR"),
                 _in("Washington", "USA"), _in("Jordan", "JOR", "country")]
    assert dominant_country(two_sided) is None and article_place(two_sided, None) is None
    # demonyms and unresolved names cast no vote; a place inside an organisation's name does ("the Kenya
    # Medical Practitioners Union" says where the story is), and gives the country when nothing else does
    in_name = PlaceMention(0, 5, "Kenya", "Kenya", None, 1.0, 2.0, "KEN", "country", 0.9, True)
    iraqi = PlaceMention(9, 14, "Iraqi", "Iraq", None, 1.0, 2.0, "IRQ", "demonym", 0.9)
    unresolved = PlaceMention(20, 24, "Xyzw", None, None, None, None, None, "unknown", 0.0)
    assert article_place([in_name, iraqi, unresolved], None) is in_name
    assert article_place([iraqi, unresolved], None) is None
    in_city = PlaceMention(0, 7, "Chicago", "Chicago", 7, 1.0, 2.0, "USA", "city", 0.9, True)
    assert dominant_country([in_name, in_city, in_city]) == "USA"


# the command ------------------------------------------------------------------------------------------

def test_geoparse_records_from_articles(geoparser: Geoparser) -> None:
    text = "Protesters gathered in Kabul, Afghanistan, near Kabul airport."
    article = Article(id=content_hash(text), text=text, meta=ArticleMeta(url="https://example.com/a"),
                      origin="test", record_id="doc-1")
    (record,) = list(geoparse_records([article], geoparser))
    assert record["id"] == "doc-1"
    places = record["places"]
    assert isinstance(places, list)
    assert [p["text"] for p in places] == ["Kabul", "Afghanistan", "Kabul airport"]
    assert set(places[0]) == {"start", "end", "text", "name", "geonameid", "lat", "lon", "country", "level"}
    assert [p["level"] for p in places] == ["city", "country", "feature"]
    assert places[0]["country"] == "AFG" and places[0]["geonameid"] is not None


def test_geoparse_command_jsonl(geoparser: Geoparser) -> None:
    result = CliRunner().invoke(main, ["geoparse", str(FIXTURES / "articles.jsonl")])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in records] == ["iraq-1", "texas-1"]
    iraq = {p["text"]: p for p in records[0]["places"]}
    assert iraq["Baghdad airport"]["country"] == "IRQ" and iraq["Washington"]["country"] == "USA"
    assert "Iraqi" not in iraq
    texas = {p["text"]: p for p in records[1]["places"]}
    assert texas["Paris"]["country"] == "USA" and texas["Austin"]["country"] == "USA"


def test_a_first_name_seen_in_a_full_name_is_a_person(geoparser: Geoparser) -> None:
    text = "Skater Georgia Stevens moved to Red Deer, Alberta, last year. Georgia now trains in Edmonton."
    mentions = geoparser.geoparse(text)
    assert "Georgia" not in {m.text for m in mentions}
    assert _by_text(mentions)["Red Deer"].country == "CAN"


def test_small_town_needs_support_from_the_rest_of_the_article(geoparser: Geoparser) -> None:
    # Not a place at all: a hamlet named "Olympic" in a country the text never touches must not appear.
    mentions = geoparser.geoparse("She became the Olympic champion in Olympic record time in Rio de Janeiro.")
    assert [m.text for m in mentions] == ["Rio de Janeiro"]


def test_unknown_longer_names_fall_back_to_the_place_they_hold(geoparser: Geoparser) -> None:
    mentions = _by_text(geoparser.geoparse(
        "Fires spread across Los Angeles County while storms hit Far North Queensland."))
    county = next(m for text, m in mentions.items() if text.startswith("Los Angeles"))
    assert county.country == "USA" and county.lat is not None and abs(county.lat - 34.05) < 0.5
    queensland = next(m for text, m in mentions.items() if "Queensland" in text)
    assert queensland.name == "Queensland" and queensland.country == "AUS"


def test_seas_rivers_peninsulas_and_regions_of_the_features_file_are_found(geoparser: Geoparser) -> None:
    text = ("Shelling resumed in Eastern Ghouta as tankers crossed the Strait of Malacca. Tension on the "
            "Korean Peninsula rose; floods followed the Euphrates river and fighting in Donbas went on.")
    found = {m.text: m for m in geoparser.geoparse(text)}
    assert found["Eastern Ghouta"].country == "SYR" and found["Eastern Ghouta"].level == "feature"
    assert found["Donbas"].country == "UKR"
    # shared waters and peninsulas belong to no one country
    assert found["Strait of Malacca"].country is None and found["Korean Peninsula"].lat is not None
    assert abs(found["Korean Peninsula"].lat - 38) < 2 and "Euphrates" in found


def test_a_feature_name_held_by_a_town_stays_the_towns(gazetteer: Gazetteer) -> None:
    # "Kos" is an island of features.json and a Greek town of some 20,000: the town keeps the name
    assert all(place.feature != "area" for place, _ in gazetteer.candidates("Kos"))
    assert any(place.feature == "area" for place, _ in gazetteer.candidates("Sahara"))


def test_the_capital_named_by_a_demonym_is_that_countrys_capital(geoparser: Geoparser) -> None:
    mentions = geoparser.geoparse("Patients wandered across the Kenyan capital after the strike began.")
    assert [(m.text, m.name, m.country, m.level) for m in mentions] == [("capital", "Nairobi", "KEN", "city")]
    # the capital's own name follows: found as itself, not twice
    named = geoparser.geoparse("Rockets hit the Syrian capital, Damascus, on Sunday.")
    assert [m.text for m in named] == ["Damascus"]


def test_a_country_before_a_comma_is_not_read_as_a_town_of_the_next_place(geoparser: Geoparser) -> None:
    text = "His work lent credence to reports of entanglements in Russia, U.S. officials said on Wednesday."
    assert _by_text(geoparser.geoparse(text))["Russia"].country == "RUS"  # not the hamlet of Ohio


def test_a_dateline_is_read_without_the_storys_countries(geoparser: Geoparser) -> None:
    text = ("WASHINGTON (Reuters) - Former British intelligence officials in London said the officer had "
            "served in Britain, Manchester and Leeds for MI6.")
    found = _by_text(geoparser.geoparse(text))
    assert found["WASHINGTON"].country == "USA" and found["Manchester"].country == "GBR"


def test_names_are_read_again_once_their_neighbours_are_read_in_context(geoparser: Geoparser) -> None:
    # on priors alone "Amesbury" is the Massachusetts town, which would pull "Andover" there too
    text = "The council in Salisbury met on Tuesday. Residents of Amesbury and Andover objected to the plan."
    found = _by_text(geoparser.geoparse(text))
    assert [found[name].country for name in ("Salisbury", "Amesbury", "Andover")] == ["GBR"] * 3


def test_an_old_name_of_a_capital_gets_no_capital_bonus(gazetteer: Gazetteer) -> None:
    from eventwire.places.resolve import prior

    harare = next(place for place, primary in gazetteer.candidates("Salisbury") if place.name == "Harare")
    assert prior(harare, False) < prior(harare, True) - 1.5  # the primary-name and the capital bonus


# the grouped name regexes ----------------------------------------------------------------------------

def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_grouped_alternation_matches_what_the_flat_one_does(flags: int) -> None:
    names = ["New York", "New York City", "York", "Côte d'Ivoire", "'s-Hertogenbosch", "’Ain", "A", "Al Qaim",
             "al-Hasakah", "Kent", "KENT", "Nevada"]
    text = ("In New York City and New Yorkers' York, Côte d’Ivoire and Côte d'Ivoire, 's-Hertogenbosch "
            "’s-Hertogenbosch ’Ain, A. A Al Qaim al-Hasakah AL-HASAKAH kent KENT Kentucky Nevada.")
    grouped, flat = _alternation(names, flags), _flat_alternation(names, flags)
    assert _matches(grouped, text) == _matches(flat, text)
    assert (text.index("New York City"), text.index("New York City") + len("New York City")) \
        in _matches(grouped, text)


def test_the_geoparser_name_regexes_match_what_the_flat_ones_do(geoparser: Geoparser,
                                                                 gazetteer: Gazetteer) -> None:
    # every sample article and the gazetteer's own names (in capitals too) as text
    sample = Path(__file__).parents[1] / "data" / "sample" / "text"
    texts = [path.read_text(encoding="utf-8") for path in sorted(sample.glob("*.txt"))]
    assert texts
    texts.append(" ; ".join(gazetteer.scan_names))
    texts.append(" , ".join(name.upper() for name in gazetteer.facility_aliases))
    for name_list, flags, fast in (
            ([*gazetteer.scan_names, *(n.upper() for n in gazetteer.scan_names)], 0, None),
            (list(gazetteer.facility_aliases), re.IGNORECASE, geoparser._facilities),
            (list(gazetteer.demonyms), 0, geoparser._demonyms)):
        grouped, flat = _alternation(name_list, flags), _flat_alternation(name_list, flags)
        if fast is not None:
            assert fast.pattern == grouped.pattern
        for text in texts:
            assert _matches(grouped, text) == _matches(flat, text)
