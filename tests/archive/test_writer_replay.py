"""Archive writer and replay middlewares in-process: records round trip, rotation, replay."""

from __future__ import annotations

import gzip
import hashlib
import logging
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from newscrawl.archive.reader import archive_paths, index_responses, read_response, url_key
from newscrawl.archive.records import response_record
from newscrawl.archive.replay import ReplayMiddleware
from newscrawl.archive.warcfile import rotated_name
from newscrawl.archive.writer import ArchiveMiddleware

HTML = "text/html; charset=utf-8"


def noise(seed: int) -> bytes:
    """1280 incompressible bytes, the same for the same seed (file sizes are predictable)."""
    return b"".join(hashlib.sha256(f"{seed}-{n}".encode()).digest() for n in range(40))


def exchange(url: str, body: bytes, headers: dict[str, str], status: int = 200) -> Response:
    request = Request(url, headers={"User-Agent": "newscrawl-test", "Accept-Encoding": "gzip"})
    return Response(url, status=status, headers=headers, body=body, request=request)


def archive(path: Path, responses: list[Response], max_bytes: int = 1 << 30) -> Crawler:
    """Pass ``responses`` through an archive middleware writing to ``path``; its crawler."""
    settings = {"NEWSCRAWL_ARCHIVE": str(path), "NEWSCRAWL_ARCHIVE_MAX_BYTES": max_bytes}
    crawler = get_crawler(settings_dict=settings)
    middleware = ArchiveMiddleware.from_crawler(crawler)
    for response in responses:
        assert response.request is not None
        assert middleware.process_response(response.request, response) is response
    middleware.close()
    return crawler


def replayer(spec: str) -> tuple[ReplayMiddleware, Crawler]:
    crawler = get_crawler(settings_dict={"NEWSCRAWL_REPLAY": spec})
    middleware = ReplayMiddleware.from_crawler(crawler)
    middleware.open()
    return middleware, crawler


def records(path: Path) -> list[tuple[str, str]]:
    """(WARC-Type, target URI or file name) of every record of ``path``."""
    with path.open("rb") as stream:
        return [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI")
             or r.rec_headers.get_header("WARC-Filename"))
            for r in ArchiveIterator(stream)
        ]  # fmt: skip


def test_rotated_file_names() -> None:
    assert rotated_name(Path("out/a.warc.gz"), 0) == Path("out/a.warc.gz")
    assert rotated_name(Path("out/a.warc.gz"), 1) == Path("out/a-00001.warc.gz")
    assert rotated_name(Path("out/a.warc.gz"), 12) == Path("out/a-00012.warc.gz")
    assert rotated_name(Path("b.warc"), 2) == Path("b-00002.warc")


def test_round_trip_with_rotation(tmp_path: Path) -> None:
    urls = [f"https://portal.example/berita/{i}?b=1&a=2" for i in range(6)]
    sent = [exchange(url, noise(i), {"Content-Type": "application/octet-stream"})
            for i, url in enumerate(urls)]  # fmt: skip
    path = tmp_path / "deep" / "dir" / "crawl.warc.gz"
    crawler = archive(path, sent, max_bytes=3000)
    files = sorted(path.parent.iterdir())
    assert [f.name for f in files] == [
        "crawl-00001.warc.gz",
        "crawl-00002.warc.gz",
        "crawl.warc.gz",
    ]
    assert records(files[2]) == [
        ("warcinfo", "crawl.warc.gz"),
        ("response", urls[0]),
        ("request", urls[0]),
        ("response", urls[1]),
        ("request", urls[1]),
    ]
    assert records(files[0])[0] == ("warcinfo", "crawl-00001.warc.gz")
    assert sum(len(records(f)) for f in files) == 15
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/archive/records") == 15
    assert crawler.stats.get_value("newscrawl/archive/files") == 3
    index = index_responses([files[2], files[0], files[1]])
    assert list(index) == [url_key(url) for url in urls]
    for i, url in enumerate(urls):
        got = read_response(index[url_key(url)])
        assert (got.url, got.status, got.body) == (url, 200, noise(i))
        assert got.headers == [("Content-Type", "application/octet-stream")]


