from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rhetoric.errors import InputError
from rhetoric.text import MAX_BYTES, decode, looks_english


def test_bom_is_removed_and_nothing_else_changes():
    assert decode("\ufeffA line.\r\nAnother.".encode(), "a.txt") == "A line.\r\nAnother."


def test_invalid_utf8_names_the_byte():
    with pytest.raises(InputError, match=r"not valid UTF-8 at byte 6 \(ff\)"):
        decode(b"Hello \xff world", "x.txt")


def test_binary_empty_and_huge_are_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "x.png")
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n\t ", "x.txt")
    with pytest.raises(InputError, match="limit"):
        decode(b"a" * (MAX_BYTES + 1), "x.txt")


@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_one_input_error(data):
    try:
        text = decode(data, "x")
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()


def test_english_check():
    assert looks_english("The minister said on Tuesday that the plan was going ahead as agreed.")
    assert not looks_english("Le ministre a déclaré mardi que le projet allait de l'avant comme convenu avec eux.")
