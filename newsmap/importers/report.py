"""What an import did: items written, duplicates skipped, and each problem with its place."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsmap.errors import NewsmapError


@dataclass(frozen=True)
class Problem:
    """One bad item of an input: the file (or URL), where in it (``row 7``, ``entry 3``), the
    column or field when one is to blame, and why it was refused."""

    source: str
    where: str
    column: str | None
    reason: str
    column_word: str = "column"
    """What a column is called in this kind of input ("field" for a feed entry)."""

    def __str__(self) -> str:
        column = f", {self.column_word} {self.column}" if self.column else ""
        where = f"{self.where}{column}: " if self.where else ""
        return f"{self.source}: {where}{self.reason}"


@dataclass
class ImportReport:
    """The outcome of one import command."""

    written: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing was refused."""
        return not self.problems

    def summary(self) -> str:
        """The one line the CLI prints."""
        return (f"imported {len(self.written)}, already present {len(self.duplicates)}, "
                f"refused {len(self.problems)}")


class InputError(NewsmapError):
    """A whole input (a file or URL) that cannot be imported at all; names it and says why."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
