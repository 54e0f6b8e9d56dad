"""Every error the API answers has one JSON shape, naming the parameter when one is at fault:

    {"error": {"status": 400, "code": "bad_parameter", "parameter": "limit", "message": "..."}}
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.store import QueryError

# HTTP status -> the code clients can switch on
_CODES: dict[int, str] = {400: "bad_parameter", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                          405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type",
                          422: "bad_body", 429: "rate_limited", 431: "headers_too_large", 500: "internal",
                          503: "unavailable"}


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


def error_bytes(status: int, message: str, parameter: str | None = None) -> bytes:
    return json.dumps(error_body(status, message, parameter)).encode()


REDACTED = "[token]"


def redact(text: str, secret: str | None) -> str:
    """`text` with every occurrence of the ingest token replaced (a client may echo it into a parameter
    or the path, and both go into error messages and the access log)."""
    return text.replace(secret, REDACTED) if secret else text


def _secret(request: Request) -> str | None:
    return getattr(request.app.state, "ingest_token", None)


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
    return error_response(error.status, redact(error.message, _secret(request)), error.parameter,
                          error.headers)


async def on_query_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, QueryError)
    return error_response(400, redact(error.reason, _secret(request)), query_parameter(error.option))


async def on_http_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    message = error.detail if isinstance(error.detail, str) else "request refused"
    return error_response(error.status_code, redact(message, _secret(request)),
                          headers=dict(error.headers or {}))


async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own parameter checks (a limit out of range, a non-number): the first problem, named."""
    assert isinstance(error, RequestValidationError)
    problems = error.errors()
    first = problems[0] if problems else {}
    location = [str(part) for part in first.get("loc", ())]
    if location and location[0] == "body":
        where = ".".join(location[1:]) or "body"
        message = f"{where}: {first.get('msg', 'invalid value')}"
        return error_response(422, redact(message, _secret(request)), parameter="body")
    names = [part for part in location[1:] if not part.isdigit()]
    parameter = names[0] if names else (location[-1] if location else "request")
    return error_response(400, redact(str(first.get("msg", "invalid value")), _secret(request)), parameter)


# Loggers whose lines can carry what a client sent: uvicorn's access log (method, path and query string),
# its error log, and ours.
REQUEST_LOGGERS = ("uvicorn", "uvicorn.access", "uvicorn.error", "eventwire", "eventwire.api")


class TokenLogFilter(logging.Filter):
    """Replaces the ingest token in every log line (and traceback) that passes through, so a token a client
    put in a URL never reaches the access log. Attached to the request loggers and to their handlers (a
    logger's own filters do not see records propagated from its children; its handlers do)."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if self.secret in message:
            # Each argument blanked in place: formatters such as uvicorn's access log read the arguments.
            if isinstance(record.msg, str):
                record.msg = redact(record.msg, self.secret)
            if isinstance(record.args, tuple):
                record.args = tuple(redact(arg, self.secret) if isinstance(arg, str) else arg
                                    for arg in record.args)
            elif isinstance(record.args, dict):
                record.args = {key: redact(arg, self.secret) if isinstance(arg, str) else arg
                               for key, arg in record.args.items()}
            if self.secret in record.getMessage():  # in an argument that is not a string: the whole line
                record.msg, record.args = redact(record.getMessage(), self.secret), ()
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = redact(record.exc_text, self.secret)
        return True

    def targets(self) -> list[logging.Filterer]:
        loggers = [logging.getLogger(name) for name in REQUEST_LOGGERS]
        handlers = {id(h): h for logger in [*loggers, logging.getLogger()] for h in logger.handlers}
        return [*loggers, *handlers.values()]

    def install(self) -> list[logging.Filterer]:
        installed = self.targets()
        for target in installed:
            target.addFilter(self)
        return installed

    def remove(self, installed: list[logging.Filterer]) -> None:
        for target in installed:
            target.removeFilter(self)
