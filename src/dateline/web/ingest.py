"""The one write path of the server: uploaded or pasted stories -> pipeline -> store."""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from datetime import date

from ..config import Settings
from ..ingest import document_from_bytes
from ..ingest.jsonl import read_jsonl
from ..records import Document, Extraction, Rejected
from .database import WebDB

FORMATS = {"txt": "txt", "text": "txt", "html": "html", "htm": "html", "jsonl": "jsonl"}


class Ingester:
    """Loads the pipeline on first use and runs one ingest at a time."""

    def __init__(self, db: WebDB, settings: Settings):
        self.db = db
        self.settings = settings
        self._pipeline = None
        self._lock = threading.Lock()

    @property
    def pipeline(self):
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def documents_from_upload(self, data: bytes, filename: str, fmt: str | None = None,
                              published: date | None = None, title: str | None = None,
                              url: str | None = None) -> list[Document | Rejected]:
        name = filename or "upload"
        ext = name.rsplit(".", 1)[-1] if "." in name else "txt"
        fmt = FORMATS.get((fmt or ext).lower())
        source = f"upload:{name}"
        if fmt is None:
            return [Rejected(name, source, "unsupported", "upload a .txt, .html or .jsonl file")]
        if fmt == "jsonl":
            items = list(read_jsonl(io.BytesIO(data), source, self.settings.max_input_bytes))
        else:
            items = [document_from_bytes(data, source, fmt, doc_id=name, url=url, published=published)]
        out: list[Document | Rejected] = []
        for item in items:
            if isinstance(item, Document):
                if published and item.published is None:
                    item = replace(item, published=published)
                if title and item.title is None:
                    item = replace(item, title=title)
            out.append(item)
        return out

    def run(self, items: list[Document | Rejected]) -> dict:
        """Process and store; returns what happened to each input."""
        with self._lock:
            results: list[dict] = []
            stored_total = dupes_total = 0
            for batch in self.pipeline.process(items):
                extractions = [x for x in batch if isinstance(x, Extraction)]
                rejected = [x for x in batch if isinstance(x, Rejected)]
                stored, dupes = self.db.write(extractions, rejected)
                stored_total += stored
                dupes_total += dupes
                for x in batch:
                    if isinstance(x, Extraction):
                        results.append({"id": x.article.doc_id, "article": x.article.id, "title": x.article.title,
                                        "events": len(x.events), "quotes": len(x.quotes),
                                        "entities": len(x.entities)})
                    else:
                        results.append({"id": x.doc_id, "rejected": x.reason, "detail": x.detail})
            return {"stored": stored_total, "duplicates": dupes_total, "results": results}
