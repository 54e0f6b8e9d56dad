"""Extension points: other installed packages add exporters, store backends, engines and actor data.

A package extends eventwire by declaring entry points in its own `pyproject.toml`; nothing in eventwire
has to be edited or imported by the user:

    [project.entry-points."eventwire.exporters"]
    my-format = "my_package.export:write_my_format"   # (events, output path) -> ExportResult

    [project.entry-points."eventwire.store_backends"]
    duckdb = "my_package.store:DUCKDB"                # a store.backend.Backend, found by URL scheme

    [project.entry-points."eventwire.engines"]
    ray = "my_package.engine:open_ray"                # (CoderSpec, workers, scheduler) -> Engine

    [project.entry-points."eventwire.actor_sources"]
    my-actors = "my_package.actors:files"             # () -> actor files (eventwire YAML or CAMEO .txt)

The built-in names win over a plugin's of the same name (a plugin cannot silently change what
`--format csv` writes). Plugins are loaded when first asked for, and a plugin that fails to load is an
error naming the plugin and its package, not a silent omission. docs/extending.md has a worked example.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from typing import TypeVar

EXPORTERS = "eventwire.exporters"
STORE_BACKENDS = "eventwire.store_backends"
ENGINES = "eventwire.engines"
ACTOR_SOURCES = "eventwire.actor_sources"
GROUPS = (EXPORTERS, STORE_BACKENDS, ENGINES, ACTOR_SOURCES)

T = TypeVar("T")


class PluginError(RuntimeError):
    """A plugin that is declared but cannot be loaded: names the entry point and its package."""


@dataclass(frozen=True, slots=True)
class Plugin:
    group: str
    entry: metadata.EntryPoint
    package: str  # the distribution that declares it

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def value(self) -> str:
        """What the entry point names: "module:attribute"."""
        return self.entry.value

    def load(self) -> object:
        try:
            return self.entry.load()
        except Exception as error:  # any import-time failure of third-party code
            raise PluginError(
                f"plugin {self.name!r} ({self.group} = {self.value!r}) of package {self.package!r} cannot"
                f" be loaded: {type(error).__name__}: {error}") from error


@functools.cache
def plugins(group: str) -> dict[str, Plugin]:
    """The plugins installed for `group`, by name (not loaded yet)."""
    if group not in GROUPS:
        raise ValueError(f"unknown extension point {group!r} (one of {', '.join(GROUPS)})")
    found: dict[str, Plugin] = {}
    for entry in metadata.entry_points(group=group):
        package = entry.dist.name if entry.dist is not None else "?"
        found.setdefault(entry.name, Plugin(group, entry, package))
    return found


def names(group: str, builtins: Iterable[str]) -> list[str]:
    """The built-in names, then those plugins of `group` add (a plugin never replaces a built-in)."""
    builtins = list(builtins)
    return [*builtins, *(name for name in plugins(group) if name not in builtins)]


def choose(group: str, name: str, builtins: Mapping[str, T], fail: Callable[[str], Exception],
           unknown: Callable[[], str]) -> T | object:
    """The built-in `name`, else the plugin of that name loaded; `fail(message)` is raised for a name
    nobody declares (`unknown()` says which there are) and for a plugin that cannot load."""
    if name in builtins:
        return builtins[name]
    plugin = plugins(group).get(name)
    if plugin is None:
        raise fail(unknown())
    try:
        return plugin.load()
    except PluginError as error:
        raise fail(str(error)) from error


def refresh() -> None:
    """Forget what was found: for a package installed (or put on sys.path) while this process runs."""
    plugins.cache_clear()


__all__ = ["ACTOR_SOURCES", "ENGINES", "EXPORTERS", "GROUPS", "STORE_BACKENDS", "Plugin", "PluginError",
           "choose", "names", "plugins", "refresh"]
