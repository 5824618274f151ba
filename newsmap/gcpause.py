"""Python's cycle collector paused while long-lived tables are made.

Loading the tagger (the model classes, the gazetteer's million names and numbers) allocates
objects that are never garbage; each allocation burst would otherwise start collections that
walk all of them again (a tenth of the CPU of a one-file ``newsmap build``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """The cycle collector off inside the block and back as it was after (nesting is fine);
    for loading tables that hold no garbage cycles, never for open-ended work.

    With ``freeze``, every object alive at the end is moved where the collector never looks
    again (:func:`gc.freeze`): for one-shot commands whose tables live as long as the process.
    Without it, the first collection after the block walks everything the block made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
