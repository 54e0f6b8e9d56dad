"""The relevance step (events/relevance.py): no records from articles that report no political event, the
evidence kept on the Doc, and the step switched from the config. Texts are written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events import EventCoder
from eventwire.events.coder_pipeline import load_coder_config
from eventwire.events.records import ActorRef, Event, Evidence
from eventwire.events.relevance import ArticleTopic, RelevanceGate, lexicon, outlet_section

PUBLISHED = "2024-03-01"
DEAL = "Northwind Foods agreed to buy the rival bakery chain Harbor Breads on Tuesday. "
MARKET = DEAL + ("Shares in Northwind rose four percent after the announcement. "
                 "Analysts said the price was fair for a chain with 40 shops. "
                 "The bakery chain's founder said she would stay on as an adviser. "
                 "Trading in both companies was heavy on the exchange.")
POLITICS = DEAL + ("The competition minister said the government would review the sale. "
                   "Opposition lawmakers in parliament asked the regulator to block it. "
                   "The prime minister's office said the cabinet would discuss the law on mergers. "
                   "Police officers stood outside the ministry as protesters gathered.")


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder.load(with_places=False)


def _without_relevance() -> dict:
    config = dict(load_coder_config())
    components = {name: dict(settings) for name, settings in config["components"].items()}
    pipeline = [name for name in config["coder"]["pipeline"] if name != "relevance"]
    components.pop("relevance")
    return {"coder": {"pipeline": pipeline}, "components": components}


def _event(type_: str, *actors: ActorRef) -> Event:
    evidence = Evidence("x", 0, 1, "x", 0, 1)
    return Event(type=type_, mode=None, context=(), cameo="", quad_class=None, intensity=None,
                 factuality="occurred", source=actors[:1], target=actors[1:], evidence=evidence,
                 confidence=0.5)


OFF = ArticleTopic(sentences=6, political_share=0.0, section=None, off_topic=True, reasons=("few",))
ON = ArticleTopic(sentences=6, political_share=0.5, section=None, off_topic=False, reasons=())
FIRM = ActorRef("Northwind", 0, 9, sector="BUS", kind="group")
VILLAGERS = ActorRef("villagers", 0, 9, sector="CVL", kind="agent")
MINISTRY = ActorRef("the ministry", 0, 12, sector="GOV", kind="agent")
FRANCE = ActorRef("France", 0, 6, country="FRA", kind="country")


def test_an_off_politics_article_keeps_no_record_without_a_political_actor() -> None:
    gate = RelevanceGate()
    assert gate.judge(_event("AGREE", FIRM, VILLAGERS), OFF) is not None
    assert gate.judge(_event("AGREE", FIRM, MINISTRY), OFF) is None  # a state agency as target
    assert gate.judge(_event("ASSAULT", FRANCE), OFF) is None  # a state as such
    assert gate.judge(_event("PROTEST", VILLAGERS), OFF) is None  # a political act whoever does it
    assert gate.judge(_event("AGREE", FIRM, VILLAGERS), ON) is None  # political articles keep everything


def test_linked_people_trusts_a_person_s_sector_only_from_the_knowledge_base() -> None:
    guessed = ActorRef("Robert Gentz", 0, 12, country="DEU", sector="GOV", kind="person")
    linked = ActorRef("Olaf Scholz", 0, 11, country="DEU", sector="GOV", kind="person", actor_id="ew:scholz")
    assert RelevanceGate(linked_people=False).judge(_event("RETREAT", guessed), OFF) is None
    assert RelevanceGate(linked_people=True).judge(_event("RETREAT", guessed), OFF) is not None
    assert RelevanceGate(linked_people=True).judge(_event("RETREAT", linked), OFF) is None
    assert RelevanceGate(linked_people=True).judge(_event("RETREAT", MINISTRY), OFF) is None  # not a person


def test_need_source_asks_the_political_actor_to_act() -> None:
    gate = RelevanceGate(need="source")
    assert gate.judge(_event("AGREE", FIRM, MINISTRY), OFF) is not None
    assert gate.judge(_event("AGREE", MINISTRY, FIRM), OFF) is None


def test_settings_a_user_can_get_wrong_are_refused() -> None:
    with pytest.raises(ValueError, match="need"):
        RelevanceGate(need="both")
    with pytest.raises(ValueError, match="min_political_share"):
        RelevanceGate(min_political_share=20)


@pytest.mark.parametrize(("url", "desk"), [
    ("http://www.cnn.com/2016/12/12/football/some-award-story/index.html", "sport"),
    ("http://money.cnn.com/2016/12/14/news/economy/a-story/index.html", "business"),
    ("http://www.bbc.com/news/entertainment-arts-38340042", "entertainment"),  # the desk, then the story
    ("https://www.example.com/news/world-us-canada-38090185", None),
    ("https://www.example.com/2019/11/18/sports-betting-bill-passes", None),  # a slug names no desk
    ("https://www.bbc.com/news/world-europe-50473792", None),
    ("https://www.example.com/news/money-laundering-trial", None),
    (None, None),
])
def test_the_desk_comes_from_the_address_not_the_slug(url: str | None, desk: str | None) -> None:
    assert outlet_section(url, lexicon().sections) == desk


def test_the_topic_is_read_from_the_sentences(coder: EventCoder) -> None:
    gate = RelevanceGate(min_political_share=0.2)
    market = gate.topic(coder.nlp(MARKET), None)
    assert market.sentences == 5 and market.political_share < 0.2 and market.off_topic
    assert "0 of 5 sentences" in market.reasons[0]
    politics = gate.topic(coder.nlp(POLITICS), None)
    assert politics.political_share >= 0.6 and not politics.off_topic
    # a sentence coded alone has no topic to read: never judged off topic
    assert not gate.topic(coder.nlp(DEAL), None).off_topic


def test_the_desk_decides_only_when_switched_on(coder: EventCoder) -> None:
    doc = coder.nlp(POLITICS)
    url = "https://www.example.com/sport/2024/03/01/story"
    assert not RelevanceGate(sections=False).topic(doc, url).off_topic
    assert RelevanceGate(sections=False).topic(doc, url).section == "sport"  # kept as evidence
    switched_on = RelevanceGate(sections=True).topic(doc, url)
    assert switched_on.off_topic and "sport" in switched_on.reasons[0]


def test_the_coder_drops_the_deal_in_a_market_story_and_keeps_it_in_politics(coder: EventCoder) -> None:
    doc = coder.nlp(MARKET)
    records = coder.code_doc(doc, published=PUBLISHED)
    relevance = doc._.event_relevance
    assert relevance.topic.off_topic
    assert [d.event.evidence.trigger for d in relevance.dropped] == ["agreed"]
    assert "no political actor" in relevance.dropped[0].reason
    assert not any(record.evidence.trigger == "agreed" for record in records)
    in_politics = coder.code_text(POLITICS, PUBLISHED)
    assert any(record.evidence.trigger == "agreed" for record in in_politics)
    # without the step (left out of the pipeline) the market story's record comes back: the ablation switch
    ungated = EventCoder(coder.nlp, coder.resolver, config=_without_relevance())
    assert [r.evidence.trigger for r in ungated.code_text(MARKET, PUBLISHED)] == ["agreed"]
    assert ungated.version != coder.version
    assert ungated.checks is not coder.checks and coder.checks is coder._records_step.checks
