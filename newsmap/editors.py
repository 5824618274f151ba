"""The editor's password: configured by the operator as a salted scrypt hash in the
environment (``NEWSMAP_EDITOR_PASSWORD_HASH``), never stored in the repository.

Make the hash with ``newsmap editor hash-password``. Without the variable, editing is off.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping

ENV_VAR = "NEWSMAP_EDITOR_PASSWORD_HASH"
MIN_PASSWORD = 8
_N, _R, _P = 2**14, 8, 1
_SCHEME = "scrypt"


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password``: ``scrypt$N$r$p$salt$digest`` (base64)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "$".join((_SCHEME, str(_N), str(_R), str(_P), _b64(salt), _b64(digest)))


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (False for a malformed hash)."""
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                                n=int(n), r=int(r), p=int(p), dklen=len(expected),
                                maxmem=128 * int(r) * int(n) * 2 + 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def configured_hash(env: Mapping[str, str] | None = None) -> str | None:
    """The operator's password hash, or None when editing is not set up."""
    value = (os.environ if env is None else env).get(ENV_VAR, "").strip()
    return value or None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
