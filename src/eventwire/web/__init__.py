"""The analysts' web page: a bundle built from frontend/ (`npm ci && npm run build`) served next to the
JSON API by the same FastAPI app.

`mount_web(app)` adds the page's routes: "/" and the client-side routes (/article/..., /actor/...,
/articles) all answer the same index.html; /ui/* serves the bundle. The page's responses carry a strict
Content-Security-Policy (no inline script, nothing from another origin), a second line of defence behind
the page's rule of never putting stored text into HTML. Without a built bundle, "/" answers 503 with the
command that builds it (the API works regardless).
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("eventwire.web")

DIST = Path(__file__).parent / "static" / "dist"
ASSETS_URL = "/ui"
BUILD_COMMAND = "cd frontend && npm ci && npm run build"  # or `make install`, which runs it
# Everything the page loads is its own: script, style, the world outline (in the bundle) and the API.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
    " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# The page's client-side routes; each is answered with index.html and the script shows the view.
PAGE_ROUTES = ("/", "/articles", "/article/{article_id}", "/actor/{actor_id:path}")


def bundle_missing_message(dist: Path = DIST) -> str:
    return (f"The web page is not built ({dist / 'index.html'} is missing). Build it once with:\n"
            f"    {BUILD_COMMAND}\n"
            "(the JSON API under /api and its documentation under /docs work without it)")


def mount_web(app: FastAPI, dist: Path = DIST) -> None:
    """Serve the page built into `dist` at "/" (and its client-side routes) and its files under /ui."""
    index = dist / "index.html"
    if index.is_file():
        app.mount(ASSETS_URL, _ContentSecurityPolicy(StaticFiles(directory=dist)), name="web")
    else:
        log.warning("%s", bundle_missing_message(dist))

    def page() -> Response:
        if not index.is_file():
            return HTMLResponse(_missing_page(dist), status_code=503,
                                headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY})
        return FileResponse(index, media_type="text/html",
                            headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY,
                                     "Cache-Control": "no-cache"})

    for path in PAGE_ROUTES:
        app.add_api_route(path, page, methods=["GET", "HEAD"], include_in_schema=False,
                          response_class=HTMLResponse, name=f"web:{path}")


def _missing_page(dist: Path) -> str:
    from html import escape

    message = escape(bundle_missing_message(dist))
    return (f"<!doctype html><meta charset='utf-8'><title>eventwire: page not built</title>"
            f"<pre>{message}</pre>")


class _ContentSecurityPolicy:
    """Adds the page's Content-Security-Policy to every response of the wrapped app (the bundle's files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                      (b"content-security-policy", CONTENT_SECURITY_POLICY.encode())]
            await send(message)

        await self.app(scope, receive, send_with_policy)
