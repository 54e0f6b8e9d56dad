"""The actor knowledge base: typed records loaded from the YAML files under data/actors/, plus user files.

Files (all validated against the JSON Schemas in data/actors/schema/):
  (countries)         countries and territories: names, demonyms, capitals, metonym institutions, from the
                      one country table (data/countries/countries.yaml, eventwire.countries)
  igos.yaml           intergovernmental organisations
  groups.yaml         armed groups, militias, parties, state agencies, international NGOs
  groups/*.yaml       more organisations in the same format (parties, military units, cartels and gangs)
  companies.yaml      businesses news names as actors (BUS, news organisations JRN), with their country,
                      industry and the names that mean them only when written capitalised
  agents.yaml         generic agents ("police", "rebels") -> PLOVER sector, and modifier words ("former")
  agents_petrarch.yaml  generic agents imported from PETRARCH2 (scripts/import_petrarch.py; MIT)
  igos_petrarch.json  intergovernmental organisations imported from PETRARCH2 (same converter; .json
                      files in people/ and groups/ are its imports too)
  roles.yaml          the role vocabulary of people's offices -> sector, and the titles news uses for them
  people/*.yaml       people and the roles they held, with dates

A user file (`--actors FILE`) is either a list of people or a mapping with any of the sections
people / countries / igos / groups / companies / agents. A record whose id (iso3 for countries) already exists
replaces the shipped one; agent groups are added.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import logging
import os
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from eventwire.actors.normalize import plain_key
from eventwire.countries import ACTOR_STATUSES
from eventwire.countries import DATA_FILE as COUNTRY_TABLE

logger = logging.getLogger(__name__)

DATA_DIR = Path(str(resources.files("eventwire") / "data" / "actors"))
SCHEMA_DIR = DATA_DIR / "schema"
PEOPLE_DIR = DATA_DIR / "people"
GROUPS_DIR = DATA_DIR / "groups"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loading with dates left as text: a bad date ("2020-13-01") becomes a schema error that names its
    record, not a crash inside the YAML parser; partial dates ("2016-06") stay text like full ones."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


class ActorDataError(ValueError):
    """A knowledge-base file that cannot be used; the message names the file, record and reason."""


@dataclass(frozen=True, slots=True)
class DataError:
    file: str
    record: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.record}: {self.reason}"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the day, month or year: the span of days it may stand for."""

    text: str
    first: dt.date
    last: dt.date

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        return _parse_partial_date(_date_text(value))

    @classmethod
    def from_text(cls, text: str) -> PartialDate:
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 1:
            return cls(text, dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))
        if len(parts) == 2:
            last_day = calendar.monthrange(parts[0], parts[1])[1]
            return cls(text, dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last_day))
        day = dt.date(parts[0], parts[1], parts[2])
        return cls(text, day, day)


@lru_cache(maxsize=65536)
def _parse_partial_date(text: str) -> PartialDate:
    """Parsed once per distinct text: 20,000 people share a few thousand dates (PartialDate is frozen)."""
    return PartialDate.from_text(text)


