"""branca compiles rendered layer output as a template: defer that until it is used.

``MacroElement.render`` wraps each element's rendered JavaScript in ``Element(text)``, and
``Element.__init__`` compiles ``text`` as a jinja template at once. For the map's layers that text
holds the country polygons and the marker data (hundreds of KB), so every rerun spent about 60 ms
tokenising data as if it were a template (bench/scale.py), for templates st_folium never renders:
it reads each layer's script macro directly. Compiling on first use keeps every rendered result
the same and drops that cost. Class-level templates are untouched (they exist before this runs).
"""

from __future__ import annotations

from typing import Any

import branca.element
import jinja2

__all__ = ["LazyTemplate", "install"]


class LazyTemplate:
    """A jinja template compiled on first use; otherwise it behaves as ``jinja2.Template``."""

    def __init__(self, source: str, *args: Any, **kwargs: Any) -> None:
        self._source = source
        self._args = args
        self._kwargs = kwargs
        self._compiled: jinja2.Template | None = None

    def _template(self) -> jinja2.Template:
        if self._compiled is None:
            self._compiled = jinja2.Template(self._source, *self._args, **self._kwargs)
        return self._compiled

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render as ``jinja2.Template.render`` does."""
        return self._template().render(*args, **kwargs)

    @property
    def module(self) -> Any:
        """The template's module (its macros), as ``jinja2.Template.module``."""
        return self._template().module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template(), name)


def install() -> None:
    """Make branca build per-instance templates lazily (idempotent)."""
    branca.element.Template = LazyTemplate  # type: ignore[assignment,attr-defined]
