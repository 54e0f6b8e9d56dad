"""Issue #16 on real news: what an article says of a person the knowledge base does not hold, organisation-
shaped names, and phrases that name one country's actor only in that country's news."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.actors import ActorResolver

DAY = dt.date(2019, 11, 19)
STORY = (
    "WINNIPEG - Police made an arrest on Sunday, said Winnipeg police Const. Jason Michalyshen. "
    "\"It was a long night,\" said Royce Koop, a professor at the University of Manitoba. "
    "Later, train conductor Brad Slater found the cat. Michalyshen said the suspect was from Quebec. "
    "Koop said the vote was close. Slater said nothing."
)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.load()


def test_an_unknown_person_takes_the_sector_of_the_title_before_the_name(resolver: ActorResolver) -> None:
    article = resolver.read_article(STORY, DAY, dateline_country="CAN")
    michalyshen = resolver.resolve("Michalyshen", DAY, article=article, at=STORY.index("Michalyshen said"))
    assert (michalyshen.country, michalyshen.sector, michalyshen.actor_id) == ("CAN", "COP", None)
    full = resolver.resolve("Jason Michalyshen", DAY, article=article)
    assert full.sector == "COP"


def test_an_unknown_person_takes_the_sector_of_the_apposition(resolver: ActorResolver) -> None:
    article = resolver.read_article(STORY, DAY, dateline_country="CAN")
    koop = resolver.resolve("Koop", DAY, article=article)
    assert koop.sector == "EDU" and koop.kind == "person" and koop.actor_id is None


def test_without_a_description_an_unknown_name_stays_a_civilian(resolver: ActorResolver) -> None:
    article = resolver.read_article(STORY, DAY, dateline_country="CAN")
    assert resolver.resolve("Maria Gonzalez", DAY, article=article).sector == "CVL"
    # and without an article nothing is described: the same surname is a civilian
    assert resolver.resolve("Koop", DAY).sector in (None, "CVL")


def test_two_people_of_one_surname_leave_the_surname_undescribed(resolver: ActorResolver) -> None:
    text = ("said Const. Anna Berg of the city police. Judge Peter Berg of the provincial court disagreed. "
            "Berg said.")
    article = resolver.read_article(text, DAY)
    assert article.description("berg") is None
    assert article.description("anna berg") is not None


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Dick Clark Productions", "BUS"),
        ("Manitoba Underdogs Rescue", "NGO"),
        ("Highbury Corner Magistrates' Court", "JUD"),
        ("South Dakota's Department", "GOV"),
        ("Pacific Fleet", "MIL"),
    ],
)
def test_a_name_ending_in_an_organisation_word_is_an_organisation(
    resolver: ActorResolver, text: str, sector: str
) -> None:
    resolution = resolver.resolve(text, DAY)
    assert resolution.kind == "group" and resolution.sector == sector and resolution.actor_id is None


def test_a_personal_name_is_still_a_person(resolver: ActorResolver) -> None:
    resolution = resolver.resolve("Dick Clark", DAY)
    assert resolution.kind == "person"


def test_the_centre_is_the_indian_government_only_in_indian_news(resolver: ActorResolver) -> None:
    indian = resolver.read_article("NEW DELHI - The Centre told the Supreme Court of India ...", DAY,
                                   dateline_country="IND")
    centre = resolver.resolve("the Centre", DAY, article=indian)
    assert (centre.country, centre.sector) == ("IND", "GOV")
    assert resolver.resolve("the Union government", DAY, context_country="IND").country == "IND"
    elsewhere = resolver.resolve("the Centre", DAY, context_country="GBR")
    assert (elsewhere.country, elsewhere.sector, elsewhere.kind) == (None, None, "unknown")
    # out of India, "Union government" keeps its generic reading
    assert resolver.resolve("the Union government", DAY, context_country="GBR").sector == "GOV"


def test_an_imported_lowercase_alias_does_not_hide_the_metonym_and_the_agent(resolver: ActorResolver) -> None:
    resolution = resolver.resolve("White House spokesman", DAY)
    assert (resolution.country, resolution.sector) == ("USA", "GOV")


def test_a_bare_title_takes_the_country_of_the_article_s_titled_mention(resolver: ActorResolver) -> None:
    text = ("Manitoba Premier Brian Pallister spent weeks in Costa Rica. Costa Rica is warm. San Jose is "
            "busy. Costa Rica has beaches. The premier said he paid his own way.")
    article = resolver.read_article(text, DAY, place_countries=["CAN", "CRI", "CRI", "CRI", "CRI"])
    assert article.country == "CRI"  # the places lead, yet the premier is Manitoba's
    assert resolver.resolve("premier", DAY, article=article).country == "CAN"


def test_a_surname_after_a_titled_mention_is_linked(resolver: ActorResolver) -> None:
    text = ("Evangelical leaders praised President Trump for pressing Turkey on the case in Ankara. "
            "Trump raised the case in Washington with the United States' allies.")
    article = resolver.read_article(text, dt.date(2017, 5, 17), place_countries=["TUR", "TUR", "USA"])
    trump = resolver.resolve("Trump", dt.date(2017, 5, 17), article=article, at=text.index("Trump raised"))
    assert trump.actor_id == "ew:usa-donald-trump" and trump.country == "USA"
    # with no titled or full mention the bare surname stays unlinked
    bare = resolver.read_article("Trump raised the case in Ankara.", dt.date(2017, 5, 17))
    assert resolver.resolve("Trump", dt.date(2017, 5, 17), article=bare).actor_id is None
