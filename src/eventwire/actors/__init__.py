"""Actors: the knowledge base of countries, organisations, groups, agents and people, and the time-aware
resolver that codes an actor phrase ("the Iraqi Prime Minister", "Baghdad", "Iraqi forces") at a date.

    resolver = ActorResolver.load()                 # shipped knowledge base (+ user files)
    resolver.resolve("the Prime Minister of Iraq", datetime.date(2021, 3, 1))
"""

from functools import cache

from eventwire.actors.kb import (
    ActorDataError,
    DataError,
    KnowledgeBase,
    load_knowledge_base,
    plugin_actor_files,
)
from eventwire.actors.resolver import ActorResolution, ActorResolver


@cache
def default_resolver() -> ActorResolver:
    """The shipped knowledge base, loaded once per process (stages that code many articles share it)."""
    return ActorResolver.load()


__all__ = [
    "ActorDataError",
    "ActorResolution",
    "ActorResolver",
    "DataError",
    "KnowledgeBase",
    "default_resolver",
    "load_knowledge_base",
    "plugin_actor_files",
]
