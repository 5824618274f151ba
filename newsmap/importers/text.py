"""Text helpers shared by the importers: HTML to plain paragraphs, URL normalisation, slugs
and the body digest that tells two copies of one story apart from two stories."""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "tr", "table", "pre", "figure", "figcaption",
    "dd", "dt", "hr",
}
_SKIPPED = {"script", "style", "noscript", "template", "iframe", "object", "svg", "head"}
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|cmpid|at_medium|"
                       r"at_campaign|ocid|igshid)$", re.IGNORECASE)
_HTTP = re.compile(r"^https?://[^\s/]+", re.IGNORECASE)


class _TextCollector(HTMLParser):
    """Collects the text of an HTML fragment, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if text:
            self.paragraphs.append(text)
        self._current = []

    def text(self) -> str:
        self._flush()
        return "\n\n".join(self.paragraphs)


def html_to_text(fragment: str) -> str:
    """The readable text of an HTML fragment: paragraphs separated by blank lines, scripts and
    styles dropped, entities decoded. Plain text passes through with its paragraphs kept."""
    if "<" not in fragment:
        paragraphs = re.split(r"\n\s*\n", html.unescape(fragment))
        return "\n\n".join(p for p in (re.sub(r"\s+", " ", q).strip() for q in paragraphs) if p)
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return collector.text()


def http_url(value: object) -> str | None:
    """``value`` stripped when it is an http(s) address, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if _HTTP.match(value) and not re.search(r"\s", value) else None


def normalise_url(url: str) -> str:
    """The form under which two addresses of one page compare equal: lower-case scheme and host
    without ``www.`` or a default port, no fragment, no tracking parameters, sorted query,
    no trailing slash; http and https are the same page."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.match(k))
    path = re.sub(r"/+$", "", parts.path) or ""
    return urlunsplit(("http", netloc, path, urlencode(query), ""))


def body_digest(body: str) -> str:
    """A digest of a story's text that ignores case, spacing and punctuation."""
    words = re.findall(r"\w+", unicodedata.normalize("NFKC", body).casefold())
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def slugify(text: str, limit: int = 60) -> str:
    """Lower-case ASCII letters and digits joined by hyphens, at most ``limit`` characters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:limit].strip("-")
