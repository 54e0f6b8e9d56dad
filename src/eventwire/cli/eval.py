"""`eventwire eval STAGE|all`: score stages against gold data, in this one process."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import click

from eventwire.evaluation.registry import STAGES, GoldFormatError, StageCrashed, run_stage
from eventwire.evaluation.results import StageResult

EXIT_BELOW_FLOOR = 1


@click.command("eval")
@click.argument("stage", type=click.Choice([*STAGES, "all"]), metavar="STAGE")
@click.option(
    "--gold",
    type=click.Path(path_type=Path),
    help="Gold data of one stage (default: its set under --shared, or eval/actors/cases.jsonl for actors).",
)
@click.option(
    "--shared",
    type=click.Path(path_type=Path),
    default=Path("../shared"),
    show_default=True,
    help="The shared folder whose eval/ holds the gold sets.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N gold items of each stage.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--errors", is_flag=True, help="List every failure: id, gold and predicted value.")
@click.option(
    "--floors",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="TOML of minimum figures; exit 1 when one is not met.",
)
@click.option(
    "--report", type=click.Path(path_type=Path, dir_okay=False), help="Write the Markdown report here."
)
def eval_command(
    stage: str,
    gold: Path | None,
    shared: Path,
    limit: int | None,
    fmt: str,
    errors: bool,
    floors: Path | None,
    report: Path | None,
) -> None:
    """Score STAGE against gold data, or `all` stages (the quality report of `make eval`).

    \b
      eventwire eval extract --gold ../shared/eval/article-extraction --errors
      eventwire eval all --shared ../shared --floors eval/floors.toml --report docs/quality.md
    Exit codes: 0 scored (and floors met), 1 a floor not met / no or bad gold / a stage failed.
    """
    from eventwire.evaluation.suite import FloorsError, StageOutcome, floor_violations, load_floors

    try:
        floor_table = load_floors(floors) if floors else {}
    except FloorsError as bad_floors:
        raise click.ClickException(str(bad_floors)) from bad_floors
    if stage == "all":
        if gold is not None:
            raise click.UsageError("--gold names one stage's data; with `all` use --shared")
        arguments = ["--shared", str(shared)]
        arguments += ["--floors", str(floors)] if floors else []
        arguments += ["--report", str(report)] if report else []
        arguments += ["--limit", str(limit)] if limit else []
        command = shlex.join(["eventwire", "eval", "all", *arguments])
        _run_all(shared, limit, fmt, errors, floor_table, report, command)
        return
    gold_path = gold or STAGES[stage].default_gold(shared)
    try:
        result = run_stage(stage, gold_path, limit=limit, shared=shared)
    except (FileNotFoundError, GoldFormatError, StageCrashed) as failure:
        raise click.ClickException(str(failure)) from failure
    _print(result, fmt, errors)
    violations = floor_violations([StageOutcome(stage, "scored", gold_path, result)], floor_table)
    _exit_on(violations)


def _run_all(
    shared: Path,
    limit: int | None,
    fmt: str,
    errors: bool,
    floor_table: dict[str, dict[str, float]],
    report: Path | None,
    command: str,
) -> None:
    from eventwire.evaluation.report import render, write_report
    from eventwire.evaluation.suite import floor_violations, run_all

    outcomes = run_all(shared, limit=limit)
    violations = floor_violations(outcomes, floor_table)
    if fmt == "json":
        document = {
            outcome.stage: outcome.result.as_json(errors)
            if outcome.result
            else {"status": outcome.status, "message": outcome.message}
            for outcome in outcomes
        }
        click.echo(json.dumps({"stages": document, "floor_violations": violations}, indent=2))
    else:
        for outcome in outcomes:
            if outcome.result:
                click.echo(outcome.result.as_table(errors) + "\n")
            else:
                click.echo(f"{outcome.stage}: {outcome.status}: {outcome.message}\n")
    if report:
        text = render(outcomes, floor_table, shared=shared, command=command, violations=violations)
        write_report(report, text)
        click.echo(f"report written to {report}", err=True)
    _exit_on(violations)


def _print(result: StageResult, fmt: str, errors: bool) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.as_json(errors), indent=2, ensure_ascii=False))
    else:
        click.echo(result.as_table(errors))


def _exit_on(violations: list[str]) -> None:
    for violation in violations:
        click.echo(f"floor: {violation}", err=True)
    if violations:
        sys.exit(EXIT_BELOW_FLOOR)
