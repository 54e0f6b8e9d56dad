"""Which stored event a new mention repeats: the rule of cross-article deduplication.

Two mentions are the same real-world event when they have the same PLOVER category and factuality,
their dates overlap (one day of slack either side: reports of the same night strike straddle midnight
and time zones), no two resolved places disagree on the country, and their actors are compatible: each
role that both mentions fill shares an actor, and at least one role does. Compatibility is checked
against the cluster's accumulated actors, so a later report naming only the target still joins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

SLACK = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class MentionSignature:
    type: str | None
    factuality: str
    date_start: str | None
    date_end: str | None
    source_keys: frozenset[str]
    target_keys: frozenset[str]
    location_country: str | None


def actor_keys(actors: Iterable[object]) -> frozenset[str]:
    """What identifies an actor across articles: its knowledge-base id, else its country and sector.
    Actors resolved to neither carry no identity and are left out."""
    keys = set()
    for actor in actors:
        actor_id = getattr(actor, "actor_id", None)
        country = getattr(actor, "country", None)
        if actor_id:
            keys.add(actor_id)
        elif country:
            keys.add(f"{country}:{getattr(actor, 'sector', None) or '-'}")
    return frozenset(keys)


def date_window(start: str | None, end: str | None) -> tuple[str, str] | None:
    """The ISO dates a candidate cluster must overlap, with the slack on both sides."""
    if not start:
        return None
    first = dt.date.fromisoformat(start[:10]) - SLACK
    last = dt.date.fromisoformat((end or start)[:10]) + SLACK
    return first.isoformat(), last.isoformat()


def compatibility(mention: MentionSignature, cluster: MentionSignature) -> int:
    """0 when the two cannot be one event; else the number of actors they share (a preference)."""
    if mention.type != cluster.type or mention.factuality != cluster.factuality:
        return 0
    if mention.location_country and cluster.location_country and (
        mention.location_country != cluster.location_country
    ):
        return 0
    shared = 0
    roles = ((mention.source_keys, cluster.source_keys), (mention.target_keys, cluster.target_keys))
    for ours, theirs in roles:
        if ours and theirs:
            common = len(ours & theirs)
            if common == 0:
                return 0
            shared += common
    return shared
