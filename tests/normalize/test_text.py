import pytest

from newscrawl.normalize.text import clean_space, split_caption, word_count


def test_clean_space() -> None:
    assert clean_space("  a\u00a0 b\n\tc\u200b ") == "a b c"
    assert clean_space(None) == ""


@pytest.mark.parametrize(
    ("caption", "expected"),
    [
        ("Petani memanen padi /Dok. Warga", ("Petani memanen padi", "Dok. Warga")),
        (
            "Jalan rusak di Kecamatan Ujung Bulu / Foto: Andi",
            ("Jalan rusak di Kecamatan Ujung Bulu", "Foto: Andi"),
        ),
        ("Rapat warga tanpa kredit", ("Rapat warga tanpa kredit", None)),
        ("Harga 10/20 naik /Humas", ("Harga 10/20 naik", "Humas")),
        ("", (None, None)),
    ],
)
def test_split_caption(caption: str, expected: tuple[str | None, str | None]) -> None:
    assert split_caption(caption) == expected


def test_word_count() -> None:
    assert word_count("Satu dua\n\ntiga.") == 3
