"""Data embedded in the map's JavaScript."""

from __future__ import annotations

import json
from typing import Any

_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
           ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def safe_json(value: Any) -> str:
    """Compact JSON that is also safe inside an HTML <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _UNSAFE:
        text = text.replace(raw, escaped)
    return text
