"""The ASGI application: API, pages, static files, security headers and an upload size limit."""

from __future__ import annotations

import json
import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..ingest.storable import storable_text
from . import queries as Q
from .api import router as api_router
from .database import WebDB
from .ingest import Ingester
from .pages import router as pages_router

HERE = Path(__file__).parent
DEFAULT_MAX_UPLOAD = 5_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make form posts send "Origin: null"
]


class SecurityMiddleware:
    """Adds the CSP and friends to every response; refuses request bodies over `max_body` bytes."""

    def __init__(self, app, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": list(message.get("headers", []))
                           + [h for h in SECURITY_HEADERS if h[0] not in names]}
            await send(message)

        headers = dict(scope.get("headers", []))
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers):
            # another site's page posting into this local server (cross-site request forgery)
            return await _refuse(send_with_headers, 403, "cross-origin writes are refused")
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await _too_large(send_with_headers, self.max_body)

        seen = 0
        too_big = False

        async def limited_receive():
            nonlocal seen, too_big
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_big = True
                    raise BodyTooLarge()
            return message

        replaced = False

        async def tracking_send(message):
            # a handler that caught the overflow (e.g. multipart parsing -> 400) still answers 413
            nonlocal replaced
            if too_big:
                if not replaced:
                    replaced = True
                    await _too_large(send_with_headers, self.max_body)
                return
            await send_with_headers(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not replaced:
                await _too_large(send_with_headers, self.max_body)


class BodyTooLarge(Exception):
    pass


def _same_origin(headers: dict[bytes, bytes]) -> bool:
    """No Origin header (curl, scripts) or one naming this very host."""
    origin = headers.get(b"origin")
    if origin is None:
        return True
    host = headers.get(b"host", b"")
    return origin.split(b"://", 1)[-1].rstrip(b"/") == host


async def _too_large(send, limit: int) -> None:
    await _refuse(send, 413, f"request body larger than {limit} bytes")


async def _refuse(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _http_error(request: Request, exc: StarletteHTTPException):
    """A 405 lists every method the path supports, not only those of the first route that matched it."""
    if exc.status_code == 405:
        methods = set()
        for route in [*api_router.routes, *pages_router.routes]:
            regex, allowed = getattr(route, "path_regex", None), getattr(route, "methods", None)
            if regex is not None and allowed and regex.match(request.url.path):
                methods |= set(allowed)
        if methods:
            exc = StarletteHTTPException(405, exc.detail, headers={"Allow": ", ".join(sorted(methods))})
    return await http_exception_handler(request, exc)


async def _validation_error(request: Request, exc: RequestValidationError):
    """FastAPI's own 422 echoes the input back; a lone surrogate in it cannot be encoded (a 500)."""
    errors = [{**err, "input": _storable_json(err.get("input"))} for err in exc.errors()]
    return JSONResponse({"detail": _storable_json(jsonable_encoder(errors))}, status_code=422)


def _storable_json(value):
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, dict):
        return {storable_text(str(k)): _storable_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_storable_json(v) for v in value]
    return value if value is None or isinstance(value, (int, float, bool)) else storable_text(str(value))


def create_app(db_path: str = "dateline.duckdb", read_only: bool = False, settings: Settings | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, threads: int | None = None,
               close_on_shutdown: bool = False, memory_limit_mb: int | None = None) -> FastAPI:
    """The Dateline web app over the store at `db_path`, opened now; close it with `app.state.db.close()`
    (or let the server's shutdown close it: `close_on_shutdown`, for a worker process that owns the app).
    `threads` sets DuckDB's threads per query (default: DuckDB's own, one per core)."""
    settings = settings or Settings()
    db = WebDB(db_path, read_only=read_only, threads=threads, memory_limit_mb=memory_limit_mb)
    _warm_up(db)

    @asynccontextmanager
    async def lifespan(app):
        try:
            yield
        finally:
            if close_on_shutdown:
                db.close()

    # The store stays open for the app's life (test clients may run the lifespan many times);
    # whoever created the app closes it: `app.state.db.close()`.
    app = FastAPI(title="Dateline", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Read-only HTTP API over a Dateline store, plus one ingest endpoint. "
                              "Interactive docs are not served (they need a CDN); see /api-docs.")
    app.state.db = db
    app.state.ingester = Ingester(db, settings)
    app.state.max_upload_bytes = max_upload_bytes
    app.include_router(api_router)
    app.include_router(pages_router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(SecurityMiddleware, max_body=max_upload_bytes)
    return app


def _warm_up(db: WebDB) -> None:
    """One events query at start, so that the first analyst does not wait for DuckDB's first reads
    of the events table (about 0.35 s over 1,000,000 events; later queries take 10-20 ms)."""
    try:
        Q.events(db, Q.EventFilter(), limit=1)
    except Exception:  # an empty or unusual store: the first request will tell
        pass


ENV_CONFIG = "DATELINE_WEB_APP"


def app_from_environment() -> FastAPI:
    """The app factory each worker process of `dateline serve --workers N` calls: its arguments come
    as JSON in $DATELINE_WEB_APP (set by the serve command). Every worker opens the store read-only."""
    config = json.loads(os.environ[ENV_CONFIG])
    settings = Settings(**config["settings"])
    return create_app(settings.db, read_only=True, settings=settings, max_upload_bytes=config["max_upload"],
                      threads=config["threads"], close_on_shutdown=True,
                      memory_limit_mb=config.get("memory_limit_mb"))
