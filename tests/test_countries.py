"""The one country table (eventwire.countries) and the stages that read their countries from it."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest

from eventwire import countries
from eventwire.countries import CountryTableError


def test_codes_are_iso_3166_and_every_country_has_a_point() -> None:
    table = countries.all_countries()
    assert len(table) > 240
    for country in table:
        known = pycountry.countries.get(alpha_3=country.iso3) or pycountry.historic_countries.get(
            alpha_3=country.iso3)
        if country.iso3 == "XKX":  # Kosovo: a user-assigned code, as GeoNames and the EU write it
            assert country.iso2 == "XK"
            continue
        assert known is not None, country.iso3
        # dissolved states (Serbia and Montenegro) keep the alpha-2 they had; pycountry lists its last one
        if country.status != "former":
            assert known.alpha_2 == country.iso2, country.iso3
        assert -90 <= country.lat <= 90 and -180 <= country.lon <= 180


def test_every_current_iso_country_is_in_the_table() -> None:
    assert {country.alpha_3 for country in pycountry.countries} <= {c.iso3 for c in countries.all_countries()}


def test_lookups_by_code_name_alias_and_demonym() -> None:
    iraq = countries.by_iso3("IRQ")
    assert iraq is not None and iraq.iso2 == "IQ" and iraq.fips == "IZ" and iraq.is_actor
    assert countries.by_iso2("iq") is iraq and countries.by_fips("IZ") is iraq
    assert countries.by_name("Iraq") is iraq and countries.by_name("Iraqis") is iraq
    assert countries.by_name(" iraqi ") is iraq
    emirates = countries.by_iso3("ARE")
    assert countries.by_name("UAE") is emirates and countries.by_name("the Emirates") is emirates
    assert countries.by_cameo("ROM") is countries.by_iso3("ROU")
    assert countries.by_cameo("USA") is countries.by_iso3("USA")
    assert countries.by_cameo("IGO") is None and countries.by_name("Atlantis") is None
    antarctica = countries.by_iso3("ATA")
    assert antarctica is not None and not antarctica.is_actor and antarctica.fips == "AY"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "countries.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_table_fails_at_load_naming_the_record(tmp_path: Path) -> None:
    record = "- iso3: {iso3}\n  iso2: {iso2}\n  point: [1, 2]\n  name: {name}\n  status: territory\n{extra}"
    one = record.format(iso3="AAA", iso2="AA", name="Aland", extra="  demonyms: [Alander]\n")
    two = record.format(iso3="BBB", iso2="BB", name="Bland", extra="  demonyms: [Alander]\n")
    assert [c.iso3 for c in countries.load(_write(tmp_path, one)).countries] == ["AAA"]
    with pytest.raises(CountryTableError, match=r"name 'alander' of BBB is already AAA's"):
        countries.load(_write(tmp_path, one + two))
    with pytest.raises(CountryTableError, match=r"iso2 'AA' of CCC is already AAA's"):
        countries.load(_write(tmp_path, one + record.format(iso3="CCC", iso2="AA", name="C", extra="")))
    with pytest.raises(CountryTableError, match=r"record 0 \(AAA\)/point/0: 100 is greater than the maximum"):
        countries.load(_write(tmp_path, one.replace("[1, 2]", "[100, 2]")))


def test_places_take_their_countries_and_demonyms_from_the_table() -> None:
    from eventwire.places import data

    rows = {row.iso2: row for row in data.load_countries()}
    assert set(rows) == {country.iso2 for country in countries.all_countries()}
    iraq = countries.by_iso2("IQ")
    assert iraq is not None
    assert (rows["IQ"].iso3, rows["IQ"].lat, rows["IQ"].lon) == ("IRQ", iraq.lat, iraq.lon)
    demonyms = data.load_demonyms()
    assert demonyms["Iraqi"] == "IQ" and demonyms["Turkish"] == "TR" and demonyms["American"] == "US"
    assert set(demonyms) == {d for country in countries.all_countries() for d in country.demonyms}
    # the geoparser matches demonyms case-sensitively: "turkish delight" names no country
    assert all(demonym[0].isupper() for demonym in demonyms)


def test_the_gdelt_exporter_takes_fips_codes_and_points_from_the_table() -> None:
    from eventwire.export.gdelt import GdeltTables

    tables = GdeltTables.load()
    assert tables.iso3_fips == {c.iso3: c.fips for c in countries.all_countries() if c.fips}
    iraq = countries.by_iso3("IRQ")
    assert iraq is not None and tables.country_points["IRQ"] == (iraq.lat, iraq.lon)


def test_the_actor_knowledge_base_holds_the_tables_actors_only() -> None:
    from eventwire.actors.kb import load_knowledge_base

    kb = load_knowledge_base()
    expected = {c.iso3 for c in countries.all_countries() if c.is_actor}
    assert set(kb.countries) == expected
    assert "XKX" in kb.countries and "ATA" not in kb.countries and "SCG" not in kb.countries
    iraq = kb.countries["IRQ"]
    table_iraq = countries.by_iso3("IRQ")
    assert table_iraq is not None and iraq.demonyms == table_iraq.demonyms and iraq.capitals == ("Baghdad",)


def test_the_event_evaluation_reads_cameo_country_codes_through_the_table() -> None:
    from eventwire.evaluation.events import gold_country

    assert gold_country("JAP") == "JPN" and gold_country("zar") == "COD" and gold_country("IRQ") == "IRQ"
    assert gold_country("IGO") is None and gold_country("") is None
