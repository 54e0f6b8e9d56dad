"""Event coding: PLOVER and CAMEO events with roles, factuality, attribution and evidence.

The records (and their invariants) import nothing heavy, so the store and the exporters can use them; the
coder, ontology and trigger table (spaCy) are imported when first asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from eventwire.events.records import Action, ActorRef, Attribution, Event, EventDate, EventLocation, Evidence

if TYPE_CHECKING:
    from eventwire.events.coder import EventCoder
    from eventwire.events.ontology import Ontology
    from eventwire.events.triggers import TriggerTable

_LAZY = {"EventCoder": "eventwire.events.coder", "Ontology": "eventwire.events.ontology",
         "TriggerTable": "eventwire.events.triggers"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventwire.events' has no attribute {name!r}")


__all__ = ["Action", "ActorRef", "Attribution", "Event", "EventCoder", "EventDate", "EventLocation",
           "Evidence", "Ontology", "TriggerTable"]
