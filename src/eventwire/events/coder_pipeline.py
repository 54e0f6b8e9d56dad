"""The event coder's steps, built from a config (data/events/coder.cfg by default).

The steps are spaCy components (registered with `Language.factory`) in a `Language` of their own that
shares the parser's vocabulary: the parser's pipeline stays as it is (it also serves the places and the
temporal stages), and the coder runs its steps over the parsed Doc. The heavy objects the steps use (the
trigger table, the actor resolver, the geoparser, the learned stage) are loaded once by the coder and
handed to every step by `bind`, since a component config holds plain settings only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config
from thinc.api import Config

# importing the step modules registers their factories
from eventwire.events import (  # noqa: F401
    assemble,
    candidates,
    classify,
    factuality,
    relevance,
    roles,
    time_place,
)
from eventwire.events.doc_state import ArticleInfo, register_extensions
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.mentions import Resolver
from eventwire.events.triggers import TriggerTable

DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "data" / "events" / "coder.cfg"
CLASSIFY_FACTORY = "eventwire_classify"
RECORDS_FACTORY = "eventwire_records"
TIME_PLACE_FACTORY = "eventwire_time_place"


@dataclass
class CoderResources:
    """What the steps share: the parser (its tokenizer reads "since the attack"), the trigger table, the
    actor resolver, the geoparser and the learned stage (None: rules only), and the steps themselves, so
    one step can ask another by name."""

    nlp: Language
    resolver: Resolver
    geoparser: object | None
    triggers: TriggerTable
    learned: LearnedStage | None
    steps: dict[str, Any] = field(default_factory=dict)

    def step(self, name: str) -> Any:
        return self.steps[name]


def load_coder_config(config: Path | str | Config | dict | None = None) -> Config:
    """The coder's config: a file, a config object, or the shipped data/events/coder.cfg."""
    if config is None:
        config = DEFAULT_CONFIG
    if isinstance(config, (str, Path)):
        return load_config(Path(config))
    return Config(copy.deepcopy(dict(config)))


def factories(config: Config) -> dict[str, str]:
    """step name -> the factory that makes it, in pipeline order."""
    return {name: config["components"][name]["factory"] for name in config["coder"]["pipeline"]}


def with_overrides(config: Config, *, learned: bool = True, min_confidence: float | None = None) -> Config:
    """The config with the coder's keyword arguments applied: `learned=False` switches the classification
    off, `min_confidence` sets the records' threshold."""
    changed = Config(copy.deepcopy(dict(config)))
    for name, factory in factories(changed).items():
        settings = changed["components"][name]
        if factory == CLASSIFY_FACTORY and not learned:
            settings["enabled"] = False
        if factory == RECORDS_FACTORY and min_confidence is not None:
            settings["min_confidence"] = min_confidence
    return changed


def places_wanted(config: Config) -> bool:
    """Does the time/place step geoparse (so the coder loads the gazetteer)?"""
    return any(factory == TIME_PLACE_FACTORY and config["components"][name].get("places", True)
               for name, factory in factories(config).items())


def uses_learned_stage(config: Config) -> bool:
    """Does an enabled classification step need the learned stage loaded?"""
    return any(factory == CLASSIFY_FACTORY and config["components"][name].get("enabled", True)
               for name, factory in factories(config).items())


def build_steps(config: Config, resources: CoderResources) -> Language:
    """The coder's steps as a `Language` over the parser's vocabulary, each bound to the resources."""
    register_extensions()
    steps = Language(vocab=resources.nlp.vocab)
    for name in config["coder"]["pipeline"]:
        settings = {key: value for key, value in config["components"][name].items() if key != "factory"}
        steps.add_pipe(config["components"][name]["factory"], name=name, config=settings)
    resources.steps = dict(steps.pipeline)
    for _, step in steps.pipeline:
        bind = getattr(step, "bind", None)
        if bind is not None:
            bind(resources)
    return steps


def run_steps(steps: Language, doc: Doc, info: ArticleInfo, *, only: set[str] | None = None) -> Doc:
    """Run the steps (or the ones named in `only`) in order on a parsed Doc."""
    doc._.event_article = info
    for name, step in steps.pipeline:
        if only is None or name in only:
            doc = step(doc)
    return doc
