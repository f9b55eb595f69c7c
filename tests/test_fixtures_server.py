"""The offline fixture portals: the mirror server (fixtures/server.py) and the built files."""

from __future__ import annotations

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

from fixtures import build
from fixtures.server import FIXED_DATE, FixtureServers, start
from tests.conftest import EXPECTED_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FEED_SUFFIXES = (".xml", ".xml.gz")  # sitemaps and feeds: fixtures/build_feeds.py
WB = "wartabulukumba"
ZP = "zonapriangan"
WB_REAL = "https://wartabulukumba.pikiran-rakyat.com"
ZP_REAL = "https://zonapriangan.pikiran-rakyat.com"
RECORD_KEYS = EXPECTED_KEYS
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


@pytest.mark.parametrize("portal_id", [WB, ZP])
def test_every_expected_article_is_served_and_parses(
    servers: FixtureServers, portal_id: str
) -> None:
    records = expected(portal_id)
    assert len(records) >= 15
    for record in records:
        assert list(record) == RECORD_KEYS
        assert record["site"] == portal_id
        assert record["url"] == record["canonical_url"]
        assert record["word_count"] == len(record["body"].split())
        status, headers, body = fetch(servers.local(record["url"]))
        assert status == 200, record["url"]
        charset = headers["Content-Type"].split("charset=")[1]
        page = Selector(text=body.decode(charset))
        assert page.css("h1.read__title::text").get() == record["title"]
        assert len(page.css("article.read__content")) == 1
        canonical = page.css("link[rel=canonical]::attr(href)").get("")
        assert servers.real(canonical) == record["url"]
        for n in range(2, record["pages"] + 1):
            assert fetch(servers.local(record["url"]) + f"?page={n}")[0] == 200


def test_special_cases_are_present() -> None:
    cases = {r["case"] for pid in (WB, ZP) for r in expected(pid)} - {None}
    assert cases >= {
        "multipage3",
        "multipage_missing",
        "no_printed_date",
        "broken_markup",
        "latin1",
        "url_variant",
        "offsite",
        "only_via_terkait",
        "only_via_baca_juga",
    }
    multipage = next(r for r in expected(WB) if r["case"] == "multipage3")
    assert multipage["pages"] == 3
    undated = next(r for r in expected(WB) if r["case"] == "no_printed_date")
    assert undated["published_raw"] is None
    assert undated["published_at"].endswith("+08:00")


def test_build_is_deterministic_and_checked_in(tmp_path: Path) -> None:
    build.build(tmp_path)
    for folder in ("portals/" + WB, "portals/" + ZP, "expected"):
        fresh = {p.relative_to(tmp_path): p for p in (tmp_path / folder).rglob("*") if p.is_file()}
        kept = {p.relative_to(FIXTURES): p for p in (FIXTURES / folder).rglob("*") if p.is_file()}
        kept = {rel: p for rel, p in kept.items() if not p.name.endswith(FEED_SUFFIXES)}
        if folder == "expected":
            kept = {rel: p for rel, p in kept.items() if rel.name in (f"{WB}.json", f"{ZP}.json")}
        assert sorted(fresh) == sorted(kept), "run: python fixtures/build.py"
        for rel, path in fresh.items():
            assert path.read_bytes() == kept[rel].read_bytes(), f"{rel} is stale"


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
