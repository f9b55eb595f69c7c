"""The mirror server of the fixture portals (fixtures/server.py): mapping, rewriting, headers."""

from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from fixtures.server import FIXED_DATE, FixtureServers, start

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WB = "wartabulukumba"
ZP = "zonapriangan"
WB_REAL = "https://wartabulukumba.pikiran-rakyat.com"
ZP_REAL = "https://zonapriangan.pikiran-rakyat.com"
# Never go through an http_proxy from the environment: 127.0.0.1 only.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request."""
    request = urllib.request.Request(url, method=method)
    try:
        with OPENER.open(request, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        try:
            return err.code, dict(err.headers), err.read()
        finally:
            err.close()


def expected(portal_id: str) -> list[dict[str, Any]]:
    """The expected records of a portal."""
    path = FIXTURES / "expected" / f"{portal_id}.json"
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return records


@pytest.fixture(scope="module")
def servers() -> Iterator[FixtureServers]:
    srv = start()
    yield srv
    srv.stop()


def test_one_local_origin_per_portal(servers: FixtureServers) -> None:
    assert {WB, ZP} <= set(servers.origins)
    assert servers.url_map[WB_REAL] == servers.origins[WB]
    assert servers.url_map[ZP_REAL] == servers.origins[ZP]
    for origin in servers.origins.values():
        assert origin.startswith("http://127.0.0.1:")
    assert len(set(servers.origins.values())) == len(servers.origins)


def test_home_page_headers(servers: FixtureServers) -> None:
    status, headers, body = fetch(servers.origins[WB] + "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Date"] == FIXED_DATE
    assert int(headers["Content-Length"]) == len(body)
    assert b'class="network__menu--more"' in body


@pytest.mark.parametrize(
    ("variant", "same_as"),
    [
        ("/sulsel/", "/sulsel"),
        ("/sulsel?page=1", "/sulsel"),
        ("/sulsel?utm_source=whatsapp", "/sulsel"),
        ("/sulsel?utm_source=whatsapp&page=2", "/sulsel?page=2"),
        ("/sulsel/?page=2#top", "/sulsel?page=2"),
    ],
)
def test_path_and_query_mapping(servers: FixtureServers, variant: str, same_as: str) -> None:
    origin = servers.origins[WB]
    status, _, body = fetch(origin + variant)
    assert status == 200
    assert body == fetch(origin + same_as)[2]


def test_listing_pages_map_to_page_files(servers: FixtureServers) -> None:
    origin = servers.origins[WB]
    stored = (FIXTURES / "portals" / WB / "bulukumba" / "page-3.html").read_text("utf-8")
    local = stored.replace(WB_REAL, origin).replace(ZP_REAL, servers.origins[ZP])
    assert fetch(origin + "/bulukumba?page=3")[2].decode("utf-8") == local
    assert fetch(origin + "/bulukumba?page=2")[2] != fetch(origin + "/bulukumba")[2]


def test_rewrites_every_fixture_origin_and_nothing_else(servers: FixtureServers) -> None:
    cabai = next(r for r in expected(WB) if r["case"] == "offsite")
    raw = (FIXTURES / "portals" / WB).joinpath(
        cabai["url"].removeprefix(WB_REAL + "/"), "index.html"
    )
    assert b"http://zonapriangan.pikiran-rakyat.com/tag/" in raw.read_bytes()
    _, _, body = fetch(servers.local(cabai["url"]))
    text = body.decode("utf-8")
    for host in ("wartabulukumba", "zonapriangan"):
        assert f"://{host}.pikiran-rakyat.com" not in text
    assert servers.origins[WB] + "/tag/" in text
    assert servers.origins[ZP] + "/tag/Inflasi" in text  # was http://, now local too
    assert "https://galamedia.pikiran-rakyat.com/tag/Cabai Rawit" in text
    assert "https://bulukumba.pikiran-rakyat.com" in text  # a look-alike host stays real
    assert "https://assets.pikiran-rakyat.com/crop/" in text


def test_missing_files_are_404(servers: FixtureServers) -> None:
    missing = next(r for r in expected(ZP) if r["case"] == "multipage_missing")
    origin = servers.origins[ZP]
    for target in (
        servers.local(missing["url"]) + "?page=2",
        origin + "/tidak-ada",
        origin + "/tag/Sungai%20Citarum",
        origin + "/jabar?page=9",
        origin + "/jabar?page=all",
        origin + "/%2e%2e/site.json",
        origin + "/site.json",
    ):
        status, headers, body = fetch(target)
        assert status == 404, target
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"404" in body
    assert fetch(servers.local(missing["url"]))[0] == 200


def test_latin1_article_charset(servers: FixtureServers) -> None:
    record = next(r for r in expected(ZP) if r["case"] == "latin1")
    status, headers, body = fetch(servers.local(record["url"]))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=iso-8859-1"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    page = Selector(text=body.decode("iso-8859-1"))
    assert page.css("h1.read__title::text").get() == record["title"]
    assert "Caf\u00e9" in record["title"]
    assert "Rp 5.000 \u00b1 10%" in record["body"]


def test_robots_txt(servers: FixtureServers) -> None:
    for origin in (servers.origins[WB], servers.origins[ZP]):
        status, headers, body = fetch(origin + "/robots.txt")
        assert status == 200
        assert headers["Content-Type"] == "text/plain; charset=utf-8"
        sitemap = f"\nSitemap: {origin}/sitemap.xml\n".encode()  # origin rewritten
        assert body == b"User-agent: *\nDisallow: /internal\nAllow: /\n" + sitemap
    internal = "/internal/pr-1234567/should-not-be-fetched"
    home = fetch(servers.origins[WB] + "/")[2].decode("utf-8")
    listing = fetch(servers.origins[WB] + "/bulukumba")[2].decode("utf-8")
    assert servers.origins[WB] + internal in home
    assert servers.origins[WB] + internal in listing
    assert (FIXTURES / "portals" / WB / internal.strip("/") / "index.html").is_file()


def test_head_request(servers: FixtureServers) -> None:
    status, headers, body = fetch(servers.origins[ZP] + "/kuliner", method="HEAD")
    assert status == 200
    assert int(headers["Content-Length"]) > 1000
    assert body == b""


def test_requests_are_logged(servers: FixtureServers) -> None:
    fetch(servers.origins[ZP] + "/jabar?page=2&utm_source=log-test")
    fetch(servers.origins[WB] + "/tag/Pasar%20Sentral?log-test")
    assert (ZP, "/jabar?page=2&utm_source=log-test") in servers.requests
    assert (WB, "/tag/Pasar%20Sentral?log-test") in servers.requests
    assert "/jabar?page=2&utm_source=log-test" in servers.requested(ZP)


def test_local_and_real_url_helpers(servers: FixtureServers) -> None:
    local = servers.origins[WB]
    assert servers.local(WB_REAL + "/sulsel?page=2") == local + "/sulsel?page=2"
    assert servers.local("http://wartabulukumba.pikiran-rakyat.com/") == local + "/"
    assert servers.local("https://galamedia.pikiran-rakyat.com/x") == (
        "https://galamedia.pikiran-rakyat.com/x"
    )
    assert servers.real(local + "/olahraga") == WB_REAL + "/olahraga"


def test_command_line_port_file(tmp_path: Path) -> None:
    port_file = tmp_path / "ports.txt"
    proc = subprocess.Popen(
        [sys.executable, str(FIXTURES / "server.py"), "--port-file", str(port_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 15
        while not port_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        lines = port_file.read_text(encoding="utf-8").splitlines()
        origins = dict(line.split(" ") for line in lines)
        assert {WB, ZP} <= set(origins)
        assert fetch(origins[ZP] + "robots.txt")[0] == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0
    assert out.decode().splitlines() == lines
    assert err == b""


XML, RSS = "application/xml; charset=utf-8", "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
FEEDS = [  # (portal, request path, file, Content-Type)
    (WB, "/sitemap-news.xml", "sitemap-news.xml", XML),
    ("tribuntimur", "/rss", "rss.xml", RSS),
    ("kabarpesisir", "/feed/", "feed/index.xml", RSS),
    ("kabarpesisir", "/post-sitemap.xml?utm_source=x", "post-sitemap.xml", XML),
    ("lenteratimur", "/atom.xml", "atom.xml", ATOM),
]


@pytest.mark.parametrize(("portal_id", "path", "rel", "ctype"), FEEDS)
def test_feeds_are_served_by_name_with_their_type(
    servers: FixtureServers, portal_id: str, path: str, rel: str, ctype: str
) -> None:
    status, headers, body = fetch(servers.origins[portal_id] + path)
    text = (FIXTURES / "portals" / portal_id / rel).read_text("utf-8")
    for real, local in servers.url_map.items():
        text = text.replace(real, local)
    assert (status, headers["Content-Type"], body.decode("utf-8")) == (200, ctype, text)
    assert fetch(servers.origins["suarabukit"] + path)[0] == 404


def test_feed_aliases_and_gzip_sitemaps(tmp_path: Path) -> None:
    real = "https://gz.example.id"
    root = tmp_path / "gz"
    (root / "feed").mkdir(parents=True)
    (root / "site.json").write_text(json.dumps({"id": "gz", "origin": real, "charsets": {}}))
    (root / "index.html").write_text("<p>home</p>")
    (root / "feed" / "index.xml").write_text(f"<rss><channel><link>{real}/</link></channel></rss>")
    (root / "rss.xml").write_text(f"<rss><link>{real}/a</link></rss>")
    xml = f"<urlset><url><loc>{real}/c</loc></url></urlset>".encode()
    (root / "sitemap-1.xml.gz").write_bytes(gzip.compress(xml, mtime=12345))
    (root / "broken.xml.gz").write_bytes(b"not gzip")
    (root / "page-2.html").write_text("<p>two</p>")
    with start(root=tmp_path) as srv:
        local = srv.origins["gz"]
        status, headers, body = fetch(local + "/sitemap-1.xml.gz?x=1")
        assert status == 200 and headers["Content-Type"] == "application/x-gzip"
        assert gzip.decompress(body) == xml.replace(real.encode(), local.encode())
        assert body[4:8] == b"\x00\x00\x00\x00"  # recompressed with mtime 0: deterministic
        assert fetch(local + "/broken.xml.gz")[2] == b"not gzip"  # served as stored
        for path in ("/feed/", "/feed", "/feed/?utm_source=x"):
            status, headers, body = fetch(local + path)
            assert (status, headers["Content-Type"]) == (200, RSS), path
            assert body == f"<rss><channel><link>{local}/</link></channel></rss>".encode()
        for path in ("/rss", "/rss/", "/rss.xml"):
            assert fetch(local + path)[:2] == (200, fetch(local + "/rss.xml")[1]), path
        for path in ("/feed/?page=2", "/sitemap.xml", "/nope.xml.gz", "/page-2.html",
                     "/%2e%2e/gz/rss.xml", "/feed/index.html"):  # fmt: skip
            assert fetch(local + path)[0] == 404, path
        assert fetch(local + "/?page=2")[2] == b"<p>two</p>"
