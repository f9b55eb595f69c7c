import pytest

from newscrawl.normalize.urls import (
    clean_url,
    host_of,
    is_followable,
    page_number,
    with_page,
    without_query,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://A.example/tag/Pasar Sentral", "https://a.example/tag/Pasar%20Sentral"),
        ("https://a.example/x?utm_source=wa&page=2#top", "https://a.example/x?page=2"),
        ("https://a.example/x?fbclid=1", "https://a.example/x"),
        ("https://a.example", "https://a.example/"),
        ("https://a.example/x%20y", "https://a.example/x%20y"),
    ],
)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


def test_without_query_and_pages() -> None:
    url = "https://a.example/s/pr-1234567/judul/?page=3#k"
    assert without_query(url) == "https://a.example/s/pr-1234567/judul/"
    assert page_number(url) == 3
    assert page_number("https://a.example/s?page=x") == 1
    assert with_page(url, 2) == "https://a.example/s/pr-1234567/judul/?page=2"
    assert with_page(url, 1) == "https://a.example/s/pr-1234567/judul/"


def test_hosts_and_schemes() -> None:
    assert host_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert is_followable("https://a.example/")
    assert not is_followable("javascript:void(0)")
    assert not is_followable("file:///etc/passwd")
    assert not is_followable("mailto:a@b.c")
