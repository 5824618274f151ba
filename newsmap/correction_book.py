"""Corrections during a build: applied to every article the build tags, re-applied to stored
articles whose corrections changed although their files did not, and recorded in the store.

The build makes three calls: ``CorrectionBook.load(data_dir)`` before it starts,
``book.apply(article, tags)`` before writing each tagged article, and ``book.finish(conn)``
inside its transaction, before it commits.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

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
from newsmap.store import write_article

_INSERT = ("INSERT OR REPLACE INTO corrections (id, article_id, action, target, reason, editor,"
           " at, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


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

    def finish(self, conn: sqlite3.Connection) -> None:
        """Re-apply changed corrections to articles this build did not rewrite, and record
        every correction's outcome (and each unusable line) in the store."""
        recorded = _recorded_articles(conn)
        stored = _stored_ids(conn, self.log.articles() | recorded)
        for article_id in sorted(stored - set(self.written)):
            if _recorded_ids(conn, article_id) != {c.id for c in self.log.for_article(article_id)}:
                article = _stored_article(conn, article_id)
                if article is not None:
                    from newsmap.tagging import tag_article

                    write_article(conn, article, self.apply(article, tag_article(article)))
        for article_id, outcomes in self.written.items():
            if not outcomes and article_id not in recorded:
                continue
            conn.execute("DELETE FROM corrections WHERE article_id = ?", (article_id,))
            conn.executemany(_INSERT, outcome_rows(outcomes))
        missing = [c for c in self.log.corrections if c.article not in stored]
        conn.execute("DELETE FROM corrections WHERE status = 'invalid' AND article_id = ''")
        conn.executemany("DELETE FROM corrections WHERE article_id = ?",
                         [(a,) for a in _recorded_articles(conn) - stored])
        conn.executemany(_INSERT, outcome_rows(
            Outcome(c, "orphaned", "the article is not in the corpus") for c in missing))
        conn.executemany(_INSERT, [
            (f"line-{n}", "", "invalid", "{}", problem, "", "", "invalid", problem)
            for n, problem in enumerate(self.log.problems, start=1)])


def _stored_ids(conn: sqlite3.Connection, wanted: set[str]) -> set[str]:
    found = set()
    for article_id in wanted:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            found.add(article_id)
    return found


def _recorded_articles(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT DISTINCT article_id FROM corrections WHERE article_id != ''")
    return {row[0] for row in rows}


def _recorded_ids(conn: sqlite3.Connection, article_id: str) -> set[str]:
    rows = conn.execute("SELECT id FROM corrections WHERE article_id = ?", (article_id,))
    return {row[0] for row in rows}


def _stored_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    """The article as the store holds it (its file may since have become unreadable)."""
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    return Article(
        id=row["id"], title=row["title"], body=row["body"],
        published=PartialDate.parse(row["published"]) if row["published"] else None,
        url=row["url"], outlet=row["outlet"], authors=tuple(json.loads(row["authors"])),
        topics=tuple(json.loads(row["topics"])),
        curated_countries=tuple(json.loads(row["curated_countries"])),
        synthetic=bool(row["synthetic"]), source_path=row["source_path"],
        content_hash=row["content_hash"],
    )


def orphaned(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """Corrections the last build could not apply (target gone, article gone, unusable line)."""
    return conn.execute(
        "SELECT * FROM corrections WHERE status IN ('orphaned', 'invalid')"
        " ORDER BY article_id, at, id").fetchall()


def for_article(conn: sqlite3.Connection, article_id: str) -> list[sqlite3.Row]:
    """The corrections recorded for one article, oldest first."""
    return conn.execute("SELECT * FROM corrections WHERE article_id = ? ORDER BY at, id",
                        (article_id,)).fetchall()


__all__ = ["Correction", "CorrectionBook", "for_article", "orphaned"]
