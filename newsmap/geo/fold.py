"""Diacritic- and case-folding of text, one character for one character.

``fold("Durrës") == "durres"`` and ``fold("Türkiye") == "turkiye"``. Because every character maps
to exactly one character, an offset into the folded text is the same offset into the original, so
matchers can search the folded text and report spans of the original.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "fold_key"]

# Letters that carry no combining mark in Unicode, so decomposition alone does not strip them.
_EXTRA = {
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ł": "l",
    "Ł": "l",
    "ħ": "h",
    "Ħ": "h",
    "ı": "i",
    "ŧ": "t",
    "Ŧ": "t",
    "ð": "d",
    "Ð": "d",
    # typographic apostrophes, quotes and dashes fold to their ASCII forms
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}


def _fold_char(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    lowered = base.lower()
    if len(lowered) == 1:
        return lowered
    # "İ" lowers to two characters; fall back to one so the fold stays length-preserving
    single = char.lower()
    return single if len(single) == 1 else char


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x0000, 0x0530):  # Latin, IPA, Greek and Cyrillic blocks
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    for char, folded in _EXTRA.items():
        table[ord(char)] = folded
    for code in range(0x1E00, 0x1F00):  # Latin Extended Additional (Vietnamese and others)
        char = chr(code)
        folded = _fold_char(char)
        if folded != char:
            table[code] = folded
    return table


_TABLE = _build_table()
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Words of a lookup key: letters and digits (not the underscore that \w also allows).
_KEY_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics, keeping its length (one character per character).

    Characters outside the Latin, Greek and Cyrillic blocks are only lower-cased; ligatures such
    as "æ" and "ß" stay single characters, so offsets never shift.
    """
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters: take the slow, exact path
        return text.translate(_TABLE)
    if lowered.isascii():
        return lowered
    return _NON_ASCII.sub(_fold_match, lowered)


def _fold_match(match: re.Match[str]) -> str:
    char = match.group()
    return _TABLE.get(ord(char), char)


def fold_key(text: str) -> str:
    """A lookup key for a whole name: folded, with punctuation between words reduced to one space.

    ``fold_key("Côte d’Ivoire") == "cote d ivoire"``;
    ``fold_key("Guinea-Bissau") == "guinea bissau"``.
    """
    return " ".join(_KEY_WORD.findall(fold(text)))
