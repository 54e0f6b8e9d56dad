"""Acceptance checks on the real pages in ../shared/examples/, run by `make eval` (not by `make test`, whose
clone has no ../shared). A missing folder is an error here, never a skip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--shared", default=os.environ.get("EVENTWIRE_SHARED", "../shared"),
                     help="the shared reference folder (holds examples/ and eval/)")


@pytest.fixture(scope="session")
def shared(request: pytest.FixtureRequest) -> Path:
    folder = Path(request.config.getoption("--shared")).resolve()
    if not (folder / "examples").is_dir():
        raise pytest.UsageError(f"{folder}/examples not found: pass --shared PATH to the shared folder")
    return folder
