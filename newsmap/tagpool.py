"""The middle of a build: read each planned item from its source and tag it, in worker
processes when there are many, giving the outcomes back in plan order."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass

from newsmap.buildplan import Task
from newsmap.errors import ArticleError
from newsmap.gcpause import collector_paused
from newsmap.model import Article, ArticleTags
from newsmap.sources.base import Content, Rejection, ScannedItem

PARALLEL_MIN_FILES = 200
"""Fewer items to read than this are read and tagged in the building process."""
CHUNK = 16
"""Items a worker takes at a time."""


@dataclass(frozen=True)
class Fresh:
    """New content to store (with its tags when it is an article)."""

    content: Content
    tags: ArticleTags | None
    pinned: ScannedItem | None


@dataclass(frozen=True)
class Same:
    """Content equal to the stored content: nothing to write but its signature."""

    pinned: ScannedItem | None


Outcome = Fresh | Same | Rejection


def read_and_tag_all(
    tasks: Sequence[Task], workers: int | None
) -> Generator[tuple[Task, Outcome]]:
    """Each task with its outcome, in order; close the generator to stop the workers."""
    count = _worker_count(workers, len(tasks))
    pool = None
    results: Iterator[Outcome]
    if count > 1:
        warm_up_tagger()
        gc.freeze()  # the tagger's tables stay shared with the workers instead of being copied
        pool = multiprocessing.get_context("fork").Pool(count)
        gc.unfreeze()
        results = pool.imap(read_and_tag, tasks, chunksize=CHUNK)
    else:
        results = map(read_and_tag, tasks)
    try:
        yield from zip(tasks, results, strict=True)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def read_and_tag(task: Task) -> Outcome:
    """Read one item from its source and tag it if it is a new or changed article."""
    try:
        loaded = task.source.read(task.key)
    except ArticleError as error:
        return Rejection(error.path, error.reason)
    content = loaded.content
    if content.content_hash == task.stored_hash and not task.retag:
        return Same(loaded.pinned)
    from newsmap.tagging import tag_article  # loaded once, and only when something is tagged

    tags = tag_article(content) if isinstance(content, Article) else None
    return Fresh(content, tags, loaded.pinned)


def _worker_count(workers: int | None, items: int) -> int:
    if items < PARALLEL_MIN_FILES or threading.active_count() > 1:
        return 1  # few items; or threads around (a Streamlit app), which fork does not suit
    if workers is None:
        workers = len(os.sched_getaffinity(0))
    return max(1, min(workers, items // CHUNK))


def warm_up_tagger() -> None:
    """Load the tagger's tables here, once, so forked workers share them (with the cycle
    collector paused: the tables hold no garbage)."""
    with collector_paused():
        from newsmap.tagging import tag_article

        tag_article(Article(id="warm-up", title="Warm-up", body="Officials in Tirana met.",
                            source_path="warm-up", content_hash="0"))
