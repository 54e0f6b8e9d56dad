"""The analysts' web page: a bundle built from frontend/ (`npm ci && npm run build`) served next to the
JSON API by the same FastAPI app.

`mount_web(app)` adds the page's routes: "/" and the client-side routes (/article/..., /actor/...,
/articles) all answer the same index.html; /ui/* serves the bundle (gzipped when the browser accepts it,
from the copies the build compressed; source maps never). Any other unknown path a browser asks for gets
index.html with status 404, and the page shows its own not-found view. The page's responses carry a strict
Content-Security-Policy (no inline script, nothing from another origin), a second line of defence behind
the page's rule of never putting stored text into HTML. Without a built bundle, "/" answers 503 with the
command that builds it (the API works regardless).
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
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
# Paths whose 404 stays the API's JSON error: programs ask for these, not people.
_MACHINE_PATHS = ("/api/", "/ui/", "/docs", "/redoc", "/openapi.json", "/health")


def bundle_missing_message(dist: Path = DIST) -> str:
    return (f"The web page is not built ({dist / 'index.html'} is missing). Build it once with:\n"
            f"    {BUILD_COMMAND}\n"
            "(the JSON API under /api and its documentation under /docs work without it)")


def mount_web(app: FastAPI, dist: Path = DIST) -> None:
    """Serve the page built into `dist` at "/" (and its client-side routes) and its files under /ui."""
    index = dist / "index.html"
    if index.is_file():
        app.mount(ASSETS_URL, _ContentSecurityPolicy(_BundleFiles(directory=dist)), name="web")
    else:
        log.warning("%s", bundle_missing_message(dist))
    api_not_found = app.exception_handlers.get(StarletteHTTPException)

    async def not_found(request: Request, error: Exception) -> Response:
        """An unknown page path gets the page itself with status 404 (its router shows the not-found
        view); unknown API paths, bundle files and non-GET requests keep the JSON error."""
        path = request.url.path
        if (request.method in ("GET", "HEAD") and index.is_file()
                and not path.startswith(_MACHINE_PATHS)):
            return FileResponse(index, status_code=404, media_type="text/html",
                                headers={"Content-Security-Policy": CONTENT_SECURITY_POLICY,
                                         "Cache-Control": "no-cache"})
        assert api_not_found is not None
        return await api_not_found(request, error)  # type: ignore[misc]

    if api_not_found is not None:
        app.add_exception_handler(404, not_found)

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


def _accepts_gzip(scope: Scope) -> bool:
    accepted = Headers(scope=scope).get("accept-encoding", "")
    for part in accepted.split(","):
        coding, _, quality = part.strip().partition(";")
        if coding.strip().lower() == "gzip":
            return quality.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class _BundleFiles(StaticFiles):
    """The bundle's files: `x.gz` (compressed by the build) in place of `x` for a browser that accepts
    gzip; no source map (a debugging build may have written one) and no .gz asked for by its own name."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if path.endswith((".map", ".gz")):
            raise StarletteHTTPException(404)
        compressed = Path(str(self.directory)) / f"{path}.gz"
        original = Path(str(self.directory)) / path
        if (_accepts_gzip(scope) and compressed.is_file() and original.is_file()
                and compressed.stat().st_mtime >= original.stat().st_mtime):  # not a stale copy
            response = await super().get_response(f"{path}.gz", scope)
            response.headers["content-encoding"] = "gzip"
        else:
            response = await super().get_response(path, scope)
        # Caches must keep the two versions apart.
        response.headers["vary"] = "Accept-Encoding"
        return response


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
