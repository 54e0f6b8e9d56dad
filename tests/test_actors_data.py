"""The shipped actor knowledge base (including whatever is in data/actors/people/ at test time) is valid:
every file passes its JSON Schema, and the data has no duplicate ids, unknown country codes, roles that
end before they start, overlapping holders of a single-holder office, or aliases naming two actors.
A failure here lists data errors to fix in the named file."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.actors.kb import (
    consistency_errors,
    load_knowledge_base,
    plain_data,
    raw_ids_of,
    read_yaml,
    schema_errors,
    shipped_files,
)

FILES = [(file_type, path) for file_type, paths in shipped_files().items() for path in paths]


@pytest.mark.parametrize(("file_type", "path"), FILES, ids=[path.name for _, path in FILES])
def test_shipped_file_matches_its_schema(file_type: str, path) -> None:
    errors = schema_errors(plain_data(read_yaml(path)), file_type, path)
    assert not errors, "\n".join(map(str, errors))


def test_knowledge_base_is_consistent() -> None:
    kb = load_knowledge_base(validate=False)
    errors = consistency_errors(kb, raw_ids_of(shipped_files()))
    assert not errors, f"{len(errors)} data errors:\n" + "\n".join(map(str, errors))


def test_no_alias_names_two_countries_or_organisations() -> None:
    ambiguous = ActorResolver.load().ambiguous_aliases()
    assert not ambiguous, "\n".join(f"{key!r}: {sorted(ids)}" for key, ids in sorted(ambiguous.items()))


def test_countries_cover_the_un_and_common_territories() -> None:
    kb = load_knowledge_base(validate=False)
    members = [c for c in kb.countries.values() if c.status == "un_member"]
    assert len(members) == 193
    assert {"PSE", "VAT"} <= {c.iso3 for c in kb.countries.values() if c.status == "un_observer"}
    assert {"XKX", "TWN", "HKG", "ESH", "PRI"} <= set(kb.countries)
    without_demonym = [c.iso3 for c in members if not c.demonyms and c.iso3 not in {"DMA", "COG"}]
    assert not without_demonym


def test_consistency_checks_catch_planted_errors(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    hog = "role: head_of_government"
    bad.write_text(
        f"- {{id: 'ew:irq-a', name: A, country: IRQ, roles: [{{{hog}, start: 2030, end: 2020}}]}}\n"
        f"- {{id: 'ew:irq-b', name: B, country: IRQ, roles: [{{{hog}, start: 2019-01, end: 2021}}]}}\n"
        "- {id: 'ew:irq-c', name: C, country: IRQ, roles: [{role: head_of_government, start: 2020-06-01}]}\n"
        "- {id: 'ew:zzz-d', name: D, country: ZZZ, roles: [{role: made_up_role, start: 2020}]}\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base([bad], validate=False, shipped_people=False)
    files = shipped_files()
    files["people"] = [*files["people"], bad, bad]  # the same file twice: every id a duplicate
    reasons = [error.reason for error in consistency_errors(kb, raw_ids_of(files))]
    assert any("end 2020 is before start 2030" in reason for reason in reasons)
    assert any("overlaps ew:irq-b" in reason for reason in reasons)
    assert any("unknown country code ZZZ" in reason for reason in reasons)
    assert any("made_up_role" in reason for reason in reasons)
    assert any(reason.startswith("duplicate id") for reason in reasons)


def test_same_day_handover_is_not_an_overlap(tmp_path) -> None:
    handover = tmp_path / "handover.yaml"
    hog = "role: head_of_government"
    handover.write_text(
        f"- {{id: 'ew:irq-a', name: A, country: IRQ, roles: [{{{hog}, start: 2018, end: 2020-05-07}}]}}\n"
        "- {id: 'ew:irq-b', name: B, country: IRQ, roles: [{role: head_of_government, start: 2020-05-07}]}\n",
        encoding="utf-8",
    )
    kb = load_knowledge_base([handover], validate=False, shipped_people=False)
    assert not [e for e in consistency_errors(kb) if "ew:irq-" in e.record and "overlaps" in e.reason]


def test_group_files_in_the_groups_folder_are_loaded_and_validated(tmp_path, monkeypatch) -> None:
    from eventwire.actors import kb as kb_module
    from eventwire.actors.kb import ActorDataError

    folder = tmp_path / "groups"
    folder.mkdir()
    (folder / "parties_test.yaml").write_text(
        "- {id: 'ew:grp-test-party', name: Test Party of Testland, country: FRA, sector: PTY,"
        " aliases: [TPT]}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kb_module, "GROUPS_DIR", folder)
    assert folder / "parties_test.yaml" in shipped_files()["groups"]
    kb = load_knowledge_base(shipped_people=False)
    assert kb.organisations["ew:grp-test-party"].country == "FRA"
    (folder / "broken.yaml").write_text("- {id: 'ew:grp-broken', country: FRA}\n", encoding="utf-8")
    with pytest.raises(ActorDataError, match=r"broken\.yaml"):
        load_knowledge_base(shipped_people=False)


def test_parsed_shipped_files_are_cached_and_the_cache_follows_the_file(tmp_path, monkeypatch) -> None:
    from eventwire.actors.kb import _shipped_data

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data_file = tmp_path / "groups.yaml"
    data_file.write_text("- {id: 'ew:grp-a', name: A, start: 2020-05-07}\n", encoding="utf-8")
    first = _shipped_data(data_file)
    assert first == [{"id": "ew:grp-a", "name": "A", "start": "2020-05-07"}]  # plain: the date as text
    assert list((tmp_path / "cache").rglob("*.pickle"))  # written
    assert _shipped_data(data_file) == first  # read back from the cache
    data_file.write_text("- {id: 'ew:grp-b', name: Bee}\n", encoding="utf-8")  # another size: a new key
    assert _shipped_data(data_file) == [{"id": "ew:grp-b", "name": "Bee"}]
