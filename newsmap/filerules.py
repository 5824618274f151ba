"""Which files are articles, and how large one may be: the rules the corpus scan applies.

Kept apart from :mod:`newsmap.corpus` (which parses front matter with yaml and pydantic) so
that ``newsmap build`` can scan the corpus before it loads anything heavy.
"""

from __future__ import annotations

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")
MAX_FILE_BYTES = 2_000_000
ARTICLE_ID_MAX = 200
"""The longest article id; a longer slug is cut at this length (and any trailing hyphen)."""


def too_big(size: int) -> str:
    """The reason a file of ``size`` bytes is refused."""
    return f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
