"""The independent fixture portals built by ``fixtures/build_independent.py``: kabarpesisir
(WordPress, JNews-like), suarabukit (custom CMS) and lenteratimur (plain markup)."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from parsel import Selector

from fixtures import build_independent as bi
from fixtures.server import FixtureServers, start
from tests.conftest import EXPECTED_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PORTALS = list(bi.PORTAL_IDS)
KP, SB, LT = PORTALS
ZONES = {KP: "+08:00", SB: "+07:00", LT: "+08:00"}
RECORD_KEYS = EXPECTED_KEYS
BOILERPLATE = [
    "Baca juga",
    "BACA JUGA",
    "KabarPesisir.id –",
    "Suarabukit.com",
    "KUPANG –",
    "Simak berita lainnya",
    "Google News",
    "Loading...",
    "ADVERTISEMENT",
    "Editor:",
    "Sumber:",
    "Artikel ini telah tayang",
    "(*)",
    "(rna)",
    "/frm)",
    "Halaman:",
    "Bagikan",
    "Komentar",
]
VISIBLE = "//body//text()[not(ancestor::script or ancestor::style)]"
# Never go through an http_proxy from the environment: 127.0.0.1 only.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, str]:
    """Status and decoded body of a GET."""
    try:
        with OPENER.open(url, timeout=10) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        try:
            return err.code, err.read().decode("utf-8")
        finally:
            err.close()


def load(name: str) -> Any:
    """A file of ``fixtures/expected/``."""
    return json.loads((FIXTURES / "expected" / name).read_text("utf-8"))


def expected(portal_id: str) -> list[dict[str, Any]]:
    """The expected records of a portal."""
    records: list[dict[str, Any]] = load(f"{portal_id}.json")
    return records


def origin(portal_id: str) -> str:
    """The real origin a portal's pages are written with."""
    site = json.loads((FIXTURES / "portals" / portal_id / "site.json").read_text("utf-8"))
    return str(site["origin"])


def built_files(root: Path) -> dict[str, bytes]:
    """Everything ``build_independent`` owns under an output root, by relative path."""
    paths = [root / "expected" / f"{pid}.json" for pid in PORTALS]
    paths.append(root / "expected" / bi.DROPPED_FILE)
    for pid in PORTALS:
        paths += (p for p in (root / "portals" / pid).rglob("*") if p.is_file())
    feeds = (".xml", ".xml.gz")  # sitemaps and feeds belong to fixtures/build_feeds.py
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in paths
        if p.is_file() and not p.name.endswith(feeds)
    }


def links(page_url: str, text: str) -> list[str]:
    """Absolute link targets of a page, fragments dropped."""
    hrefs = Selector(text=text).css("a::attr(href)").getall()
    return [urldefrag(urljoin(page_url, h.strip()))[0] for h in hrefs]


@pytest.fixture(scope="module")
def servers() -> Iterator[FixtureServers]:
    srv = start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def graphs(servers: FixtureServers) -> dict[str, dict[str, list[str]]]:
    """Per portal: every page reachable from the home page over same-host links -> its links
    on that host (pages answering 404, such as tag archives, are left out)."""
    result = {}
    for pid in PORTALS:
        start_url = servers.origins[pid] + "/"
        host = urlsplit(start_url).netloc
        graph: dict[str, list[str]] = {}
        queue, seen = deque([start_url]), {start_url}
        while queue:
            url = queue.popleft()
            status, text = fetch(url)
            if status != 200:
                continue
            found = [u for u in links(url, text) if urlsplit(u).netloc == host]
            graph[url] = found
            for target in found:
                if target not in seen and len(seen) < 400:
                    seen.add(target)
                    queue.append(target)
        result[pid] = graph
    return result


# --------------------------------------------------------------------------- build


def test_checked_in_files_equal_a_fresh_build(tmp_path: Path) -> None:
    bi.build(tmp_path)
    fresh, kept = built_files(tmp_path), built_files(FIXTURES)
    assert sorted(fresh) == sorted(kept), "run: python fixtures/build_independent.py"
    for rel, data in fresh.items():
        assert data == kept[rel], f"{rel} is stale: run python fixtures/build_independent.py"


def test_build_is_deterministic_and_leaves_other_files_alone(tmp_path: Path) -> None:
    other = tmp_path / "a" / "portals" / "wartabulukumba" / "index.html"
    other.parent.mkdir(parents=True)
    other.write_text("kept")
    bi.build(tmp_path / "a")
    bi.build(tmp_path / "b")
    assert built_files(tmp_path / "a") == built_files(tmp_path / "b")
    assert other.read_text() == "kept"


