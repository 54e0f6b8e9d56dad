"""Where an event happened: the place of its own clause, else of its sentence, else the dateline.

The outlet's home city is never a default: an event with no place in its text has no location.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.places.model import SPECIFICITY, PlaceMention


def _best(places: Sequence[PlaceMention]) -> PlaceMention | None:
    # Demonyms describe actors ("Iraqi troops"), not where something happened; unresolved names have no
    # coordinates to give; a place inside an organisation's name ("Bank of Canada") says nothing about it.
    # Among the rest the most specific place wins ("near Baghdad airport, Iraq").
    usable = [p for p in places
              if p.feature != "demonym" and not p.in_name and p.lat is not None and p.lon is not None]
    if not usable:
        return None
    return min(enumerate(usable), key=lambda item: (-SPECIFICITY.get(item[1].feature, 0), item[0]))[1]


def locate_event(places_in_clause: Sequence[PlaceMention], places_in_sentence: Sequence[PlaceMention],
                 dateline_place: PlaceMention | None) -> PlaceMention | None:
    """The event's location by the clause > sentence > dateline rule; None when none of them has a place."""
    for places in (places_in_clause, places_in_sentence):
        found = _best(places)
        if found is not None:
            return found
    return _best([dateline_place]) if dateline_place is not None else None
