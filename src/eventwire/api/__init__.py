"""The HTTP API over a store (`eventwire serve`): events, statistics, articles, actors, clusters, and
ingest when a token is configured.

    from eventwire.api import create_app
    app = create_app("events.db")                       # read-only
    app = create_app("events.db", token=secret)         # POST /api/ingest enabled

Security defaults (docs/api.md): read-only unless given a token, bearer token compared in constant time,
request bodies capped (413), per-client token-bucket rate limit (429), no CORS unless one origin is
allowed, `X-Content-Type-Options: nosniff` on every response, no stack trace ever sent to a client.
"""

from eventwire.api.app import ApiSettings, create_app

__all__ = ["ApiSettings", "create_app"]
