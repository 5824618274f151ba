"""The direct copies of tagging records (built without :func:`dataclasses.replace`, which is
slow) must equal what ``replace`` gives, field for field: a field added to a record later and
left out of its copy would otherwise be dropped silently."""

from __future__ import annotations

from dataclasses import fields, replace

from newsmap.geo import City
from newsmap.model import PartialDate, Precision
from newsmap.tagging.dates import Anaphor, DateMention
from newsmap.tagging.placenames import PlaceRef


def _no_defaults(record: DateMention | PlaceRef) -> None:
    """Fail unless every field of ``record`` differs from its declared default."""
    for f in fields(record):
        assert getattr(record, f.name) != f.default, f.name


def test_dated_is_replace_with_the_date() -> None:
    mention = DateMention(
        3, 11, "that May", None, True, "ana", 5, 2, Anaphor("same", 0, "month", 5)
    )
    _no_defaults(mention)
    date = PartialDate(year=1999, month=5, day=2, precision=Precision.DAY)
    assert mention.dated(date) == replace(mention, date=date)
    assert mention.dated(None) == replace(mention, date=None)


def test_moved_is_replace_with_the_city() -> None:
    tripoli_ly = City("Tripoli", "LBY", 32.9, 13.2, 1_150_000, 2210247)
    tripoli_lb = City("Tripoli", "LBN", 34.4, 35.8, 229_400, 266826)
    ref = PlaceRef(40, 47, "Tripoli", tripoli_ly, 2, True, True, True, "Tripoli", True)
    _no_defaults(ref)
    # Moved abroad it is no longer the capital; pinned as asked, else as it was.
    assert ref.moved(tripoli_lb) == replace(ref, city=tripoli_lb, capital=False)
    assert ref.moved(tripoli_lb, pinned=False) == replace(
        ref, city=tripoli_lb, capital=False, pinned=False
    )
    same_country = City("Tripoli", "LBY", 32.8, 13.1, 10, None)
    assert ref.moved(same_country).capital is True
