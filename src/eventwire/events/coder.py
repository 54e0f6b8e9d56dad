"""The event coder: a parsed article in, PLOVER/CAMEO event records out.

`EventCoder` is the entry point (pipeline, CLI, evaluation): it loads what the steps share and runs the
steps named by its config (data/events/coder.cfg) over the parsed Doc, each a spaCy component with one
job (events/coder_pipeline.py):

    eventwire_candidates   trigger words, frames with the act they embed, instruments  (candidates.py)
    eventwire_classify     the learned stage's decisions and the words it adds         (classify.py)
    eventwire_factuality   which candidates report an act, its factuality and category (factuality.py)
    eventwire_time_place   the article's dates and places; each event's date and place (time_place.py)
    eventwire_roles        the article's actors; each event's source, target, speaker  (roles.py)
    eventwire_records      the records, one per act, checked by the invariants         (assemble.py)
    eventwire_relevance    no records from what is not political news                  (relevance.py)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Config

from eventwire.events.coder_pipeline import (
    RECORDS_FACTORY,
    CoderResources,
    build_steps,
    load_coder_config,
    places_wanted,
    run_steps,
    uses_learned_stage,
    with_overrides,
)
from eventwire.events.doc_state import ArticleInfo, release_intermediates
from eventwire.events.invariants import CheckTally
from eventwire.events.learned.stage import LearnedStage
from eventwire.events.mentions import Resolver
from eventwire.events.ontology import Ontology
from eventwire.events.records import Event
from eventwire.events.triggers import TriggerTable
from eventwire.records import Article


class EventCoder:
    def __init__(self, nlp: Language, resolver: Resolver, *, geoparser: object | None = None,
                 triggers: TriggerTable | None = None, learned: LearnedStage | bool | None = True,
                 min_confidence: float | None = None, config: Path | str | Config | dict | None = None
                 ) -> None:
        self.nlp = nlp
        self.resolver = resolver
        self.geoparser = geoparser
        self.triggers = triggers or TriggerTable.load()
        self.ontology: Ontology = self.triggers.ontology
        # The config in effect: the file's steps and settings with this call's switches applied
        # (`learned=None/False` switches the classification off, `min_confidence` sets the threshold).
        self.config = with_overrides(load_coder_config(config), learned=bool(learned),
                                     min_confidence=min_confidence)
        # The learned stage (events/learned/): True loads the shipped model (None when there is none or
        # EVENTWIRE_LEARNED=0), an instance is used as given, None/False runs rules only.
        stage: LearnedStage | None = None
        if uses_learned_stage(self.config):
            stage = LearnedStage.load(triggers=self.triggers) if learned is True else (learned or None)
        self.learned = stage
        self.steps = build_steps(self.config, CoderResources(nlp, resolver, geoparser, self.triggers, stage))
        # Events below this confidence are not returned (`--min-confidence` of code and ingest).
        self.min_confidence = min_confidence
        self.version = _coder_version(self.learned, min_confidence, self.config)

    @classmethod
    def load(cls, model: str | None = None, *, actor_files: Iterable[str] = (),
             with_places: bool = True, learned: bool = True, min_confidence: float | None = None,
             config: Path | str | Config | dict | None = None) -> EventCoder:
        from eventwire.actors import ActorResolver
        from eventwire.countries import table as country_table
        from eventwire.nlp import load_pipeline
        from eventwire.temporal import find_timexes

        nlp = load_pipeline(model)
        find_timexes("", dt.date(2000, 1, 1))  # load the temporal lexicon now, not inside the first article
        country_table()  # and the country table (YAML, ~0.2 s of CPU), not inside the first country named
        geoparser = None
        if with_places and places_wanted(load_coder_config(config)):
            from eventwire.places import Geoparser

            geoparser = Geoparser.load(nlp=nlp)
        resolver = ActorResolver.load([Path(p) for p in actor_files])
        resolver.warm_up()  # the sector guesser's vectors and fit now, not inside the first article
        return cls(nlp, resolver, geoparser=geoparser, learned=learned, min_confidence=min_confidence,
                   config=config)

    # --- what the steps keep across articles -------------------------------------------------------------

    @property
    def _records_step(self) -> Any:
        """The step that makes the records (the last one unless a later step, such as the relevance gate,
        only filters them)."""
        for name in reversed(self.steps.pipe_names):
            if self.steps.get_pipe_meta(name).factory == RECORDS_FACTORY:
                return self.steps.get_pipe(name)
        return self.steps.get_pipe(self.steps.pipe_names[-1])

    @property
    def checks(self) -> CheckTally:
        """Records repaired or dropped by the invariants, by reason (the records step counts them)."""
        return self._records_step.checks

    @property
    def confidence_inputs(self) -> list[tuple[float, float, Event]] | None:
        """When a list, each learned record's confidence inputs are appended to it (model probability,
        rules' evidence, the record): training fits the record scaling on them."""
        return self._records_step.confidence_inputs

    @confidence_inputs.setter
    def confidence_inputs(self, value: list[tuple[float, float, Event]] | None) -> None:
        self._records_step.confidence_inputs = value

    # --- entry points ---------------------------------------------------------------------------------

    def code_text(self, text: str, published: str | None = None, url: str | None = None) -> list[Event]:
        return self.code_doc(self.nlp(text), published=published, url=url)

    def code_article(self, article: Article) -> list[Event]:
        return self.code_doc(self.nlp(article.text), published=article.meta.published, article_id=article.id,
                             url=article.meta.url)

    def code_articles(self, articles: Iterable[Article], batch_size: int = 16
                      ) -> Iterator[tuple[Article, list[Event]]]:
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield article, self.code_doc(doc, published=article.meta.published, article_id=article.id,
                                         url=article.meta.url)

    def code_doc(self, doc: Doc, *, published: str | None = None, article_id: str | None = None,
                 url: str | None = None) -> list[Event]:
        """Run the configured steps over the parsed article; its records (also left on `doc._.events`;
        `coder_pipeline.run_steps` keeps every step's output on the Doc)."""
        run_steps(self.steps, doc, ArticleInfo(published, article_id, url))
        events = list(doc._.events or ())
        release_intermediates(doc)
        return events


