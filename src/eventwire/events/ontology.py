"""PLOVER categories, modes and scores, and the CAMEO code table (data/events/*.yaml)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    type: str | None
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad_class: int
    requires_recipient: bool
    intensity: float
    modes: dict[str, float]


class OntologyError(ValueError):
    pass


def _read(name: str) -> dict[str, Any]:
    text = (resources.files("eventwire.data") / "events" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True)
class Ontology:
    types: dict[str, PloverType]
    cameo: dict[str, CameoCode]
    cameo_roots: dict[str, str]
    legacy_labels: dict[str, tuple[str, str | None]]
    contexts: frozenset[str]
    factualities: tuple[str, ...]
    speech_acts: dict[str, tuple[str, dict[str, str]]]  # factuality -> (PLOVER type, CAMEO by action)

    @classmethod
    @functools.cache
    def load(cls) -> Ontology:
        plover, cameo = _read("plover.yaml"), _read("cameo.yaml")
        types = {
            name: PloverType(name, spec["quad_class"], spec["requires_recipient"], float(spec["intensity"]),
                             {mode: float(score) for mode, score in spec["modes"].items()})
            for name, spec in plover["types"].items()
        }
        codes = {
            str(code): CameoCode(str(code), spec["name"], spec.get("type"), spec.get("mode"),
                                 tuple(spec.get("context", ())))
            for code, spec in cameo["codes"].items()
        }
        ontology = cls(
            types=types,
            cameo=codes,
            cameo_roots={str(k): v for k, v in cameo["roots"].items()},
            legacy_labels={k: (v["type"], v.get("mode")) for k, v in plover["legacy_labels"].items()},
            contexts=frozenset(plover["contexts"]),
            factualities=tuple(plover["factuality"]),
            speech_acts={k: (v["type"], {a: str(c) for a, c in v["cameo"].items()})
                         for k, v in plover["speech_acts"].items()},
        )
        ontology.check()
        return ontology

    def check(self) -> None:
        """Every code maps to a known category, mode and context: a typo in the data fails loudly."""
        for factuality, (_, codes) in self.speech_acts.items():
            for code in codes.values():
                if code not in self.cameo:
                    raise OntologyError(f"plover.yaml: speech act {factuality}: unknown CAMEO code {code}")
        for code in self.cameo.values():
            if code.code[:2] not in self.cameo_roots:
                raise OntologyError(f"cameo.yaml: code {code.code} has no root")
            self.check_labels(f"cameo.yaml: code {code.code}", code.type, code.mode, code.context)

    def check_labels(self, where: str, type_: str | None, mode: str | None, context: tuple[str, ...]) -> None:
        if type_ is not None and type_ not in self.types:
            raise OntologyError(f"{where}: unknown PLOVER category {type_!r}")
        if mode is not None and (type_ is None or mode not in self.types[type_].modes):
            raise OntologyError(f"{where}: mode {mode!r} is not a mode of {type_}")
        unknown = set(context) - self.contexts
        if unknown:
            raise OntologyError(f"{where}: unknown context(s) {sorted(unknown)}")

    def speech_act(self, factuality: str, action_type: str | None, action_mode: str | None
                   ) -> tuple[str, str] | None:
        """(category, CAMEO code) of a speech act about an action, e.g. promised RETREAT -> AGREE/035."""
        if factuality not in self.speech_acts:
            return None
        type_, codes = self.speech_acts[factuality]
        code = codes.get(f"{action_type}/{action_mode}") or codes.get(action_type or "") or codes["default"]
        return type_, code

    def quad_class(self, type_: str | None) -> int | None:
        return self.types[type_].quad_class if type_ else None

    def intensity(self, type_: str | None, mode: str | None) -> float | None:
        if type_ is None:
            return None
        plover_type = self.types[type_]
        return plover_type.modes.get(mode, plover_type.intensity) if mode else plover_type.intensity

    def current_label(self, label: str) -> tuple[str, str | None]:
        """A category label of any PLOVER version -> (current category, mode implied by the old label)."""
        label = label.strip().upper()
        if label in self.types:
            return label, None
        if label in self.legacy_labels:
            return self.legacy_labels[label]
        raise OntologyError(f"unknown PLOVER label {label!r}")
