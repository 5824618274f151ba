"""Imported stories as corpus articles: one Markdown file each, deduplicated against the corpus.

An article is written only when the corpus reader accepts it (the same limits as any article),
through a hidden temporary file renamed into place, so a file is either whole or absent.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newsmap.corpus import article_id_for, discover, read_article
from newsmap.errors import ArticleError
from newsmap.importers.text import body_digest, http_url, normalise_url, slugify
from newsmap.model import PartialDate

IMPORT_FOLDER = "imported"
"""Imported articles go under ``<corpus>/imported/<source-slug>/``."""
TITLE_LIMIT = 500


@dataclass(frozen=True)
class Draft:
    """A story read from a feed or a page, not yet written to the corpus."""

    title: str
    body: str
    published: PartialDate | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


@dataclass
class CorpusIndex:
    """What the corpus already holds: each story's normalised URL and body digest, by path,
    and every article id in use."""

    urls: dict[str, str] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def scan(cls, data_dir: Path) -> CorpusIndex:
        """Index every readable article under ``data_dir`` (unreadable ones only reserve ids)."""
        index = cls()
        for path in discover(data_dir):
            index.ids.add(article_id_for(path))
            try:
                article = read_article(path)
            except ArticleError:
                continue
            index._remember(article.url, article.body, str(path))
        return index

    def duplicate_of(self, draft: Draft) -> str | None:
        """The file that already holds this story (same address, else same text), or None."""
        if draft.url and normalise_url(draft.url) in self.urls:
            return self.urls[normalise_url(draft.url)]
        return self.digests.get(body_digest(draft.body))

    def _remember(self, url: str | None, body: str, path: str) -> None:
        if url:
            self.urls.setdefault(normalise_url(url), path)
        self.digests.setdefault(body_digest(body), path)


def clean_title(title: str) -> str:
    """One line of at most TITLE_LIMIT characters (a longer title is cut at a word, with …)."""
    line = re.sub(r"\s+", " ", title).strip()
    if len(line) <= TITLE_LIMIT:
        return line
    cut = line[: TITLE_LIMIT - 1].rsplit(" ", 1)[0]
    return cut + "…"


def render(draft: Draft) -> bytes:
    """The article file for ``draft``: YAML front matter, a blank line, the body."""
    fields: dict[str, object] = {"title": clean_title(draft.title)}
    if draft.published is not None:
        fields["published"] = draft.published.iso()
    url = http_url(draft.url)
    if url:
        fields["url"] = url
    if draft.outlet and draft.outlet.strip():
        fields["outlet"] = re.sub(r"\s+", " ", draft.outlet).strip()
    authors = [re.sub(r"\s+", " ", a).strip() for a in draft.authors if a and a.strip()]
    if authors:
        fields["authors"] = authors
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n{draft.body.strip()}\n".encode()


def write_draft(draft: Draft, folder: Path, index: CorpusIndex) -> Path:
    """Write ``draft`` as a new article under ``folder`` and record it in ``index``; returns
    its path. ArticleError (naming the file it would have been) when the corpus would refuse it."""
    data = render(draft)
    path = folder / f"{_unused_id(draft, index)}.md"
    read_article(path, data)  # the corpus's own checks: size, encoding, title, body, url, date
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    index.ids.add(path.stem)
    index._remember(draft.url, draft.body, str(path))
    return path


def _unused_id(draft: Draft, index: CorpusIndex) -> str:
    """A file stem (and so article id) no other article has: the title's slug and a short
    digest of the story's address or text."""
    key = normalise_url(draft.url) if draft.url else body_digest(draft.body)
    digest = hashlib.sha256(key.encode()).hexdigest()
    stem = slugify(draft.title) or "story"
    for length in (6, 10, 16, 64):
        candidate = f"{stem}-{digest[:length]}"
        if candidate not in index.ids:
            return candidate
    raise ArticleError(stem, "no unused article id for this story")
