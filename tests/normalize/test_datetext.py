import pytest

from newscrawl.normalize.datetext import find_date_text


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Rina Sari, Jurnalis · Kamis 09 Juli 2020 07:26 WIB", "Kamis 09 Juli 2020 07:26 WIB"),
        ("Jumat, 9 Oktober 2020 | 14:01 WIB Oleh : Budi", "Jumat, 9 Oktober 2020 | 14:01 WIB"),
        ("Posted on October 9, 2020 by admin", "October 9, 2020"),
        ("by Andi Jumat, 9 Oktober 2020", "Jumat, 9 Oktober 2020"),
        ("Penulis: Ani | Kamis, 20 Juni 2024 | 14:05 WITA", "Kamis, 20 Juni 2024 | 14:05 WITA"),
        ("Rabu, 19/06/2024 07:57 WIB", "Rabu, 19/06/2024 07:57 WIB"),
        ("Selasa, 18 Juni 2024 16:31", "Selasa, 18 Juni 2024 16:31"),
        ("19 Juni 2024 pukul 07.57 WIT", "19 Juni 2024 pukul 07.57 WIT"),
        ("Redaksi Kabar Pesisir", None),
        ("", None),
    ],
)
def test_find_date_text(byline: str, expected: str | None) -> None:
    assert find_date_text(byline) == expected
