"""``newsmap check`` for corrections: unusable lines, and corrections whose target is gone
(the article was removed, or edited so that the country, place or event no longer appears)."""

from __future__ import annotations

from pathlib import Path

from newsmap.corpus import article_id_for, discover, read_article
from newsmap.corrections import apply_corrections, corrections_path, describe, read_corrections
from newsmap.errors import ArticleError
from newsmap.sources.base import Rejection


def correction_problems(data_dir: Path) -> list[Rejection]:
    """Each correction of ``data_dir`` that cannot be used or applied, with the reason; the
    corrected articles are read and tagged afresh, so the answer does not depend on a store."""
    path = corrections_path(data_dir)
    log = read_corrections(path)
    problems = [Rejection(*_split(problem)) for problem in log.problems]
    wanted = log.articles()
    if not wanted:
        return problems
    files = {article_id_for(p): p for p in discover(data_dir)}
    from newsmap.tagging import tag_article

    for article_id in sorted(wanted):
        corrections = log.for_article(article_id)
        where = f"{path} ({article_id})"
        if article_id not in files:
            problems.extend(Rejection(where, f"orphaned correction {c.id}: {describe(c)}; the "
                                      "article is not in the corpus") for c in corrections)
            continue
        try:
            article = read_article(files[article_id])
        except ArticleError as error:
            problems.append(Rejection(where, f"corrections wait for the article: {error.reason}"))
            continue
        _, outcomes = apply_corrections(article_id, tag_article(article), corrections)
        problems.extend(
            Rejection(where, f"{o.status} correction {o.correction.id}: "
                      f"{describe(o.correction)}; {o.detail}")
            for o in outcomes if o.status in ("orphaned", "invalid"))
    return problems


def _split(problem: str) -> tuple[str, str]:
    where, _, reason = problem.partition(": ")
    return where, reason
