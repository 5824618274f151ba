"""The corpus: finding article files and reading each into a validated :class:`Article`.

Two formats (see DESIGN.md): Markdown with YAML front matter, and plain text whose first line is
the title. Every problem raises :class:`ArticleError` naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat as stat_mode
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from newsmap.errors import ArticleError
from newsmap.filerules import ARTICLE_SUFFIXES as ARTICLE_SUFFIXES  # the rules, re-exported
from newsmap.filerules import MAX_FILE_BYTES as MAX_FILE_BYTES
from newsmap.filerules import too_big as too_big
from newsmap.model import Article, PartialDate, article_id_from_name, is_visible

"""Largest article file accepted (2 MB, about 300,000 words): larger files are refused."""
MAX_FRONT_MATTER_BYTES = 64_000
"""Largest YAML front matter accepted; it holds a handful of short fields."""
MAX_YAML_DEPTH = 10
MAX_YAML_VALUES = 10_000
"""Most values front matter may hold, counting each use of a YAML alias (no billion laughs)."""

_FRONT_MATTER_KEYS = {
    "title", "published", "url", "outlet", "authors", "author", "topics", "countries", "synthetic",
    "sample",
}


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (about 9x faster on front matter), else pure Python."""


class _DuplicateKeyError(yaml.constructor.ConstructorError):
    """A mapping that gives one key twice (YAML would silently keep the last)."""

    def __init__(self, key: str, first: int, second: int) -> None:
        super().__init__(problem=f"key {key!r} given twice")
        self.key, self.lines = key, (first, second)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """Safe YAML that keeps dates and numbers as written (``2022-09-15`` and ``0000`` stay
    text, checked by PartialDate) and refuses a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                line = key_node.start_mark.line
                if key_node.value in first_line:
                    raise _DuplicateKeyError(key_node.value, first_line[key_node.value], line)
                first_line[key_node.value] = line
        return dict(super().construct_mapping(node, deep=deep))


_KEPT_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _KEPT_AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def discover(data_dir: Path) -> list[Path]:
    """Every article file under ``data_dir`` the build reads (recursively; hidden files, links
    and refused names left out), sorted. See :mod:`newsmap.sources.corpus` for the rules."""
    from newsmap.sources.corpus import CorpusSource

    return [Path(item.key) for item in CorpusSource(data_dir).scan().items]


def article_id_for(path: Path) -> str:
    """The stable id of the article in ``path``: a slug of its file name (the one id rule is
    :func:`newsmap.model.article_id_from_name`)."""
    return article_id_from_name(path.stem)


def content_hash(data: bytes) -> str:
    """The sha256 hex digest that identifies one version of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def read_article(path: Path, data: bytes | None = None) -> Article:
    """Read and validate the article at ``path`` (from ``data`` when given); ArticleError if bad."""
    if data is None:
        data = read_limited(str(path))[0]
    text = _decode(path, data)
    if path.suffix.lower() == ".txt":
        fields, body = _split_plain_text(path, text)
    else:
        fields, body = _split_markdown(path, text)
    return _validate(path, data, fields, body)


def iter_articles(data_dir: Path) -> Iterator[Article | ArticleError]:
    """Each file under ``data_dir`` read as an Article, or the ArticleError that rejects it."""
    for path in discover(data_dir):
        try:
            yield read_article(path)
        except ArticleError as error:
            yield error


