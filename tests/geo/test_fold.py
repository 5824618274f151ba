from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsmap.geo import fold, fold_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Durrës", "durres"),
        ("Türkiye", "turkiye"),
        ("TÜRKIYE", "turkiye"),
        ("São Tomé", "sao tome"),
        ("Łódź", "lodz"),
        ("Việt Nam", "viet nam"),
        ("İstanbul", "istanbul"),
        ("Iran’s", "iran's"),
        ("Москва", "москва"),
    ],
)
def test_fold_strips_diacritics_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text())
def test_fold_keeps_every_offset(text: str) -> None:
    assert len(fold(text)) == len(text)


def test_fold_key_reduces_punctuation_to_single_spaces() -> None:
    assert fold_key("Côte d’Ivoire") == "cote d ivoire"
    assert fold_key("  Guinea-Bissau ") == "guinea bissau"
    assert fold_key("U.S.") == "u s"
