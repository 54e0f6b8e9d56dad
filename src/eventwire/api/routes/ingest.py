"""POST /api/ingest: store and code articles given as JSON; included only when the app has an ingest
token (create_app's `token`), and answered only to a request that brings it."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
import hmac
import logging
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventwire.api import models
from eventwire.api.context import Context
from eventwire.api.errors import ApiError

log = logging.getLogger("eventwire.api")

_bearer = HTTPBearer(auto_error=False, description="The token `eventwire serve --token-env` was given.")


async def authorised(context: Context,
                     credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    given = (credentials.credentials if credentials else "").encode("utf-8")
    expected = (context.token or "").encode("utf-8")
    # compare_digest: the time taken does not tell how much of a guess was right. An app without a token
    # has no ingest route at all; the empty check is a second line of defence.
    if not expected or not hmac.compare_digest(given, expected):
        raise ApiError(401, "a valid 'Authorization: Bearer <token>' header is required",
                       headers={"WWW-Authenticate": "Bearer"})


router = APIRouter(tags=["ingest"])


@router.post("/api/ingest", response_model=models.IngestResult, dependencies=[Depends(authorised)],
             responses={503: {"model": models.ErrorOut, "description": "Two ingest requests are already"
                              " running or waiting (unavailable); retry after `Retry-After` seconds."}})
def ingest(context: Context, request: models.IngestRequest) -> models.IngestResult:
    """Store articles given as JSON records and code their events; a record already stored is not
    stored again (idempotent)."""
    from eventwire.api.ingest import IngestBusy, unreadable_published

    ingestor = context.ingestor
    if ingestor is None:  # not reached: the route is only included with an ingestor
        raise ApiError(404, "ingest is not enabled on this server")
    problem = unreadable_published(request.records)
    if problem is not None:
        raise ApiError(422, problem, parameter="body")
    try:
        result = ingestor.ingest(request.records)
    except IngestBusy:
        raise ApiError(503, "other ingest requests are being processed; retry later",
                       headers={"Retry-After": "5"}) from None
    log.info("ingest: %d documents, %d new, %d duplicate, %d failed, %d events", result.documents,
             result.new, result.duplicate, result.failed, result.events)
    return result
