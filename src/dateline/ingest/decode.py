"""Bytes to text: charset detection, binary detection, size limits."""

from __future__ import annotations

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


def decode_bytes(data: bytes, html: bool = False) -> tuple[str, str]:
    """Return (text, encoding). Raises Undecodable for binary data.

    UTF-8 first (most of the web); then the charset an HTML page declares; then
    charset-normalizer's guess. NUL bytes in otherwise textual data are removed
    because no stage can use them and DuckDB strings cannot hold them.
    """
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