def _date_text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, slots=True)
class RoleSpell:
    """One period in which a person held a role."""

    role: str
    title: str | None
    start: PartialDate
    end: PartialDate | None  # None: still held
    country: str | None
    org: str | None
    sector: str | None
    region: str | None = None  # the state or province a regional office governs ("Lagos", "Texas")

    def active_on(self, day: dt.date) -> bool:
        # Inclusive on both ends: a same-day handover makes both holders active; callers prefer the newer.
        return self.start.first <= day and (self.end is None or day <= self.end.last)

    def ended_before(self, day: dt.date) -> bool:
        return self.end is not None and self.end.last < day


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    country: str
    aliases: tuple[str, ...]
    roles: tuple[RoleSpell, ...]
    sector: str | None
    wikidata: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    official: str | None
    status: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[tuple[str, tuple[str, ...]], ...]  # (sector, names)
    source: str

    @property
    def id(self) -> str:
        return f"ew:{self.iso3}"


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str
    name: str
    kind: str  # "igo" | "group"
    country: str | None
    sector: str
    plover_country: str | None
    parent: str | None
    aliases: tuple[str, ...]
    source: str
    sector_history: tuple[tuple[dt.date, str], ...] = ()  # (from, sector), in date order
    type: str | None = None  # "party", "militia", "company"...: what the file says the organisation is
    industry: str | None = None  # companies only: "oil_gas", "bank", "aerospace_defence"...
    # Names that mean the organisation only when written capitalised and not inside a longer name ("Apple",
    # "Shell", "Ford"): in lower case or after a first name they are a common word or a surname. Kept apart
    # from `aliases`, which match whatever their case.
    capitalised_aliases: tuple[str, ...] = ()

    def sector_on(self, day: dt.date) -> str:
        """The group's sector at a date: an armed group that took power is GOV from then on."""
        sector = self.sector
        for start, later_sector in self.sector_history:
            if start <= day:
                sector = later_sector
        return sector


@dataclass(frozen=True, slots=True)
class AgentGroup:
    sector: str
    terms: tuple[str, ...]
    dominant: bool
    weak: bool
    member: bool = False  # people of an organisation ("officials", "staff"): yield even to weak words


@dataclass(frozen=True, slots=True)
class RoleInfo:
    name: str
    sector: str
    single_holder: bool
    weak: bool
    titles: tuple[str, ...]
    precedence: int  # lower wins when one person holds several roles at once


@dataclass
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    agents: list[AgentGroup] = field(default_factory=list)
    roles: dict[str, RoleInfo] = field(default_factory=dict)
    former_words: tuple[str, ...] = ()
    # The last word of an organisation's name ("Productions", "Coalition") -> the sector it implies, or None
    # when the word says "organisation" without saying which sector.
    organisation_words: dict[str, str | None] = field(default_factory=dict)
    # Phrases that name one country's actor only in that country's news ("the Centre" in Indian news is
    # the Union government): plain phrase key -> (iso3, sector).
    national_terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Words of a region that say its country ("Scottish" -> Scotland, GBR): term -> (iso3, region).
    regional_words: dict[str, tuple[str, str]] = field(default_factory=dict)
    collective_head_of_state: frozenset[str] = frozenset()
    files: list[Path] = field(default_factory=list)

    def role_sector(self, role: str) -> str | None:
        info = self.roles.get(role)
        return info.sector if info else None


# --- reading ---------------------------------------------------------------------------------------------


def read_yaml(path: Path) -> Any:
    """A data file's content. A .json file (an imported dictionary, written by scripts/import_petrarch.py)
    is {"notice": ..., "records": [...]}: its records are read like a YAML list, much faster."""
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise ActorDataError(f"{path}: cannot read: {error.strerror or error}") from error
        except ValueError as error:
            raise ActorDataError(f"{path}: not valid JSON: {error}") from error
        return data.get("records") if isinstance(data, dict) else data
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)
    except OSError as error:
        raise ActorDataError(f"{path}: cannot read: {error.strerror or error}") from error
    except yaml.YAMLError as error:
        raise ActorDataError(f"{path}: not valid YAML: {error}") from error


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire" / "actors"


def _shipped_data(path: Path) -> Any:
    """A shipped file's plain data, from a pickle cache keyed by the file's path, size and mtime: YAML
    parsing is most of the load time of the knowledge base. Any cache problem falls back to parsing."""
    if path.suffix == ".json":
        return read_yaml(path)  # already plain: the converter writes dates and years as text
    try:
        stat = path.stat()
        ident = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{_CACHE_VERSION}"
        cached = _cache_dir() / (hashlib.sha256(ident.encode("utf-8")).hexdigest()[:32] + ".pickle")
        if cached.exists():
            with cached.open("rb") as handle:
                return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        cached = None
    data = plain_data(read_yaml(path))
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            partial.replace(cached)  # atomic: a parallel loader never reads half a file
        except OSError:
            pass  # a read-only home: no cache, same data
    return data


