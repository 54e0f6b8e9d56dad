"""One event record as a flat row: the columns of `eventwire events --format csv` and of CSV/Parquet
exports. Several participants in one role are joined with ' | ' in each actor column, in the same order
in every column, so the n-th id, name and country belong to the same participant."""

from __future__ import annotations

from typing import Any

ACTOR_SEPARATOR = " | "

FLAT_COLUMNS: tuple[str, ...] = (
    "event_id", "date", "date_end", "date_precision", "date_from_text",
    "type", "mode", "context", "cameo", "quad_class", "intensity", "factuality", "confidence",
    "source_ids", "source_names", "source_countries", "source_sectors", "source_texts",
    "target_ids", "target_names", "target_countries", "target_sectors", "target_texts",
    "location_text", "location_name", "location_country", "lat", "lon", "geonameid", "location_level",
    "speaker", "reported", "action_type", "action_mode", "action_cameo",
    "trigger", "sentence", "sentence_start",
    # the record's "size" (PLOVER's information object for size, docs/magnitudes.md); `approximate` names
    # the counts that are a lower bound or an estimate, separated by ';'
    "dead", "injured", "arrested", "participants", "approximate", "money_amount", "money_currency",
    "article_id", "article_source", "article_url", "article_published", "article_title",
)


def _actors(actors: list[dict[str, Any]], key: str) -> str | None:
    if not actors:
        return None
    return ACTOR_SEPARATOR.join(str(actor.get(key) or "") for actor in actors)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """The record's values under FLAT_COLUMNS (None where the record has nothing)."""
    date = record.get("date") or {}
    location = record.get("location") or {}
    attribution = record.get("attribution") or {}
    speaker = attribution.get("speaker") or {}
    action = record.get("action") or {}
    evidence = record["evidence"]
    article = record.get("article") or {}
    size = record.get("size") or {}
    money = size.get("money") or {}
    row: dict[str, Any] = {
        "dead": size.get("dead"), "injured": size.get("injured"), "arrested": size.get("arrested"),
        "participants": size.get("participants"),
        "approximate": ";".join(size.get("approximate") or ()) or None,
        "money_amount": money.get("amount"), "money_currency": money.get("currency"),
        "event_id": record["event_id"],
        "date": date.get("start"), "date_end": date.get("end"), "date_precision": date.get("precision"),
        "date_from_text": date.get("from_text"),
        "type": record.get("type"), "mode": record.get("mode"),
        "context": ";".join(record.get("context") or ()) or None,
        "cameo": record["cameo"], "quad_class": record.get("quad_class"),
        "intensity": record.get("intensity"),
        "factuality": record["factuality"], "confidence": record["confidence"],
        "location_text": location.get("text"), "location_name": location.get("name"),
        "location_country": location.get("country"), "lat": location.get("lat"), "lon": location.get("lon"),
        "geonameid": location.get("geonameid"), "location_level": location.get("level"),
        "speaker": speaker.get("name") or speaker.get("text"), "reported": attribution.get("reported"),
        "action_type": action.get("type"), "action_mode": action.get("mode"),
        "action_cameo": action.get("cameo"),
        "trigger": evidence["trigger"], "sentence": evidence["sentence"], "sentence_start": evidence["start"],
        "article_id": article.get("id"), "article_source": article.get("source"),
        "article_url": article.get("url"),
        "article_published": article.get("published"), "article_title": article.get("title"),
    }
    for role in ("source", "target"):
        actors = record.get(role) or []
        row[f"{role}_ids"] = _actors(actors, "actor_id")
        row[f"{role}_names"] = _actors(actors, "name")
        row[f"{role}_countries"] = _actors(actors, "country")
        row[f"{role}_sectors"] = _actors(actors, "sector")
        row[f"{role}_texts"] = _actors(actors, "text")
    return {column: row[column] for column in FLAT_COLUMNS}
