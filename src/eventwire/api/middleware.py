"""Pure ASGI middleware: security headers and the catch-all 500, the rate limit, the body size cap.

Pure ASGI (not BaseHTTPMiddleware) so a request body is streamed through the size check and never
buffered whole before it is refused.
"""

from __future__ import annotations

import logging
import math

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.errors import error_bytes
from eventwire.api.ratelimit import TokenBucketLimiter

log = logging.getLogger("eventwire.api")

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


async def _send_error(send: Send, status: int, message: str, headers: list[tuple[bytes, bytes]] = (),
                      parameter: str | None = None) -> None:
    body = error_bytes(status, message, parameter)
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS, *headers,
    ]})
    await send({"type": "http.response.body", "body": body})


class GuardMiddleware:
    """Outermost: every response gets the security headers; an unexpected exception is logged here with
    its traceback and the client gets a generic 500 (never the trace, whatever debug settings say)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in SECURITY_HEADERS if h[0] not in present)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _send_error(send, 500, "internal server error; the details are in the server log")


class RateLimitMiddleware:
    """A token bucket per client address; an empty bucket answers 429 with Retry-After."""

    def __init__(self, app: ASGIApp, limiter: TokenBucketLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            client = scope.get("client")
            wait = self.limiter.acquire(client[0] if client else "unknown")
            if wait > 0:
                retry = str(max(1, math.ceil(wait))).encode()
                await _send_error(send, 429, "too many requests; slow down and retry later",
                                  [(b"retry-after", retry)])
                return
        await self.app(scope, receive, send)


class _BodyTooLarge(StarletteHTTPException):
    # An HTTPException, because FastAPI turns any other error raised while it reads the body into a 400.
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, _too_large(max_bytes))


def _too_large(max_bytes: int) -> str:
    return f"request body over the limit of {max_bytes} bytes"


class BodyLimitMiddleware:
    """Requests whose body is over max_bytes get 413: refused from Content-Length before reading, or cut
    off while streaming when the length is not declared (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await _send_error(send, 400, "Content-Length is not a number")
                return
            if int(declared) > self.max_bytes:
                await _send_error(send, 413, _too_large(self.max_bytes))
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _send_error(send, 413, _too_large(self.max_bytes))


# Host names every local server answers to; `eventwire serve` adds the bound address and --allow-host.
LOOPBACK_HOSTS: frozenset[str] = frozenset({"127.0.0.1", "localhost", "[::1]"})
MAX_HEADER_BYTES = 16 * 1024  # h11's own default limit for a request head; browsers stay far below it
# Set in the scope of a HEAD request that HeadMiddleware passes on as a GET, for routes that can skip
# work whose body nobody will read (the export download).
HEAD_SCOPE_KEY = "eventwire.head"


def host_name(value: str) -> str:
    """The name part of a Host header or a configured host, lower case, IPv6 literals bracketed:
    'LocalHost:8000' -> 'localhost', '[::1]:8000' -> '[::1]', '::1' -> '[::1]'."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[:end + 1] if end > 0 else value
    if value.count(":") > 1:  # a bare IPv6 address (a configured host; a Host header brackets it)
        return f"[{value}]"
    return value.split(":", 1)[0]


class HostMiddleware:
    """Only requests whose Host header names this server are answered; anything else is 400.

    A web page on another site can make the analyst's browser send requests here under its own name (DNS
    rebinding: attacker.example first resolves to the attacker, then to 127.0.0.1). The browser then
    treats the answers as attacker.example's own and lets its script read the store. The Host header still
    says attacker.example, so refusing names other than our own stops it."""

    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str]) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host_name(name) for name in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = next((value for name, value in scope.get("headers", []) if name == b"host"), None)
            name = host_name(given.decode("latin-1")) if given is not None else ""
            if name not in self.allowed_hosts:
                # The refused name is not echoed: the answer says what to do, not what was sent.
                await _send_error(send, 400, "this server does not answer to that Host name; start"
                                  " `eventwire serve` with --allow-host NAME to serve it under another name",
                                  parameter="Host")
                return
        await self.app(scope, receive, send)


class HeaderLimitMiddleware:
    """A request whose header names and values add up to more than max_bytes gets 431 (the server's own
    parser refuses much larger heads before they get here)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_HEADER_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            size = sum(len(name) + len(value) for name, value in scope.get("headers", []))
            if size > self.max_bytes:
                await _send_error(send, 431, f"request headers over the limit of {self.max_bytes} bytes",
                                  parameter="headers")
                return
        await self.app(scope, receive, send)


class HeadMiddleware:
    """HEAD is answered on every GET route: the request goes on as a GET (marked with HEAD_SCOPE_KEY) and
    the answer keeps its status and headers (Content-Length included) but not its body. FastAPI's routes
    answer only the methods they declare, so without this a HEAD is 405 everywhere but the page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET", HEAD_SCOPE_KEY: True}, receive, send_without_body)
