"""Bytes to text: charset detection, binary detection, size limits."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


_LATIN_FAMILY = {"cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_2", "iso8859_9", "iso8859_15",
                 "iso8859_13", "iso8859_4", "mac_roman", "mac_latin2"}


class Undecodable(Exception):
    """The bytes are not text; `reason` is the rejection reason."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def looks_binary(data: bytes) -> bool:
    """Many NULs or control bytes in the first 8 KB mean this is not text."""
    head = data[:8192]
    if not head:
        return False
    if head.startswith((b"\x1f\x8b", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return True
    controls = len(_CONTROL.findall(head))
    return controls / len(head) > 0.10


_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
# A valid UTF-8 sequence of two or more bytes: evidence that a file is UTF-8 at heart.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as windows-1252 (latin-1 for
    the five bytes windows-1252 leaves undefined), one byte at a time."""
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("dateline-cp1252", _cp1252_fallback)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 by byte-order mark, or BOM-less UTF-16 by its NUL in every other byte."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if len(head) >= 16:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
    return None


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding). Raises Undecodable for binary data.

    UTF-16/32 (BOM, or NULs in every other byte) first; then UTF-8 (most of the web);
    then the charset an HTML page declares; then charset-normalizer's guess. A file
    that is UTF-8 with some stray legacy bytes (mixed encodings) keeps its UTF-8 and
    reads the stray bytes as windows-1252. NUL bytes in otherwise textual data are
    removed because no stage can use them and DuckDB strings cannot hold them.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            text = data.decode(wide).lstrip("\ufeff")
        except UnicodeDecodeError:
            text = None
        if text is not None and not looks_binary(text.encode("utf-8")):
            return text.replace("\x00", ""), wide
    if looks_binary(data):
        raise Undecodable("binary", "the bytes look like a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore")
            try:
                return data.decode(name), name.lower()
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data[:200_000]).best()
    valid = len(_UTF8_MULTIBYTE.findall(data[:200_000]))
    invalid = data[:200_000].decode("utf-8", errors="replace").count("\ufffd") if valid else 0
    if valid and (valid >= invalid or best is None or best.encoding is None or best.encoding in _LATIN_FAMILY):
        return data.decode("utf-8", errors="dateline-cp1252"), "utf-8+cp1252"
    if best is not None and best.encoding in _LATIN_FAMILY:
        # On short samples the detector cannot tell Latin code pages apart; English news in
        # a legacy encoding is windows-1252 far more often than any sibling.
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    if best is None or best.encoding is None:
        # Mixed encodings: keep what is UTF-8, replace the rest visibly.
        return data.decode("utf-8", errors="replace"), "utf-8-replaced"
    try:
        return data.decode(best.encoding), best.encoding
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace"), "utf-8-replaced"
