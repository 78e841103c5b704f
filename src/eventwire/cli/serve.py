"""``eventwire serve``: the HTTP API and the dashboard over a store."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from eventwire.cli.common import ConfigOpt, StoreOpt, console, handle_errors

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def register(app: typer.Typer) -> None:
    app.command(
        "serve",
        epilog="Example: eventwire serve --store demo-store --port 8000   (then open http://127.0.0.1:8000/)",
    )(serve_cmd)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback name or address (only this machine can connect).

    Example: ``is_loopback("127.0.0.1")`` is True, ``is_loopback("0.0.0.0")`` is False.
    """
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@handle_errors
def serve_cmd(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", envvar="EVENTWIRE_TOKEN", help="Require this token on every request ($EVENTWIRE_TOKEN).", show_default=False),
    ] = None,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/ingest (off: read-only).")] = False,
    allow_private_urls: Annotated[
        bool, typer.Option("--allow-private-urls", help="Let URL ingestion fetch loopback, private and link-local addresses.")
    ] = False,
    rate_limit: Annotated[float, typer.Option("--rate-limit", min=0, help="API requests a second per client (0: no limit).")] = 50.0,
    burst: Annotated[int, typer.Option("--burst", min=1, help="Requests a client may send at once above the rate.")] = 200,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", min=0.001, help="Largest upload to /api/ingest, in MB.")] = 50.0,
    refresh: Annotated[float, typer.Option("--refresh", min=0, help="Seconds between checks of the store for new commits.")] = 1.0,
    config: ConfigOpt = None,
) -> None:
    """Serve the HTTP API (docs at /docs) and the dashboard over a store."""
    try:
        import uvicorn

        from eventwire.api.app import create_app
    except ImportError as exc:  # pragma: no cover - depends on the install
        from eventwire.errors import UsageError

        raise UsageError(f"the web extra is not installed ({exc.name}): pip install 'eventwire[web]'") from None
    from eventwire.errors import UsageError
    from eventwire.settings import load_settings
    from eventwire.store.store import open_store, resolve_store_path
    from eventwire.web import assets_built

    local = is_loopback(host)
    if not local and not token:
        raise UsageError(
            f"--host {host} lets other machines connect: give a token with --token or $EVENTWIRE_TOKEN "
            "(or keep the default --host 127.0.0.1)"
        )
    path = open_store(resolve_store_path(store)).path
    app = create_app(
        path, token=token, allow_ingest=allow_ingest, allow_private_urls=allow_private_urls,
        allowed_hosts=frozenset({"127.0.0.1", "localhost", "::1", "[::1]", host.lower()}) if local else None,
        settings=load_settings(config), rate=rate_limit, burst=burst, heavy_rate=min(2.0, rate_limit) if rate_limit else 0,
        max_upload_bytes=int(max_upload_mb * 1_000_000), refresh_s=refresh,
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    if not assets_built():
        console.print("[yellow]the dashboard's assets are not built (make web); the API works without them[/]")
    mode = "ingestion enabled" if allow_ingest else "read-only"
    typer.echo(f"eventwire dashboard on {path} ({mode}): {url}", err=False)
    typer.echo(f"API docs: http://{shown}:{port}/docs  (Ctrl-C stops)", err=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
