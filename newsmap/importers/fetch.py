"""Reading an input named on the command line: a local file, or an http(s) URL fetched only
because the user asked for it. Either way the size is bounded and a failure names the input."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from newsmap.importers.report import InputError
from newsmap.importers.text import http_url

TIMEOUT_SECONDS = 20.0
USER_AGENT = "newsmap-import/0.1"


def is_url(source: str) -> bool:
    """Whether ``source`` names an http(s) address rather than a file."""
    return http_url(source) is not None


def read_input(source: str, limit: int) -> bytes:
    """The bytes of a file or http(s) URL, at most ``limit`` of them; InputError otherwise."""
    if is_url(source):
        return fetch(source, limit)
    if "://" in source:
        raise InputError(source, "only http:// and https:// addresses can be fetched")
    path = Path(source)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(source, "not a file")
        if size > limit:
            raise InputError(source, f"file is {size:,} bytes; the limit is {limit:,}")
        return path.read_bytes()
    except OSError as error:
        raise InputError(source, f"cannot read file: {error.strerror or error}") from error


def fetch(url: str, limit: int) -> bytes:
    """GET ``url`` (http or https only) and return at most ``limit`` bytes; InputError naming
    the URL when it cannot be fetched or is larger."""
    if not is_url(url):
        raise InputError(url, "only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as reply:  # noqa: S310
            if not is_url(reply.geturl()):
                raise InputError(url, f"redirected to a non-http address {reply.geturl()!r}")
            data: bytes = reply.read(limit + 1)
    except urllib.error.HTTPError as error:
        raise InputError(url, f"cannot fetch: HTTP {error.code} {error.reason}") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise InputError(url, f"cannot fetch: {reason}") from error
    if len(data) > limit:
        raise InputError(url, f"larger than the limit of {limit:,} bytes")
    return data
