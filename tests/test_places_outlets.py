"""A local outlet's home town and region as context for its article's places (issue #17, session 22)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.places import Gazetteer, Geoparser, PlaceDataError
from eventwire.places import resolve as resolution
from eventwire.places.data import OutletRow, load_outlet_rows, load_outlets
from eventwire.places.geoparser import outlet_of_url, resolve_outlet_home

LONDON_STORY = ("A man was stabbed outside a bar early Sunday, police in London said. Officers arrested two "
                "men and the London police chief asked witnesses to come forward.")


@pytest.fixture(scope="module")
def geoparser() -> Iterator[Geoparser]:
    yield Geoparser.load()


def _readings(geoparser: Geoparser, text: str, url: str | None) -> dict[str, tuple[str | None, str | None]]:
    """Each toponym's text -> (country ISO3, name) of its reading."""
    return {mention.text: (mention.country, mention.name) for mention in geoparser.geoparse(text, url=url)}


def test_every_home_town_and_region_of_the_table_is_a_gazetteer_place() -> None:
    gazetteer = Gazetteer.shared()
    rows = load_outlet_rows()
    homes = {host: resolve_outlet_home(row, gazetteer) for host, row in rows.items()}  # raises on a bad row
    with_town = {host: home for host, home in homes.items() if home.town is not None}
    assert len(with_town) >= 300
    for host, home in with_town.items():
        assert home.town is not None and home.town.feature == "city", host
        assert home.town.region_key == home.region, host
    # the town is the row's town in the row's region, not a bigger namesake elsewhere
    assert with_town["lfpress.com"].region == ("CA", "08")
    assert with_town["sj-r.com"].town.admin1 == "IL"  # type: ignore[union-attr]


def test_the_country_map_keeps_generic_domains_only() -> None:
    outlets = load_outlets()
    assert outlets["lfpress.com"] == "CA"
    assert "smh.com.au" not in outlets  # its country code says Australia; the row adds the town only


def test_the_outlet_of_a_page_is_read_from_any_of_its_sub_domains_and_from_its_country_code() -> None:
    gazetteer = Gazetteer.shared()
    free_press = outlet_of_url("https://www.lfpress.com/2016/12/18/story", gazetteer)
    assert free_press is not None and free_press.country == "CA" and free_press.town is not None
    assert (free_press.town.name, free_press.town.admin1) == ("London", "08")
    herald = outlet_of_url("https://www.smh.com.au/national/story", gazetteer)
    assert herald is not None and herald.country == "AU" and herald.region == ("AU", "02")
    national = outlet_of_url("https://www.usatoday.com/story", gazetteer)
    assert national is not None and (national.country, national.region, national.town) == ("US", None, None)
    unknown = outlet_of_url("https://example.org/story", gazetteer)
    assert unknown is None


def test_a_local_papers_london_is_its_own_town(geoparser: Geoparser) -> None:
    local = _readings(geoparser, LONDON_STORY, "https://www.lfpress.com/2016/12/18/stabbing")
    assert local["London"] == ("CAN", "London")
    bare = _readings(geoparser, LONDON_STORY, None)
    assert bare["London"] == ("GBR", "London")


def test_the_home_bonus_is_what_moves_it(geoparser: Geoparser, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same page read with the bonus off gives the larger namesake back: it is the home town, not the
    outlet's country alone, that decides (the country alone weighs half a place)."""
    springfield = "Police in Springfield said the road will reopen on Friday."

    def point(url: str) -> tuple[int, int]:
        found = [m for m in geoparser.geoparse(springfield, url=url) if m.text == "Springfield"]
        assert found and found[0].lat is not None and found[0].lon is not None
        return round(found[0].lat), round(found[0].lon)

    illinois, missouri = (40, -90), (37, -93)
    # the Illinois capital's paper reads its own Springfield, the Missouri paper its own
    assert point("https://www.sj-r.com/news/story") == illinois
    assert point("https://www.news-leader.com/story") == missouri
    monkeypatch.setattr(resolution, "OUTLET_HOME_BONUS", 0.0)
    assert point("https://www.sj-r.com/news/story") != illinois


def test_a_national_outlet_does_not_move_a_name_beyond_its_country(geoparser: Geoparser) -> None:
    springfield = "Police in Springfield said the road will reopen on Friday."
    national = geoparser.geoparse(springfield, url="https://www.usatoday.com/story")
    country_only = geoparser.geoparse_doc(geoparser.nlp(springfield), outlet_country="US")
    assert [(m.text, m.geonameid) for m in national] == [(m.text, m.geonameid) for m in country_only]
    assert _readings(geoparser, LONDON_STORY, "https://www.nytimes.com/2016/story")["London"] == \
        ("GBR", "London")


def test_a_country_name_is_not_drawn_to_the_outlets_namesake_town(geoparser: Geoparser) -> None:
    # Lebanon, Pennsylvania lies 40 km from Lancaster, in its paper's home state: the country is still the
    # country (the bonus is for towns, counties and the home region, never a country).
    text = "Exports to Lebanon grew last year, the chamber of commerce said."
    local = _readings(geoparser, text, "https://lancasteronline.com/business/story")
    assert local["Lebanon"] == ("LBN", "Lebanon")


def test_rows_without_a_home_or_with_a_town_but_no_region_are_reported(tmp_path: Path) -> None:
    header = "host,country,town,region\n"
    (tmp_path / "outlets.csv").write_text(header + "lfpress.com,CA,London,\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match=r"outlets.csv:2: town 'London' needs its region"):
        load_outlet_rows(tmp_path)
    (tmp_path / "outlets.csv").write_text(header + "stuff.co.nz,,,\n", encoding="utf-8")
    with pytest.raises(PlaceDataError, match=r"outlets.csv:2: 'stuff.co.nz' gives neither"):
        load_outlet_rows(tmp_path)
    (tmp_path / "outlets.csv").write_text("host,country\ncnn.com,US\n", encoding="utf-8")
    assert load_outlets(tmp_path) == {"cnn.com": "US"}


def test_a_town_the_gazetteer_lacks_in_its_region_is_named() -> None:
    gazetteer = Gazetteer.shared()
    with pytest.raises(PlaceDataError, match=r"'example.com': no town 'Toronto' in"):
        resolve_outlet_home(OutletRow("example.com", "CA", "Toronto", "Alberta"), gazetteer)
    with pytest.raises(PlaceDataError, match=r"region 'Atlantis' is no division of CA"):
        resolve_outlet_home(OutletRow("example.com", "CA", None, "Atlantis"), gazetteer)


def test_an_event_record_is_placed_by_its_outlets_home_town() -> None:
    # the coder passes the page's address to the geoparser: the record's place follows the outlet's home
    from eventwire.events import EventCoder

    coder = EventCoder.load()
    text = "Police arrested two protesters in London on Monday after a rally outside city hall."

    def place_country(url: str | None) -> str | None:
        records = coder.code_text(text, published="2020-03-03", url=url)
        assert records and records[0].location is not None
        return records[0].location.country

    assert place_country("https://lfpress.com/news/local-news/rally") == "CAN"
    assert place_country(None) == "GBR"
