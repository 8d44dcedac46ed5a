"""Expand command-line inputs (files, folders, globs, `-`) and open them, gzip-aware."""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError

SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", ".json", ".warc", ".arc")


def expand(inputs: list[str]) -> Iterator[str]:
    """Yield file paths (or "-") in a stable order; folders are walked recursively."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if format_of(str(child)) is not None:
                    yield str(child)
        elif path.is_file():
            yield str(path)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise UsageError(f"no such file, folder or glob match: {item}")
            for m in matches:
                if Path(m).is_file():
                    yield m


def check_inputs(inputs: list[str]) -> None:
    """Fail fast, before any work starts, on an argument that names nothing."""
    for item in inputs:
        if item != "-" and not Path(item).exists() and not glob.glob(item, recursive=True):
            raise UsageError(f"no such file, folder or glob match: {item}")


def format_of(path: str) -> str | None:
    """"txt", "html", "jsonl" or "warc" from the file name (a .gz suffix is looked through)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith((".txt", ".text")):
        return "txt"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".warc", ".arc")):
        return "warc"
    return None


class TooLarge(Exception):
    pass


def read_limited(path: str, max_bytes: int, max_decompressed: int) -> bytes:
    """Read a whole file (decompressing .gz), refusing more than the limits allow."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise TooLarge(f"standard input is larger than {max_bytes:,} bytes")
        if data[:2] == b"\x1f\x8b":
            return _gunzip_bytes(data, min(max_bytes, max_decompressed))
        return data
    if path.lower().endswith(".gz"):
        with open(path, "rb") as fh:
            return _gunzip_stream(fh, min(max_bytes, max_decompressed))
    size = Path(path).stat().st_size
    if size > max_bytes:
        raise TooLarge(f"{size:,} bytes is more than the limit of {max_bytes:,}")
    return Path(path).read_bytes()


def _gunzip_stream(fh: io.BufferedIOBase, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=fh) as gz:
        data = gz.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"decompresses to more than the limit of {limit:,} bytes")
    return data


def _gunzip_bytes(data: bytes, limit: int) -> bytes:
    return _gunzip_stream(io.BytesIO(data), limit)


def open_lines(path: str, max_decompressed: int) -> io.BufferedIOBase:
    """A binary stream for line-by-line formats (JSONL, WARC), gzip-aware."""
    if path == "-":
        return sys.stdin.buffer
    raw = open(path, "rb")
    if path.lower().endswith(".gz"):
        return io.BufferedReader(_LimitedReader(gzip.GzipFile(fileobj=raw), max_decompressed))
    return raw


class _LimitedReader(io.RawIOBase):
    """Stops a decompressing stream after `limit` bytes so a gzip bomb cannot fill memory."""

    def __init__(self, inner: io.BufferedIOBase, limit: int):
        self.inner, self.left = inner, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.left <= 0:
            raise TooLarge("the compressed file decompresses past the size limit")
        n = self.inner.readinto(memoryview(buf)[: min(len(buf), self.left)])
        self.left -= n
        return n

    def close(self) -> None:
        self.inner.close()
        super().close()


BAD_GZIP = (OSError, EOFError, zlib.error)
