"""Names from the outside world made safe to print on one terminal line."""

from __future__ import annotations

import os
import unicodedata

_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Control and format characters (escapes, bidi overrides, zero-width), surrogates, line breaks."""


def printable(text: str) -> str:
    """``text`` with every control, format or undecodable character written as an escape
    (``\\x1b``, ``\\u202e``, ``\\n``; bytes that were not UTF-8 as ``\\xe9``), so a file name can
    neither fake output lines nor recolour or reorder a terminal's text."""
    if text.isprintable() and text.isascii():
        return text
    out = []
    for char in text:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in _CONTROL_CATEGORIES:
            out.append(repr(char)[1:-1] if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def printable_path(path: str | bytes | os.PathLike[str]) -> str:
    """A file path as :func:`printable` text (bytes paths decoded as the file system does)."""
    return printable(os.fsdecode(path))
