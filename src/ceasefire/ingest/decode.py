"""Bytes → text, refusing binary data instead of guessing at it."""

from __future__ import annotations

import codecs
import re

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# control characters other than tab, newline, form feed and carriage return
_CONTROL = set(range(32)) - {9, 10, 12, 13}


class NotText(ValueError):
    """The bytes are not text in any encoding we accept."""


def looks_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or many control characters (images, archives, noise)."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(2, len(head) // 100)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML or XML document declares in its first bytes, if any."""
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if not match:
        return None
    name = match[1].decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, charset: str | None = None) -> str:
    """Decode ``data``: by its BOM, else as UTF-8, the given charset, the declared one, then cp1252.

    Raises :class:`NotText` for binary data or bytes that no accepted encoding reads cleanly.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotText("undecodable UTF-16 text") from exc
    if looks_binary(data):
        raise NotText("binary data, not text")
    tried = []
    # valid UTF-8 is almost never an accident, while declared charsets are often wrong
    for name in ("utf-8", charset, declared_charset(data)):
        if not name or name in tried:
            continue
        tried.append(name)
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    # Legacy single-byte text: accept cp1252 only when the result is mostly printable.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise NotText("undecodable text (neither UTF-8 nor a declared encoding)") from exc
    odd = sum(1 for ch in text if not (ch.isprintable() or ch.isspace()))
    if odd > len(text) // 100:
        raise NotText("undecodable text (neither UTF-8 nor a declared encoding)")
    return text
