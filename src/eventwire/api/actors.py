"""What the knowledge base says about an actor id: names, aliases and dated roles, as JSON."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from eventwire.actors import KnowledgeBase

COUNTRY_PREFIX = "ew:"


def describe(kb: KnowledgeBase, actor_id: str) -> dict[str, Any] | None:
    """The actor page's knowledge-base part, or None when the id is not in the knowledge base."""
    person = kb.people.get(actor_id)
    if person is not None:
        roles = [{"role": spell.role, "title": spell.title, "start": spell.start.text,
                  "end": spell.end.text if spell.end else None, "country": spell.country, "org": spell.org,
                  "sector": spell.sector} for spell in person.roles]
        return _actor(actor_id, "person", person.name, person.country, person.sector, person.aliases, roles)
    organisation = kb.organisations.get(actor_id)
    if organisation is not None:
        return _actor(actor_id, organisation.kind, organisation.name, organisation.country,
                      organisation.sector, organisation.aliases, [])
    if actor_id.startswith(COUNTRY_PREFIX):
        country = kb.countries.get(actor_id.removeprefix(COUNTRY_PREFIX))
        if country is not None:
            names = [country.official] if country.official else []
            aliases = tuple(dict.fromkeys([*names, *country.aliases, *country.demonyms]))
            return _actor(actor_id, "country", country.name, country.iso3, "GOV", aliases, [])
    return None


def _actor(actor_id: str, kind: str, name: str, country: str | None, sector: str | None,
           aliases: tuple[str, ...], roles: list[dict[str, Any]]) -> dict[str, Any]:
    return {"actor_id": actor_id, "known": True, "kind": kind, "name": name, "country": country,
            "sector": sector, "aliases": list(aliases), "roles": roles}


@dataclass(frozen=True, slots=True)
class ActorName:
    actor_id: str
    name: str  # the actor's own name
    kind: str  # country, person, igo, group
    country: str | None
    alias: str  # the name or alias this entry is for


def _fold(text: str) -> str:
    # Case and accents do not matter when typing a name ("sao tome" finds São Tomé).
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class ActorNames:
    """Every name and alias of the knowledge base, for the page's actor field: typing "Russia" finds
    ew:RUS. Built once per knowledge base (about 30,000 names)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        entries: list[tuple[str, ActorName]] = []
        for country in kb.countries.values():
            for alias in dict.fromkeys([country.name, *([country.official] if country.official else []),
                                        *country.aliases, *country.demonyms]):
                entries.append((_fold(alias), ActorName(country.id, country.name, "country", country.iso3,
                                                        alias)))
        for person in kb.people.values():
            for alias in dict.fromkeys([person.name, *person.aliases]):
                entries.append((_fold(alias), ActorName(person.id, person.name, "person", person.country,
                                                        alias)))
        for organisation in kb.organisations.values():
            for alias in dict.fromkeys([organisation.name, *organisation.aliases]):
                entries.append((_fold(alias), ActorName(organisation.id, organisation.name, organisation.kind,
                                                        organisation.country, alias)))
        self._entries = entries

    def search(self, text: str, at_most: int = 200) -> list[tuple[int, ActorName]]:
        """Actors one of whose names starts with `text` (rank 0 the whole name, 1 its start) or has a word
        starting with it (rank 2), one entry per actor (its best-ranked name), at most `at_most`."""
        wanted = _fold(text.strip())
        if not wanted:
            return []
        best: dict[str, tuple[int, ActorName]] = {}
        for folded, entry in self._entries:
            if folded == wanted:
                rank = 0
            elif folded.startswith(wanted):
                rank = 1
            elif f" {wanted}" in f" {folded}" or f"-{wanted}" in folded:
                rank = 2
            else:
                continue
            if entry.actor_id not in best or rank < best[entry.actor_id][0]:
                best[entry.actor_id] = (rank, entry)
        ranked = sorted(best.values(), key=lambda pair: (pair[0], len(pair[1].alias), pair[1].name))
        return ranked[:at_most]
