"""Convert the PETRARCH2/Phoenix agents dictionary into eventwire's agents format (reproducible import).

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
"""

from __future__ import annotations

import argparse
import shutil
from collections import defaultdict
from pathlib import Path

from eventwire.actors.cameo import read_cameo_dictionary
from eventwire.actors.kb import DATA_DIR, load_knowledge_base, read_yaml

_RELIGIOUS = {"BUD", "CHR", "HIN", "JEW", "MOS", "MUS", "SHI", "SUN", "CTH", "PRO", "ORT", "JAN", "ITH",
              "MAM", "SIK", "TAO", "ZRO", "CON", "DRZ", "ALE", "ATH", "REL"}
# CAMEO's human-rights and environmental groups are non-governmental organisations in PLOVER.
_TO_NGO = {"HRI", "ENV"}
_MIN_LETTERS = 4


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


if __name__ == "__main__":
    main()