def _coder_version(learned: LearnedStage | None = None, min_confidence: float | None = None,
                   config: Config | None = None) -> str:
    """eventwire's version plus a digest of what decides the events: the coder's code and data (the
    learned stage's weights among them), the actor knowledge base (with the files installed packages add),
    the time and place stages, the steps that run with their settings (the config), and the confidence
    threshold. Stored articles are re-coded when it changes."""
    import hashlib

    from eventwire import __version__
    from eventwire.actors import plugin_actor_files

    package = Path(__file__).resolve().parents[1]
    parts = [package / "events", package / "data" / "events", package / "data" / "actors",
             package / "actors", package / "temporal", package / "data" / "temporal", package / "places",
             package / "data" / "places", package / "addresses.py", package / "countries.py",
             package / "data" / "countries"]
    digest = hashlib.sha256()
    for part in parts:
        for path in sorted(part.rglob("*")) if part.is_dir() else [part]:
            if path.is_file() and path.suffix in {".py", ".yaml", ".yml", ".json", ".csv", ".tsv", ".npz",
                                                  ".txt", ".cfg"}:
                digest.update(str(path.relative_to(package)).encode())
                digest.update(path.read_bytes())
    for path in plugin_actor_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"learned={learned.version if learned else 'off'}".encode())
    # which steps run, made by which factories, with which settings: a step switched or swapped re-codes
    digest.update((config or load_coder_config()).to_str().encode())
    if min_confidence is not None:
        digest.update(f"min_confidence={min_confidence}".encode())
    return f"{__version__}+{digest.hexdigest()[:10]}"
