"""Every error the API answers has one JSON shape, naming the parameter when one is at fault:

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "limit", "message": "..."}}
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.store.queries import QueryError

# HTTP status -> the code clients can switch on
_CODES: dict[int, str] = {400: "bad_parameter", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                          405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
                          422: "bad_body", 429: "rate_limited", 500: "internal", 503: "unavailable"}


class ApiError(Exception):
    """A request the API refuses, with what the client can do about it."""

    def __init__(self, status: int, message: str, *, parameter: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter
        self.headers = headers or {}


def bad_parameter(parameter: str, message: str) -> ApiError:
    return ApiError(400, message, parameter=parameter)


def error_body(status: int, message: str, parameter: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": _CODES.get(status, "error")}
    if parameter is not None:
        error["parameter"] = parameter
    error["message"] = message
    return {"error": error}


def error_bytes(status: int, message: str) -> bytes:
    return json.dumps(error_body(status, message)).encode()


def error_response(status: int, message: str, parameter: str | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, parameter), status_code=status, headers=headers)


# CLI options whose API parameter has another name, not just another spelling.
_RENAMED_OPTIONS = {"actor-role": "role"}


def query_parameter(option: str) -> str:
    """QueryError names CLI options (quad-class); the API's parameters are snake_case (quad_class)."""
    return _RENAMED_OPTIONS.get(option, option.replace("-", "_"))


async def on_api_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return error_response(error.status, error.message, error.parameter, error.headers)


async def on_query_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, QueryError)
    return error_response(400, error.reason, query_parameter(error.option))


async def on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    message = error.detail if isinstance(error.detail, str) else "request refused"
    return error_response(error.status_code, message, headers=dict(error.headers or {}))


async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own parameter checks (a limit out of range, a non-number): the first problem, named."""
    assert isinstance(error, RequestValidationError)
    problems = error.errors()
    first = problems[0] if problems else {}
    location = [str(part) for part in first.get("loc", ())]
    if location and location[0] == "body":
        where = ".".join(location[1:]) or "body"
        return error_response(422, f"{where}: {first.get('msg', 'invalid value')}", parameter="body")
    names = [part for part in location[1:] if not part.isdigit()]
    parameter = names[0] if names else (location[-1] if location else "request")
    return error_response(400, str(first.get("msg", "invalid value")), parameter)
