"""Loading the extraction data files (src/eventwire/data/extract/*.yaml) with a schema check."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "extract"
_STRINGS = {"type": "array", "items": {"type": "string"}}
SCHEMAS: dict[str, dict[str, Any]] = {
    "scraped_text.yaml": {
        "type": "object",
        "required": [
            "version",
            "furniture_lines",
            "page_text_furniture_lines",
            "tail_markers",
            "byline",
            "date_labels",
            "header_lines",
            "headline",
            "datelines",
        ],
        "properties": {
            "version": {"const": 1},
            "furniture_lines": _STRINGS,
            "page_text_furniture_lines": _STRINGS,
            "tail_markers": _STRINGS,
            "byline": {"type": "string"},
            "date_labels": _STRINGS,
            "header_lines": {"type": "integer", "minimum": 1},
            "headline": {"type": "string"},
            "datelines": _STRINGS,
        },
        "additionalProperties": False,
    },
    "dates.yaml": {
        "type": "object",
        "required": ["version", "months", "weekdays", "zones", "ambiguous_numeric_order"],
        "properties": {
            "version": {"const": 1},
            "months": {
                "type": "object",
                "patternProperties": {"^(?:[1-9]|1[0-2])$": _STRINGS},
                "additionalProperties": False,
                "minProperties": 12,
            },
            "weekdays": _STRINGS,
            "zones": {
                "type": "object",
                "patternProperties": {
                    "^[A-Z]{1,5}$": {
                        "anyOf": [{"type": "null"}, {"type": "string", "pattern": "^[+-]\\d{2}:\\d{2}$"}]
                    }
                },
                "additionalProperties": False,
            },
            "ambiguous_numeric_order": {"enum": ["day_first", "month_first"]},
        },
        "additionalProperties": False,
    },
    "stopwords.yaml": {
        "type": "object",
        "required": ["version", "min_share", "min_lead", "min_words", "languages"],
        "properties": {
            "version": {"const": 1},
            "min_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            "min_lead": {"type": "number", "minimum": 1},
            "min_words": {"type": "integer", "minimum": 1},
            "languages": {
                "type": "object",
                "patternProperties": {"^[a-z]{2}$": _STRINGS},
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    },
}


def load_data(name: str) -> dict[str, Any]:
    """A data file, checked against its schema (jsonschema.ValidationError names the bad field)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # YAML reads month numbers as ints; the schema (like JSON) keys by strings.
    if name == "dates.yaml" and isinstance(data, dict) and isinstance(data.get("months"), dict):
        data["months"] = {str(key): value for key, value in data["months"].items()}
    jsonschema.validate(data, SCHEMAS[name])
    return data


def _full(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})\Z", flags)


@dataclass(frozen=True, slots=True)
class ScrapedTextRules:
    furniture: tuple[re.Pattern[str], ...]
    page_text_furniture: tuple[re.Pattern[str], ...]
    tail_markers: tuple[re.Pattern[str], ...]
    byline: re.Pattern[str]
    date_labels: tuple[str, ...]
    header_lines: int
    headline: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]

    def is_furniture(self, line: str) -> bool:
        return any(pattern.match(line) for pattern in self.furniture)

    def is_page_text_furniture(self, line: str) -> bool:
        return any(pattern.match(line) for pattern in self.page_text_furniture)

    def is_tail_marker(self, line: str) -> bool:
        return any(pattern.match(line) for pattern in self.tail_markers)


@cache
def scraped_text_rules() -> ScrapedTextRules:
    data = load_data("scraped_text.yaml")
    return ScrapedTextRules(
        furniture=tuple(_full(p) for p in data["furniture_lines"]),
        page_text_furniture=tuple(_full(p) for p in data["page_text_furniture_lines"]),
        tail_markers=tuple(_full(p) for p in data["tail_markers"]),
        byline=_full(data["byline"]),
        date_labels=tuple(data["date_labels"]),
        header_lines=data["header_lines"],
        headline=_full(data["headline"]),
        datelines=tuple(re.compile(p) for p in data["datelines"]),
    )
