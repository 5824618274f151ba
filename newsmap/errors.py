"""The project's own errors: each names what went wrong in words a user can act on."""

from __future__ import annotations

from pathlib import Path


class NewsmapError(Exception):
    """Base of every error newsmap raises on purpose."""


class ArticleError(NewsmapError):
    """An article file that cannot be read or is not valid; names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SettingsError(NewsmapError):
    """A setting (environment variable or flag) with a value newsmap cannot use."""


class StoreError(NewsmapError):
    """The store file is missing, locked, corrupt or of an unknown schema."""


class StoreUnwritableError(StoreError):
    """The store cannot be written (a full disk, a read-only disk or file): it is served as it
    is, and a build is not retried until something changes."""


class BuildLockedError(StoreError):
    """Another build holds the store's build lock."""


class SourceError(NewsmapError):
    """A whole source is unusable (its folder is missing or unreadable); the store is kept."""
