"""Draw the stratified sample of actor phrases behind authored-phrases.jsonl.

The phrases are the `source` and `target` strings of the events of the train part (per
`eventwire.events.learned.split.part_of`) of data/training/events/d*.jsonl, our own sentences; phrases over
70 characters and coordinations (' and ', ', ', ' or ') are left out. Each is put in a rough kind by the
first of the regular expressions below that matches, and each kind gets at least 25 phrases, ~690 in
proportion to its size (seed 20). Usage, from the repository root:

    PYTHONPATH=src python eval/actors/sample_authored_phrases.py OUT.jsonl

The labels of authored-phrases.jsonl were written by hand on this output before any resolver run; phrases
that are not actors (places, things, acts, bare quantities) were left out there.
"""

from __future__ import annotations

import collections
import glob
import json
import random
import re
import sys

from eventwire.events.learned.split import part_of


def _any(*words: str) -> str:
    return r"\b(" + "|".join(words) + r")\b"


KINDS: list[tuple[str, str | None]] = [
    ("pronoun", r"^(he|she|they|it|we|i|you|them|him|her|us)$"),
    ("country", None),
    ("person_title", _any("President", "Minister", "Prime", "Governor", "Mayor", "Senator", "Secretary",
                          "Chancellor", "King", "General", r"Gen\.", "Judge", "Chief", "Commissioner",
                          "Ambassador", "Speaker", "Premier", "Emir", "Sheikh")),
    ("title_lower", _any("president", "minister", "governor", "mayor", "senator", "secretary", "ambassador",
                         r"spokes\w+", "chief", "commander", "envoy", "official", "officials", "judge",
                         "prosecutor", "director", "head", "leader", "leaders")),
    ("ministry", _any("ministry", "Ministry", "Department", "department", "Office", "office", "Agency",
                      "agency", "Commission", "commission", "Authority", "authority", "Bureau", "Service",
                      "Directorate", "Council")),
    ("court", _any("court", "Court", "prosecutors?", "Prosecutor", "tribunal", "Tribunal", "judges",
                   "magistrates?")),
    ("police", _any("police", "Police", r"gendarm\w*", "officers", "sheriff", "troopers?", "constabulary")),
    ("military", _any("army", "Army", "troops", "forces", "Forces", "soldiers", "navy", "Navy", "air force",
                      "Air Force", "military", "Military", "marines", "Brigade", "brigade", "battalion",
                      "Battalion", "Division", "Guard", "guard", "coast guard", r"militar\w+")),
    ("armed", _any("rebels?", "militants?", "militias?", "Militia", "insurgents?", "gunmen", "fighters",
                   "jihadists", "separatists", "Taliban", "Shabaab", "Islamic State", "Boko Haram", "Hamas",
                   "Hezbollah", "gangs?", "cartel", "Cartel", "guerrillas?", "Front", "FARC", "ELN", "PKK",
                   "ISIS", "al-Qaeda")),
    # (no closing \b after 'Congress\b': kept as the sample was drawn)
    ("party", r"\b(Party|party|parties|Democrats|Republicans|Conservatives|Labour|Liberals|opposition"
              r"|Opposition|coalition|Congress\b)"),
    ("legis", _any("parliament", "Parliament", "Senate", "senators", "lawmakers", "MPs", "legislators",
                   "Assembly", "assembly", "Congress", "congress", "deputies", "legislature", "Duma",
                   "Knesset")),
    ("media", _any("newspaper", "media", "Media", "broadcaster", "TV", "Television", "journalists?",
                   "reporters?", "News", "Times", "Post", "agency", "Reuters", "AFP", "Associated Press",
                   "editor", "correspondents?")),
    ("company", _any("company", "Company", "firm", "Corp", "Inc", "Ltd", "Group", "Bank", "bank", "Airlines",
                     "Oil", "Energy", "Motors", "group", "operator", "investors", "executives?", "CEO",
                     "shareholders", "Holdings")),
    ("ngo", _any("NGO", "charity", "Amnesty", "Human Rights Watch", "Red Cross", "Red Crescent", "foundation",
                 "Foundation", "aid groups?", "rights groups?", "activists?", "campaigners?", "Medecins",
                 "MSF", "Oxfam")),
    ("igo", _any("UN", "United Nations", "EU", "European Union", "NATO", "African Union", "IMF",
                 "World Bank", "WHO", "ASEAN", "OPEC", "OSCE", "Security Council", "ECOWAS", "IAEA",
                 "Interpol", "Commission")),
    ("union", _any("union", "Union", "unions", "workers", "strikers", "employees", "teachers", "nurses",
                   "doctors", "farmers", "miners", "drivers")),
    ("protest", _any("protesters", "demonstrators", "marchers", "crowd", "crowds", "students", "residents",
                     "villagers", "mob", "youths", "supporters", "people", "civilians", "refugees",
                     "migrants")),
    ("religious", _any("church", "Church", "clerics?", "imams?", "bishops?", "Pope", "Vatican", "mosque",
                       "priests?", "rabbis?", "Archbishop", "monks?")),
    ("nat_noun", r"^(the |a |an )?[A-Z][a-z]+(ian|ese|ish|i|an|ic|ch)\b"),
    ("government", _any("government", "Government", "authorities", "administration", "regime", "cabinet",
                        "Cabinet", "state", "State", "Kremlin", "White House", "junta", "presidency",
                        "Presidency")),
]
TARGET = 690
FLOOR = 25


def kind_of(phrase: str) -> str:
    for kind, pattern in KINDS:
        if pattern is not None and re.search(pattern, phrase, flags=re.I if kind == "pronoun" else 0):
            return kind
    if re.fullmatch(r"([A-Z][\w.'-]*\s?){1,3}", phrase):
        return "capitalised_name"
    return "other"


def main(out_path: str) -> None:
    occurrences: dict[str, list[tuple[str, str, str]]] = collections.defaultdict(list)
    for path in sorted(glob.glob("data/training/events/d*.jsonl")):
        with open(path, encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                if part_of(row["id"]) != "train":
                    continue
                for event in row.get("events") or []:
                    for role in ("source", "target"):
                        phrase = event.get(role)
                        if isinstance(phrase, str) and phrase.strip() and phrase in row["text"]:
                            occurrences[phrase].append((row["id"], row["text"], role))
    by_kind: dict[str, list[str]] = collections.defaultdict(list)
    for phrase in occurrences:
        if len(phrase) > 70 or any(joint in phrase for joint in (" and ", ", ", " or ")):
            continue
        by_kind[kind_of(phrase)].append(phrase)
    random.seed(20)
    kinds = {kind: phrases for kind, phrases in by_kind.items() if kind != "pronoun"}
    total = sum(len(phrases) for phrases in kinds.values())
    chosen = []
    for kind, phrases in sorted(kinds.items()):
        count = min(len(phrases), max(FLOOR, round(TARGET * len(phrases) / total)))
        chosen += [(kind, phrase) for phrase in random.sample(sorted(phrases), count)]
    random.shuffle(chosen)
    with open(out_path, "w", encoding="utf-8") as out:
        for number, (kind, phrase) in enumerate(chosen):
            row_id, text, role = occurrences[phrase][0]
            out.write(json.dumps({"n": number, "kind": kind, "row": row_id, "role": role, "text": phrase,
                                  "start": text.index(phrase), "sentence": text}) + "\n")
    print(f"{len(chosen)} phrases from {len(occurrences)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