def read_limited(key: str) -> tuple[bytes, os.stat_result, os.stat_result]:
    """The file's bytes with its stat before and after reading (the same stat means the bytes
    belong to it). Refuses a link, a non-regular file or a file over the limit by name, without
    ever reading more than the limit plus one byte."""
    try:
        fd = os.open(key, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if os.path.islink(key):
            raise ArticleError(key, "symbolic link; only regular files are read") from error
        raise ArticleError(key, _cannot_read(error)) from error
    try:
        before = os.fstat(fd)
        if not stat_mode.S_ISREG(before.st_mode):
            raise ArticleError(key, "not a regular file (a pipe, socket or device)")
        if before.st_size > MAX_FILE_BYTES:
            raise ArticleError(key, too_big(before.st_size))
        chunks = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        after = os.fstat(fd)
    except OSError as error:
        raise ArticleError(key, _cannot_read(error)) from error
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(key, f"file grew past the limit of {MAX_FILE_BYTES:,} bytes "
                           "while it was read")
    return data, before, after


def _cannot_read(error: OSError) -> str:
    return f"cannot read file: {error.strerror or error}"


def _decode(path: Path, data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ArticleError(path, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(
            path, f"not UTF-8 text (byte {data[error.start]:#04x} at offset {error.start})"
        ) from error
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ArticleError(path, "file holds NUL characters; it is not a text article")
    return text


def _split_plain_text(path: Path, text: str) -> tuple[dict[str, Any], str]:
    lines = text.strip("\n").split("\n")
    title = lines[0].strip() if lines else ""
    if not title:
        raise ArticleError(path, "no title: the first line of a .txt article is its title")
    return {"title": title}, "\n".join(lines[1:]).strip()


def _split_markdown(path: Path, text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return _split_markdown_heading(path, text)
    end = text.find("\n---", 3)
    while end != -1 and text[end + 4 : end + 5] not in ("\n", ""):
        end = text.find("\n---", end + 4)
    if end == -1:
        raise ArticleError(path, "front matter opened with '---' is never closed")
    raw = text[4:end]
    if len(raw.encode("utf-8")) > MAX_FRONT_MATTER_BYTES:
        raise ArticleError(path, f"front matter is over {MAX_FRONT_MATTER_BYTES:,} bytes")
    fields = _load_yaml(path, raw)
    return fields, text[end + 4 :].strip()


def _split_markdown_heading(path: Path, text: str) -> tuple[dict[str, Any], str]:
    stripped = text.strip("\n")
    first, _, rest = stripped.partition("\n")
    if not first.startswith("# "):
        raise ArticleError(path, "no title: give front matter with 'title:' or a '# ' heading")
    return {"title": first[2:].strip()}, rest.strip()


def _load_yaml(path: Path, raw: str) -> dict[str, Any]:
    try:
        loaded = yaml.load(raw, Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except _DuplicateKeyError as error:
        first, second = (line + 2 for line in error.lines)
        raise ArticleError(path, f"front matter gives the key {error.key!r} twice (lines {first} "
                           f"and {second}); keep one") from error
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ArticleError(path, f"front matter is not valid YAML{at}: {problem}") from error
    except RecursionError as error:
        raise ArticleError(path, "front matter is nested too deeply") from error
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ArticleError(path, "front matter must be a mapping of 'key: value' lines")
    if _holds_too_many(loaded):
        raise ArticleError(
            path, f"front matter holds over {MAX_YAML_VALUES:,} values (expanded YAML aliases?)"
        )
    if _depth(loaded) > MAX_YAML_DEPTH:
        raise ArticleError(path, f"front matter is nested deeper than {MAX_YAML_DEPTH} levels")
    unknown = sorted(str(key) for key in loaded if key not in _FRONT_MATTER_KEYS)
    if unknown:
        allowed = ", ".join(sorted(_FRONT_MATTER_KEYS))
        raise ArticleError(path, f"unknown front matter key(s) {unknown}; allowed: {allowed}")
    return loaded


def _holds_too_many(value: object) -> bool:
    """Whether ``value`` holds more than MAX_YAML_VALUES values; stops counting there."""
    stack = [value]
    count = 0
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_YAML_VALUES:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_YAML_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def _validate(path: Path, data: bytes, fields: dict[str, Any], body: str) -> Article:
    article_id = article_id_for(path)
    if not article_id:
        raise ArticleError(path, "file name gives an empty id; use letters or digits in it")
    title = fields.get("title")
    if title is None or (isinstance(title, str) and not is_visible(title)):
        raise ArticleError(path, "no title (or a title of blank or invisible characters only)")
    if not body.strip():
        raise ArticleError(path, "empty body")
    try:
        return Article(
            id=article_id,
            title=_text_field(path, "title", title).strip(),
            body=body,
            published=_published(path, fields.get("published")),
            url=_optional_text(path, "url", fields.get("url")),
            outlet=_optional_text(path, "outlet", fields.get("outlet")),
            authors=_text_list(path, "authors", fields.get("authors", fields.get("author"))),
            topics=_text_list(path, "topics", fields.get("topics")),
            curated_countries=_countries(path, fields.get("countries")),
            synthetic=_flag(path, "synthetic", fields.get("synthetic", False)),
            sample=_flag(path, "sample", fields.get("sample", False)),
            source_path=str(path),
            content_hash=content_hash(data),
        )
    except ValidationError as error:
        raise ArticleError(path, _explain(error)) from error


def _explain(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem["loc"]) or "article"
        parts.append(f"{where}: {problem['msg']}")
    return "; ".join(parts)


def _published(path: Path, value: object) -> PartialDate | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ArticleError(path, f"published: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    try:
        return PartialDate.parse(str(value))
    except ValidationError as error:
        raise ArticleError(path, f"published: {str(value)!r} is not a calendar date "
                           f"({_explain(error)}); years run from 0001 to 9999") from error
    except ValueError as error:
        raise ArticleError(path, f"published: {error}") from error


def _text_field(path: Path, name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ArticleError(path, f"{name}: expected text, got {type(value).__name__}")
    return str(value)


def _optional_text(path: Path, name: str, value: object) -> str | None:
    if value is None:
        return None
    text = _text_field(path, name, value).strip()
    return text or None


def _text_list(path: Path, name: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(t for t in (_text_field(path, name, item).strip() for item in items) if t)


def _countries(path: Path, value: object) -> tuple[str, ...]:
    codes = _text_list(path, "countries", value)
    bad = [code for code in codes if not re.fullmatch(r"[A-Z]{3}", code)]
    if bad:
        raise ArticleError(path, f"countries: {bad} are not ISO 3166-1 alpha-3 codes like ALB")
    return tuple(dict.fromkeys(codes))


def _flag(path: Path, name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise ArticleError(path, f"{name}: expected true or false, got {value!r}")
    return value
