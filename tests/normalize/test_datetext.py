import pytest

from newscrawl.normalize.datetext import date_in_url, find_date_text


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


def test_a_date_with_at_keeps_its_clock() -> None:
    assert find_date_text("Diposting 18 Jun 2015 at 06:25 WIB oleh Redaksi") == (
        "18 Jun 2015 at 06:25 WIB"
    )


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://kabar.example/read/2015/06/17/320/1234/judul", "2015-06-17"),
        ("https://kabar.example/2024/06/19/judul-berita/", "2024-06-19"),
        ("https://kabar.example/berita/20240619/judul", "2024-06-19"),
        ("https://kabar.example/berita/d-7572645/judul", None),
        ("https://kabar.example/2024/13/19/judul", None),
        ("https://kabar.example/pr-201912345/judul", None),
        ("https://2024.example/?d=2024/06/19/", None),
    ],
)
def test_the_day_a_url_spells(url: str, day: str | None) -> None:
    assert date_in_url(url) == day