def test_site_json_and_robots() -> None:
    for pid in PORTALS:
        folder = FIXTURES / "portals" / pid
        site = json.loads((folder / "site.json").read_text("utf-8"))
        assert site == {"id": pid, "origin": site["origin"], "charsets": {}}
        assert urlsplit(site["origin"]).netloc.split(".")[0] == pid
        robots = (folder / "robots.txt").read_text("utf-8")
        sitemap = f"\nSitemap: {site['origin']}/sitemap.xml\n" if pid == "kabarpesisir" else ""
        assert robots == "User-agent: *\nDisallow: /wp-admin/\nAllow: /\n" + sitemap


# --------------------------------------------------------------------------- expected records


@pytest.mark.parametrize("portal_id", PORTALS)
def test_expected_record_shape(portal_id: str) -> None:
    records = expected(portal_id)
    assert len(records) >= (7 if portal_id == KP else 6)
    real = origin(portal_id)
    for record in records:
        assert list(record) == RECORD_KEYS
        assert record["site"] == portal_id
        assert record["network"] is None
        assert record["language"] == "id"
        assert record["url"].startswith(real + "/")
        assert record["canonical_url"] == (None if portal_id == LT else record["url"])
        assert record["word_count"] == len(record["body"].split()) > 30
        assert record["published_at"].endswith(ZONES[portal_id])
        assert record["authors"] and record["section"] and record["published_raw"]
        for snippet in BOILERPLATE:
            assert snippet.lower() not in record["body"].lower(), (record["url"], snippet)
        assert all(u.startswith(real + "/") for u in record["related_urls"])
        assert len(set(record["related_urls"])) == len(record["related_urls"])
    cases = {r["case"] for r in records}
    assert "only_via_baca" in cases
    assert len({r["url"] for r in records}) == len(records)


def test_special_cases() -> None:
    kp = {r["case"]: r for r in expected(KP)}
    assert kp["multipage2"]["pages"] == 2
    assert kp["multipage2"]["url"].endswith("/")
    assert kp["editor_line"]["editor"]
    assert all(r["published_raw"].count(" ") == 2 for r in expected(KP))  # date only
    sb = {r["case"]: r for r in expected(SB)}
    assert sb["sumber_line"]["sources"] == ["Dinas Pertanian Kabupaten Agam"]
    assert len(sb["two_reporters"]["authors"]) == 2
    assert sb["jsonld_differs"]["published_at"].endswith(":00+07:00")
    lt = {r["case"]: r for r in expected(LT)}
    assert "\n\nSenin dan Kamis untuk RT 01 sampai RT 05.\n\n" in lt["br_and_list"]["body"]
    assert "\n\nantrean tidak dibagi untuk lansia,\n\n" in lt["br_and_list"]["body"]
    assert all(r["modified_at"] is None for r in expected(LT))
    assert all(re.fullmatch(r"\w+, \d+ \w+ 2024 \| \d\d:\d\d WITA", r["published_raw"])
               for r in expected(LT))  # fmt: skip
    for pid in (SB, LT):
        assert {r["case"] for r in expected(pid)} >= {"only_via_baca", "only_on_page2"}


# --------------------------------------------------------------------------- served pages


@pytest.mark.parametrize("portal_id", PORTALS)
def test_every_expected_page_is_served(servers: FixtureServers, portal_id: str) -> None:
    for record in expected(portal_id):
        local = servers.local(record["url"])
        # WordPress pages 2..n of a <!--nextpage--> article: /<slug>/2/
        urls = [local] + [f"{local}{n}/" for n in range(2, record["pages"] + 1)]
        assert record["pages"] == 1 or portal_id == KP
        texts = []
        for url in urls:
            status, text = fetch(url)
            assert status == 200, url
            assert Selector(text=text).css("h1::text").getall() == [record["title"]]
            texts.append(text)
        visible = " ".join(
            " ".join("".join(Selector(text=t).xpath(VISIBLE).getall()).split()) for t in texts
        )
        assert record["published_raw"] in visible
        for name in [*record["authors"], *record["tags"], *record["sources"]]:
            assert name in visible, (record["url"], name)
        for paragraph in record["body"].split("\n\n"):
            assert paragraph in visible, (record["url"], paragraph)
        for image in record["images"]:
            assert any(servers.local(image["url"]) in t for t in texts)
            assert image["caption"] in visible
        for related in record["related_urls"]:
            assert any(servers.local(related) in t for t in texts)


