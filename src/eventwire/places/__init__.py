"""The places stage: gazetteer, toponym recognition and resolution, event location."""

from eventwire.places.data import PlaceDataError
from eventwire.places.gazetteer import Gazetteer
from eventwire.places.geoparser import Geoparser
from eventwire.places.location import locate_event
from eventwire.places.model import Place, PlaceContext, PlaceMention

__all__ = [
    "Gazetteer", "Geoparser", "Place", "PlaceContext", "PlaceDataError", "PlaceMention", "locate_event",
]
