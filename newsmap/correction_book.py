"""Corrections during a build: applied to every article the build tags, re-applied to stored
articles whose corrections changed although their files did not, and recorded in the store.

The build makes three calls: ``CorrectionBook.load(data_dir)`` before it starts,
``book.apply(article, tags)`` before writing each tagged article, and ``book.finish(...)``
inside its transaction, before it commits. The SQL is the same on both backends; ``p`` is the
driver's parameter marker (``?`` for SQLite, ``%s`` for PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmap.corrections import (
    Correction,
    CorrectionLog,
    Outcome,
    apply_corrections,
    corrections_path,
    outcome_rows,
    read_corrections,
)
from newsmap.model import Article, ArticleTags, PartialDate
from newsmap.summaries import Cursor

Writer = Callable[[Article, ArticleTags], None]
"""How the backend stores one article with its tags (replacing its earlier version)."""

_COLUMNS = "id, article_id, action, target, reason, editor, at, status, detail"


def _insert(p: str) -> str:
    return (f"INSERT INTO corrections ({_COLUMNS}) VALUES ({', '.join([p] * 9)})"
            " ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id,"
            " action = excluded.action, target = excluded.target, reason = excluded.reason,"
            " editor = excluded.editor, at = excluded.at, status = excluded.status,"
            " detail = excluded.detail")


@dataclass
class CorrectionBook:
    """The corpus's corrections for one build, and what applying them did."""

    log: CorrectionLog
    path: Path
    written: dict[str, list[Outcome]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> CorrectionBook:
        """Read the corpus's corrections file (a missing file holds none)."""
        path = corrections_path(data_dir)
        return cls(read_corrections(path), path)

    def apply(self, article: Article, tags: ArticleTags) -> ArticleTags:
        """The article's tags with its corrections applied; remembers the outcomes."""
        tags, outcomes = apply_corrections(article.id, tags, self.log.for_article(article.id))
        self.written[article.id] = outcomes
        return tags

    def finish(self, cur: Cursor, p: str = "?", write: Writer | None = None) -> None:
        """Re-apply changed corrections to articles this build did not rewrite (stored with
        ``write``; by default the SQLite store's), and record every correction's outcome (and
        each unusable line) in the store."""
        if write is None:
            from newsmap.store import write_article

            def write(article: Article, tags: ArticleTags) -> None:
                write_article(cur, article, tags)  # type: ignore[arg-type]
        recorded = _recorded_articles(cur)
        stored = _stored_ids(cur, p, self.log.articles() | recorded)
        for article_id in sorted(stored - set(self.written)):
            if (_recorded_ids(cur, p, article_id)
                    != {c.id for c in self.log.for_article(article_id)}):
                article = _stored_article(cur, p, article_id)
                if article is not None:
                    from newsmap.tagging import tag_article

                    write(article, self.apply(article, tag_article(article)))
        insert = _insert(p)
        for article_id, outcomes in self.written.items():
            if not outcomes and article_id not in recorded:
                continue
            cur.execute(f"DELETE FROM corrections WHERE article_id = {p}", (article_id,))
            _insert_rows(cur, insert, outcome_rows(outcomes))
        missing = [c for c in self.log.corrections if c.article not in stored]
        cur.execute("DELETE FROM corrections WHERE status = 'invalid' AND article_id = ''")
        for article_id in _recorded_articles(cur) - stored:
            cur.execute(f"DELETE FROM corrections WHERE article_id = {p}", (article_id,))
        _insert_rows(cur, insert, outcome_rows(
            Outcome(c, "orphaned", "the article is not in the corpus") for c in missing))
        _insert_rows(cur, insert, [
            (f"line-{n}", "", "invalid", "{}", problem, "", "", "invalid", problem)
            for n, problem in enumerate(self.log.problems, start=1)])


def _insert_rows(cur: Cursor, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cur.executemany(sql, rows)


def _stored_ids(cur: Cursor, p: str, wanted: set[str]) -> set[str]:
    found = set()
    for article_id in wanted:
        if cur.execute(f"SELECT 1 FROM articles WHERE id = {p}", (article_id,)).fetchone():
            found.add(article_id)
    return found


def _recorded_articles(cur: Cursor) -> set[str]:
    rows = cur.execute("SELECT DISTINCT article_id FROM corrections WHERE article_id <> ''")
    return {str(row[0]) for row in rows.fetchall()}


def _recorded_ids(cur: Cursor, p: str, article_id: str) -> set[str]:
    rows = cur.execute(f"SELECT id FROM corrections WHERE article_id = {p}", (article_id,))
    return {str(row[0]) for row in rows.fetchall()}


def _stored_article(cur: Cursor, p: str, article_id: str) -> Article | None:
    """The article as the store holds it (its file may since have become unreadable)."""
    row = cur.execute(
        "SELECT id, title, body, published, url, outlet, authors, topics, curated_countries,"
        f" synthetic, source_path, content_hash, sample FROM articles WHERE id = {p}",
        (article_id,)).fetchone()
    if row is None:
        return None
    (id_, title, body, published, url, outlet, authors, topics, curated, synthetic,
     source_path, content_hash, sample) = tuple(row)
    return Article(
        id=id_, title=title, body=body,
        published=PartialDate.parse(published) if published else None,
        url=url, outlet=outlet, authors=tuple(json.loads(authors)),
        topics=tuple(json.loads(topics)), curated_countries=tuple(json.loads(curated)),
        synthetic=bool(synthetic), source_path=source_path, content_hash=content_hash,
        sample=bool(sample),
    )


def _dicts(cur: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, tuple(row), strict=True)) for row in cur.fetchall()]


def orphaned(cur: Cursor) -> list[dict[str, Any]]:
    """Corrections the last build could not apply (target gone, article gone, unusable line),
    as dicts of the ``corrections`` table's columns."""
    rows = _dicts(cur.execute(
        f"SELECT {_COLUMNS} FROM corrections WHERE status IN ('orphaned', 'invalid')"))
    return sorted(rows, key=lambda r: (r["article_id"], r["at"], r["id"]))  # bytewise, as SQLite


def for_article(cur: Cursor, article_id: str, p: str = "?") -> list[dict[str, Any]]:
    """The corrections recorded for one article, oldest first, as dicts."""
    rows = _dicts(cur.execute(f"SELECT {_COLUMNS} FROM corrections WHERE article_id = {p}",
                              (article_id,)))
    return sorted(rows, key=lambda r: (r["at"], r["id"]))


def corrected_article_ids(cur: Cursor) -> list[str]:
    """Stories with at least one applied correction, sorted."""
    rows = cur.execute("SELECT DISTINCT c.article_id FROM corrections c JOIN articles a"
                       " ON a.id = c.article_id WHERE c.status = 'applied'")
    return sorted(str(row[0]) for row in rows.fetchall())


__all__ = ["Correction", "CorrectionBook", "corrected_article_ids", "for_article", "orphaned"]
