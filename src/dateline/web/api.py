"""JSON API under /api. Read-only except POST /api/articles and POST /api/upload."""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, Field

from ..errors import DatelineError
from ..records import Document, Rejected
from . import queries as Q

router = APIRouter(prefix="/api", tags=["api"])

MAX_PAGE = 500
MAX_OFFSET = 1_000_000
MAX_EXPORT = 1_000_000

def _iso_date(value):
    """Only YYYY-MM-DD strings (pydantic would otherwise read `0` as 1970-01-01)."""
    if value is None or isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date | None, BeforeValidator(_iso_date), Query(description="YYYY-MM-DD")]
Code = Annotated[str | None, Query(max_length=64, description="actor code, e.g. RUS, CHN, IGO")]
Text = Annotated[str | None, Query(max_length=500)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size (at most {MAX_PAGE})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def _db(request: Request):
    return request.app.state.db


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return jsonable_encoder(value)


def json_bytes(data) -> bytes:
    """The JSON FastAPI would send, without its per-value walk over big answers (same separators)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                      default=_json_default).encode("utf-8")


def json_response(body: bytes) -> Response:
    return Response(body, media_type="application/json")


def event_filter(source: Code = None, target: Code = None, actor: Code = None,
                 type: Annotated[str | None, Query(max_length=200, description="PLOVER type(s), comma-separated")] = None,
                 quad: Annotated[int | None, Query(ge=1, le=4, description="1 verbal coop., 2 material coop., "
                                                                           "3 verbal conflict, 4 material conflict")] = None,
                 mode: Text = None, date_from: IsoDate = None, date_to: IsoDate = None,
                 place: Annotated[str | None, Query(max_length=200, description="place name or country code")] = None,
                 article: Annotated[str | None, Query(max_length=200)] = None,
                 min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
                 q: Annotated[str | None, Query(max_length=500, description="words in the evidence")] = None,
                 ) -> Q.EventFilter:
    return Q.EventFilter(source, target, actor, type, quad, mode, date_from, date_to, place, article,
                         min_confidence, q)


Filter = Annotated[Q.EventFilter, Depends(event_filter)]


@router.get("/events", summary="Events matching filters, sorted and paginated")
def list_events(request: Request, f: Filter, sort: Literal["date", "confidence", "type", "article"] = "date",
                order: Literal["asc", "desc"] = "desc", limit: Limit = 50, offset: Offset = 0,
                exact_total: Annotated[bool, Query(description=f"count every match; by default the total stops "
                                                               f"at {Q.TOTAL_CAP:,} (total_is_lower_bound)")] = False,
                ) -> dict:
    db = _db(request)
    # the encoded answer is kept per normalised query until the server next writes
    body = db.cached(("events.json", f.normalised(), sort, order, limit, offset, exact_total),
                     lambda: json_bytes(Q.events(db, f, sort, order, limit, offset, exact_total)))
    return json_response(body)


ExportLimit = Annotated[int, Query(ge=1, le=MAX_EXPORT, description=f"rows (at most {MAX_EXPORT:,})")]


def _export(request: Request, f: Q.EventFilter, limit: int, fmt: str) -> Response:
    table = Q.events_arrow(_db(request), f, limit)
    buf = io.BytesIO()
    if fmt == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, buf)
        media = "text/csv; charset=utf-8"
    else:
        import pyarrow.parquet as pq

        pq.write_table(table, buf)
        media = "application/vnd.apache.parquet"
    return Response(buf.getvalue(), media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})


@router.get("/events.csv", summary="Filtered events as CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
def events_csv(request: Request, f: Filter, limit: ExportLimit = 100_000) -> Response:
    return _export(request, f, limit, "csv")


@router.get("/events.parquet", summary="Filtered events as Parquet", response_class=Response,
            responses={200: {"content": {"application/vnd.apache.parquet": {}}}})
def events_parquet(request: Request, f: Filter, limit: ExportLimit = 100_000) -> Response:
    return _export(request, f, limit, "parquet")


@router.get("/articles", summary="Full-text search over articles, with filters and facets")
def list_articles(request: Request, q: Text = None,
                  source: Annotated[str | None, Query(max_length=200, description="domain or source")] = None,
                  date_from: IsoDate = None, date_to: IsoDate = None,
                  language: Annotated[str | None, Query(max_length=16)] = None,
                  story: Annotated[str | None, Query(max_length=200)] = None,
                  type: Annotated[str | None, Query(max_length=32, description="has an event of this type")] = None,
                  actor: Code = None, facets: bool = False,
                  limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0) -> dict:
    f = Q.ArticleFilter(q, source, date_from, date_to, language, story, type, actor)
    return Q.articles(_db(request), f, limit, offset, facets)


@router.get("/articles/{article_id}", summary="One article with entities, quotes, events, places and times",
            responses={404: {"description": "no such article"}})
def get_article(request: Request, article_id: str) -> dict:
    found = Q.article(_db(request), article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    return found


@router.get("/quotes", summary="Quotes by speaker, words or speaker's actor code")
def list_quotes(request: Request, speaker: Text = None, q: Text = None, actor: Code = None,
                limit: Limit = 50, offset: Offset = 0) -> dict:
    return Q.quotes(_db(request), speaker, q, actor, limit, offset)


@router.get("/entities", summary="Entities grouped by name and type across articles")
def list_entities(request: Request, name: Text = None, type: Annotated[str | None, Query(max_length=32)] = None,
                  code: Code = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return Q.entities(_db(request), name, type, code, limit, offset)


@router.get("/actors", summary="Actor codes with their event counts as source and target")
def list_actors(request: Request, q: Code = None, limit: Limit = 50, offset: Offset = 0) -> dict:
    return Q.actors(_db(request), q, limit, offset)


@router.get("/actors/{code}", summary="One actor: events over time, partners, event types, quotes")
def get_actor(request: Request, code: Annotated[str, Path(max_length=64)], date_from: IsoDate = None,
              date_to: IsoDate = None) -> dict:
    return Q.actor(_db(request), code, date_from, date_to)


@router.get("/stories", summary="Stories: clusters of syndicated copies")
def list_stories(request: Request, limit: Limit = 50, offset: Offset = 0) -> dict:
    return Q.stories(_db(request), limit, offset)


@router.get("/stats", summary="Counts per table, rejections by reason, event types")
def get_stats(request: Request) -> dict:
    return Q.stats(_db(request))


@router.get("/timeline", summary="Events per day and quad class")
def get_timeline(request: Request, source: Code = None, target: Code = None, actor: Code = None,
                 type: Annotated[str | None, Query(max_length=200)] = None,
                 date_from: IsoDate = None, date_to: IsoDate = None) -> dict:
    f = Q.EventFilter(source=source, target=target, actor=actor, type=type, date_from=date_from, date_to=date_to)
    return {"quads": Q.QUAD_NAMES, "days": Q.timeline(_db(request), f)}


@router.get("/network", summary="Actors and the events between them, by cooperation and conflict")
def get_network(request: Request, date_from: IsoDate = None, date_to: IsoDate = None,
                type: Annotated[str | None, Query(max_length=200)] = None,
                nodes: Annotated[int, Query(ge=2, le=200)] = 40) -> dict:
    f = Q.EventFilter(type=type, date_from=date_from, date_to=date_to)
    return Q.network(_db(request), f, nodes)


@router.get("/places", summary="Event places with counts, for the map")
def get_places(request: Request, date_from: IsoDate = None, date_to: IsoDate = None,
               type: Annotated[str | None, Query(max_length=200)] = None, actor: Code = None) -> dict:
    f = Q.EventFilter(type=type, actor=actor, date_from=date_from, date_to=date_to)
    return {"places": Q.places_map(_db(request), f)}


# -- the write path -------------------------------------------------------------------------------

class NewArticle(BaseModel):
    id: str | None = Field(None, max_length=200, description="your id for it; defaults to its position")
    text: str | None = Field(None, description="plain text: title line, optional dateline, body")
    html: str | None = Field(None, description="an HTML page (used when text is absent)")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    published: Annotated[date | None, BeforeValidator(_iso_date)] = None


class IngestRequest(BaseModel):
    documents: list[NewArticle] = Field(..., min_length=1, max_length=100)


def _ingester(request: Request):
    if request.app.state.db.read_only:
        raise HTTPException(403, "this server was started read-only")
    return request.app.state.ingester


async def _run(request: Request, items: list[Document | Rejected]) -> dict:
    ingester = _ingester(request)
    try:
        return await run_in_threadpool(ingester.run, items)
    except DatelineError as exc:
        raise HTTPException(503, str(exc)) from None


@router.post("/articles", summary="Add stories (JSON); runs the pipeline and stores the result",
             responses={400: {"description": "the body could not be parsed"}, 403: {"description": "read-only server"},
                        413: {"description": "body too large"}, 503: {"description": "the pipeline is unavailable"}})
async def post_articles(request: Request, body: IngestRequest) -> dict:
    _ingester(request)
    items: list[Document | Rejected] = []
    for n, d in enumerate(body.documents):
        doc_id = d.id or f"upload-{n + 1}"
        raw = d.text if d.text is not None else d.html
        if raw is None or not raw.strip():
            items.append(Rejected(doc_id, "api", "empty" if raw is not None else "missing_text", "no text or html"))
            continue
        items.append(Document(id=doc_id, raw=raw.replace("\x00", ""), kind="text" if d.text is not None else "html",
                              source="api", url=d.url, published=d.published, title=d.title))
    return await _run(request, items)


@router.post("/upload", summary="Add stories from a .txt, .html or .jsonl file",
             responses={400: {"description": "the body could not be parsed"}, 403: {"description": "read-only server"},
                        413: {"description": "body too large"}, 503: {"description": "the pipeline is unavailable"}})
async def post_upload(request: Request, file: UploadFile = File(...),
                      format: Annotated[Literal["auto", "txt", "html", "jsonl"], Form()] = "auto",
                      published: Annotated[date, BeforeValidator(_iso_date),
                                           Form(description="YYYY-MM-DD, for inputs that carry none")] = None,
                      title: Annotated[str, Form(max_length=1000)] = "") -> dict:
    ingester = _ingester(request)
    data = await file.read()
    items = ingester.documents_from_upload(data, file.filename or "upload", None if format == "auto" else format,
                                           published, title.strip() or None)
    return await _run(request, items)
