"""Extension points (eventwire.plugins, docs/extending.md): the worked example package adds an export
format and an engine through entry points, without eventwire importing it by name."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import plugins
from eventwire.cli import main
from eventwire.engines import CoderSpec, EngineError, engine_names, open_engine
from eventwire.export import ExportError, export_events, export_formats
from eventwire.store import Store, StoreError
from eventwire.store.queries import EventQuery, iter_events

PLUGINS = Path(__file__).parent / "fixtures" / "plugins"


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The example packages as if installed: their folders (with .dist-info) on sys.path."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    plugins.refresh()
    yield
    monkeypatch.undo()
    plugins.refresh()


def test_without_the_package_its_format_and_engine_are_unknown(tmp_path: Path) -> None:
    plugins.refresh()
    assert "dyads-tsv" not in export_formats()
    assert "same-process" not in engine_names()
    with pytest.raises(ExportError, match="unknown export format 'dyads-tsv'"):
        export_events([], "dyads-tsv", tmp_path / "x.tsv")


def test_an_installed_exporter_is_listed_and_writes_through_the_cli(
    installed: None, sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    assert export_formats()[:4] == ["plover-jsonl", "csv", "parquet", "gdelt"]
    assert "dyads-tsv" in export_formats()
    output = tmp_path / "dyads.tsv"
    result = CliRunner().invoke(main, ["export", "--db", sample[2], "--format", "dyads-tsv",
                                       "-o", str(output), "--place-country", "UKR"])
    assert result.exit_code == 0, result.output
    assert "2 events exported as dyads-tsv" in result.stdout
    with output.open(encoding="utf-8") as lines:
        table = list(csv.DictReader(lines, delimiter="\t"))
    store = sample[0]
    expected = [event.event_id for event in iter_events(store, EventQuery(location_countries=("UKR",)))]
    assert sorted(row["event_id"] for row in table) == sorted(expected)
    assert all(row["type"] for row in table)


def test_a_plugin_cannot_replace_a_built_in_format(
    installed: None, sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    # The example also declares "csv": the built-in writer must still be the one used.
    output = tmp_path / "x.csv"
    result = CliRunner().invoke(main, ["export", "--db", sample[2], "--format", "csv", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("event_id,date,date_end")
    assert export_formats().count("csv") == 1


def test_an_unknown_format_names_the_ones_there_are(
    installed: None, sample: tuple[Store, dict[str, str], str], tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, ["export", "--db", sample[2], "--format", "xlsx", "-o",
                                       str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert "'xlsx' is not one of plover-jsonl, csv, parquet, gdelt" in result.stderr
    assert "dyads-tsv" in result.stderr


def test_a_plugin_that_cannot_load_is_an_error_naming_it_and_its_package(installed: None, tmp_path: Path
                                                                         ) -> None:
    with pytest.raises(ExportError) as raised:
        export_events([], "broken-format", tmp_path / "x.out")
    message = str(raised.value)
    assert "'broken-format'" in message and "'eventwire-broken'" in message
    assert "ModuleNotFoundError" in message
    assert not list(tmp_path.iterdir())  # nothing written, not even a staging folder
    with pytest.raises(StoreError, match=r"'brokendb'.*'eventwire-broken'"):
        Store.open("brokendb://somewhere/db")


def test_an_unknown_database_scheme_lists_the_installed_ones(installed: None) -> None:
    with pytest.raises(StoreError) as raised:
        Store.open("mysql://localhost/events")
    message = str(raised.value)
    assert "sqlite://" in message and "postgresql://" in message and "brokendb://" in message


def test_an_installed_engine_is_started_by_name(installed: None) -> None:
    assert "same-process" in engine_names()
    spec = CoderSpec(with_places=False)
    with pytest.raises(EngineError, match="no scheduler"):
        open_engine("same-process", spec=spec, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(EngineError, match="unknown engine 'ray'; choose one of local, dask, same-process"):
        open_engine("ray", spec=spec)


def test_an_installed_actor_source_adds_its_actors_before_the_users_files(installed: None,
                                                                           tmp_path: Path) -> None:
    from eventwire.actors import ActorResolver
    from eventwire.actors.kb import load_knowledge_base

    militia = "ew:grp-example-river-valley-militia"
    assert militia not in load_knowledge_base(with_plugins=False).organisations
    resolved = ActorResolver.load().resolve("River Valley fighters")
    assert (resolved.actor_id, resolved.country, resolved.sector) == (militia, "COD", "REB")
    # a user's --actors file still has the last word on the same id
    user = tmp_path / "mine.yaml"
    user.write_text('groups:\n  - {id: "ew:grp-example-river-valley-militia", name: River Valley Militia,'
                    ' country: UGA, sector: REB, aliases: [River Valley fighters]}\n', encoding="utf-8")
    assert ActorResolver.load([user]).resolve("River Valley fighters").country == "UGA"


def test_an_actor_source_that_fails_is_an_error_naming_it(installed: None, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.actors.kb import ActorDataError, load_knowledge_base

    package = tmp_path / "eventwire_badactors-0.1.0.dist-info"
    package.mkdir()
    (package / "METADATA").write_text("Metadata-Version: 2.1\nName: eventwire-badactors\nVersion: 0.1.0\n")
    (package / "entry_points.txt").write_text("[eventwire.actor_sources]\nbad = eventwire_badactors:files\n")
    (tmp_path / "eventwire_badactors.py").write_text("def files():\n    raise OSError('no such folder')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins.refresh()
    with pytest.raises(ActorDataError, match="actor source 'bad' of package 'eventwire-badactors' failed: "
                                             "OSError: no such folder"):
        load_knowledge_base()


def test_an_actor_sources_files_are_part_of_the_coder_version(installed: None, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.events.coder import _coder_version

    with_example = _coder_version()
    monkeypatch.setattr("eventwire.actors.plugin_actor_files", lambda: [])
    assert _coder_version() != with_example
