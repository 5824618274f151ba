"""What the event-dataset readers share: decoding a file within the limits, the result of
reading one (events and refused rows), and the digest that tells a revised row."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from newsmap.importers.report import InputError, Problem
from newsmap.model import PartialDate
from newsmap.sources.base import ImportedEvent

MAX_DATASET_BYTES = 200_000_000
"""Largest event file read (an ACLED export of a whole region for several years is ~100 MB)."""


@dataclass(frozen=True)
class Dataset:
    """An event file as read: its good rows as events, and each refused row with its reason."""

    kind: str
    events: tuple[ImportedEvent, ...]
    problems: tuple[Problem, ...]
    validated: str
    """The file's header (if any) and its good rows: the copy the corpus keeps."""


def decode(data: bytes, source: str) -> str:
    """The file's text: UTF-8 only (a BOM allowed), no NUL, within MAX_DATASET_BYTES."""
    if len(data) > MAX_DATASET_BYTES:
        raise InputError(source, f"file is {len(data):,} bytes; the limit is "
                         f"{MAX_DATASET_BYTES:,}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(source, f"not UTF-8 text (byte {data[error.start]:#04x} at offset "
                         f"{error.start}); save the file as UTF-8") from error
    if "\x00" in text:
        raise InputError(source, "file holds NUL characters; it is not a text file")
    return text.removeprefix("\ufeff")


def row_digest(values: Sequence[str]) -> str:
    """A digest of a row's values, so a revised row is told from an unchanged one."""
    joined = "\x1f".join(v.replace("\x1f", "\x1f\x1f") for v in values)  # unit separator
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@functools.lru_cache(maxsize=65_536)
def partial_date(text: str) -> PartialDate:
    """``PartialDate.parse`` for the few thousand distinct dates a dataset repeats."""
    return PartialDate.parse(text)


class RowError(ValueError):
    """A bad value in one row: the column to blame and why."""

    def __init__(self, column: str, reason: str) -> None:
        self.column = column
        self.reason = reason
        super().__init__(f"{column}: {reason}")


def number(value: str, column: str, low: float, high: float) -> float:
    """``value`` as a float within [low, high]; RowError naming ``column`` otherwise."""
    try:
        result = float(value)
    except ValueError as error:
        raise RowError(column, f"not a number: {value[:40]!r}") from error
    if not low <= result <= high:
        raise RowError(column, f"{result} is outside {low:g}..{high:g}")
    return result
