"""Every data file under src/eventwire/data/ has a JSON Schema and validates against it.

The convention (docs/architecture.md, "Data files"): the schemas of `data/<area>/` live in
`data/<area>/schema/*.schema.json` (JSON Schema 2020-12); each names the files it describes, relative to
`data/<area>/`, in its `x-files` list of glob patterns. A schema may `$ref` another of its folder by file
name. Files are checked as their loader reads them: YAML and JSON as data (YAML dates as ISO text, mapping
keys as text; the actor files as the knowledge base reads them: bare years as text too, an import's
records without its notice), CSV as the list
of its rows (`#` comment lines dropped, a header, every value text), TSV and text as their lines without
comments (TSV rows split on tabs).
"""

from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import eventwire
from eventwire.actors.kb import plain_data, read_yaml

DATA = Path(eventwire.__file__).resolve().parent / "data"
# Files that are not data a loader reads as records, with the reason they have no schema.
NOT_DATA: dict[str, str] = {
    "*LICENSE*": "licence text of imported data",
    "*.npz": "binary weights of the learned stage (manifest.json, which has a schema, says what made them)",
}


def _json_ready(value: Any) -> Any:
    """YAML's dates and non-text keys as JSON would have them."""
    if isinstance(value, dict):
        return {str(key): _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _lines(path: Path) -> list[str]:
    return [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def read_data(path: Path, area: str) -> Any:
    """A data file's content as its loader reads it (see the module docstring)."""
    if area == "actors" and path.suffix in {".yaml", ".yml", ".json"}:
        # as the knowledge base reads them: an import's records without its notice, bare years as text
        data = read_yaml(path)
        return data if path.suffix == ".json" else plain_data(data)
    if path.suffix in {".yaml", ".yml"}:
        return _json_ready(yaml.safe_load(path.read_text(encoding="utf-8")))
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        return list(csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines()
                                   if not line.startswith("#")))
    if path.suffix == ".tsv":
        return [line.split("\t") for line in _lines(path)]
    if path.suffix == ".txt":
        return [line.strip() for line in _lines(path)]
    if path.suffix == ".cfg":  # spaCy's config format (data/events/coder.cfg), its values as spaCy reads them
        from spacy.util import load_config

        return _json_ready(json.loads(json.dumps(load_config(path))))
    raise ValueError(f"{path}: no reader for {path.suffix!r} files")


@cache
def schemas_of(folder: Path) -> dict[str, dict[str, Any]]:
    """File name -> schema, for the schemas in `folder` (a data area's schema/ folder)."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


@cache
def validator(folder: Path, schema_name: str) -> Draft202012Validator:
    schemas = schemas_of(folder)
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in schemas.items())
    return Draft202012Validator(schemas[schema_name], registry=registry)


def problems(path: Path, root: Path = DATA) -> list[str]:
    """What is wrong with one data file under `root`: no schema, two schemas, or where it breaks it."""
    area, *rest = path.relative_to(root).parts
    folder = root / area / "schema"
    names = [name for name, schema in schemas_of(folder).items()
             if any(fnmatch.fnmatchcase("/".join(rest), pattern) for pattern in schema.get("x-files", ()))]
    label = path.relative_to(root).as_posix()
    if len(names) != 1:
        return [f"{label}: matched by {len(names)} schemas {names}, expected exactly one"]
    data = read_data(path, area)
    errors = sorted(validator(folder, names[0]).iter_errors(data),
                    key=lambda error: list(map(str, error.absolute_path)))
    return [f"{label} at /{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}"
            for error in errors[:20]]


def _is_schema(path: Path) -> bool:
    return path.parent.name == "schema" and path.name.endswith(".schema.json")


def data_files(root: Path = DATA) -> list[Path]:
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not _is_schema(path)
        and not any(fnmatch.fnmatchcase(path.name, pattern) for pattern in NOT_DATA))


def test_the_walk_finds_the_data_of_every_area() -> None:
    areas = {path.relative_to(DATA).parts[0] for path in data_files()}
    assert {"actors", "countries", "events", "export", "extract", "places", "temporal"} <= areas
    assert len(data_files()) > 50


@pytest.mark.parametrize("path", data_files(), ids=lambda path: str(path.relative_to(DATA)))
def test_every_data_file_has_one_schema_and_validates(path: Path) -> None:
    assert problems(path) == []


def test_every_schema_is_a_valid_json_schema_and_names_files_that_exist() -> None:
    files = data_files()
    schema_paths = sorted(path for path in DATA.rglob("*.schema.json") if _is_schema(path))
    assert schema_paths, "no schemas found"
    for path in schema_paths:
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        area = path.relative_to(DATA).parts[0]
        in_area = [file.relative_to(DATA / area).as_posix()
                   for file in files if file.is_relative_to(DATA / area)]
        for pattern in schema.get("x-files", ()):
            matched = [name for name in in_area if fnmatch.fnmatchcase(name, pattern)]
            assert matched, f"{path.name}: {pattern} matches no file"


def test_a_file_that_breaks_its_schema_or_has_none_is_reported(tmp_path: Path) -> None:
    # YAML reads a bare NO (Norway's code) as false: the country table's schema must catch it.
    table = (DATA / "countries" / "countries.yaml").read_text(encoding="utf-8")
    assert 'iso2: "NO"' in table
    (tmp_path / "countries").mkdir()
    (tmp_path / "countries" / "schema").symlink_to(DATA / "countries" / "schema")
    (tmp_path / "countries" / "countries.yaml").write_text(table.replace('iso2: "NO"', "iso2: NO"), "utf-8")
    (tmp_path / "countries" / "capitals.yaml").write_text("[]\n", encoding="utf-8")
    found = problems(tmp_path / "countries" / "countries.yaml", tmp_path)
    assert len(found) == 1 and "/iso2: False is not of type 'string'" in found[0], found
    assert problems(tmp_path / "countries" / "capitals.yaml", tmp_path) == [
        "countries/capitals.yaml: matched by 0 schemas [], expected exactly one"]
