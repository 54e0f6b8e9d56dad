"""Coverage audit of the actor knowledge base against issue #16's list.

    python -m eventwire.actors.coverage [--json]

Counts what the shipped files hold for each kind of actor the issue names: political parties (and how many
carry an acronym), interior / finance / justice ministers of the most-reported countries year by year,
regional heads of the largest federations against their number of first-level units, military branches
and named units, cartels and gangs, armed non-state groups, IGOs, companies (by industry, how many
countries, how many state-owned) and the Phoenix agent words. The counts
are what docs/actors.md reports; the gaps it prints are where data is missing, not where it is wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventwire.actors.kb import DATA_DIR, KnowledgeBase, load_knowledge_base, read_yaml

# The countries international news reports on most (a judgement from wire-service volume, kept fixed so that
# counts stay comparable from session to session).
MOST_REPORTED = (
    "USA", "CHN", "RUS", "GBR", "IND", "ISR", "UKR", "IRN", "FRA", "DEU", "PAK", "SYR", "TUR", "JPN", "AFG",
    "IRQ", "KOR", "PRK", "SAU", "EGY", "NGA", "BRA", "MEX", "CAN", "AUS", "ITA", "ESP", "PSE", "LBN", "YEM",
    "VEN", "ZAF", "KEN", "ETH", "SDN", "LBY", "PHL", "IDN", "MMR", "BGD", "POL", "QAT", "ARE", "JOR", "SOM",
    "COD", "MLI", "COL", "ARG", "TWN", "VNM", "THA", "MYS", "LKA", "NPL", "HUN", "GRC", "NLD", "BEL", "SWE",
)
CABINET_ROLES = ("interior_minister", "finance_minister", "justice_minister")
CABINET_YEARS = range(2015, 2027)
# The 20 most populous federations and their first-level units that have an elected or appointed head
# (states, provinces, regions; India: 28 states and the 3 union territories with a chief minister).
FEDERATIONS = {
    "IND": 31, "USA": 50, "PAK": 4, "NGA": 36, "BRA": 27, "RUS": 83, "MEX": 32, "ETH": 12, "DEU": 16,
    "SDN": 18, "ARG": 24, "IRQ": 19, "CAN": 13, "MYS": 13, "NPL": 7, "VEN": 23, "AUS": 8, "SOM": 6,
    "SSD": 10, "BEL": 3,
}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")


@dataclass
class Coverage:
    parties: int = 0
    parties_with_acronym: int = 0
    coalitions: int = 0
    parties_by_file: dict[str, int] = field(default_factory=dict)
    cabinet_cells: dict[str, int] = field(default_factory=dict)  # role -> country-years with a holder
    cabinet_gaps: dict[str, list[str]] = field(default_factory=dict)  # country -> "role year" missing
    # iso3 -> (regions that ever had a head, regions with one at the audit's day, first-level units)
    regional: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    military: Counter[str] = field(default_factory=Counter)  # sector -> named units/branches
    criminal_groups: int = 0
    armed_groups: Counter[str] = field(default_factory=Counter)  # ours / imported
    igos: Counter[str] = field(default_factory=Counter)
    phoenix_agent_terms: int = 0
    agent_terms: int = 0
    companies: Counter[str] = field(default_factory=Counter)  # industry -> companies
    company_countries: int = 0
    state_companies: int = 0
    # names that mean a company only when capitalised (Apple, Shell): held apart, see companies.yaml
    company_capitalised_names: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "parties": self.parties, "parties_with_acronym": self.parties_with_acronym,
            "coalitions": self.coalitions, "parties_by_file": self.parties_by_file,
            "cabinet_cells": self.cabinet_cells,
            "cabinet_cells_possible": len(MOST_REPORTED) * len(CABINET_YEARS),
            "cabinet_gaps": self.cabinet_gaps,
            "regional": {iso3: {"regions_ever": ever, "regions_now": now, "units": units}
                         for iso3, (ever, now, units) in self.regional.items()},
            "military": dict(self.military), "criminal_groups": self.criminal_groups,
            "armed_groups": dict(self.armed_groups), "igos": dict(self.igos),
            "phoenix_agent_terms": self.phoenix_agent_terms, "agent_terms": self.agent_terms,
            "companies": dict(self.companies), "company_countries": self.company_countries,
            "state_companies": self.state_companies,
            "company_capitalised_names": self.company_capitalised_names,
        }


def _group_records() -> list[tuple[str, dict[str, Any]]]:
    paths = [DATA_DIR / "groups.yaml", *sorted((DATA_DIR / "groups").glob("*.yaml")),
             *sorted((DATA_DIR / "groups").glob("*.json"))]
    records = []
    for path in paths:
        for record in read_yaml(path) or []:
            if isinstance(record, dict):
                records.append((path.name, record))
    return records


def audit(kb: KnowledgeBase | None = None, today: dt.date | None = None) -> Coverage:
    kb = kb or load_knowledge_base()
    today = today or dt.date.today()
    found = Coverage()
    by_file: Counter[str] = Counter()
    for file_name, record in _group_records():
        kind, sector = record.get("type"), record.get("sector")
        aliases = [str(alias) for alias in record.get("aliases") or ()]
        if kind == "party":
            found.parties += 1
            by_file[file_name] += 1
            found.parties_with_acronym += any(_ACRONYM.match(alias) for alias in aliases)
        elif kind == "coalition":
            found.coalitions += 1
        if file_name == "military_units.yaml":
            found.military[str(sector)] += 1
        if sector == "CRM":
            found.criminal_groups += 1
        if sector in {"REB", "PRM"} or (kind in {"armed_group", "militia"} and sector != "CRM"):
            found.armed_groups["imported" if file_name.endswith(".json") else "ours"] += 1
    found.parties_by_file = dict(sorted(by_file.items()))
    for organisation in kb.organisations.values():
        if organisation.kind == "igo":
            found.igos["imported" if organisation.source.endswith(".json") else "ours"] += 1
        elif organisation.type == "company":
            found.companies[organisation.industry or "unknown"] += 1
            found.company_capitalised_names += len(organisation.capitalised_aliases)
    found.company_countries = len({org.country for org in kb.organisations.values() if org.type == "company"})
    for record in read_yaml(DATA_DIR / "companies.yaml") or []:
        found.state_companies += isinstance(record, dict) and record.get("owner") == "state"

    held: dict[tuple[str, str], set[int]] = {}
    regions_ever: dict[str, set[str]] = {}
    regions_now: dict[str, set[str]] = {}
    for person in kb.people.values():
        for spell in person.roles:
            country = spell.country or person.country
            if spell.role in CABINET_ROLES and country in MOST_REPORTED:
                years = held.setdefault((country, spell.role), set())
                for year in CABINET_YEARS:
                    # held at mid-year (or, for the current year, on the audit's day if earlier)
                    day = min(dt.date(year, 7, 1), today)
                    if spell.active_on(day):
                        years.add(year)
            if spell.role == "regional_head" and country in FEDERATIONS and spell.region:
                regions_ever.setdefault(country, set()).add(spell.region)
                if spell.active_on(today):
                    regions_now.setdefault(country, set()).add(spell.region)
    for role in CABINET_ROLES:
        found.cabinet_cells[role] = sum(len(held.get((country, role), ())) for country in MOST_REPORTED)
    for country in MOST_REPORTED:
        missing = [f"{role.split('_')[0]} {year}" for role in CABINET_ROLES for year in CABINET_YEARS
                   if year not in held.get((country, role), set())]
        if missing:
            found.cabinet_gaps[country] = missing
    for iso3, units in FEDERATIONS.items():
        found.regional[iso3] = (len(regions_ever.get(iso3, ())), len(regions_now.get(iso3, ())), units)

    phoenix = read_yaml(DATA_DIR / "agents_petrarch.yaml") or {}
    found.phoenix_agent_terms = sum(len(group.get("terms") or ()) for group in phoenix.get("agents") or ())
    found.agent_terms = sum(len(group.terms) for group in kb.agents)
    return found


def report(found: Coverage) -> str:
    possible = len(MOST_REPORTED) * len(CABINET_YEARS)
    lines = [
        f"parties {found.parties} ({found.parties_with_acronym} with an acronym alias), "
        f"coalitions {found.coalitions}",
        "cabinet years held (of " + str(possible) + "): "
        + ", ".join(f"{role} {count}" for role, count in found.cabinet_cells.items()),
        f"countries with a cabinet gap: {len(found.cabinet_gaps)}",
    ]
    for country, missing in sorted(found.cabinet_gaps.items(), key=lambda item: -len(item[1])):
        more = " ..." if len(missing) > 8 else ""
        lines.append(f"  {country} {len(missing)}: {', '.join(missing[:8])}{more}")
    lines.append("regional heads (regions ever / with a head today / units):")
    lines.extend(f"  {iso3} {ever}/{now}/{units}" for iso3, (ever, now, units) in found.regional.items())
    lines.append(f"military branches and units by sector: {dict(found.military)}")
    lines.append(f"cartels and gangs: {found.criminal_groups}; "
                 f"armed non-state groups: {dict(found.armed_groups)}")
    lines.append(f"IGOs: {dict(found.igos)}; agent terms {found.agent_terms} "
                 f"(of which Phoenix {found.phoenix_agent_terms})")
    top = ", ".join(f"{industry} {count}" for industry, count in found.companies.most_common())
    lines.append(f"companies: {sum(found.companies.values())} in {found.company_countries} countries "
                 f"({found.state_companies} state-owned; {found.company_capitalised_names} names held "
                 f"for capitalised use only): {top}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args()
    found = audit()
    print(json.dumps(found.as_dict(), indent=2) if args.json else report(found))


if __name__ == "__main__":
    main()


__all__ = ["CABINET_ROLES", "FEDERATIONS", "MOST_REPORTED", "Coverage", "audit", "report"]
