"""`dateline serve`: the browser UI and HTTP API over a store."""

from __future__ import annotations

import click

from ._options import db_option, model_option, settings_from


@click.command("serve")
@db_option
@model_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but 127.0.0.1 exposes the store to your network.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--read-only", is_flag=True, help="Open the store read-only; adding stories through the web is off.")
@click.option("--max-upload", default=5_000_000, show_default=True, type=click.IntRange(1_000, 200_000_000),
              metavar="BYTES", help="Largest request body (uploads and pasted stories) accepted.")
@click.option("--threads", default=1, show_default=True, type=click.IntRange(1, 256),
              help="DuckDB threads per query. Concurrent requests already use every core; raise it for "
                   "few users running heavy exports.")
def command(db, model, host, port, read_only, max_upload, threads):
    """Serve the analyst's pages and the JSON API (OpenAPI at /openapi.json).

    The server holds the database file: stop it before running `dateline run` on the same --db,
    or add stories through its upload page instead.
    """
    import uvicorn

    from ..web import create_app

    settings = settings_from(db=db, model=model)
    app = create_app(settings.db, read_only=read_only, settings=settings, max_upload_bytes=max_upload,
                     threads=threads)
    click.echo(f"Dateline: serving {settings.db} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=30)
    finally:
        app.state.db.close()
