"""Server-rendered pages. Jinja autoescapes every value; no stored text reaches HTML unescaped."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..errors import DatelineError
from . import charts
from . import queries as Q
from .highlight import annotations, segments

router = APIRouter(include_in_schema=False)

env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                  autoescape=select_autoescape(default=True, default_for_string=True))
env.globals["QUAD_NAMES"] = Q.QUAD_NAMES
env.globals["QUAD_OF"] = Q.QUAD_OF
env.globals["PLOVER"] = [t for q in sorted(Q.QUADS) for t in Q.QUADS[q]]
env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})


def render(name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(env.get_template(name).render(**context), status_code=status)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return min(hi, max(lo, int(value))) if value else default
    except ValueError:
        return default


def _text(value: str | None, limit: int = 500) -> str | None:
    value = (value or "").strip()[:limit]
    return value or None


def _params(request: Request, *names: str) -> dict[str, str]:
    return {n: request.query_params.get(n, "")[:500] for n in names}


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request):
    db = request.app.state.db
    p = _params(request, "q", "source", "date_from", "date_to", "type", "actor", "page")
    page = _int(p["page"], 1, 1, 10_000)
    f = Q.ArticleFilter(q=_text(p["q"]), source=_text(p["source"]), date_from=_date(p["date_from"]),
                        date_to=_date(p["date_to"]), type=_text(p["type"], 32), actor=_text(p["actor"], 64))
    result = Q.articles(db, f, limit=20, offset=(page - 1) * 20, facets=True)
    return render("search.html", p=p, page=page, result=result, stats=Q.stats(db))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    data = Q.article(request.app.state.db, article_id)
    if data is None:
        raise HTTPException(404, "no such article")
    text = data["article"]["text"] or ""
    segs = segments(text, annotations(data))
    entity_names = {e["entity_id"]: e["name"] for e in data["entities"]}
    return render("article.html", data=data, a=data["article"], segments=segs, entity_names=entity_names)


def _event_filter(request: Request) -> tuple[dict, Q.EventFilter]:
    p = _params(request, "source", "target", "actor", "type", "quad", "date_from", "date_to", "place", "q",
                "sort", "order", "page", "article")
    quad = _int(p["quad"], 0, 0, 4) or None
    f = Q.EventFilter(source=_text(p["source"], 64), target=_text(p["target"], 64), actor=_text(p["actor"], 64),
                      type=_text(p["type"], 200), quad=quad, date_from=_date(p["date_from"]),
                      date_to=_date(p["date_to"]), place=_text(p["place"], 200), q=_text(p["q"]),
                      article=_text(p["article"], 200))
    return p, f


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request):
    p, f = _event_filter(request)
    page = _int(p["page"], 1, 1, 10_000)
    sort = p["sort"] if p["sort"] in Q.EVENT_SORTS else "date"
    order = "asc" if p["order"] == "asc" else "desc"
    result = Q.events(request.app.state.db, f, sort, order, limit=50, offset=(page - 1) * 50)
    export = {k: v for k, v in p.items() if k not in ("sort", "order", "page")}
    return render("events.html", p=p, page=page, result=result, export=export)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request):
    p = _params(request, "q")
    return render("actors.html", p=p, result=Q.actors(request.app.state.db, _text(p["q"], 64), 200, 0))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor_page(request: Request, code: str):
    p = _params(request, "date_from", "date_to")
    data = Q.actor(request.app.state.db, code[:64], _date(p["date_from"]), _date(p["date_to"]))
    rows = [{"day": r["date"], "quad": 1, "count": r["as_source"]} for r in data["over_time"] if len(r["date"]) == 10]
    rows += [{"day": r["date"], "quad": 4, "count": r["as_target"]} for r in data["over_time"] if len(r["date"]) == 10]
    return render("actor.html", p=p, d=data, chart=charts.timeline_bars(rows, height=160))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request):
    p = _params(request, "speaker", "q", "page")
    page = _int(p["page"], 1, 1, 10_000)
    result = Q.quotes(request.app.state.db, _text(p["speaker"]), _text(p["q"]), None, 50, (page - 1) * 50)
    return render("quotes.html", p=p, page=page, result=result)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request):
    p, f = _event_filter(request)
    nodes = _int(request.query_params.get("nodes"), 40, 2, 120)
    net = Q.network(request.app.state.db, f, nodes)
    return render("network.html", p=p, net=charts.layout_network(net["nodes"], net["edges"]), nodes=nodes)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request):
    p, f = _event_filter(request)
    rows = Q.timeline(request.app.state.db, f)
    return render("timeline.html", p=p, chart=charts.timeline_bars(rows), rows=rows)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request):
    p, f = _event_filter(request)
    points = charts.map_points(Q.places_map(request.app.state.db, f))
    return render("map.html", p=p, world=charts.world_paths(), points=points, width=charts.MAP_W,
                  height=charts.MAP_H)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request):
    return render("upload.html", result=None, read_only=request.app.state.db.read_only,
                  limit=request.app.state.max_upload_bytes)


@router.post("/upload", response_class=HTMLResponse)
async def upload_submit(request: Request):
    db = request.app.state.db
    limit = request.app.state.max_upload_bytes
    if db.read_only:
        return render("upload.html", status=403, result=None, error="this server was started read-only",
                      read_only=True, limit=limit)
    form = await request.form(max_files=1, max_fields=10)
    ingester = request.app.state.ingester
    published = _date(str(form.get("published") or ""))
    title = _text(str(form.get("title") or ""), 1000)
    upload = form.get("file")
    pasted = str(form.get("text") or "")
    if upload is not None and hasattr(upload, "read") and getattr(upload, "filename", ""):
        data = await upload.read()
        items = ingester.documents_from_upload(data, upload.filename, None, published, title)
    elif pasted.strip():
        kind = "html" if form.get("kind") == "html" else "txt"
        items = ingester.documents_from_upload(pasted.encode("utf-8"), f"pasted.{kind}", kind, published, title)
    else:
        return render("upload.html", status=400, result=None, error="paste a story or choose a file",
                      read_only=False, limit=limit)
    try:
        result = await run_in_threadpool(ingester.run, items)
    except DatelineError as exc:
        return render("upload.html", status=503, result=None, error=str(exc), read_only=False, limit=limit)
    return render("upload.html", result=result, read_only=False, limit=limit)


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request):
    spec = request.app.openapi()
    routes = [{"method": m.upper(), "path": path, "summary": op.get("summary", ""),
               "params": [(x["name"], x.get("in", ""), x.get("description", "")) for x in op.get("parameters", [])]}
              for path, ops in spec["paths"].items() for m, op in ops.items()]
    return render("api_docs.html", routes=routes)
