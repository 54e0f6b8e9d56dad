"""Who holds office, year by year: the knowledge base's coverage of seven national offices and regional heads.

    PYTHONPATH=src python scripts/kb_office_coverage.py [--markdown] [--json] [--today YYYY-MM-DD]

For each of the 60 most-reported countries (eventwire.actors.coverage.MOST_REPORTED) and each of head of
state, head of government, foreign, defence, interior, finance and justice minister, a year 2015-2026 counts
as covered when some person's spell of that role is active on 1 July of that year (for the current year,
on the audit's day if earlier). The gaps printed are years no spell covers: missing data, not wrong data.
Two offices held by one person (a president who heads the government) count for both when the file says so.

For the 20 largest federations (eventwire.actors.coverage.FEDERATIONS, with their number of first-level
units) it prints the share of units with a regional head on 1 July 2020 and on the audit's day of 2026.

For each regional parties file (groups/parties_<region>.yaml, and groups.yaml for the parties written before
them) it prints how many parties it holds and how many carry an acronym alias (2-8 capitals, the count
eventwire.actors.coverage makes); session 24 added this table.

Written for issue #16 (session 21); `--markdown` prints the tables docs/actors.md ("Who holds office") holds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Iterable

from eventwire.actors.coverage import FEDERATIONS, MOST_REPORTED
from eventwire.actors.kb import DATA_DIR, KnowledgeBase, load_knowledge_base, read_yaml

OFFICES = (
    ("head_of_state", "HoS"), ("head_of_government", "HoG"), ("foreign_minister", "foreign"),
    ("defence_minister", "defence"), ("interior_minister", "interior"), ("finance_minister", "finance"),
    ("justice_minister", "justice"),
)
YEARS = range(2015, 2027)
REGIONAL_DAYS = (dt.date(2020, 7, 1), dt.date(2026, 7, 1))
# An acronym alias as eventwire.actors.coverage counts one: "PRI", "BJP", "PDP-Laban" ("AfD" is not one).
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")


def office_years(kb: KnowledgeBase, today: dt.date) -> dict[tuple[str, str], set[int]]:
    """(country, role) -> the years 2015-2026 in which someone held the role at mid-year."""
    wanted = {role for role, _ in OFFICES}
    held: dict[tuple[str, str], set[int]] = {}
    for person in kb.people.values():
        for spell in person.roles:
            country = spell.country or person.country
            if spell.role not in wanted or country not in MOST_REPORTED:
                continue
            years = held.setdefault((country, spell.role), set())
            years.update(year for year in YEARS if spell.active_on(min(dt.date(year, 7, 1), today)))
    return held


def regional_shares(kb: KnowledgeBase, today: dt.date) -> dict[str, list[int]]:
    """iso3 -> regions with a head on each of REGIONAL_DAYS (the last capped at today)."""
    days = [min(day, today) for day in REGIONAL_DAYS]
    regions: dict[str, list[set[str]]] = {iso3: [set() for _ in days] for iso3 in FEDERATIONS}
    for person in kb.people.values():
        for spell in person.roles:
            country = spell.country or person.country
            if spell.role != "regional_head" or country not in FEDERATIONS or not spell.region:
                continue
            for index, day in enumerate(days):
                if spell.active_on(day):
                    regions[country][index].add(spell.region)
    return {iso3: [len(found) for found in held] for iso3, held in regions.items()}


def party_counts() -> dict[str, dict[str, int]]:
    """parties file -> {"parties": n, "with_acronym": n}, for groups.yaml and each groups/parties_*.yaml."""
    paths = [DATA_DIR / "groups.yaml", *sorted((DATA_DIR / "groups").glob("parties_*.yaml"))]
    counts: dict[str, dict[str, int]] = {}
    for path in paths:
        parties = [record for record in read_yaml(path) or []
                   if isinstance(record, dict) and record.get("type") == "party"]
        counts[path.name] = {
            "parties": len(parties),
            "with_acronym": sum(any(ACRONYM.match(str(alias)) for alias in party.get("aliases") or ())
                                for party in parties),
        }
    return counts


def year_ranges(years: Iterable[int]) -> str:
    """2015, 2016, 2017, 2020 -> '2015-17, 2020'."""
    ordered = sorted(years)
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = ordered[index], ordered[end]
        parts.append(str(first) if first == last else f"{first}-{str(last)[2:]}")
        index = end + 1
    return ", ".join(parts)


def audit(kb: KnowledgeBase, today: dt.date) -> dict[str, object]:
    held = office_years(kb, today)
    offices = {
        country: {role: sorted(held.get((country, role), ())) for role, _ in OFFICES}
        for country in MOST_REPORTED
    }
    totals = {role: sum(len(offices[country][role]) for country in MOST_REPORTED) for role, _ in OFFICES}
    regional = regional_shares(kb, today)
    return {"today": today.isoformat(), "offices": offices, "totals": totals,
            "possible": len(MOST_REPORTED) * len(YEARS),
            "regional": {iso3: {"units": FEDERATIONS[iso3], "2020": counts[0], "2026": counts[1]}
                         for iso3, counts in regional.items()},
            "parties": party_counts()}


def _cell(years: list[int]) -> str:
    missing = sorted(set(YEARS) - set(years))
    if not missing:
        return "all"
    if not years:
        return "none"
    return "gap " + year_ranges(missing)


def markdown(found: dict[str, object]) -> str:
    offices: dict[str, dict[str, list[int]]] = found["offices"]  # type: ignore[assignment]
    totals: dict[str, int] = found["totals"]  # type: ignore[assignment]
    lines = ["| country | " + " | ".join(label for _, label in OFFICES) + " |",
             "|---" * (len(OFFICES) + 1) + "|"]
    for country in MOST_REPORTED:
        cells = [_cell(offices[country][role]) for role, _ in OFFICES]
        lines.append(f"| {country} | " + " | ".join(cells) + " |")
    lines.append(f"| **years held (of {found['possible']})** | "
                 + " | ".join(str(totals[role]) for role, _ in OFFICES) + " |")
    lines += ["", "| federation | units | with a head 1 Jul 2020 | with a head 1 Jul 2026 |",
              "|---|---|---|---|"]
    regional: dict[str, dict[str, int]] = found["regional"]  # type: ignore[assignment]
    for iso3, row in regional.items():
        lines.append(f"| {iso3} | {row['units']} | {row['2020']} ({row['2020'] / row['units']:.0%}) "
                     f"| {row['2026']} ({row['2026'] / row['units']:.0%}) |")
    lines += ["", "| parties file | parties | with an acronym |", "|---|---|---|"]
    parties: dict[str, dict[str, int]] = found["parties"]  # type: ignore[assignment]
    lines.extend(f"| {name} | {row['parties']} | {row['with_acronym']} |" for name, row in parties.items())
    lines.append(f"| **all** | {sum(row['parties'] for row in parties.values())} "
                 f"| {sum(row['with_acronym'] for row in parties.values())} |")
    return "\n".join(lines)


def text(found: dict[str, object]) -> str:
    offices: dict[str, dict[str, list[int]]] = found["offices"]  # type: ignore[assignment]
    totals: dict[str, int] = found["totals"]  # type: ignore[assignment]
    lines = [f"audit day {found['today']}; country-years held of {found['possible']}: "
             + ", ".join(f"{label} {totals[role]}" for role, label in OFFICES)]
    for country in MOST_REPORTED:
        row = []
        for role, label in OFFICES:
            years = offices[country][role]
            gaps = sorted(set(YEARS) - set(years))
            missing = f" (gaps {year_ranges(gaps)})" if gaps else ""
            row.append(f"{label} {year_ranges(years) or '-'}{missing}")
        lines.append(f"{country}: " + "; ".join(row))
    lines.append("regional heads (units with a head 2020 / 2026 of units):")
    regional: dict[str, dict[str, int]] = found["regional"]  # type: ignore[assignment]
    lines.extend(f"  {iso3} {row['2020']} / {row['2026']} of {row['units']}"
                 for iso3, row in regional.items())
    lines.append("parties (with an acronym alias) by file:")
    parties: dict[str, dict[str, int]] = found["parties"]  # type: ignore[assignment]
    lines.extend(f"  {name} {row['parties']} ({row['with_acronym']})" for name, row in parties.items())
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--markdown", action="store_true",
                        help="print the tables of docs/actors.md (Who holds office)")
    parser.add_argument("--json", action="store_true", help="print every country's years as JSON")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the audit's day (default: today)")
    args = parser.parse_args()
    found = audit(load_knowledge_base(), args.today)
    if args.json:
        print(json.dumps(found, indent=1))
    else:
        print(markdown(found) if args.markdown else text(found))


if __name__ == "__main__":
    main()