def test_dropped_pages_exist_and_are_linked_from_home(servers: FixtureServers) -> None:
    dropped = load(bi.DROPPED_FILE)
    assert len(dropped) == 3
    assert {d["reason"] for d in dropped} == {"no_body"}
    home_url = servers.origins[KP] + "/"
    home = links(home_url, fetch(home_url)[1])
    records = {r["url"] for pid in PORTALS for r in expected(pid)}
    texts = []
    for item in dropped:
        assert list(item) == ["url", "reason"]
        assert item["url"] not in records
        local = servers.local(item["url"])
        assert local in home
        status, text = fetch(local)
        assert status == 200
        page = Selector(text=text)
        assert page.css("h1::text").get()
        texts.append(" ".join(page.css("div.content-inner *::text").getall()).strip())
    assert any(u.split("/")[3].startswith("premium-") for u in (d["url"] for d in dropped))
    assert "Silakan masuk untuk membaca" in texts[0]
    assert texts[1] == ""
    assert texts[2] == ""  # the video page holds only an iframe


# --------------------------------------------------------------------------- discovery


@pytest.mark.parametrize("portal_id", PORTALS)
def test_every_record_is_reachable_from_the_home_page(
    servers: FixtureServers, graphs: dict[str, dict[str, list[str]]], portal_id: str
) -> None:
    graph = graphs[portal_id]
    articles = {servers.local(r["url"]) for r in expected(portal_id)}
    for record in expected(portal_id):
        target = servers.local(record["url"])
        assert target in graph, record["url"]
        linkers = {page for page, found in graph.items() if target in found and page != target}
        if record["case"] == "only_via_baca":
            assert linkers and linkers <= articles, linkers
        if record["case"] == "only_on_page2":
            assert linkers and all(re.search(r"page[/=]2", p) for p in linkers), linkers


@pytest.mark.parametrize("portal_id", PORTALS)
def test_home_page_links_to_other_hosts(servers: FixtureServers, portal_id: str) -> None:
    home_url = servers.origins[portal_id] + "/"
    hosts = {urlsplit(u).netloc for u in links(home_url, fetch(home_url)[1])}
    assert "www.facebook.com" in hosts
    other_fixtures = {urlsplit(o).netloc for p, o in servers.origins.items() if p != portal_id}
    assert hosts & other_fixtures  # another fixture portal, rewritten to its local origin
    assert hosts - other_fixtures - {urlsplit(home_url).netloc, "www.facebook.com"}


def test_listing_pagination_shapes(servers: FixtureServers) -> None:
    kp = Selector(text=fetch(servers.origins[KP] + "/category/manado/")[1])
    assert kp.css("a.next.page-numbers::attr(href)").get() == (
        servers.origins[KP] + "/category/manado/page/2/"
    )
    assert kp.css("link[rel=next]::attr(href)").get() == kp.css("a.next::attr(href)").get()
    assert fetch(servers.origins[KP] + "/page/2/")[0] == 200
    sb = Selector(text=fetch(servers.origins[SB] + "/kanal/padang")[1])
    assert sb.css("a[rel=next]::attr(href)").get() == servers.origins[SB] + "/kanal/padang?page=2"
    lt = Selector(text=fetch(servers.origins[LT] + "/rubrik/kupang")[1])
    nxt = lt.xpath("//a[starts-with(normalize-space(), 'Berikutnya')]/@href").get()
    assert nxt == servers.origins[LT] + "/rubrik/kupang/page/2"
    assert fetch(servers.origins[LT] + "/page/2")[0] == 200


def test_metadata_per_portal() -> None:
    for path in (FIXTURES / "portals" / LT).rglob("*.html"):
        text = path.read_text("utf-8")
        for absent in ("ld+json", "og:", 'rel="canonical"', 'rel="next', "<meta name"):
            assert absent not in text, (path, absent)
    for path in (FIXTURES / "portals" / SB / "berita").rglob("*.html"):
        page = Selector(text=path.read_text("utf-8"))
        assert not page.css("meta[property]")
        (ld,) = page.css("script[type='application/ld+json']::text").getall()
        assert json.loads(ld)["@type"] == "NewsArticle"
        assert not page.css(".entry-content, article, [itemprop=articleBody]")
    for record in expected(KP):
        rel = bi.file_for(origin(KP), record["url"])
        page = Selector(text=(FIXTURES / "portals" / KP / rel).read_text("utf-8"))
        (ld,) = page.css("script.yoast-schema-graph::text").getall()
        types = {node["@type"] for node in json.loads(ld)["@graph"]}
        assert {"WebPage", "BreadcrumbList", "Person"} <= types
        assert types & {"Article", "NewsArticle"}
        published = page.css("meta[property='article:published_time']::attr(content)").get()
        assert published == record["published_at"]
        assert page.css("div.entry-content div.content-inner p")
