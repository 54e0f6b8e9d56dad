"""GET /api/articles (stored articles, newest first) and /api/articles/{id} (one, with its events)."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations.
from typing import Annotated, Any

from fastapi import APIRouter, Path

from eventwire.api import models
from eventwire.api.context import Context
from eventwire.api.errors import ApiError
from eventwire.api.params import Limit, Offset
from eventwire.store import StoredArticle

router = APIRouter(tags=["articles"])


@router.get("/api/articles", response_model=models.ArticlePage)
def articles(context: Context, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Stored articles, newest publication first (undated last)."""
    reader = context.reader()
    items = reader.articles(limit=limit, offset=offset)
    return {"total": reader.count_articles(), "limit": limit, "offset": offset, "items": items}


@router.get("/api/articles/{article_id}", response_model=StoredArticle)
def article(context: Context, article_id: Annotated[str, Path(max_length=200)]) -> StoredArticle:
    """The clean text with its events, whose evidence offsets index into `text`."""
    found = context.reader().article(article_id)
    if found is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    return found
