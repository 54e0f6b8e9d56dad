"""Extension points: other installed packages add exporters, store backends and engines.

A package extends eventwire by declaring entry points in its own `pyproject.toml`; nothing in eventwire
has to be edited or imported by the user:

    [project.entry-points."eventwire.exporters"]
    my-format = "my_package.export:write_my_format"   # (events, output path) -> ExportResult

    [project.entry-points."eventwire.store_backends"]
    duckdb = "my_package.store:DUCKDB"                # a store.backend.Backend, found by URL scheme

    [project.entry-points."eventwire.engines"]
    ray = "my_package.engine:open_ray"                # (CoderSpec, workers, scheduler) -> Engine

The built-in names win over a plugin's of the same name (a plugin cannot silently change what
`--format csv` writes). Plugins are loaded when first asked for, and a plugin that fails to load is an
error naming the plugin and its package, not a silent omission. docs/extending.md has a worked example.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import metadata

EXPORTERS = "eventwire.exporters"
STORE_BACKENDS = "eventwire.store_backends"
ENGINES = "eventwire.engines"
GROUPS = (EXPORTERS, STORE_BACKENDS, ENGINES)


class PluginError(RuntimeError):
    """A plugin that is declared but cannot be loaded: names the entry point and its package."""


@dataclass(frozen=True, slots=True)
class Plugin:
    group: str
    name: str
    value: str  # "module:attribute"
    package: str  # the distribution that declares it

    def load(self) -> object:
        try:
            return _entry_point(self.group, self.name).load()
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
        found.setdefault(entry.name, Plugin(group, entry.name, entry.value, package))
    return found


def _entry_point(group: str, name: str) -> metadata.EntryPoint:
    for entry in metadata.entry_points(group=group):
        if entry.name == name:
            return entry
    raise PluginError(f"no plugin {name!r} in {group}")


def refresh() -> None:
    """Forget what was found: for a package installed (or put on sys.path) while this process runs."""
    plugins.cache_clear()


__all__ = ["ENGINES", "EXPORTERS", "GROUPS", "STORE_BACKENDS", "Plugin", "PluginError", "plugins", "refresh"]
