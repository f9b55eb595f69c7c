"""The sitemaps and feeds of the fixture portals (fixtures/build_feeds.py) and how they are served.

Checks that the checked-in files equal a fresh build, that each parses and lists exactly the
articles its format calls for, that every listed URL is a page of the fixture portal (but
the one deliberately dead news-sitemap entry), and that fixtures/server.py serves them by
their names with the right Content-Type and local origins, robots.txt pointing at them.
"""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from fixtures import build_feeds
from fixtures.server import FixtureServers, start

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PORTALS = FIXTURES / "portals"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML = "application/xml; charset=utf-8"
RSS = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
INDEX, URLSET = f"{SM}sitemapindex", f"{SM}urlset"
# portal -> {request path: (file, Content-Type, root element)}
SERVED: dict[str, dict[str, tuple[str, str, str]]] = {
    "wartabulukumba": {
        "/sitemap.xml": ("sitemap.xml", XML, INDEX),
        "/sitemap-news.xml": ("sitemap-news.xml", XML, URLSET),
        "/sitemap-posts.xml": ("sitemap-posts.xml", XML, URLSET),
    },
    "zonapriangan": {
        "/sitemap.xml": ("sitemap.xml", XML, INDEX),
        "/sitemap-news.xml": ("sitemap-news.xml", XML, URLSET),
        "/sitemap-posts.xml": ("sitemap-posts.xml", XML, URLSET),
    },
    "tribunbengkulu": {
        "/rss": ("rss.xml", RSS, "rss"),
        "/sitemap.xml": ("sitemap.xml", XML, URLSET),
    },
    "tribuntimur": {
        "/rss": ("rss.xml", RSS, "rss"),
        "/sitemap.xml": ("sitemap.xml", XML, URLSET),
    },
    "kabarpesisir": {
        "/feed/": ("feed/index.xml", RSS, "rss"),
        "/sitemap.xml": ("sitemap.xml", XML, INDEX),
        "/post-sitemap.xml": ("post-sitemap.xml", XML, URLSET),
    },
    "lenteratimur": {"/atom.xml": ("atom.xml", ATOM_TYPE, f"{ATOM}feed")},
    "suarabukit": {},
    "detikjabar": {},
    "kompasregional": {},
    "antarajabar": {},
    "suarajateng": {},
}
FEED_PATHS = ("/sitemap.xml", "/sitemap-news.xml", "/rss", "/feed/", "/atom.xml")
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET."""
    try:
        with OPENER.open(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        try:
            return err.code, dict(err.headers), err.read()
        finally:
            err.close()


def records(pid: str) -> list[dict[str, Any]]:
    """The expected records of a portal, newest first."""
    data: list[dict[str, Any]] = json.loads((FIXTURES / "expected" / f"{pid}.json").read_text())
    return sorted(data, key=lambda r: datetime.fromisoformat(r["published_at"]), reverse=True)


def origin(pid: str) -> str:
    """The real origin of a portal."""
    return str(json.loads((PORTALS / pid / "site.json").read_text("utf-8"))["origin"])


def tree(pid: str, rel: str) -> ET.Element:
    """A parsed feed file."""
    return ET.parse(PORTALS / pid / rel).getroot()


def feed_files(root: Path) -> dict[str, bytes]:
    """Every sitemap and feed file under a fixtures root, by path relative to it."""
    found = [*root.glob("portals/*/**/*.xml"), *root.glob("portals/*/**/*.xml.gz")]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(found)}


def listed_urls(element: ET.Element) -> list[str]:
    """Every URL a sitemap or feed lists: ``loc`` and ``link`` texts, ``link`` hrefs."""
    urls = []
    for node in element.iter():
        name, text = node.tag.rsplit("}", 1)[-1], (node.text or "").strip()
        if name in ("loc", "link") and text:
            urls.append(text)
        if name == "link" and node.get("href"):
            urls.append(node.attrib["href"])
    return urls


def texts(element: ET.Element, path: str) -> list[str]:
    """The texts of the elements at an ElementTree path."""
    return [node.text or "" for node in element.findall(path)]


@pytest.fixture(scope="module")
def servers() -> Iterator[FixtureServers]:
    srv = start()
    yield srv
    srv.stop()


# --------------------------------------------------------------------------- build


def test_checked_in_feeds_equal_a_fresh_build(tmp_path: Path) -> None:
    written = build_feeds.build(tmp_path, FIXTURES)
    fresh, kept = feed_files(tmp_path), feed_files(FIXTURES)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(fresh)
    assert sorted(fresh) == sorted(kept), "run: python fixtures/build_feeds.py"
    for rel, blob in fresh.items():
        assert blob == kept[rel], f"{rel} is stale: run python fixtures/build_feeds.py"


def test_build_is_deterministic_and_writes_only_feed_files(tmp_path: Path) -> None:
    assert build_feeds.outputs(FIXTURES) == build_feeds.outputs(FIXTURES)
    build_feeds.build(tmp_path, FIXTURES)
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted(feed_files(tmp_path))
    expected = sorted(
        f"portals/{pid}/{rel}" for pid, paths in SERVED.items() for rel, *_ in paths.values()
    )
    assert files == expected


def test_every_portal_has_a_builder() -> None:
    portals = sorted(p.parent.name for p in PORTALS.glob("*/site.json"))
    assert portals == sorted(build_feeds.BUILDERS) == sorted(SERVED)


def test_every_feed_parses() -> None:
    for pid, paths in SERVED.items():
        for rel, _, root_tag in paths.values():
            assert tree(pid, rel).tag == root_tag, (pid, rel)


# --------------------------------------------------------------------------- contents


@pytest.mark.parametrize("pid", ["wartabulukumba", "zonapriangan"])
def test_prmn_sitemaps(pid: str) -> None:
    real = origin(pid)
    index = tree(pid, "sitemap.xml")
    assert texts(index, f"{SM}sitemap/{SM}loc") == [
        f"{real}/sitemap-news.xml",
        f"{real}/sitemap-posts.xml",
    ]
    recs = records(pid)
    news = tree(pid, "sitemap-news.xml")
    entries = news.findall(f"{SM}url")
    recent = [r for r in recs if r["published_at"][:10] >= "2024-06-10"]
    gone = [a.url for a in build_feeds.GONE.get(pid, ())]
    assert len(entries) == len(recent) + len(gone)
    by_url = {r["url"]: r for r in recs}
    dates = []
    for entry in entries:
        url = entry.findtext(f"{SM}loc", "")
        item = entry.find(f"{NEWS}news")
        assert item is not None
        assert item.findtext(f"{NEWS}publication/{NEWS}language") == "id"
        assert item.findtext(f"{NEWS}publication/{NEWS}name") in (
            "Warta Bulukumba",
            "Zona Priangan",
        )
        published = item.findtext(f"{NEWS}publication_date", "")
        dates.append(datetime.fromisoformat(published))
        assert datetime.fromisoformat(published).utcoffset() is not None
        if url in gone:
            continue
        assert published == by_url[url]["published_at"]
        assert item.findtext(f"{NEWS}title") == by_url[url]["title"]
    assert dates == sorted(dates, reverse=True)
    assert {e.findtext(f"{SM}loc") for e in entries} == {r["url"] for r in recent} | set(gone)
    posts = tree(pid, "sitemap-posts.xml")
    locs = texts(posts, f"{SM}url/{SM}loc")
    articles = [loc for loc in locs if "/pr-" in loc]
    assert articles == [r["url"] for r in recs]
    listings = [loc for loc in locs if "/pr-" not in loc]
    sections = sorted({urlsplit(r["url"]).path.split("/")[1] for r in recs})
    assert listings == [f"{real}/{slug}" for slug in sections]
    for entry in posts.findall(f"{SM}url"):
        loc, lastmod = entry.findtext(f"{SM}loc", ""), entry.findtext(f"{SM}lastmod", "")
        if loc in listings:  # the newest article of the section
            newest = max(
                (r for r in recs if r["url"].startswith(loc + "/")),
                key=lambda r: datetime.fromisoformat(r["published_at"]),
            )
            assert lastmod == newest["published_at"], loc
        else:
            rec = by_url[loc]
            assert lastmod == (rec["modified_at"] or rec["published_at"])


def test_only_wartabulukumba_lists_a_dead_article() -> None:
    assert list(build_feeds.GONE) == ["wartabulukumba"]
    (gone,) = build_feeds.GONE["wartabulukumba"]
    assert gone.url.startswith(origin("wartabulukumba") + "/")
    assert gone.url not in {r["url"] for r in records("wartabulukumba")}
    assert not (PORTALS / "wartabulukumba" / urlsplit(gone.url).path.strip("/")).exists()
    assert gone.when.date() >= build_feeds.NEWS_SINCE


@pytest.mark.parametrize(("pid", "offset"), [("tribunbengkulu", "+0700"), ("tribuntimur", "+0800")])
def test_tribun_rss_and_sitemap(pid: str, offset: str) -> None:
    recs = records(pid)
    rss = tree(pid, "rss.xml")
    assert rss.get("version") == "2.0"
    items = rss.findall("channel/item")
    assert [i.findtext("link") for i in items] == [r["url"] for r in recs[:6]]
    for item, rec in zip(items, recs, strict=False):
        assert item.findtext("title") == rec["title"]
        pub = item.findtext("pubDate", "")
        assert pub.endswith(offset)
        assert parsedate_to_datetime(pub) == datetime.fromisoformat(rec["published_at"])
        assert item.findtext("description")
    sitemap = tree(pid, "sitemap.xml")
    assert texts(sitemap, f"{SM}url/{SM}loc") == [r["url"] for r in recs]
    lastmods = texts(sitemap, f"{SM}url/{SM}lastmod")
    assert lastmods == [r["modified_at"] or r["published_at"] for r in recs]


def test_wordpress_feed_and_sitemaps() -> None:
    pid = "kabarpesisir"
    recs = records(pid)
    feed = tree(pid, "feed/index.xml")
    items = feed.findall("channel/item")
    assert [i.findtext("link") for i in items] == [r["url"] for r in recs[:5]]
    for item, rec in zip(items, recs, strict=False):
        assert item.findtext("title") == rec["title"]
        assert texts(item, f"{DC}creator") == rec["authors"]
        pub = item.findtext("pubDate", "")
        assert parsedate_to_datetime(pub) == datetime.fromisoformat(rec["published_at"])
        assert pub.endswith("+0000")  # WordPress writes feed dates in UTC
    assert texts(tree(pid, "sitemap.xml"), f"{SM}sitemap/{SM}loc") == [
        f"{origin(pid)}/post-sitemap.xml"
    ]
    posts = tree(pid, "post-sitemap.xml")
    assert texts(posts, f"{SM}url/{SM}loc") == [r["url"] for r in recs]
    dropped = json.loads((FIXTURES / "expected" / "dropped.json").read_text("utf-8"))
    assert not {d["url"] for d in dropped} & set(listed_urls(posts) + listed_urls(feed))


def test_atom_feed() -> None:
    pid = "lenteratimur"
    recs = records(pid)
    feed = tree(pid, "atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    for entry, rec in zip(entries, recs, strict=True):
        assert [link.get("href") for link in entry.findall(f"{ATOM}link")] == [rec["url"]]
        assert entry.findtext(f"{ATOM}title") == rec["title"]
        assert entry.findtext(f"{ATOM}published") == rec["published_at"]
        assert entry.findtext(f"{ATOM}updated") == (rec["modified_at"] or rec["published_at"])
    assert feed.findtext(f"{ATOM}updated") == recs[0]["published_at"]


def test_feeds_list_only_expected_articles() -> None:
    gone = {a.url for arts in build_feeds.GONE.values() for a in arts}
    for pid, paths in SERVED.items():
        real = origin(pid)
        articles = {r["url"] for r in records(pid)}
        for rel, *_ in paths.values():
            for url in listed_urls(tree(pid, rel)):
                assert url.startswith(real + "/"), (pid, rel, url)
                path = urlsplit(url).path
                if url in gone or url in articles:
                    continue
                # not an article: the home page, a section listing, a sitemap or the feed
                page = PORTALS / pid / path.strip("/") / "index.html"
                assert page.is_file() or path.endswith(".xml") or path in FEED_PATHS, url


# --------------------------------------------------------------------------- served


def test_every_listed_url_is_served(servers: FixtureServers) -> None:
    gone = {a.url for arts in build_feeds.GONE.values() for a in arts}
    for pid, paths in SERVED.items():
        for rel, *_ in paths.values():
            for url in sorted(set(listed_urls(tree(pid, rel)))):
                status = fetch(servers.local(url))[0]
                assert status == (404 if url in gone else 200), (pid, rel, url)


def test_feeds_are_served_with_their_type_and_local_origins(servers: FixtureServers) -> None:
    for pid, paths in SERVED.items():
        local = servers.origins[pid]
        for path, (rel, ctype, _) in paths.items():
            status, headers, body = fetch(local + path)
            assert status == 200, (pid, path)
            assert headers["Content-Type"] == ctype, (pid, path)
            text = (PORTALS / pid / rel).read_text("utf-8")
            for real, mapped in servers.url_map.items():
                text = text.replace(real, mapped)
            assert body.decode("utf-8") == text
            assert origin(pid) not in body.decode("utf-8")
            assert f"{local}/" in body.decode("utf-8")
            assert fetch(local + path + "?utm_source=rss")[2] == body, "query ignored"
        for path in FEED_PATHS:
            if path not in paths:
                assert fetch(local + path)[0] == 404, (pid, path)


def test_robots_txt_points_at_the_sitemap(servers: FixtureServers) -> None:
    for pid, paths in SERVED.items():
        robots = (PORTALS / pid / "robots.txt").read_text("utf-8")
        if "/sitemap.xml" in paths:
            assert robots.endswith(f"\n\nSitemap: {origin(pid)}/sitemap.xml\n")
            assert robots.count("Sitemap:") == 1
        else:
            assert "Sitemap:" not in robots
        status, headers, body = fetch(servers.origins[pid] + "/robots.txt")
        assert status == 200 and headers["Content-Type"] == "text/plain; charset=utf-8"
        parser = RobotFileParser()
        parser.parse(body.decode("utf-8").splitlines())
        sitemaps = parser.site_maps() or []
        want = [f"{servers.origins[pid]}/sitemap.xml"] if "/sitemap.xml" in paths else []
        assert sitemaps == want


# --------------------------------------------------------------------------- server mapping


def test_server_feed_mapping_and_gzip(tmp_path: Path) -> None:
    real = "https://gz.example.id"
    root = tmp_path / "gz"
    (root / "feed").mkdir(parents=True)
    (root / "site.json").write_text(json.dumps({"id": "gz", "origin": real, "charsets": {}}))
    (root / "index.html").write_text("<p>home</p>")
    (root / "feed" / "index.xml").write_text(f"<rss><channel><link>{real}/</link></channel></rss>")
    (root / "rss.xml").write_text(f"<rss><link>{real}/a</link></rss>")
    (root / "atom.xml").write_text(f'<feed><link href="{real}/b"/></feed>')
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
        assert fetch(local + "/sitemap-1.xml.gz")[2] == body
        assert fetch(local + "/broken.xml.gz")[2] == b"not gzip"  # served as stored
        for path in ("/feed/", "/feed", "/feed/?utm_source=x"):
            status, headers, body = fetch(local + path)
            assert (status, headers["Content-Type"]) == (200, RSS), path
            assert body == f"<rss><channel><link>{local}/</link></channel></rss>".encode()
        for path in ("/rss", "/rss/", "/rss.xml"):
            status, headers, body = fetch(local + path)
            assert (status, headers["Content-Type"]) == (200, RSS), path
        status, headers, body = fetch(local + "/atom.xml")
        assert headers["Content-Type"] == ATOM_TYPE and f'href="{local}/b"'.encode() in body
        for path in (
            "/feed/?page=2",
            "/sitemap.xml",
            "/nope.xml.gz",
            "/site.json",
            "/page-2.html",
            "/%2e%2e/gz/rss.xml",
            "/feed/index.html",
        ):
            assert fetch(local + path)[0] == 404, path
        assert fetch(local + "/?page=2")[2] == b"<p>two</p>"
