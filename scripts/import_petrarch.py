"""Convert the PETRARCH2/Phoenix dictionaries into eventwire's formats (reproducible import).

    python scripts/import_petrarch.py [--source ../shared/resources/petrarch2] [--out DATA_DIR]

Reads Phoenix.agents.txt (MIT, Open Event Data Alliance; the LICENSE is copied beside the output as
LICENSE.petrarch2) and writes agents_petrarch.yaml: generic nouns ("vandal", "paramedic", "taxi driver")
grouped by PLOVER sector. What is left out, and why:
  - terms with PETRARCH's substitution markers ("cattle!person!"): eventwire has no such expansion;
  - CAMEO codes with no PLOVER sector here (counted in the file header);
  - terms shorter than four letters (acronyms and stems that would over-link);
  - terms agents.yaml or roles.yaml already has, and its modifier words ("retired"): ours win
    (agents.yaml is loaded first, and the first sector found for
    a word decides).
Religious codes (BUD, CHR, HIN, JEW, MOS, ...) become REL; CAMEO's MED (media) is JRN and HLH is MED
(done by the CAMEO reader). Regular plurals, which PETRARCH derives itself, are added here.

It also writes, each with the same notice:
  people/petrarch_countries.json   people of Phoenix.Countries.actors.txt with their dated CAMEO codes as
                                   `office` spells; an office spell the dictionary leaves open ends in
                                   2012, its last update (noted per person). Left out: anyone whose name
                                   or alias is already a
                                   name of ours (ours win), institutions and offices filed as people
                                   ("Department Of State"), anyone whose last spell ended before 1990,
                                   and spells that cannot be read. Two-digit years that the reader put in
                                   the future ("340101" -> 2034, a birth year) are moved back a century.
  groups/petrarch_armed_groups.json  armed non-state groups of Phoenix.MilNonState.actors.txt
  igos_petrarch.json               intergovernmental organisations of Phoenix.International.actors.txt
Organisation names or aliases that any actor of ours already uses are left out, and so are one-word
aliases shorter than four letters (acronyms such as "ALF" would over-link).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire.actors.cameo import read_cameo_dictionary
from eventwire.actors.kb import DATA_DIR, KnowledgeBase, load_knowledge_base, read_yaml
from eventwire.actors.normalize import alias_key

_RELIGIOUS = {"BUD", "CHR", "HIN", "JEW", "MOS", "MUS", "SHI", "SUN", "CTH", "PRO", "ORT", "JAN", "ITH",
              "MAM", "SIK", "TAO", "ZRO", "CON", "DRZ", "ALE", "ATH", "REL"}
# CAMEO's human-rights and environmental groups are non-governmental organisations in PLOVER.
_TO_NGO = {"HRI", "ENV"}
_MIN_LETTERS = 4
# A "person" of the countries dictionary whose name holds one of these words is an institution or an office
# ("President Of The United States", "Department Of State", "Israel Defence Forces"), not a person: linked
# as a person it took the office's CAMEO spells (ELI after 2012) for every later mention of the agency.
_INSTITUTION_WORDS = re.compile(
    r"\b(?:president|vice-president|minister|ministry|department|administration|agency|commission|office|"
    r"council|committee|government|parliament|senate|court|police|army|forces|bureau|authority|service|"
    r"party|secretary|embassy|institute|university|bank|corporation|company|association|union|league|front|"
    r"movement|of the)\b",
    re.IGNORECASE,
)


def plural(term: str) -> str:
    words = term.split()
    last = words[-1]
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return " ".join([*words[:-1], last])


def convert(source: Path) -> tuple[dict[str, list[str]], dict[str, int]]:
    kb = load_knowledge_base(validate=False, shipped_people=False)
    own = read_yaml(DATA_DIR / "agents.yaml")
    plover = set(own.get("sectors") or {})
    ours = {str(term).lower() for group in own.get("agents") or () for term in group["terms"]}
    # Modifier words ("retired", "former") and role titles keep their own meaning: never an imported agent.
    modifiers = {str(word).lower() for word in (own.get("modifiers") or {}).get("former") or ()}
    ours |= modifiers
    ours |= {title.lower() for role in kb.roles.values() for title in role.titles}
    dictionary = read_cameo_dictionary(source / "Phoenix.agents.txt", set(kb.countries))
    by_sector: dict[str, set[str]] = defaultdict(set)
    dropped: dict[str, int] = defaultdict(int)
    for group in dictionary.agents:
        sector = "REL" if group["sector"] in _RELIGIOUS else group["sector"]
        sector = "NGO" if sector in _TO_NGO else sector
        head_words = {term.split()[-1].lower() for term in group["terms"] if term.split()}
        if head_words & {"party", "parties"}:
            sector = "PTY"  # "green party": CAMEO codes it by its cause, PLOVER by what it is
        for term in group["terms"]:
            term = " ".join(term.lower().split())
            if "!" in term or "{" in term:
                dropped["substitution marker"] += 1
            elif sum(ch.isalpha() for ch in term) < _MIN_LETTERS:
                dropped["too short"] += 1
            elif sector not in plover:
                dropped[f"no PLOVER sector {sector}"] += 1
            elif term in ours:
                dropped["already in agents.yaml"] += 1
            elif term.split()[0] in modifiers:
                # "former prime minister": the modifier and the title already code it, and a longer
                # agent phrase would hide the modifier from the resolver.
                dropped["starts with a modifier word"] += 1
            else:
                by_sector[sector].add(term)
                if not term.endswith(("ed", "ing")) and plural(term) not in ours:  # adjectives have none
                    by_sector[sector].add(plural(term))
    return {sector: sorted(terms) for sector, terms in sorted(by_sector.items())}, dict(dropped)


NOTICE = [
    "# Source: PETRARCH2 dictionaries, Copyright (c) 2014 Open Event Data Alliance, MIT License",
    "# (full text in LICENSE.petrarch2 in data/actors/). Converted by scripts/import_petrarch.py;",
    "# do not edit by hand: change the converter and run it again. Ours win where both name an actor.",
]
_OLDEST_LAST_SPELL = 1990
_HORIZON = "2012"  # the year of the latest start dates in Phoenix.Countries.actors.txt
_TODAY_YEAR = dt.date.today().year
_OFFICE_WORDS = frozenset(
    [
        "secretary", "secretary-general", "chief", "president", "director", "head", "spokesman",
        "spokeswoman", "spokesperson", "envoy", "ambassador", "commissioner", "chairman", "chairwoman",
        "minister", "official", "officials", "representative", "delegate", "delegation", "leader",
        "general",
    ]
)


def _our_keys(kb: KnowledgeBase) -> set[str]:
    keys = set()
    for person in kb.people.values():
        keys.update(alias_key(name) for name in (person.name, *person.aliases))
    for org in kb.organisations.values():
        keys.update(alias_key(name) for name in (org.name, *org.aliases))
    for country in kb.countries.values():
        keys.update(alias_key(name) for name in (country.name, *country.aliases, *country.demonyms,
                                                 *country.capitals))
    for group in kb.agents:
        keys.update(alias_key(term) for term in group.terms)
    for role in kb.roles.values():
        keys.update(alias_key(title) for title in role.titles)
    keys.discard("")
    return keys


def _year_fixed(text: str) -> str:
    year = int(text[:4])
    return f"{year - 100}{text[4:]}" if year > _TODAY_YEAR else text


def convert_people(
    source: Path, kb: KnowledgeBase, ours: set[str]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    dictionary = read_cameo_dictionary(source / "Phoenix.Countries.actors.txt", set(kb.countries))
    dropped: dict[str, int] = defaultdict(int)
    people = []
    seen: set[str] = set()
    for record in dictionary.people:
        names = [record["name"], *record["aliases"]]
        keys = {alias_key(name) for name in names} - {""}
        if record["id"] in kb.people or keys & ours:
            dropped["already ours"] += 1
            continue
        if _INSTITUTION_WORDS.search(record["name"]):
            dropped["an institution or an office, not a person"] += 1
            continue
        if keys & seen:
            dropped["name used by an earlier import record"] += 1
            continue
        roles = []
        for role in record["roles"]:
            start = _year_fixed(str(role["start"]))
            end = str(role["end"]) if role.get("end") else None
            if end is not None and end < start:
                dropped["spell ending before it starts"] += 1
                continue
            roles.append({**role, "start": start, **({"end": end} if end else {})})
        if not roles:
            dropped["no readable spell"] += 1
            continue
        # The dictionary was last brought up to date around its latest start date: an office it leaves open
        # is not known to be held after that (a sample found most had ended years before 2026).
        capped = False
        for role in roles:
            if not role.get("end") and role["sector"] != "ELI":
                role["end"], capped = max(_HORIZON, role["start"][:4]), True
        if capped:
            record = {**record, "note": f"office spells left open in PETRARCH2 end at {_HORIZON} here "
                                        "(the dictionary's last update); the real end is uncertain"}
        last_end = max((role.get("end") or "9999")[:4] for role in roles)
        if int(last_end) < _OLDEST_LAST_SPELL:
            dropped[f"last spell before {_OLDEST_LAST_SPELL}"] += 1
            continue
        seen.update(keys)
        people.append({**record, "roles": roles})
    return people, dict(dropped)


def _blocks(path: Path) -> list[tuple[list[str], list[str]]]:
    """(names, codes) of each entry of a dictionary file, as the CAMEO reader splits them."""
    blocks: list[tuple[list[str], list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        text = re.sub(r"\[[^\]]*\]", "", line).strip()
        if text.startswith("+"):
            if blocks:
                blocks[-1][0].append(text[1:])
        elif text:
            blocks.append(([text], []))
        if codes and blocks:
            blocks[-1][1].extend(code.strip() for code in codes)
    return blocks


def _names(raw: str) -> list[str]:
    """"ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ["Aden Abyan Islamic Army", "AAIA"]."""
    text = raw.replace("_", " ").replace("+", " ").strip()
    found = [re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", "", text)).strip()]
    found += [inner.strip() for inner in re.findall(r"\(([^)]*)\)", text)]
    result = []
    for name in found:
        if not name:
            continue
        words = name.split()
        if len(words) == 1 and len(name) < 4:
            continue  # short acronyms over-link
        acronym = name.isupper() and len(words) == 1
        result.append(name if acronym else name.title() if name.isupper() else name)
    return result


_NAME_PARTICLES = frozenset({"e", "i", "ul", "al", "as", "ud", "ut", "un", "ur", "bin", "el"})
_MINOR_WORDS = frozenset({"of", "the", "and", "for", "in", "de", "del", "la", "el", "al"})


def _safe_name(name: str, names: list[str], *, igo: bool) -> bool:
    """Whether an organisation name is specific enough to link on. One word as the resolver reads it
    (article particles dropped: "Al-Jihad" is "jihad") is kept only as the initials of one of the
    entry's longer names ("MNLF" for "Moro National Liberation Front"), or for an IGO an acronym; a word
    joined by hyphens is kept when it is a name ("Lashkar-e-Jhangvi": a particle; "Mai-Mai": doubled;
    "CPN-M": short code parts), not ordinary words joined ("Marxist-Leninist"). A plain word ("Tigers",
    "Paradise"), a surname or a number would link far more than the group."""
    if any(ch.isdigit() for ch in name):
        return False
    key = alias_key(name).split()
    if len(key) <= 1:
        return _initials_of_a_longer_name(name, names) or (igo and name.isupper() and len(name) >= 4)
    if " " not in name and re.search(r"[-/]", name):
        parts = [part.lower() for part in re.split(r"[-/]", name) if part]
        return (
            any(part in _NAME_PARTICLES for part in parts)
            or len(set(parts)) == 1
            or (len(parts) == 2 and parts[0][:3] == parts[1][:3])
            or all(len(part) <= 5 for part in parts)
        )
    return True


def _initials_of_a_longer_name(word: str, names: list[str]) -> bool:
    letters = re.sub(r"[^a-z]", "", word.lower())
    for name in names:
        words = [w for w in re.split(r"[\s-]+", name.lower()) if w]
        if len(words) < 2:
            continue
        initials = "".join(w[0] for w in words)
        significant = "".join(w[0] for w in words if w not in _MINOR_WORDS)
        if letters and letters in (initials, significant):
            return True
    return False


def convert_organisations(
    path: Path, kind: str, kb: KnowledgeBase, ours: set[str], plover: set[str]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    dropped: dict[str, int] = defaultdict(int)
    records: list[dict[str, Any]] = []
    used: set[str] = set()
    ids: set[str] = set(kb.organisations)
    for raw_names, codes in _blocks(path):
        undated = [code for code in codes if " " not in code]
        if not undated or len(undated) != len(codes):
            dropped["dated codes (a person, not an organisation)"] += 1
            continue
        code = undated[0]
        names = [name for raw in raw_names for name in _names(raw)]
        kept = [name for name in names if _safe_name(name, names, igo=kind == "igo")]
        if len(kept) < len(names):
            dropped["one-word names, not acronyms of the name (over-link)"] += len(names) - len(kept)
        names = kept
        if not names:
            continue
        if any(word in _OFFICE_WORDS for name in names for word in name.lower().split()):
            dropped["an office, not an organisation"] += 1  # "UN Secretary General": a person's title
            continue
        keys = [alias_key(name) for name in names]
        fresh = [
            name for name, key in zip(names, keys, strict=True) if key and key not in ours and key not in used
        ]
        if not fresh or alias_key(names[0]) in ours:
            dropped["already ours"] += 1
            continue
        record: dict[str, Any] = {"name": fresh[0]}
        if kind == "group":
            country, sector = code[:3], code[3:6]
            record["country"] = country if country in kb.countries else None
            record["sector"] = sector if sector in plover and sector != "IGO" else "REB"
            if record["country"] is None:
                record["plover_country"] = "IMG"
            record["type"] = "armed_group"
        else:
            if not code.startswith("IGO"):
                dropped[f"not an IGO code ({code[:3]})"] += 1
                continue
            record["sector"] = "IGO"
        slug = re.sub(r"[^a-z0-9]+", "-", fresh[0].lower()).strip("-")[:60]
        ident, suffix = f"ew:{'grp' if kind == 'group' else 'igo'}-ph-{slug}", 2
        while ident in ids:
            ident, suffix = f"ew:{'grp' if kind == 'group' else 'igo'}-ph-{slug}-{suffix}", suffix + 1
        ids.add(ident)
        record = {"id": ident, **record, "aliases": fresh[1:]}
        used.update(alias_key(name) for name in fresh)
        records.append(record)
    return records, dict(dropped)


def _write_records(path: Path, title: str, records: list[dict[str, Any]], dropped: dict[str, int]) -> None:
    """A JSON file: {"notice": [...], "left_out": {...}, "records": [...]}. The knowledge base reads its
    records like a YAML list; JSON loads some ten times faster than YAML at this size."""
    notice = [title, *(line.lstrip("# ") for line in NOTICE)]
    body = json.dumps({"notice": notice, "left_out": dict(sorted(dropped.items())), "records": records},
                      ensure_ascii=False, indent=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--source", type=Path, default=Path("../shared/resources/petrarch2"))
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args()
    sectors, dropped = convert(args.source)
    lines = [
        "# Generic agents imported from the PETRARCH2 Phoenix agents dictionary (Phoenix.agents.txt).",
        "# Source: PETRARCH2 dictionaries, Copyright (c) 2014 Open Event Data Alliance, MIT License",
        "# (full text in LICENSE.petrarch2 beside this file). Converted by scripts/import_petrarch.py;",
        "# do not edit by hand: change the converter and run it again.",
        "# agents.yaml wins where both list a word.",
        "# Left out: " + ", ".join(f"{reason}: {count}" for reason, count in sorted(dropped.items())),
        "agents:",
    ]
    for sector, terms in sectors.items():
        lines.append(f"  - sector: {sector}")
        lines.append("    weak: true")
        lines.append("    terms:")
        lines.extend(f"      - {term!r}" if "'" not in term else f'      - "{term}"' for term in terms)
    (args.out / "agents_petrarch.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile(args.source / "LICENSE", args.out / "LICENSE.petrarch2")
    print(f"{sum(len(t) for t in sectors.values())} terms in {len(sectors)} sectors; left out: {dropped}")
    # Ours only (the import's own earlier output is not "ours"): load without the imported files.
    kb = _knowledge_base_without_imports(args.out)
    ours = _our_keys(kb)
    plover = set(read_yaml(DATA_DIR / "agents.yaml").get("sectors") or {})
    people, dropped = convert_people(args.source, kb, ours)
    _write_records(args.out / "people" / "petrarch_countries.json",
                   "People and their dated roles from PETRARCH2 Phoenix.Countries.actors.txt.", people,
                   dropped)
    print(f"{len(people)} people; left out: {dropped}")
    groups, dropped = convert_organisations(args.source / "Phoenix.MilNonState.actors.txt", "group", kb, ours,
                                            plover)
    _write_records(args.out / "groups" / "petrarch_armed_groups.json",
                   "Armed non-state groups from PETRARCH2 Phoenix.MilNonState.actors.txt.", groups, dropped)
    print(f"{len(groups)} armed groups; left out: {dropped}")
    igos, dropped = convert_organisations(args.source / "Phoenix.International.actors.txt", "igo", kb, ours,
                                          plover)
    _write_records(args.out / "igos_petrarch.json",
                   "Intergovernmental organisations from PETRARCH2 Phoenix.International.actors.txt.", igos,
                   dropped)
    print(f"{len(igos)} IGOs; left out: {dropped}")


IMPORTED = ("people/petrarch_countries.json", "groups/petrarch_armed_groups.json", "igos_petrarch.json",
            "agents_petrarch.yaml")


def _knowledge_base_without_imports(out: Path) -> KnowledgeBase:
    """The knowledge base as it is without this converter's output files (moved aside while loading)."""
    moved = []
    try:
        for name in IMPORTED:
            path = out / name
            if path.exists():
                aside = path.with_suffix(".importing")
                path.rename(aside)
                moved.append((aside, path))
        return load_knowledge_base(validate=False)
    finally:
        for aside, path in moved:
            aside.rename(path)


if __name__ == "__main__":
    main()
