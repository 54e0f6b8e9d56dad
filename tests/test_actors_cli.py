"""`eventwire actor`: phrases, --date, --input JSONL, --actors, table output, actionable errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "actors"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["actor", *args])
    return result.exit_code, result.output


def test_phrases_at_a_date_as_jsonl() -> None:
    code, output = run(
        "the Iraqi Prime Minister",
        "Baghdad",
        "--date",
        "2021-03-01",
        "--actors",
        str(FIXTURES / "people.yaml"),
    )
    assert code == 0
    first, second = (json.loads(line) for line in output.splitlines())
    assert "Kadhimi" in first["name"]  # the fixture's (or the shipped) record of the 2021 holder
    assert first["date"] == "2021-03-01"
    assert (second["country"], second["sector"], second["kind"]) == ("IRQ", "GOV", "country")


def test_input_file_with_dates_per_record(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"id": "a", "text": "Iraqi Prime Minister", "date": "2019-06-01"}\n'
        '{"id": "b", "text": "Iraqi Prime Minister", "date": "2023-06-01"}\n',
        encoding="utf-8",
    )
    code, output = run("--input", str(cases), "--actors", str(FIXTURES / "people.yaml"))
    assert code == 0
    records = {record["id"]: record for record in map(json.loads, output.splitlines())}
    assert "Mahdi" in records["a"]["name"]
    assert "Sudani" in records["b"]["name"]


def test_table_format_has_a_header_and_one_row_per_phrase() -> None:
    code, output = run("Iraqi forces", "police", "--format", "table", "--date", "2021-01-01")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].split()[:3] == ["text", "date", "actor_id"]
    assert len(lines) == 3
    assert "MIL" in lines[1]


def test_errors_name_the_problem(tmp_path: Path) -> None:
    code, output = run("x", "--actors", str(FIXTURES / "bad_people.yaml"))
    assert code != 0
    assert "bad_people.yaml" in output
    code, output = run("x", "--date", "yesterday")
    assert code != 0
    assert "not an ISO date" in output
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    code, output = run("--input", str(broken))
    assert code != 0
    assert "broken.jsonl:1" in output
    code, output = run()
    assert code != 0


def test_article_gives_the_evidence_for_surnames(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "CHARLESTON, W.Va. - Police said Clark shot his neighbour. Turkish President Recep Tayyip Erdogan "
        "was not involved.\n",
        encoding="utf-8",
    )
    code, output = run(
        "Clark", "Erdogan", "--article", str(story), "--country", "USA", "--date", "2016-05-03"
    )
    assert code == 0
    clark, erdogan = (json.loads(line) for line in output.splitlines())
    assert (clark["actor_id"], clark["country"]) == (None, "USA")
    assert erdogan["actor_id"] == "ew:tur-recep-tayyip-erdogan"
    assert erdogan["link_rule"] == "surname_after_full_name"
    code, output = run("Clark", "--article", str(tmp_path / "missing.txt"))
    assert code != 0 and "cannot read" in output
