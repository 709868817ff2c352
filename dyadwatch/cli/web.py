"""`dyadwatch serve`: the read-only web dashboard over the store."""

from __future__ import annotations

import ipaddress

import click

from dyadwatch.cli import _fail_cleanly, _settings, main

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
"""Host names that always mean this machine."""


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server reachable from this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.pass_context
@_fail_cleanly
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the read-only dashboard over the store (every page has a .json twin)."""
    import uvicorn

    from dyadwatch.web import create_app

    settings = _settings(ctx)
    app = create_app(settings.store_path, settings=settings)
    if not is_loopback(host):
        click.echo(f"warning: binding to {host}: anyone who can reach this address can read the store", err=True)
    click.echo(f"serving {settings.store_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
