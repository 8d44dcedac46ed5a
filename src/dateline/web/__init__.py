"""Web: the HTTP API (JSON, OpenAPI at /openapi.json) and the analyst's pages over a store.

`create_app(db_path)` returns the ASGI app; `dateline serve` runs it with uvicorn.
"""

from .app import create_app

__all__ = ["create_app"]
