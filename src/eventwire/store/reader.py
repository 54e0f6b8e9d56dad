"""The store's read surface: every question the CLI, the API, the exporters and the evaluation ask of
stored events, articles, clusters and actors, each answered with the store's frozen records.

    from eventwire.store import EventQuery, Reader, Store

    with Store.open("events.db") as store:
        reader = Reader(store)
        page = reader.events(EventQuery(types=("ASSAULT",), limit=50))
        total = reader.count_events(EventQuery(types=("ASSAULT",)))

A filter is one `EventQuery` (its values checked when it is made: a bad one raises QueryError naming the
option). How the answers are read — the SQL, the indexes a filter goes through, the aggregates' shortcuts —
is the private business of store/queries.py and store/overview.py; callers outside the store import this
module's names from `eventwire.store`, never those two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from eventwire.store import overview, queries
from eventwire.store.magnitudes import MagnitudeTotals, magnitude_totals
from eventwire.store.overview import (
    ActiveActor,
    ClusterRow,
    DateSpan,
    Facet,
    NetworkEdge,
    NetworkNode,
    Place,
)
from eventwire.store.queries import (
    ArticleListing,
    Counterpart,
    Dyad,
    EventCluster,
    EventQuery,
    EventWithCluster,
    GroupBy,
    Period,
    PeriodCount,
    PeriodIntensity,
    StoredArticle,
    StoredEvent,
)

if TYPE_CHECKING:
    from eventwire.store.store import Store, StoreSummary


class Reader:
    """The questions a store answers. Reads only: give it a read-only store where nothing should write
    (`Store.read_only`). Cheap to make; holds nothing but the store."""

    __slots__ = ("store",)

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- events ----------------------------------------------------------------------------------------

    def events(self, query: EventQuery) -> list[StoredEvent]:
        """The page (query.limit, query.offset) of matching events, by event date then id (undated
        first)."""
        return queries.find_events(self.store, query)

    def iter_events(self, query: EventQuery, newest_first: bool = False) -> Iterator[StoredEvent]:
        """The matching events in page order (or its reverse), read lazily: exports stream through this."""
        return queries.iter_events(self.store, query, newest_first=newest_first)

    def count_events(self, query: EventQuery, at_most: int | None = None) -> int:
        """How many events match, ignoring the page; with `at_most`, min(matches, at_most)."""
        return queries.count_events(self.store, query, at_most=at_most)

    def event_record_texts(self, query: EventQuery, sort: str | None = None) -> list[str]:
        """The JSON text of each event record on the page, in page order or in the `sort` order (a column
        of SORT_COLUMNS, `-` first for descending): served as it is stored, not decoded and encoded."""
        if sort:
            return overview.sorted_record_texts(self.store, query, sort)
        return queries.page_record_texts(self.store, query)

    def latest_events(self, query: EventQuery, limit: int) -> list[StoredEvent]:
        """The `limit` matching events with the latest dates, newest first."""
        return queries.latest_events(self.store, query, limit)

    def event(self, event_id: str) -> EventWithCluster | None:
        return queries.find_event(self.store, event_id)

    def explain(self, query: EventQuery) -> list[str]:
        """The database's plan of an events page, to check which index a filter uses."""
        return queries.explain(self.store, query)

    # --- real-world events (cross-article clusters) ----------------------------------------------------

    def cluster(self, cluster_id: str) -> EventCluster | None:
        return queries.event_cluster(self.store, cluster_id)

    def count_clusters(self) -> int:
        return queries.count_clusters(self.store)

    def cluster_rows(self, query: EventQuery, limit: int, offset: int = 0) -> tuple[int, list[ClusterRow]]:
        """How many real-world events have a matching mention, and the page of them (one row each)."""
        return overview.cluster_rows(self.store, query, limit, offset)

    # --- articles ----------------------------------------------------------------------------------------

    def articles(self, *, limit: int, offset: int = 0) -> list[ArticleListing]:
        """Stored articles, newest publication first (undated last), then by id."""
        return queries.list_articles(self.store, limit=limit, offset=offset)

    def count_articles(self) -> int:
        return queries.count_articles(self.store)

    def article(self, article_id: str) -> StoredArticle | None:
        """The article whole, with its events in text order."""
        return queries.find_article(self.store, article_id)

    def summary(self) -> StoreSummary:
        """What the store holds: articles, outlets, languages, events by type and factuality."""
        return self.store.summary()

    # --- actors ----------------------------------------------------------------------------------------

    def counterparts(self, actor_id: str, limit: int = 10) -> list[Counterpart]:
        """The participants most often on the other side of the actor's events."""
        return queries.top_counterparts(self.store, actor_id, limit)

    def event_counts_by_actor(self, actor_ids: list[str]) -> dict[str, int]:
        """Stored events per actor id (a country's also counting participants known only by its code)."""
        return queries.event_counts_by_actor(self.store, actor_ids)

    def active_actors(self, query: EventQuery, limit: int) -> list[ActiveActor]:
        """The knowledge-base actors taking part in most matching events."""
        return overview.active_actors(self.store, query, limit)

    # --- aggregates ------------------------------------------------------------------------------------

    def counts_by_period(self, query: EventQuery, by: Period = "month", group: GroupBy = "type",
                         day_precision_only: bool = False) -> list[PeriodCount]:
        """Events per period and group; undated events left out."""
        return queries.counts_by_period(self.store, query, by=by, group=group,
                                        day_precision_only=day_precision_only)

    def intensity_by_period(self, query: EventQuery, by: Period = "month") -> list[PeriodIntensity]:
        return queries.intensity_by_period(self.store, query, by=by)

    def top_dyads(self, query: EventQuery, limit: int = 10) -> list[Dyad]:
        """The most frequent source -> target pairs, each side named by country code, else name."""
        return queries.top_dyads(self.store, query, limit)

    def network(self, query: EventQuery, limit: int, name_of: Callable[[str], str | None] | None = None,
                ) -> tuple[list[NetworkNode], list[NetworkEdge]]:
        """The `limit` most frequent source -> target pairs as nodes and edges."""
        return overview.network(self.store, query, limit, name_of=name_of)

    def places(self, query: EventQuery, limit: int) -> list[Place]:
        """Where the matching events happened, one entry per distinct pair of coordinates."""
        return overview.places(self.store, query, limit)

    def facets(self, query: EventQuery, limit: int = 30) -> dict[str, list[Facet]]:
        """Matching events by type, place country, outlet and factuality, each without its own filter."""
        return overview.facets(self.store, query, limit)

    def day_span(self, query: EventQuery) -> tuple[str | None, str | None]:
        """The first and last day-precision date of the matching events."""
        return overview.day_span(self.store, query)

    def date_spans(self, query: EventQuery, limit: int = 200) -> list[DateSpan]:
        """The matching events dated only to a week, month, year or stretch, grouped by span."""
        return overview.date_spans(self.store, query, limit)

    def magnitudes(self, query: EventQuery) -> MagnitudeTotals:
        """The dead, injured, arrested and participants of the matching events, each real-world event
        counted once at its largest figure (store/magnitudes.py)."""
        return magnitude_totals(self.store, query)
