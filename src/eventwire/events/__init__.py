"""Event coding: PLOVER and CAMEO events with roles, factuality, attribution and evidence."""

from eventwire.events.coder import EventCoder
from eventwire.events.ontology import Ontology
from eventwire.events.records import Action, ActorRef, Attribution, Event, EventDate, EventLocation, Evidence
from eventwire.events.triggers import TriggerTable

__all__ = ["Action", "ActorRef", "Attribution", "Event", "EventCoder", "EventDate", "EventLocation",
           "Evidence", "Ontology", "TriggerTable"]
