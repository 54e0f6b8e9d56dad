"""Sectors of unknown head nouns by generalisation, officers, media outlets, region names several countries
share, institutions left out of the PETRARCH people, and the issue's spot-checked offices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from eventwire.actors import ActorResolver
from eventwire.actors.generalise import SectorGuesser, WordVectors

FIXTURES = Path(__file__).parent / "fixtures" / "actors"
D = dt.date


class _TinyVectors:
    """Three directions stand for three kinds of noun; two more words sit near one kind, one between."""

    _table: ClassVar[dict[str, list[float]]] = {
        "medic": [1.0, 0.05, 0.0], "nurse": [0.95, 0.0, 0.1],
        "surgeon": [1.0, 0.1, 0.05],
        "thief": [0.0, 1.0, 0.05], "burglar": [0.1, 0.95, 0.0], "smuggler": [0.05, 1.0, 0.1],
        "farmer": [0.0, 0.05, 1.0], "herder": [0.1, 0.0, 0.95], "grower": [0.0, 0.1, 1.0],
        "midwife": [0.9, 0.1, 0.05], "doula": [0.9, 0.05, 0.1],  # near the health workers
        "shoplifter": [0.1, 0.9, 0.1],  # near the criminals
        "blur": [0.6, 0.6, 0.55],  # nowhere in particular
    }

    def get(self, word: str) -> np.ndarray | None:
        vector = self._table.get(word)
        if vector is None:
            return None
        array = np.asarray(vector, dtype=np.float32)
        return array / np.linalg.norm(array)


EXAMPLES = {"medic": "MED", "nurse": "MED", "surgeon": "MED", "thief": "CRM", "burglar": "CRM",
            "smuggler": "CRM", "farmer": "AGR", "herder": "AGR", "grower": "AGR"}


def _guesser(threshold: float = 0.5) -> SectorGuesser:
    return SectorGuesser(EXAMPLES, vectors=_TinyVectors(), threshold=threshold)  # type: ignore[arg-type]


def test_an_unknown_noun_takes_the_sector_of_the_known_nouns_it_resembles() -> None:
    guesser = _guesser()
    midwife, shoplifter = guesser.guess("midwife"), guesser.guess("shoplifter")
    assert midwife is not None and midwife.sector == "MED"
    assert shoplifter is not None and shoplifter.sector == "CRM"
    assert guesser.guess("nurse") == guesser.guess("nurse") and guesser.guess("nurse").sector == "MED"  # type: ignore[union-attr]


def test_below_the_threshold_or_without_a_vector_the_sector_stays_empty() -> None:
    guesser = _guesser(threshold=0.5)
    assert guesser.guess("blur") is None  # equally far from all three kinds
    assert guesser.guess("zzzz") is None  # no vector at all
    assert _guesser(threshold=0.0).guess("blur") is not None  # the threshold is what keeps it empty


def test_the_resolver_uses_the_guess_only_for_a_head_no_list_holds() -> None:
    resolver = ActorResolver.load([FIXTURES / "people.yaml"], shipped_people=False)
    resolver.guesser = _guesser()
    midwives = resolver.resolve("Kenyan doula", D(2020, 1, 1))
    assert (midwives.country, midwives.sector) == ("KEN", "MED")
    assert resolver.resolve("police", D(2020, 1, 1)).sector == "COP"  # a known word is never guessed
    assert resolver.resolve("blur", D(2020, 1, 1)).sector is None
    # The head is the last word before a preposition: "shoplifter from Kenya" is a criminal of Kenya.
    assert resolver.resolve("a shoplifter from Kenya", D(2020, 1, 1)).sector == "CRM"
    # A capitalised unknown word is a name, not a head noun to guess.
    assert resolver.resolve("Doula", D(2020, 1, 1)).sector != "MED"
    off = ActorResolver.load([FIXTURES / "people.yaml"], shipped_people=False, generalise=False)
    assert off.guesser is None and off.resolve("Kenyan doula", D(2020, 1, 1)).sector is None


def test_warm_up_prepares_the_guesser_before_the_first_unknown_noun() -> None:
    resolver = ActorResolver.load([FIXTURES / "people.yaml"], shipped_people=False)
    resolver.guesser = _guesser()
    assert not resolver.guesser.ready  # by default the first unknown head noun pays for it
    resolver.warm_up()
    assert resolver.guesser.ready
    ActorResolver.load([FIXTURES / "people.yaml"], shipped_people=False, generalise=False).warm_up()


def test_leave_some_out_on_the_shipped_agent_nouns_beats_guessing_the_commonest_sector() -> None:
    vectors = WordVectors.load()
    assert vectors is not None, "the spaCy model with vectors is a dependency of eventwire"
    resolver = ActorResolver.load(shipped_people=False)
    assert resolver.guesser is not None
    figures = resolver.guesser.leave_some_out(folds=5)
    # ~1,100 nouns over ~24 sectors, the largest of which (CVL) is under a fifth of them.
    assert figures["words"] > 800
    assert figures["accuracy_all"] > 0.35
    # At the shipped threshold (0.6) it guesses about a tenth of the held-out nouns at 0.8 accuracy or more
    # (session 23, 1,574 nouns: 0.097 at 0.856; the families added then, "grandmother", "butcher", "national",
    # are nouns whose vectors say little about their sector, so fewer are guessed, and those better).
    assert figures["coverage"] > 0.09 and figures["accuracy"] > 0.75


@pytest.fixture(scope="module")
def shipped() -> ActorResolver:
    return ActorResolver.load(generalise=False)


def test_officers_alone_are_police_and_army_officers_soldiers(shipped: ActorResolver) -> None:
    assert shipped.resolve("officers", D(2016, 1, 1)).sector == "COP"
    assert shipped.resolve("Jordanian officers", D(2016, 1, 1)).sector == "COP"
    assert shipped.resolve("army officers", D(2016, 1, 1)).sector == "MIL"
    assert shipped.resolve("military officers", D(2016, 1, 1)).sector == "MIL"


@pytest.mark.parametrize(
    ("text", "country"),
    [("AFP news agency", "FRA"), ("IRNA", "IRN"), ("Newsweek", "USA"), ("the CBC", "CAN"), ("Xinhua", "CHN")],
)
def test_media_outlets_are_journalists_of_their_own_country(
    shipped: ActorResolver, text: str, country: str
) -> None:
    resolution = shipped.resolve(text, D(2016, 12, 16), context_country="ESP")  # never the article's country
    assert (resolution.country, resolution.sector, resolution.kind) == (country, "JRN", "group")


def test_institutions_and_offices_are_not_people(shipped: ActorResolver) -> None:
    president = shipped.resolve("U.S. president", D(2016, 11, 23))
    assert president.kind != "person" or president.actor_id == "ew:usa-barack-obama"
    assert (president.country, president.sector) == ("USA", "GOV")
    agency = shipped.resolve("National Highway Traffic Safety Administration", D(2016, 11, 23))
    assert agency.actor_id is None and agency.sector == "GOV"  # no person linked; "administration" is GOV


@pytest.mark.parametrize(
    ("text", "day", "person"),
    [
        ("Kenya's defence minister", D(2021, 9, 28), "ew:ken-monica-juma"),
        # after the 2021-09-29 reshuffle
        ("Kenya's defence minister", D(2022, 3, 1), "ew:ken-eugene-wamalwa"),
        ("Nigeria's defence minister", D(2025, 11, 1), "ew:nga-mohammed-badaru-abubakar"),
        ("Nigeria's defence minister", D(2026, 1, 15), "ew:nga-christopher-musa"),
        ("the Chilean president", D(2026, 2, 1), "ew:chl-gabriel-boric"),
        ("the Chilean president", D(2026, 4, 1), "ew:chl-jose-antonio-kast"),
        ("the Honduran president", D(2026, 2, 15), "ew:hnd-nasry-asfura"),
        # caretaker after the 2025 election; the successor is not in the data (uncertain)
        ("the Iraqi prime minister", D(2026, 1, 15), "ew:irq-mohammed-shia-al-sudani"),
    ],
)
def test_the_issues_spot_checks(shipped: ActorResolver, text: str, day: dt.date, person: str) -> None:
    assert shipped.resolve(text, day).actor_id == person


def test_a_region_name_two_countries_share_takes_the_country_the_article_establishes(
    shipped: ActorResolver,
) -> None:
    day = D(2019, 11, 1)
    assert shipped.resolve("Punjab government", day, context_country="IND").country == "IND"
    assert shipped.resolve("Punjab government", day, context_country="PAK").country == "PAK"
    assert shipped.resolve("Punjab government", day).country is None  # nothing says which: empty, not wrong
    india = shipped.read_article("Farmers near Amritsar in India burn stubble; the Punjab government ...")
    assert shipped.resolve("Punjab government", day, article=india).country == "IND"


def test_a_country_that_backs_an_actor_is_not_the_actors_country(shipped: ActorResolver) -> None:
    rebels = shipped.resolve("U.S.-backed rebels", D(2019, 11, 1))
    assert (rebels.country, rebels.sector) == (None, "REB")
    assert shipped.resolve("Syrian armed forces", D(2019, 11, 1)).country == "SYR"
    assert shipped.resolve("Iranian-backed militias", D(2019, 11, 1), context_country="IRQ").country == "IRQ"


def test_a_common_noun_nothing_knows_names_no_actor_even_with_an_article_country(
    shipped: ActorResolver,
) -> None:
    # The coder tells actors from things ("the issue", "a report") by whether the resolver finds anything:
    # an unknown noun must stay unknown, not take the article's country (measured: it made things actors
    # and cost target country on the GSR events).
    issue = shipped.resolve("the issue", D(2019, 11, 1), context_country="CHN")
    assert (issue.country, issue.sector, issue.kind) == (None, None, "unknown")
