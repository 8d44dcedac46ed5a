"""`dateline serve`: the browser UI and HTTP API over a store."""

from __future__ import annotations

import os
from dataclasses import asdict

import click

from ._options import db_option, model_option, settings_from

MAX_AUTO_WORKERS = 4


def default_workers(read_only: bool) -> int:
    """One process when the server writes (DuckDB allows one writing process, or many readers);
    one per core (at most four) when it only reads."""
    return min(os.cpu_count() or 1, MAX_AUTO_WORKERS) if read_only else 1


def _memory_share_mb(workers: int) -> int | None:
    """DuckDB's default memory limit (80 % of the machine) split between the worker processes."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return None
    return max(256, int(total * 0.8 / workers) // 2**20)


@click.command("serve")
@db_option
@model_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but 127.0.0.1 exposes the store to your network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Open the store read-only; adding stories through the web is off.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help="Server processes. Several need --read-only (DuckDB lets one process write, or many "
                   "read). [default: 1; with --read-only one per core, at most 4]")
@click.option("--max-upload", default=5_000_000, show_default=True, type=click.IntRange(1_000, 200_000_000),
              metavar="BYTES", help="Largest request body (uploads and pasted stories) accepted.")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 256),
              help="DuckDB threads per query. Concurrent requests already use every core; raise it for "
                   "few users running heavy exports.")
def command(db, model, host, port, read_only, workers, max_upload, threads):
    """Serve the analyst's pages and the JSON API (OpenAPI at /openapi.json).

    The server holds the database file: stop it before running `dateline run` on the same --db,
    or add stories through its upload page instead.
    """
    import uvicorn

    from ..web import create_app
    from ..web.app import ENV_CONFIG
    from ..web.workers import serve_workers

    if workers is None:
        workers = default_workers(read_only)
    if workers > 1 and not read_only:
        raise click.UsageError("--workers above 1 needs --read-only: DuckDB lets one process write the store, "
                               "or several processes read it, not both. Serve with one worker to add stories.")
    settings = settings_from(db=db, model=model)
    where = f"{settings.db} at http://{host}:{port}/"
    if workers > 1:
        # every worker process opens the store read-only: check that it opens before starting them
        create_app(settings.db, read_only=True, settings=settings, threads=threads).state.db.close()
        click.echo(f"Dateline: serving {where} with {workers} read-only worker processes (Ctrl+C stops)", err=True)
        config = {"settings": asdict(settings), "max_upload": max_upload, "threads": threads,
                  "memory_limit_mb": _memory_share_mb(workers)}
        try:
            code = serve_workers(host, port, workers, config, ENV_CONFIG)
        except OSError as exc:
            raise click.ClickException(f"cannot serve on {host}:{port}: {exc}") from None
        raise SystemExit(code)
    app = create_app(settings.db, read_only=read_only, settings=settings, max_upload_bytes=max_upload,
                     threads=threads)
    click.echo(f"Dateline: serving {where} (Ctrl+C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=30)
    finally:
        app.state.db.close()