def test_request_record_has_the_request_line_and_headers(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    archive(path, [exchange("https://portal.example/a/b?page=2", b"x", {"Content-Type": HTML})])
    with path.open("rb") as stream:
        request = next(r for r in ArchiveIterator(stream) if r.rec_type == "request")
        assert request.http_headers.protocol == "GET"
        assert request.http_headers.statusline == "/a/b?page=2 HTTP/1.1"
        assert request.http_headers.headers == [
            ("Host", "portal.example"),
            ("User-Agent", "newscrawl-test"),
            ("Accept-Encoding", "gzip"),
        ]


def test_error_statuses_are_archived(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    archive(path, [exchange("https://portal.example/gone", b"nope", {"Content-Type": HTML}, 404)])
    got = read_response(index_responses([path])["https://portal.example/gone"])
    assert (got.status, got.body) == (404, b"nope")


def test_replayed_and_cached_responses_are_not_archived_again(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.gz"
    responses = [exchange("https://portal.example/", b"x", {"Content-Type": HTML})
                 for _ in range(2)]  # fmt: skip
    responses[0].flags.append("replay")
    responses[1].flags.append("cached")
    crawler = archive(path, responses)
    assert not path.exists()
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/archive/records") is None


def test_raw_gzip_body_is_kept_and_decompressed_only_after_replay(tmp_path: Path) -> None:
    html = b"<html><body><p>Pasar Sentral</p></body></html>"
    raw = gzip.compress(html, mtime=0)
    url = "https://portal.example/a?b=1&a=2"
    path = tmp_path / "a.warc.gz"
    archive(path, [exchange(url, raw, {"Content-Type": HTML, "Content-Encoding": "gzip"})])
    replay, crawler = replayer(str(path))
    request = Request("https://portal.example/a?a=2&b=1")  # the other query order
    response = replay.process_request(request)
    # a compressed body is a plain Response until HttpCompression decodes it, as downloaded
    assert (type(response), response.status, response.body) == (Response, 200, raw)
    assert response.flags == ["replay"]
    assert response.headers.getlist("Content-Encoding") == [b"gzip"]
    decoded = HttpCompressionMiddleware.from_crawler(crawler).process_response(request, response)
    assert isinstance(decoded, HtmlResponse)
    assert decoded.text == html.decode()
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/replay/served") == 1


def test_missing_url_is_a_404_with_a_stat_and_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "a.warc.gz"
    archive(path, [exchange("https://portal.example/", b"x", {"Content-Type": HTML})])
    replay, crawler = replayer(str(path))
    caplog.set_level(logging.INFO, logger="newscrawl.archive.replay")
    response = replay.process_request(Request("https://other.example/berita/1"))
    assert (type(response), response.status, response.body) == (Response, 404, b"")
    assert response.flags == ["replay"]
    assert crawler.stats is not None
    assert crawler.stats.get_value("newscrawl/replay/missing") == 1
    assert crawler.stats.get_value("newscrawl/replay/served") is None
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "Not in the replayed archives, answering 404: https://other.example/berita/1")
    ]


def test_the_last_archived_response_of_a_url_wins(tmp_path: Path) -> None:
    first, second = tmp_path / "a.warc.gz", tmp_path / "b.warc.gz"
    url = "https://portal.example/"
    archive(first, [exchange(url, b"old", {"Content-Type": HTML}, 500)])
    archive(second, [exchange(url, b"new", {"Content-Type": HTML})])
    replay, _ = replayer(f"{first},{second}")
    response = replay.process_request(Request(url))
    assert (type(response), response.status, response.body) == (HtmlResponse, 200, b"new")


def test_archive_paths_expand_globs_and_reject_missing_files(tmp_path: Path) -> None:
    for name in ("a.warc.gz", "a-00001.warc.gz", "b.warc.gz"):
        (tmp_path / name).write_bytes(b"")
    spec = f"{tmp_path}/a*.warc.gz, {tmp_path}/b.warc.gz"
    assert archive_paths(spec) == [
        tmp_path / "a-00001.warc.gz",
        tmp_path / "a.warc.gz",
        tmp_path / "b.warc.gz",
    ]
    with pytest.raises(FileNotFoundError, match=r"no WARC archive matches 'c\.warc\.gz'"):
        archive_paths("c.warc.gz")


def test_both_middlewares_are_off_without_their_setting() -> None:
    crawler = get_crawler(settings_dict={})
    with pytest.raises(NotConfigured):
        ArchiveMiddleware.from_crawler(crawler)
    with pytest.raises(NotConfigured):
        ReplayMiddleware.from_crawler(crawler)


def test_a_chunked_body_from_another_tool_is_replayed_dechunked(tmp_path: Path) -> None:
    path = tmp_path / "other-tool.warc.gz"
    chunked = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    headers = [("Content-Type", HTML), ("Transfer-Encoding", "chunked")]
    with path.open("wb") as stream:
        record = response_record("https://portal.example/", 200, headers, chunked)
        WARCWriter(stream, gzip=True).write_record(record)
    replay, _ = replayer(str(path))
    response = replay.process_request(Request("https://portal.example/"))
    assert response.body == b"hello world"
    assert dict(response.headers.to_unicode_dict()) == {"Content-Type": HTML}