_CACHE_VERSION = 1  # raise when plain_data's output changes


def plain_data(value: Any) -> Any:
    """YAML turns 2020-05-07 into a date and 2016 into an int; the schemas see every date as text."""
    if isinstance(value, dict):
        return {str(key): plain_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_data(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # a year written bare (start: 2019)
    return value


def shipped_files() -> dict[str, list[Path]]:
    """The shipped knowledge base, by file type (people files sorted so later regions override earlier)."""
    return {
        "roles": [DATA_DIR / "roles.yaml"],
        # Ours first: the first sector found for a word decides, so agents.yaml wins over the import.
        "agents": [DATA_DIR / "agents.yaml", DATA_DIR / "agents_news.yaml",
                   *[p for p in [DATA_DIR / "agents_petrarch.yaml"] if p.exists()]],
        "countries": [COUNTRY_TABLE],
        "igos": [DATA_DIR / "igos.yaml", *[p for p in [DATA_DIR / "igos_petrarch.json"] if p.exists()]],
        # groups.yaml first, then groups/*.yaml (parties, military units, cartels) sorted by name.
        "groups": [DATA_DIR / "groups.yaml", *_sorted_yaml(GROUPS_DIR)],
        "companies": [DATA_DIR / "companies.yaml"],
        "people": _sorted_yaml(PEOPLE_DIR),
    }


def _sorted_yaml(folder: Path) -> list[Path]:
    """The folder's .yaml files, then its .json files (imports, which ours override... and are checked
    against for names: see scripts/import_petrarch.py), each sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.json"))


# --- schema validation -----------------------------------------------------------------------------------

_SCHEMA_OF_TYPE = {
    "roles": "roles.schema.json",
    "agents": "agents.schema.json",
    "countries": "countries.schema.json",
    "igos": "organisations.schema.json",
    "groups": "organisations.schema.json",
    "companies": "companies.schema.json",
    "people": "person.schema.json",
    "user": "user.schema.json",
}


@cache
def _validator(schema_name: str) -> Any:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    schemas = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in SCHEMA_DIR.glob("*.json")}
    registry: Registry = Registry().with_resources(
        (name, Resource.from_contents(schema, default_specification=_draft()))
        for name, schema in schemas.items()
    )
    return Draft202012Validator(schemas[schema_name], registry=registry)


def _draft() -> Any:
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


def schema_errors(data: Any, file_type: str, path: Path) -> list[DataError]:
    """Schema violations of one file's (plain) data, each naming the record and the reason."""
    validator = _validator(_SCHEMA_OF_TYPE[file_type])
    errors = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        message = error.message if len(error.message) <= 200 else error.message[:200] + "..."
        errors.append(DataError(str(path), _record_label(data, list(error.absolute_path)), message))
    return errors


def _record_label(data: Any, where: list[Any]) -> str:
    """'record 3 (ew:irq-...)/roles/0/start' rather than a bare JSON path."""
    if not where:
        return "file"
    label = "/".join(map(str, where))
    if isinstance(data, list) and isinstance(where[0], int) and where[0] < len(data):
        record = data[where[0]]
        if isinstance(record, dict):
            ident = record.get("id") or record.get("iso3") or record.get("name")
            label = f"record {where[0]} ({ident})" + (
                "/" + "/".join(map(str, where[1:])) if where[1:] else ""
            )
    return label


# --- building records ------------------------------------------------------------------------------------


def _texts(values: Iterable[Any] | None) -> tuple[str, ...]:
    return tuple(str(value) for value in values or () if str(value).strip())


def _person(record: dict[str, Any], kb: KnowledgeBase, source: str) -> Person:
    spells = []
    for role in record.get("roles") or ():
        name = str(role["role"])
        end = role.get("end")
        spells.append(
            RoleSpell(
                role=name,
                title=role.get("title"),
                start=PartialDate.parse(role["start"]),
                end=PartialDate.parse(end) if end not in (None, "") else None,
                country=role["country"] if "country" in role else record["country"],
                org=role.get("org"),
                sector=role.get("sector") or kb.role_sector(name),
                region=role.get("region"),
            )
        )
    return Person(
        id=str(record["id"]),
        name=str(record["name"]),
        country=str(record["country"]),
        aliases=_texts(record.get("aliases")),
        roles=tuple(spells),
        sector=record.get("sector"),
        wikidata=record.get("wikidata"),
        source=source,
    )


def _country(record: dict[str, Any], source: str) -> Country:
    metonyms = tuple((str(sector), _texts(names)) for sector, names in (record.get("metonyms") or {}).items())
    return Country(
        iso3=record["iso3"],
        name=record["name"],
        official=record.get("official"),
        status=record.get("status", "territory"),
        aliases=_texts(record.get("aliases")),
        demonyms=_texts(record.get("demonyms")),
        capitals=_texts(record.get("capitals")),
        metonyms=metonyms,
        source=source,
    )


def _organisation(record: dict[str, Any], kind: str, source: str, *, company: bool = False) -> Organisation:
    default_sector = "BUS" if company else "IGO" if kind == "igo" else "UNK"
    return Organisation(
        id=str(record["id"]),
        name=str(record["name"]),
        kind=kind,
        country=record.get("country"),
        sector=record.get("sector") or default_sector,
        plover_country=record.get("plover_country") or (None if kind == "group" else "IGO"),
        parent=record.get("parent"),
        aliases=_texts(record.get("aliases")),
        source=source,
        sector_history=tuple(
            sorted(
                (PartialDate.parse(step["start"]).first, str(step["sector"]))
                for step in record.get("sector_history") or ()
            )
        ),
        type="company" if company else record.get("type"),
        industry=record.get("industry"),
        capitalised_aliases=_texts(record.get("capitalised_aliases")),
    )


def _agent_groups(records: Iterable[dict[str, Any]]) -> list[AgentGroup]:
    return [
        AgentGroup(
            sector=r["sector"],
            terms=_texts(r["terms"]),
            dominant=bool(r.get("dominant")),
            weak=bool(r.get("weak")) or bool(r.get("member")),
            member=bool(r.get("member")),
        )
        for r in records
    ]


def _add_section(kb: KnowledgeBase, file_type: str, data: Any, path: Path) -> None:
    source = str(path)
    if file_type == "roles":
        for precedence, (name, info) in enumerate((data.get("roles") or {}).items()):
            kb.roles[name] = RoleInfo(
                name=name,
                sector=info["sector"],
                single_holder=bool(info.get("single_holder")),
                weak=bool(info.get("weak")),
                titles=_texts(info.get("titles")),
                precedence=precedence,
            )
        kb.collective_head_of_state = frozenset(data.get("collective_head_of_state") or ())
    elif file_type == "agents":
        kb.agents.extend(_agent_groups(data.get("agents") or ()))
        kb.former_words = kb.former_words + _texts((data.get("modifiers") or {}).get("former"))
        for group in data.get("national_terms") or ():
            for term in _texts(group["terms"]):
                kb.national_terms.setdefault(plain_key(term), (group["country"], group["sector"]))
        for group in data.get("regional_words") or ():
            for term in _texts(group.get("terms")):
                kb.regional_words.setdefault(term, (group["country"], group["region"]))
        for group in data.get("organisation_words") or ():
            for term in _texts(group["terms"]):
                kb.organisation_words.setdefault(term.lower(), group.get("sector"))
    elif file_type == "countries":
        for record in data or ():
            # the table also lists dissolved states and uninhabited territories: places, never actors
            if record.get("status", "territory") in ACTOR_STATUSES:
                kb.countries[record["iso3"]] = _country(record, source)
    elif file_type in ("igos", "groups", "companies"):
        # A company is a group to the resolver (kind "group", its own country); only its default sector
        # (BUS) and its type differ.
        kind = "igo" if file_type == "igos" else "group"
        for record in data or ():
            kb.organisations[str(record["id"])] = _organisation(
                record, kind, source, company=file_type == "companies"
            )
    elif file_type == "people":
        for record in data or ():
            try:
                kb.people[str(record["id"])] = _person(record, kb, source)
            except ValueError as bad_date:
                raise ActorDataError(f"{source}: {record['id']}: bad date: {bad_date}") from bad_date
    else:  # pragma: no cover - callers pass known types
        raise ValueError(file_type)


def _add_user_file(kb: KnowledgeBase, data: Any, path: Path) -> None:
    if isinstance(data, list):
        _add_section(kb, "people", data, path)
        return
    for section in ("countries", "igos", "groups", "companies", "people"):
        if section in data:
            _add_section(kb, section, data[section], path)
    if "agents" in data:
        kb.agents.extend(_agent_groups(data["agents"]))


def plugin_actor_files() -> list[Path]:
    """The actor files that installed packages add (entry point group `eventwire.actor_sources`: each names
    a function returning paths of eventwire YAML or CAMEO .txt files), in the order of the plugins' names.
    A plugin that cannot load or answer is an ActorDataError naming it and its package."""
    from eventwire import plugins

    files: list[Path] = []
    for name, plugin in sorted(plugins.plugins(plugins.ACTOR_SOURCES).items()):
        try:
            source = plugin.load()
            files.extend(Path(path) for path in source())  # type: ignore[operator]
        except plugins.PluginError as error:
            raise ActorDataError(str(error)) from error
        except Exception as error:  # third-party code: its failure must name it, not end in a traceback
            raise ActorDataError(f"actor source {name!r} of package {plugin.package!r} failed: "
                                 f"{type(error).__name__}: {error}") from error
    return files


def load_knowledge_base(
    extra_files: Sequence[Path] = (), *, validate: bool = True, shipped_people: bool = True,
    with_plugins: bool = True,
) -> KnowledgeBase:
    """Shipped files, then the files installed packages add (`plugin_actor_files`), then each user file in
    order (later records replace earlier ones with the same id).

    Raises ActorDataError naming every problem (file, record, reason) when a file breaks its schema.
    """
    kb = KnowledgeBase()
    problems: list[DataError] = []
    for file_type, paths in shipped_files().items():
        if file_type == "people" and not shipped_people:
            continue
        for path in paths:
            data = _shipped_data(path)
            if validate:
                found = schema_errors(data, file_type, path)
                if found:
                    problems.extend(found)
                    continue
            _add_section(kb, file_type, data, path)
            kb.files.append(path)
    added = [*(plugin_actor_files() if with_plugins else ()), *extra_files]
    for path in map(Path, added):
        # A .txt file is a CAMEO/PETRARCH/Phoenix dictionary; anything else is eventwire YAML.
        data = _cameo_file(path, kb) if path.suffix.lower() == ".txt" else plain_data(read_yaml(path))
        if data is None:
            continue
        found = schema_errors(data, "people" if isinstance(data, list) else "user", path)
        if found:
            problems.extend(found)
            continue
        _add_user_file(kb, data, path)
        kb.files.append(path)
    if problems:
        raise ActorDataError("invalid actor data:\n  " + "\n  ".join(map(str, problems[:50])))
    return kb


def _cameo_file(path: Path, kb: KnowledgeBase) -> dict[str, Any]:
    from eventwire.actors.cameo import read_cameo_dictionary

    try:
        dictionary = read_cameo_dictionary(path, set(kb.countries))
    except OSError as error:
        raise ActorDataError(f"{path}: cannot read: {error.strerror or error}") from error
    for note in dictionary.notes[:20]:
        logger.info(note)
    sections: dict[str, Any] = {"people": dictionary.people}
    if dictionary.agents:
        sections["agents"] = dictionary.agents
    return sections


# --- consistency checks ----------------------------------------------------------------------------------


def consistency_errors(kb: KnowledgeBase, raw_ids: Iterable[tuple[str, str]] = ()) -> list[DataError]:
    """Problems a schema cannot see: duplicate ids, unknown codes, end before start, overlapping holders.

    raw_ids: (file, id) for every record as read, so duplicates hidden by the id-keyed maps are found.
    """
    errors: list[DataError] = []
    seen: dict[str, str] = {}
    for file, ident in raw_ids:
        if ident in seen:
            errors.append(DataError(file, ident, f"duplicate id (also in {seen[ident]})"))
        else:
            seen[ident] = file
    countries = kb.countries
    for org in kb.organisations.values():
        if org.country and org.country not in countries:
            errors.append(DataError(org.source, org.id, f"unknown country code {org.country}"))
        if org.parent and org.parent not in kb.organisations:
            errors.append(DataError(org.source, org.id, f"unknown parent {org.parent}"))
    for person in kb.people.values():
        if person.country not in countries:
            errors.append(DataError(person.source, person.id, f"unknown country code {person.country}"))
        for spell in person.roles:
            if spell.country and spell.country not in countries:
                errors.append(
                    DataError(person.source, person.id, f"role {spell.role}: unknown country {spell.country}")
                )
            if spell.org and spell.org not in kb.organisations:
                errors.append(
                    DataError(
                        person.source,
                        person.id,
                        f"role {spell.role}: unknown org {spell.org} "
                        "(use an id from igos.yaml or groups.yaml)",
                    )
                )
            if spell.role not in kb.roles:
                errors.append(
                    DataError(
                        person.source,
                        person.id,
                        f"role {spell.role!r} is not in roles.yaml (add it with its sector)",
                    )
                )
            if spell.end is not None and spell.end.last < spell.start.first:
                errors.append(
                    DataError(
                        person.source,
                        person.id,
                        f"role {spell.role}: end {spell.end.text} is before start {spell.start.text}",
                    )
                )
    errors.extend(_overlapping_holders(kb))
    return errors


def _overlapping_holders(kb: KnowledgeBase) -> list[DataError]:
    """Two people holding the same single-holder office of one country at once (certainly, not just
    possibly: partial dates only count as overlapping when every reading of them overlaps)."""
    by_office: dict[tuple[str, str], list[tuple[Person, RoleSpell]]] = {}
    for person in kb.people.values():
        for spell in person.roles:
            info = kb.roles.get(spell.role)
            if info is None or not info.single_holder or spell.country is None:
                continue
            if spell.role == "head_of_state" and spell.country in kb.collective_head_of_state:
                continue
            by_office.setdefault((spell.country, spell.role), []).append((person, spell))
    errors = []
    far_future = dt.date(9999, 12, 31)
    for (country, role), holders in sorted(by_office.items()):
        holders.sort(key=lambda item: item[1].start.first)
        for index, (person_a, spell_a) in enumerate(holders):
            end_a = spell_a.end.first if spell_a.end else far_future
            for person_b, spell_b in holders[index + 1 :]:
                if person_b.id == person_a.id:
                    continue
                end_b = spell_b.end.first if spell_b.end else far_future
                if spell_a.start.last < end_b and spell_b.start.last < end_a:
                    errors.append(
                        DataError(
                            person_b.source,
                            person_b.id,
                            f"{role} of {country} from {spell_b.start.text} overlaps {person_a.id} "
                            f"({spell_a.start.text} to {spell_a.end.text if spell_a.end else 'now'})",
                        )
                    )
    return errors


def raw_ids_of(paths: dict[str, list[Path]], extra_files: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """(file, id) of every record in the given files, read again without de-duplication."""
    found = []
    for file_type, file_paths in paths.items():
        if file_type in ("roles", "agents"):
            continue
        for path in file_paths:
            for record in read_yaml(path) or ():
                ident = record.get("iso3") or record.get("id")
                found.append((str(path), str(ident)))
    return found
