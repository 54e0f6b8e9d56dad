"""The API's documentation: /openapi.json lists the errors each operation really answers, and /docs and
/redoc are served from files shipped in a package when one is installed (so they work offline)."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from pathlib import Path as FilePath
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

from eventwire.api import models

# Error answers any operation can give (status -> when), documented in /openapi.json with their shape.
_ANY_OPERATION_ERRORS: dict[str, str] = {
    "400": "A parameter is invalid or unknown (code bad_parameter; `parameter` names it).",
    "429": "Too many requests from this client (rate_limited); retry after `Retry-After` seconds.",
    "500": "An unexpected error (internal); the details are in the server log only.",
}


# What the fields of the store's records served as they are mean, for /docs: the records are plain
# dataclasses (the store does not depend on pydantic), so their schemas come without descriptions.
RECORD_FIELD_NOTES: dict[str, dict[str, str]] = {
    "ArticleListing": {"id": "Content hash of the article text."},
    "MagnitudeTotals": {"dead": "People killed, summed once per real-world event (its largest figure).",
                        "participants": "People taking part (protest or crowd sizes); a lower bound where the"
                                        " text gave a vague size such as 'thousands'.",
                        "events": "Real-world events (dedup clusters) with at least one figure.",
                        "records": "Event records with at least one figure."},
    "StoredArticle": {"text": "The clean text; every event's evidence offsets refer to it.",
                      "events": "Its events, in text order."},
    "EventCluster": {"events": "Every mention, in the order it was stored."},
    "ClusterRow": {"matching": "Its mentions matching the filters.",
                   "mentions": "All its mentions (GDELT NumMentions).",
                   "sources": "Distinct outlets.",
                   "record": "Its first matching mention."},
    "NetworkNode": {"key": "The actor id; a participant known only by its country is in its country's node"
                           " (ew:XXX).",
                    "events": "Events on the edges shown in which it takes part.",
                    "filter": "The `actor` (or `source`/`target`) values that select exactly this node's"
                              " participants: [id], or [ew:XXX, country:XXX]."},
    "NetworkEdge": {"source": "Key of the acting node.", "target": "Key of the node acted upon.",
                    "mean_intensity": "Mean PLOVER intensity (-10..+10) of its events."},
    "Place": {"level": "country, admin1, admin2, city or feature (null: not said).",
              "point": "A point-level place (city, feature); else an area whose coordinates are its"
                       " centroid."},
}


def document_errors(app: FastAPI) -> None:
    """/openapi.json lists the errors each operation really answers, in the ErrorOut shape. FastAPI would
    document a 422 in its own shape for every route with parameters, but this API answers a bad parameter
    with 400 (errors.on_validation_error) and 422 only for a bad request body. The store's records get
    their RECORD_FIELD_NOTES."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = generate()
        shape = models.ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas.update(shape.pop("$defs", {}))
        schemas["ErrorOut"] = shape
        for record, notes in RECORD_FIELD_NOTES.items():
            properties = schemas.get(record, {}).get("properties", {})
            for name, note in notes.items():
                if name in properties:
                    properties[name]["description"] = note

        def error(description: str) -> dict[str, Any]:
            return {"description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}}

        for path, operations in document.get("paths", {}).items():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                for status, description in _ANY_OPERATION_ERRORS.items():
                    responses.setdefault(status, error(description))
                if "{" in path:
                    responses.setdefault("404", error("Nothing has this id (not_found)."))
                if operation.get("security"):
                    responses.setdefault("401", error("The bearer token is missing or wrong (unauthorized)."))
                if "requestBody" in operation:
                    responses["422"] = error("The body is not the expected JSON (bad_body).")
                    responses.setdefault("413", error("The body is over the size limit (too_large)."))
        return document

    app.openapi = openapi  # type: ignore[method-assign]


DOCS_ASSETS_URL = "/docs-assets"


def offline_docs_assets() -> FilePath | None:
    """Swagger UI / ReDoc files shipped in a package, so /docs works offline; None: FastAPI's default
    pages, which load them from a CDN."""
    try:
        import fastapi_offline
    except ImportError:
        return None
    folder = FilePath(fastapi_offline.__file__).parent / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


def add_offline_docs(app: FastAPI, folder: FilePath) -> None:
    from fastapi.staticfiles import StaticFiles

    app.mount(DOCS_ASSETS_URL, StaticFiles(directory=folder), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="eventwire API",
            swagger_js_url=f"{DOCS_ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="eventwire API",
                              redoc_js_url=f"{DOCS_ASSETS_URL}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS_URL}/favicon.png", with_google_fonts=False)

