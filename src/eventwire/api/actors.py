"""What the knowledge base says about an actor id: names, aliases and dated roles, as JSON."""

from __future__ import annotations

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
