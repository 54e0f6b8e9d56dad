"""Loading the extraction data files (src/eventwire/data/extract/*.yaml) with a schema check."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "extract"
SCHEMA_DIR = DATA_DIR / "schema"  # data/extract/schema/<name>.schema.json for data/extract/<name>.yaml


DATA_FILES = ("scraped_text.yaml", "dates.yaml", "stopwords.yaml")


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the data file `name` ("dates.yaml")."""
    loaded: dict[str, Any] = json.loads((SCHEMA_DIR / f"{Path(name).stem}.schema.json").read_text("utf-8"))
    return loaded


def load_data(name: str) -> dict[str, Any]:
    """A data file, checked against its schema (jsonschema.ValidationError names the bad field)."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    # YAML reads month numbers as ints; the schema (like JSON) keys by strings.
    if name == "dates.yaml" and isinstance(data, dict) and isinstance(data.get("months"), dict):
        data["months"] = {str(key): value for key, value in data["months"].items()}
    jsonschema.validate(data, schema(name))
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
