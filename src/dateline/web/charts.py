"""Geometry for the server-drawn SVG charts: world outlines, the actor network, the timeline.

All output is numbers and fixed strings; labels are passed to the templates separately
so that Jinja escapes them.
"""

from __future__ import annotations

import json
import math
import random
from functools import lru_cache
from pathlib import Path

MAP_W, MAP_H = 960, 480
_WORLD = Path(__file__).parent / "static" / "world-110m.json"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular projection onto the MAP_W x MAP_H box."""
    return round((lon + 180.0) * MAP_W / 360.0, 1), round((90.0 - lat) * MAP_H / 180.0, 1)


@lru_cache(maxsize=1)
def world_paths() -> tuple[tuple[str, str], ...]:
    """(country name, SVG path) for every country in the shipped Natural Earth 1:110m TopoJSON."""
    topo = json.loads(_WORLD.read_text())
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(project(x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> str:
        points: list[tuple[float, float]] = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(pts[1:] if points else pts)
        # a ring that crosses the antimeridian jumps across the map: lift the pen there
        parts, prev = [], None
        for x, y in points:
            jump = prev is None or abs(x - prev) > MAP_W / 2
            parts.append(("M" if jump else "L") + f"{x},{y}")
            prev = x
        return "".join(parts) + "Z"

    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        else:
            continue
        d = "".join(ring(r) for poly in polygons for r in poly)
        out.append((geom.get("properties", {}).get("name", ""), d))
    return tuple(out)


def map_points(rows: list[dict]) -> list[dict]:
    top = max((r["events"] for r in rows), default=1)
    out = []
    for r in rows:
        x, y = project(float(r["lon"]), float(r["lat"]))
        out.append({**r, "x": x, "y": y, "r": round(3 + 9 * math.sqrt(r["events"] / top), 1),
                    "kind": "conflict" if r["conflict"] * 2 > r["events"] else "cooperation"})
    return out


def layout_network(nodes: list[dict], edges: list[dict], width: int = 900, height: int = 600,
                   iterations: int = 200) -> dict:
    """Fruchterman-Reingold layout, seeded so the same data always draws the same picture."""
    n = len(nodes)
    rng = random.Random(7)
    pos = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(n, 1)
        pos[node["id"]] = [width / 2 + width / 3 * math.cos(angle) + rng.uniform(-5, 5),
                           height / 2 + height / 3 * math.sin(angle) + rng.uniform(-5, 5)]
    if n > 1:
        k = math.sqrt(width * height / n) * 0.6
        temp = width / 10
        links = [(e["source"], e["target"], e["count"]) for e in edges]
        ids = list(pos)
        for _ in range(iterations):
            disp = {v: [0.0, 0.0] for v in ids}
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                    d = math.hypot(dx, dy) or 0.01
                    f = k * k / d
                    disp[a][0] += dx / d * f
                    disp[a][1] += dy / d * f
                    disp[b][0] -= dx / d * f
                    disp[b][1] -= dy / d * f
            for a, b, _w in links:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 0.01
                f = d * d / k
                disp[a][0] -= dx / d * f
                disp[a][1] -= dy / d * f
                disp[b][0] += dx / d * f
                disp[b][1] += dy / d * f
            for v in ids:  # gravity keeps unconnected groups near the middle
                disp[v][0] += (width / 2 - pos[v][0]) * 0.6
                disp[v][1] += (height / 2 - pos[v][1]) * 0.6
            for v in ids:
                dx, dy = disp[v]
                d = math.hypot(dx, dy) or 0.01
                pos[v][0] = min(width - 40, max(40, pos[v][0] + dx / d * min(d, temp)))
                pos[v][1] = min(height - 30, max(30, pos[v][1] + dy / d * min(d, temp)))
            temp *= 0.97
    top_node = max((nd["events"] for nd in nodes), default=1)
    top_edge = max((e["count"] for e in edges), default=1)
    out_nodes = [{**nd, "x": round(pos[nd["id"]][0], 1), "y": round(pos[nd["id"]][1], 1),
                  "r": round(6 + 14 * math.sqrt(nd["events"] / top_node), 1)} for nd in nodes]
    radius = {nd["id"]: nd["r"] for nd in out_nodes}
    out_edges = []
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        d = math.hypot(x2 - x1, y2 - y1) or 1.0
        cut = min(radius[e["target"]] + 2, d / 2)  # stop the arrow at the target's rim
        x2, y2 = x2 - (x2 - x1) * cut / d, y2 - (y2 - y1) * cut / d
        out_edges.append({**e, "x1": round(x1, 1), "y1": round(y1, 1), "x2": round(x2, 1), "y2": round(y2, 1),
                          "w": round(1 + 7 * e["count"] / top_edge, 1),
                          "kind": "conflict" if e["conflict"] > e["cooperation"] else "cooperation"})
    return {"nodes": out_nodes, "edges": out_edges, "width": width, "height": height}


def timeline_bars(rows: list[dict], width: int = 960, height: int = 300) -> dict:
    """Stacked bars on a continuous calendar, one colour per quad class: per day when the data
    spans up to two years, per month beyond that."""
    from datetime import date, timedelta

    counts: dict[str, dict[int, int]] = {}
    days = []
    for r in rows:
        try:
            days.append(date.fromisoformat(r["day"]))
        except (TypeError, ValueError):
            continue
    if not days:
        return {"bars": [], "labels": [], "top": 0, "width": width, "height": height, "days": 0, "unit": "day"}
    first, last = min(days), max(days)
    unit = "day" if (last - first).days <= 730 else "month"
    if unit == "day":
        keys = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
    else:
        keys, y, m = [], first.year, first.month
        while (y, m) <= (last.year, last.month):
            keys.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for r in rows:
        if r["quad"] and r["day"]:
            key = r["day"] if unit == "day" else r["day"][:7]
            counts.setdefault(key, {})
            counts[key][r["quad"]] = counts[key].get(r["quad"], 0) + r["count"]
    top = max((sum(v.values()) for v in counts.values()), default=1) or 1
    bar_w = max(0.5, min(40.0, (width - 40) / len(keys)))
    bars = []
    for i, key in enumerate(keys):
        y0 = height - 20.0
        for quad in (1, 2, 3, 4):
            count = counts.get(key, {}).get(quad, 0)
            if not count:
                continue
            h = (height - 40) * count / top
            y0 -= h
            bars.append({"day": key, "quad": quad, "count": count, "x": round(30 + i * bar_w, 2),
                         "y": round(y0, 1), "w": round(max(bar_w * 0.9, 0.5), 2), "h": round(h, 1)})
    step = max(1, math.ceil(90 / bar_w))  # labels at least 90 px apart
    labels = [{"day": key, "x": round(30 + i * bar_w, 1)} for i, key in enumerate(keys)][::step]
    return {"bars": bars, "labels": labels, "top": top, "width": width, "height": height,
            "days": sum(1 for k in keys if k in counts), "unit": unit}
