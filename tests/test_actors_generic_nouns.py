"""Generic actor nouns (issue #16): both grammatical numbers of the agent lists, the news nouns of
data/actors/agents_news.yaml, and the country a generic actor takes from its own sentence's place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.actors.evidence import ArticleEvidence, located_places, sentence_starts
from eventwire.actors.normalize import other_number
from fixtures.actor_lists import lists_resolver as _resolver

NOUNS = Path(__file__).parents[1] / "eval" / "actors" / "generic_nouns.tsv"
D = dt.date(2020, 5, 1)


@pytest.mark.parametrize(
    ("term", "other"),
    [
        ("health workers", "health worker"), ("militiaman", "militiamen"), ("authorities", "authority"),
        ("churches", "church"), ("taxi driver", "taxi drivers"), ("bosses", "boss"), ("person", "people"),
        ("midwives", "midwife"), ("housewife", "housewives"), ("car thief", "car thieves"),
        ("thieves", "thief"),
    ],
)
def test_other_number_follows_the_regular_english_endings(term: str, other: str) -> None:
    assert other_number(term) == other


@pytest.mark.parametrize(
    "term", ["police", "press", "news", "jihadis", "crisis", "mps", "locals", "deputies"]
)
def test_other_number_does_not_guess_where_the_ending_misleads(term: str) -> None:
    # "locals" -> "local" and "deputies" -> "deputy" would make the modifiers of "local officials" and
    # "deputy press secretary" agent words.
    assert other_number(term) is None


def test_a_form_only_the_other_number_lists_gets_its_sector() -> None:
    resolver = _resolver()
    assert resolver.resolve("a relief worker", D).sector == "NGO"  # listed: "relief workers"
    assert resolver.resolve("a health official", D).sector == "MED"  # the import's weak GOV yields
    assert resolver.resolve("militiaman", D).sector == "REB"  # ours REB before the import's UAF
    assert resolver.resolve("deputy White House press secretary", D).sector == "GOV"


def test_news_nouns_plurals_and_modifiers() -> None:
    resolver = _resolver()
    assert resolver.resolve("striking taxi drivers", D).sector == "LAB"
    assert resolver.resolve("masked gunmen", D).sector == "UAF"
    assert resolver.resolve("riot police", D).sector == "COP"
    assert resolver.resolve("a Mexican shopkeeper", D).sector == "BUS"
    assert resolver.resolve("federal agents", D).sector == "COP"
    assert resolver.resolve("local officials", D).sector == "GOV"  # "local" stays a modifier


def test_the_generic_noun_list_is_covered_in_both_numbers() -> None:
    """A regression check, not a held-out figure: agents_news.yaml was written from this same list (the
    held-out measure is the locked2 half of the real-text cases). Singular 0.93 and plural 0.89 when
    written; before agents_news.yaml and the number variants, 0.61 and 0.64 with the lists alone."""
    resolver = _resolver()
    rows = [line.split("\t") for line in NOUNS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert len(rows) >= 300
    singular = sum(resolver.resolve(s, D).sector == sector for s, _, sector in rows) / len(rows)
    plural = sum(resolver.resolve(p, D).sector == sector for _, p, sector in rows) / len(rows)
    assert singular >= 0.9 and plural >= 0.85


TEXT = ("Police in Paris said two men were held.\n\nResidents fled the shelling in Idlib on Monday. "
        "Turkey accused the regime of breaking the truce.")


def _evidence(country: str | None = None) -> ArticleEvidence:
    mentions = [(TEXT.index("Paris"), "FRA"), (TEXT.index("Idlib"), "SYR"), (TEXT.index("Turkey"), "TUR")]
    return ArticleEvidence(country=country, places=located_places(TEXT, mentions),
                           sentence_starts=sentence_starts(TEXT))


def test_the_sentence_country_is_the_place_written_as_where_things_happen() -> None:
    evidence = _evidence()
    assert evidence.sentence_country(TEXT.index("Police")) == "FRA"
    assert evidence.sentence_country(TEXT.index("Residents")) == "SYR"
    # "Turkey accused ...": Turkey is an actor of its sentence, not where it happens.
    assert evidence.sentence_country(TEXT.index("regime")) is None
    assert evidence.sentence_country(None) is None


def test_a_generic_actor_takes_its_sentence_place_only_where_the_article_has_no_country() -> None:
    resolver = _resolver()
    residents = resolver.resolve("Residents", D, article=_evidence(), at=TEXT.index("Residents"))
    assert (residents.country, residents.sector) == ("SYR", "CVL")
    regime = resolver.resolve("the regime", D, article=_evidence(), at=TEXT.index("regime"))
    assert regime.country is None  # empty rather than Turkey
    # An article with its own country keeps it: its sentence's place does not override it.
    police = resolver.resolve("Police", D, article=_evidence("CAN"), at=TEXT.index("Police"))
    assert police.country == "CAN"


def test_stance_and_side_decide_militias_and_gunmen() -> None:
    resolver = _resolver()
    assert resolver.resolve("pro-government militia", D).sector == "PRM"
    assert resolver.resolve("government-backed militias", D).sector == "PRM"
    assert resolver.resolve("militias", D).sector == "REB"  # no stance: armed opposition
    # a country's side is not the government's
    assert resolver.resolve("pro-Russian militia", D).sector == "REB"
    assert resolver.resolve("cartel gunmen", D).sector == "CRM"
    assert resolver.resolve("unidentified gunmen", D).sector == "UAF"


def test_a_government_stance_gives_way_to_the_noun_it_qualifies() -> None:
    resolver = _resolver()
    assert resolver.resolve("pro-government protesters", D).sector == "CVL"
    assert resolver.resolve("government-backed generals", D).sector == "MIL"
    assert resolver.resolve("pro-government newspaper", D).sector == "JRN"
    assert resolver.resolve("government troops", D).sector == "MIL"  # no stance: the noun decides anyway
    assert resolver.resolve("pro-government", D).sector == "GOV"  # the stance is all the phrase says
    assert resolver.resolve("the government", D).sector == "GOV"


def test_islamist_is_an_adjective_that_yields_to_its_noun() -> None:
    resolver = _resolver()
    assert resolver.resolve("Islamist lawmakers", D).sector == "LEG"
    assert resolver.resolve("an Islamist party", D).sector == "PTY"
    assert resolver.resolve("Islamist militants", D).sector == "REB"
    assert resolver.resolve("Islamist gunmen", D).sector == "REB"
    assert resolver.resolve("Islamists", D).sector == "REB"


@pytest.mark.parametrize(
    "modifier", ["masked", "striking", "unidentified", "off-duty", "hundreds of", "pro-government"]
)
def test_news_modifiers_keep_the_noun_sector(modifier: str) -> None:
    """Every listed noun, in both numbers, after a modifier news puts before actors. A regression check
    over the noun list (0.908 for the plain modifiers; "pro-government" 0.782 before the stance rule)."""
    resolver = _resolver()
    rows = [line.split("\t") for line in NOUNS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    right = sum(
        resolver.resolve(f"{modifier} {form}", D).sector == sector
        for singular, plural, sector in rows for form in (singular, plural)
    )
    assert right / (2 * len(rows)) >= 0.88


def test_the_people_of_an_organisation_take_its_sector() -> None:
    """Member words ("officials", "spokesman", "staff") yield to every other sector word, weak ones too:
    the organisation decides (session 20; "prison" and "airline" are weak words of the import)."""
    resolver = _resolver()
    assert resolver.resolve("prison officials", D).sector == "COP"
    assert resolver.resolve("an airline spokesman", D).sector == "BUS"
    assert resolver.resolve("embassy staff", D).sector == "GOV"
    assert resolver.resolve("campaign staffers", D).sector == "PTY"
    assert resolver.resolve("the hospital's staff", D).sector == "MED"
    # alone, the member word's own sector; with a strong word, the strong word as before
    assert resolver.resolve("staffers", D).sector == "LAB"
    assert resolver.resolve("officials", D).sector == "GOV"
    assert resolver.resolve("military personnel", D).sector == "MIL"
    # an institution named by a metonym: its people
    assert resolver.resolve("White House staffers", D).sector == "GOV"
    assert resolver.resolve("Pentagon officials", D).sector == "MIL"


def test_a_rank_before_a_title_does_not_decide() -> None:
    resolver = _resolver()
    assert resolver.resolve("a deputy spokesman", D).sector == "GOV"
    assert resolver.resolve("principal deputy White House press secretary", D).sector == "GOV"
    assert resolver.resolve("the sheriff's deputy", D).sector == "COP"
    assert resolver.resolve("deputy", D).sector == "COP"


def test_session_20_family_words() -> None:
    resolver = _resolver()
    assert resolver.resolve("midwives", D).sector == "MED"  # only "midwife" is listed
    assert resolver.resolve("looters", D).sector == "CRM"
    assert resolver.resolve("secessionists", D).sector == "REB"
    assert resolver.resolve("consuls", D).sector == "GOV"
    assert resolver.resolve("fire crews", D).sector == "GOV"
    assert resolver.resolve("military campaign", D).sector == "MIL"  # a weak word yields to a strong one
