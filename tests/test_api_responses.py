"""Every API route answers as it did before the store's reader and the routers (issue #19): the answers
were recorded from the code before the change by tests/fixtures/api/record_responses.py, and are asked
again here on the same sample store. Bodies are compared as JSON text, so a reordered key counts too."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "api"
sys.path.insert(0, str(FIXTURES))
import record_responses  # noqa: E402

RECORDED: dict[str, Any] = json.loads(record_responses.RECORDED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def current(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return record_responses.record(tmp_path_factory.mktemp("api-responses"))


def test_the_recording_asks_every_route() -> None:
    # A route added later without a recorded answer would go unchecked: every GET path is asked.
    asked = {path.split("?")[0] for path in record_responses.REQUESTS}
    templates = {operation.split(" ", 1)[1] for operation in RECORDED["operations"]
                 if operation.startswith("GET ")}
    for template in templates:
        prefix = template.split("{")[0]
        assert any(path == template or ("{" in template and path.startswith(prefix) and path != prefix)
                   for path in asked), template


def test_openapi_lists_the_same_operations_and_parameters(current: dict[str, Any]) -> None:
    assert current["operations"] == RECORDED["operations"]


def test_the_store_records_served_as_they_are_keep_their_field_descriptions(tmp_path: Path) -> None:
    from eventwire.api import create_app
    from eventwire.api.docs import RECORD_FIELD_NOTES
    from test_api import build_store

    build_store(tmp_path / "sample.db")
    schemas = create_app(str(tmp_path / "sample.db")).openapi()["components"]["schemas"]
    for record, notes in RECORD_FIELD_NOTES.items():  # a renamed record or field would lose its note
        for name, note in notes.items():
            assert schemas[record]["properties"][name]["description"] == note, (record, name)


@pytest.mark.parametrize("path", record_responses.REQUESTS)
def test_every_route_answers_as_before(current: dict[str, Any], path: str) -> None:
    before, now = RECORDED["answers"][path], current["answers"][path]
    assert (now["status"], now["media_type"]) == (before["status"], before["media_type"])
    assert json.dumps(now["body"], ensure_ascii=False) == json.dumps(before["body"], ensure_ascii=False)
