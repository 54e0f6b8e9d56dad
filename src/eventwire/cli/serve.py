"""`eventwire serve`: the HTTP API over a store (eventwire.api), with uvicorn."""

from __future__ import annotations

import ipaddress
import os

import click

from eventwire.cli._common import db_option

LOOPBACK_HOST = "127.0.0.1"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_wildcard(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _allowed_hosts(host: str, extra: tuple[str, ...], loopback: frozenset[str]) -> frozenset[str]:
    """The Host header names answered: loopback, the bound address (a request to 0.0.0.0 is not a
    name anyone uses, so a wildcard adds nothing), and every --allow-host."""
    names = set(loopback) | {name.strip() for name in extra if name.strip()}
    if not _is_wildcard(host):
        names.add(host)
    return frozenset(names)


def _read_token(name: str | None) -> str | None:
    if name is None:
        return None
    token = os.environ.get(name, "")
    if not token.strip():
        raise click.BadParameter(f"environment variable {name} is not set or empty",
                                 param_hint="'--token-env'")
    return token.strip()


@click.command()
@db_option
@click.option("--host", default=LOOPBACK_HOST, show_default=True,
              help="Address to listen on. Anything but loopback exposes the API to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--token-env", metavar="NAME", default=None,
              help="Enable POST /api/ingest, authorised by the bearer token in environment variable NAME"
                   " (never pass a token on the command line: it shows in the process list).")
@click.option("--cors-origin", metavar="URL", default=None,
              help="Let web pages from this one origin (e.g. http://localhost:5173) call the API.")
@click.option("--rate-limit", type=click.FloatRange(min=0.1), default=50.0, show_default=True,
              help="Requests per second allowed per client address (token bucket).")
@click.option("--burst", type=click.IntRange(min=1), default=100, show_default=True,
              help="Requests a client may make at once before --rate-limit applies.")
@click.option("--max-body-mb", type=click.FloatRange(min=0.001), default=4.0, show_default=True,
              help="Largest request body accepted (ingest); larger ones get 413.")
@click.option("--allow-host", "allow_hosts", metavar="NAME", multiple=True,
              help="Also answer requests made to this host name or address (repeatable), e.g. the"
                   " machine's name behind a reverse proxy. Requests naming any other host get 400:"
                   " 127.0.0.1, localhost, [::1] and the --host address are always allowed.")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True)
def serve(db: str | None, host: str, port: int, token_env: str | None, cors_origin: str | None,
          rate_limit: float, burst: int, max_body_mb: float, allow_hosts: tuple[str, ...],
          log_level: str) -> None:
    """Serve the store over HTTP: events, statistics, articles, actors and clusters as JSON.

    Read-only unless --token-env names an environment variable holding the ingest token. The API
    documentation is at /docs (interactive) and /openapi.json; see docs/api.md.

    \b
    Examples:
      eventwire serve --db events.db
      EVENTWIRE_TOKEN=$(openssl rand -hex 24) eventwire serve --db events.db --token-env EVENTWIRE_TOKEN
    """
    import logging

    import uvicorn

    from eventwire.api import ApiSettings, create_app
    from eventwire.api.middleware import LOOPBACK_HOSTS
    from eventwire.store import StoreError, database_url, mask_url

    url = database_url(db)
    if url.startswith("sqlite:///") and not os.path.exists(url.removeprefix("sqlite://")):
        raise click.ClickException(f"no store at {url.removeprefix('sqlite://')}: run `eventwire ingest`"
                                   " first, or give --db")
    token = _read_token(token_env)
    settings = ApiSettings(rate_per_second=rate_limit, rate_burst=burst,
                           max_body_bytes=int(max_body_mb * 1024 * 1024), cors_origin=cors_origin,
                           allowed_hosts=_allowed_hosts(host, allow_hosts, LOOPBACK_HOSTS))
    try:
        app = create_app(db, token=token, settings=settings)
    except (StoreError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    if not _is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the store"
                   + (" and, with the token, write to it" if token else "")
                   + ". There is no TLS; put a reverse proxy with HTTPS in front."
                   + ("" if allow_hosts or not _is_wildcard(host) else
                      " Only requests to 127.0.0.1, localhost and [::1] are answered: give the names others"
                      " will use with --allow-host NAME."), err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"eventwire for {mask_url(url)}: open http://{shown}:{port}/  (API docs: http://{shown}:{port}/docs)"
               + ("; ingest enabled" if token else "; read-only"))
    # uvicorn sets up only its own loggers; this shows eventwire.api's (ingest tallies, 500 tracebacks).
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s:     %(name)s: %(message)s")
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
