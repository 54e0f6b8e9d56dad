"""Read actor and agent dictionaries in the CAMEO/PETRARCH/Phoenix text format into eventwire's formats.

The format, as far as this reader needs it:

    # a comment                          (also after a line's content)
    ABDUL_RASHID_DOSTUM_                 a name: words joined by "_", trailing "_"
    +DOSTUM_                             a synonym of the name above
    [AFGMIL 920101-011231]               a code: country (3 letters) + sector (3 letters), with dates
    [AFGGOV >011222]                     ">date": from then on;  "<date": until then
    POLICE_ [~COP]                       an agent word: "~" + sector (an agents dictionary)
    MUAMMAR_QADDAFI_ [LBYGOV]            a code may stand on the name line

Dates are YYMMDD; years 50-99 are read as 19YY, 00-49 as 20YY. A name with only a country code
("AFGHANISTAN_ [AFG]") is skipped (the country table has the countries). Country codes that are not ISO3
codes of the knowledge base, and codes for non-state actors (IGO, NGO...), are skipped with a note.
CAMEO's MED (media) is PLOVER's JRN and CAMEO's HLH (health) is PLOVER's MED.

Each name becomes a person record (people-file format) whose roles are `office` spells with the coded
sector; agent words become an agents entry. Use such a file like any user file: `--actors phoenix.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_CODE = re.compile(r"\[([^\]]*)\]")
_CAMEO_TO_PLOVER_SECTOR = {"MED": "JRN", "HLH": "MED"}
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class CameoDictionary:
    people: list[dict[str, Any]] = field(default_factory=list)
    agents: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was skipped and why, per line


@dataclass
class _Block:
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def _name(raw: str) -> str:
    words = [word for word in raw.strip().strip("+").split("_") if word]
    return " ".join(word if any(ch.islower() for ch in word) else word.capitalize() for word in words)


def _date(text: str) -> str:
    digits = text.strip()
    if not re.fullmatch(r"\d{6}", digits):
        raise ValueError(f"not a YYMMDD date: {text!r}")
    year = int(digits[:2])
    return f"{1900 + year if year >= 50 else 2000 + year}-{digits[2:4]}-{digits[4:]}"


def _span(text: str) -> tuple[str, str | None]:
    """(start, end) of a code's date part; an undated code holds always."""
    text = text.strip()
    if not text:
        return "1900", None
    if text.startswith(">"):
        return _date(text[1:]), None
    if text.startswith("<"):
        return "1900", _date(text[1:])
    start, _, end = text.partition("-")
    return _date(start), _date(end) if end.strip() else None


def read_cameo_dictionary(path: Path, countries: set[str]) -> CameoDictionary:
    """Parse one dictionary file; `countries` are the ISO3 codes a person may belong to."""
    result = CameoDictionary()
    blocks: list[_Block] = []
    for number, raw_line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        line = raw_line.split("#", 1)[0].strip()
        if not line:
            continue
        codes = _CODE.findall(line)
        text = _CODE.sub("", line).strip()
        if text.startswith("+"):
            if blocks:
                blocks[-1].names.append(_name(text))
        elif text:
            blocks.append(_Block(number, [_name(text)]))
        if codes and blocks:
            blocks[-1].codes.extend(codes)
    used_ids: set[str] = set()
    for block in blocks:
        _convert(block, path, countries, used_ids, result)
    return result


def _convert(
    block: _Block, path: Path, countries: set[str], used_ids: set[str], out: CameoDictionary
) -> None:
    where = f"{path}:{block.line} ({block.names[0]})"
    agent_codes = [code.strip()[1:4] for code in block.codes if code.strip().startswith("~")]
    if agent_codes:
        sector = _CAMEO_TO_PLOVER_SECTOR.get(agent_codes[0], agent_codes[0])
        out.agents.append({"sector": sector, "terms": [name.lower() for name in block.names]})
        return
    roles: list[dict[str, Any]] = []
    for code in block.codes:
        code_text, _, dates = code.strip().partition(" ")
        country, sector = code_text[:3], code_text[3:6]
        if country not in countries:
            out.notes.append(f"{where}: code {code_text} has no ISO3 country of the knowledge base: skipped")
            continue
        if not sector:
            continue
        try:
            start, end = _span(dates)
        except ValueError as bad:
            out.notes.append(f"{where}: code {code}: {bad}: skipped")
            continue
        role: dict[str, Any] = {
            "role": "office",
            "sector": _CAMEO_TO_PLOVER_SECTOR.get(sector, sector),
            "start": start,
            "country": country,
        }
        if end:
            role["end"] = end
        roles.append(role)
    if not roles:
        if not block.codes or all(len(code.strip().split(" ")[0]) == 3 for code in block.codes):
            return  # a country name or an uncoded name: nothing to add
        out.notes.append(f"{where}: no usable code: skipped")
        return
    country = roles[0]["country"]
    slug = _SLUG.sub("-", block.names[0].lower()).strip("-") or "unnamed"
    ident, suffix = f"ew:{country.lower()}-{slug}", 2
    while ident in used_ids:
        ident, suffix = f"ew:{country.lower()}-{slug}-{suffix}", suffix + 1
    used_ids.add(ident)
    out.people.append(
        {"id": ident, "name": block.names[0], "aliases": block.names[1:], "country": country, "roles": roles}
    )
