"""Magnitudes read from sentences written for these tests (none from a gold set): what a figure counts,
the numbers that must not be read (years, ages, dates, times, measures, other clauses'), which event of a
sentence a figure belongs to, the record's "size" object, and the scorer's arithmetic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from spacy.language import Language

from eventwire.evaluation import magnitudes as scorer
from eventwire.events import EventCoder
from eventwire.events.magnitudes import read_magnitudes, sentence_quantities
from eventwire.events.records import Count, Magnitudes, Money
from eventwire.nlp import load_pipeline
from test_events import StandInResolver, code

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="module")
def coder(nlp: Language) -> EventCoder:
    return EventCoder(nlp, StandInResolver())


def read(nlp: Language, text: str) -> dict[str, list[Any]]:
    """kind -> [(value, approximate)] or, for money, [(amount, currency)], in the order read."""
    found: dict[str, list[Any]] = {}
    for sentence in nlp(text).sents:
        for quantity in sentence_quantities(sentence):
            value = (quantity.value, quantity.currency) if quantity.kind == "money" else (
                quantity.value, quantity.approximate)
            found.setdefault(quantity.kind, []).append(value)
    return found


@pytest.mark.parametrize("text, expected", [
    # the object of a killing, the subject of a passive, words after the figure
    ("Troops killed 25 fighters in an air strike on the village.", {"dead": [(25, False)]}),
    ("Twenty-five people were killed in the attack on the market.", {"dead": [(25, False)]}),
    ("A car bomb that left three dead and 12 wounded was claimed by the group.",
     {"dead": [(3, False)], "injured": [(12, False)]}),
    ("The death toll from the bombing rose to 40 on Tuesday.", {"dead": [(40, False)]}),
    ("At least 31 people died when the ferry capsized.", {"dead": [(31, True)]}),
    ("Gunmen stabbed 11 villagers to death near the river.", {"dead": [(11, False)]}),
    ("Two soldiers were shot and wounded at the checkpoint.", {"injured": [(2, False)]}),
    # several victims named together are summed; an indefinite person is one
    ("The mortar round killed four police officers and a teacher in the square.", {"dead": [(5, False)]}),
    ("A journalist was injured when the crowd was dispersed.", {"injured": [(1, False)]}),
    # arrests
    ("Police arrested 45 people after the clashes in the port city.", {"arrested": [(45, False)]}),
    ("More than 300 opposition supporters have been detained since the vote.", {"arrested": [(300, True)]}),
    ("Officers rounded up dozens of activists in overnight raids.", {"arrested": [(24, True)]}),
    # crowds: exact numbers and vague sizes at their least, flagged approximate
    ("Thousands marched through the capital on Saturday.", {"participants": [(2000, True)]}),
    ("Tens of thousands of people rallied outside parliament.", {"participants": [(20000, True)]}),
    ("About 5,000 demonstrators gathered in the main square.", {"participants": [(5000, True)]}),
    ("A crowd of several hundred blocked the bridge.", {"participants": [(300, True)]}),
    # money in digits and words, currencies by symbol, code or word, Indian scales
    ("The government pledged $2.5 billion in reconstruction aid.", {"money": [(2.5e9, "USD")]}),
    ("The European Union approved 500 million euros in assistance.", {"money": [(5e8, "EUR")]}),
    ("The state announced a relief package of Rs 10 crore for the flood victims.", {"money": [(1e8, "INR")]}),
    ("The court fined the company £3 million for breaking the embargo.", {"money": [(3e6, "GBP")]}),
    ("Tokyo will lend 150 billion yen to the utility.", {"money": [(1.5e11, "JPY")]}),
])
def test_a_figure_is_read_with_what_it_counts(nlp: Language, text: str,
                                              expected: dict[str, list[Any]]) -> None:
    assert read(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # ages, years, dates, times, percentages, measures, ordinals: no figure of people
    "Munir Abdulkader, 22, from the suburbs, had pleaded guilty on March 24.",
    "A man aged 47 was questioned in 2019 over the 2016 attack.",
    "The 23-year-old student was released after 48 hours.",
    "The fire started at 2:41 a.m. and burned 300 acres of forest.",
    "Turnout rose 10.4 percent in the second round of the election.",
    "He was the fourth journalist to be questioned this year.",
    # hypothetical acts, statistics and counts of things, not people
    "Two milligrams of the drug are enough to kill an adult.",
    "Two strong earthquakes struck the region overnight.",
    "The union represents 2,500 cabin crew members at the airline.",
    "No-one was injured in the fire.",
    "The dollar rose 0.05% to $1.1075 against the euro.",
    "He weighed 243 pounds at his last check-up.",
    # the attackers are not the victims
    "Two gunmen killed a guard at the gate.",
])
def test_numbers_that_count_no_victims_crowd_or_money_are_not_read(nlp: Language, text: str) -> None:
    found = read(nlp, text)
    # only the guard of the last sentence is a count: one dead
    assert found in ({}, {"dead": [(1, False)]})
    if "gunmen" not in text:
        assert found == {}


def trigger(doc: Any, word: str) -> Any:
    return next(token for token in doc if token.text == word)


def test_a_figure_belongs_to_the_act_of_its_own_clause(nlp: Language) -> None:
    doc = nlp("Rebels attacked the convoy, killing 12 soldiers and wounding 8 others,"
              " and police later arrested 45 people in the town.")
    attack = read_magnitudes(trigger(doc, "attacked"))
    assert attack == Magnitudes(dead=Count(12), injured=Count(8))
    arrest = read_magnitudes(trigger(doc, "arrested"))
    assert arrest == Magnitudes(arrested=Count(45))


def test_a_noun_trigger_takes_the_figures_of_its_own_phrase(nlp: Language) -> None:
    doc = nlp("A blast that left three dead and 12 wounded hit the market on Monday.")
    assert read_magnitudes(trigger(doc, "blast")) == Magnitudes(dead=Count(3), injured=Count(12))


def test_a_figure_in_a_clause_about_another_noun_is_that_noun_s(nlp: Language) -> None:
    doc = nlp("Students stormed the ministry in anger at police raids that killed 12 people.")
    assert read_magnitudes(trigger(doc, "stormed")) is None
    assert read_magnitudes(trigger(doc, "raids")) == Magnitudes(dead=Count(12))
    assert read_magnitudes(trigger(doc, "killed")) == Magnitudes(dead=Count(12))


def test_a_purpose_clause_takes_the_crowd_of_the_march(nlp: Language) -> None:
    doc = nlp("Thousands marched in Paris to protest the pension reform.")
    assert read_magnitudes(trigger(doc, "protest")) == Magnitudes(participants=Count(2000, approximate=True))


def test_a_clause_without_figures_gives_none(nlp: Language) -> None:
    doc = nlp("The minister condemned the attack in 2021.")
    assert read_magnitudes(trigger(doc, "condemned")) is None


def test_the_coder_puts_the_size_object_on_its_records(coder: EventCoder) -> None:
    events = code(coder, "Russian troops killed 14 civilians in Kharkiv on Monday.", "2024-05-02")
    assault = next(e for e in events if e["type"] == "ASSAULT")
    assert assault["size"] == {"dead": 14}
    schema = json.loads((ROOT / "docs" / "event.schema.json").read_text())
    jsonschema.validate(assault, schema)
    # a record without a figure has no size object at all (records are as before)
    calm = code(coder, "French police arrested the suspect in Lyon on Monday.", "2024-05-02")
    assert calm and all("size" not in e for e in calm)


def test_the_size_object_names_approximate_counts_and_money() -> None:
    size = Magnitudes(dead=Count(25, approximate=True), arrested=Count(3),
                      money=Money(2.5e9, "USD", approximate=False))
    assert size.as_json() == {"dead": 25, "arrested": 3, "approximate": ["dead"],
                              "money": {"amount": 2.5e9, "currency": "USD", "approximate": False}}
    assert not Magnitudes()


# --- the scorer ---------------------------------------------------------------------------------------

def write_gold(folder: Path, rows: list[dict[str, Any]]) -> None:
    folder.mkdir()
    (folder / "sentences.jsonl").write_text("")
    (folder / "authored.jsonl").write_text("\n".join(json.dumps(row) for row in rows) + "\n")


def test_the_scorer_counts_right_missed_and_extra_values_per_field(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    write_gold(gold, [
        {"text": "one", "split": "dev", "dead": [25], "injured": [3], "approximate": ["dead"]},
        {"text": "two", "split": "dev", "money": [{"amount": 5e8, "currency": "EUR"}]},
        {"text": "three", "split": "dev"},
        {"text": "four", "split": "locked", "arrested": [7]},
    ])
    answers = {
        "one": [("dead", 25.0, True, None), ("injured", 4.0, False, None)],  # injured wrong
        "two": [("money", 5.0e8, False, "USD")],  # amount right, currency wrong
        "three": [("dead", 2.0, False, None)],  # a number that is no magnitude
        "four": [("arrested", 7.0, False, None)],
    }

    def fake(texts: Any) -> list[list[Any]]:
        return [answers[text] for text in texts]

    result = scorer.evaluate(tmp_path, system=fake, annotations=gold)
    figure = {f.name: f.value for f in result.figures}
    assert figure["dev_precision"] == pytest.approx(2 / 4)
    assert figure["dev_recall"] == pytest.approx(2 / 3)
    assert figure["dev_dead_precision"] == pytest.approx(1 / 2)
    assert figure["dev_injured_recall"] == 0.0
    assert figure["dev_clean_negatives"] == 0.0
    assert figure["dev_approximate_right"] == 1.0
    assert figure["dev_currency_right"] == 0.0
    assert figure["locked_arrested_exact"] == 1.0
    # dev errors are listed; the locked sentence's never are
    assert {error.id for error in result.errors} == {"authored:1", "authored:2", "authored:3"}


def test_the_annotations_point_into_the_articles_and_hold_no_text() -> None:
    folder = ROOT / "eval" / "magnitudes"
    rows = [json.loads(line) for line in (folder / "sentences.jsonl").read_text().splitlines() if line]
    assert len(rows) >= 150
    assert all("text" not in row for row in rows)
    assert all(row["doc"].startswith(("tr-news:", "page:")) and row["start"] < row["end"] for row in rows)
    assert {row["split"] for row in rows} == {"dev", "locked"}
    locked = sum(row["split"] == "locked" for row in rows)
    assert 0.35 < locked / len(rows) < 0.65
