"""The data model: articles and what tagging finds in them, validated with pydantic.

Dates keep their precision: a :class:`PartialDate` of ``2022-09`` is September 2022, never
1 September 2022, and a decade ("the 1990s") is a year range.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from newsmap.filerules import ARTICLE_ID_MAX as ARTICLE_ID_MAX  # the longest article id

ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]

ARTICLE_ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
"""An article id: lower-case ASCII letters and digits in words joined by single hyphens."""
_ARTICLE_ID = re.compile(f"^{ARTICLE_ID_PATTERN}$")
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"}
_BLANK_LOOKING = {"\u115f", "\u1160", "\u2800", "\u3164", "\uffa0"}
"""Letters and symbols fonts draw as nothing (Hangul fillers, the blank Braille pattern)."""


def is_article_id(text: str) -> bool:
    """Whether ``text`` is a valid article id (the one rule: files, the store and links)."""
    return len(text) <= ARTICLE_ID_MAX and _ARTICLE_ID.match(text) is not None


def article_id_from_name(name: str) -> str:
    """The article id for a file name stem: folded to ASCII, lower-case, runs of other
    characters turned into one hyphen, cut to :data:`ARTICLE_ID_MAX`; empty if nothing is left."""
    folded = unicodedata.normalize("NFKD", name)
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    return slug[:ARTICLE_ID_MAX].strip("-")


def is_visible(text: str) -> bool:
    """Whether ``text`` has a character a reader can see (not only spaces, zero-width or
    formatting characters, combining marks or characters drawn blank)."""
    return any(
        unicodedata.category(char) not in _INVISIBLE_CATEGORIES and char not in _BLANK_LOOKING
        for char in text
    )


_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DECADE = re.compile(r"^(\d{3})0s$")


class Precision(StrEnum):
    """How much of a date is known."""

    DECADE = "decade"
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class EventType(StrEnum):
    """The kinds of event the tagger recognises (lexicon in ``newsmap/tagging/events.py``)."""

    CYBERATTACK = "cyberattack"
    DIPLOMATIC = "diplomatic"
    TERRORISM = "terrorism"
    ARMS_TRANSFER = "arms transfer"
    MIGRATION = "migration"
    PROTEST = "protest"
    ARMED_CONFLICT = "armed conflict"
    ELECTION = "election"
    DISASTER = "disaster"
    OTHER = "other"


class PartialDate(BaseModel):
    """A calendar date known to a given precision: decade, year, month or day."""

    model_config = ConfigDict(frozen=True)

    year: int = Field(ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    precision: Precision

    @model_validator(mode="after")
    def _check_fields_match_precision(self) -> Self:
        # Run on every validation, also of a date already made (each event's date, as the
        # tags are validated), so kept cheap: a month is there at month and day precision, a
        # day at day precision (compared by identity: an enum member hashes in Python), and
        # the month's length is read only for a day past the 28th, which every month has.
        day_precise = self.precision is Precision.DAY
        expected = (day_precise or self.precision is Precision.MONTH, day_precise)
        if (self.month is not None, self.day is not None) != expected:
            raise ValueError(f"fields do not match precision {self.precision.value!r}")
        if self.precision is Precision.DECADE and self.year % 10:
            raise ValueError("a decade starts at a year ending in 0")
        if self.day is not None and self.day > 28 and self.month is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if self.day > last:
                raise ValueError(f"{self.year}-{self.month:02d} has only {last} days")
        return self

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a decade ``YYY0s``; else ValueError."""
        value = str(text).strip()
        decade = _DECADE.match(value)
        if decade:
            return cls(year=int(decade.group(1)) * 10, precision=Precision.DECADE)
        match = _ISO_PARTIAL.match(value)
        if not match:
            raise ValueError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if day is not None:
            return cls(year=year, month=month, day=day, precision=Precision.DAY)
        if month is not None:
            return cls(year=year, month=month, precision=Precision.MONTH)
        return cls(year=year, precision=Precision.YEAR)

    def iso(self) -> str:
        """The date at its own precision: ``1990s``, ``2022``, ``2022-09``, ``2022-09-15``."""
        if self.precision is Precision.DECADE:
            return f"{self.year}s"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @property
    def year_range(self) -> tuple[int, int]:
        """First and last calendar year the date may fall in."""
        if self.precision is Precision.DECADE:
            return self.year, self.year + 9
        return self.year, self.year

    def sort_key(self) -> tuple[int, int, int]:
        """Orders dates by their earliest possible day."""
        return self.year, self.month or 0, self.day or 0

    def label(self) -> str:
        """A reader's rendering at the date's precision: ``the 1990s``, ``September 2022``."""
        if self.precision is Precision.DECADE:
            return f"the {self.year}s"
        if self.precision is Precision.YEAR:
            return str(self.year)
        assert self.month is not None
        month = calendar.month_name[self.month]
        if self.precision is Precision.MONTH:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.iso()


class Article(BaseModel):
    """One article of the corpus, as read and validated from its file."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=f"^{ARTICLE_ID_PATTERN}$", max_length=ARTICLE_ID_MAX)
    title: str = Field(min_length=1, max_length=500)
    body: str = Field(min_length=1)
    published: PartialDate | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    curated_countries: tuple[ISO3, ...] = ()
    synthetic: bool = False
    sample: bool = False
    """One of the shipped sample articles (front matter ``sample: true``), labelled as such."""
    source_path: str
    content_hash: str

    @field_validator("url")
    @classmethod
    def _check_url_is_http(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not re.match(r"^https?://[^\s/]+", value, flags=re.IGNORECASE):
            raise ValueError(f"url must start with http:// or https://, got {value[:80]!r}")
        return value

    @field_validator("title", "body")
    @classmethod
    def _check_not_blank(cls, value: str) -> str:
        if not is_visible(value):
            raise ValueError("must not be blank (it holds no visible character)")
        return value


class CountryTag(BaseModel):
    """A country an article refers to, how much it is about it, and the sentences that say so."""

    iso3: ISO3
    name: str
    salience: float = Field(ge=0.0, le=1.0)
    primary: bool
    mentions: int = Field(ge=0)
    evidence: tuple[str, ...] = ()


class Place(BaseModel):
    """A city, town or site an article names, with coordinates from the gazetteer."""

    name: str
    iso3: ISO3
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    evidence: str
    site_of: str | None = None  # a named site placed at this city's coordinates


class RegionTag(BaseModel):
    """A region an article names ("Western Balkans"): a filter, never a country."""

    name: str
    evidence: str


class Event(BaseModel):
    """Something that happened, when (at its precision, or unknown), where, and the sentence."""

    date: PartialDate | None
    iso3: ISO3 | None = None
    place: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    type: EventType = EventType.OTHER
    summary: str
    uid: str | None = None
    """Stable id (``newsmap.eventids``); set by the build before corrections change the event."""

    @model_validator(mode="after")
    def _check_coordinates_paired(self) -> Self:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon go together")
        return self


class ArticleTags(BaseModel):
    """Everything tagging found in one article."""

    countries: tuple[CountryTag, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    regions: tuple[RegionTag, ...] = ()
