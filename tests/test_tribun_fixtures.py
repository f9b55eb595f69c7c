"""The Tribun fixture portals written by ``fixtures/build_tribun.py``.

Checks that the checked-in files equal a fresh build, that every expected record's pages exist
and show what the record says (title, byline, dates, tags, body by the LABELS.md rules), that
a crawl from the home page reaches exactly the expected articles, and that the fixture server
serves the portals.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from parsel import Selector

from fixtures import build_tribun
from fixtures.server import FIXED_DATE, FixtureServers, resolve, start
from tests.conftest import EXPECTED_KEYS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PORTALS = {
    "tribunbengkulu": ("https://bengkulu.tribunnews.com", 7, "Tribunbengkulu.com"),
    "tribuntimur": ("https://makassar.tribunnews.com", 8, "Tribun-timur.com"),
}
RECORD_KEYS = EXPECTED_KEYS
CASES = {
    "multipage2",
    "multipage_missing",
    "only_via_baca",
    "two_reporters",
    "no_jsonld",
    "reprint",
    "no_lead_image",
}
ARTICLE_PATH = re.compile(r"/\d{4}/\d{2}/\d{2}/[a-z0-9]+(?:-[a-z0-9]+){4,}")
DATELINE = re.compile(r"^TRIBUN[A-Z-]*\.COM, [A-Z ]+? ?-+ ?")
END_MARK = re.compile(r"\([a-z-]+\.com/[^)]+\)")
TAIL = re.compile(r"\s*\([a-z-]+\.com/[^)]+\)$")
MONTHS = {m: n for n, m in enumerate(build_tribun.MONTHS, start=1)}
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --------------------------------------------------------------------------- helpers


def tribun_tree(root: Path) -> dict[str, bytes]:
    """Every file the Tribun build owns under ``root``, by relative path."""
    files = {}
    for pid in PORTALS:
        for path in sorted((root / "portals" / pid).rglob("*")):
            if path.is_file() and not path.name.endswith((".xml", ".xml.gz")):  # build_feeds.py
                files[path.relative_to(root).as_posix()] = path.read_bytes()
        expected_file = root / "expected" / f"{pid}.json"
        files[expected_file.relative_to(root).as_posix()] = expected_file.read_bytes()
    return files


def records(pid: str) -> list[dict[str, Any]]:
    """The expected records of a portal."""
    data: list[dict[str, Any]] = json.loads(
        (FIXTURES / "expected" / f"{pid}.json").read_text("utf-8")
    )
    return data


def page_file(pid: str, url: str, page: int = 1) -> Path:
    """The file a real URL (without query) maps to, page N as ``page-N.html``."""
    path = urlsplit(url).path.strip("/")
    name = "index.html" if page == 1 else f"page-{page}.html"
    return FIXTURES / "portals" / pid / path / name


def page(pid: str, url: str, n: int = 1) -> Selector:
    """A parsed fixture page."""
    return Selector(text=page_file(pid, url, n).read_text("utf-8"))


def clean(text: str) -> str:
    """Whitespace-normalised text."""
    return " ".join(text.replace("\xa0", " ").split())


def visible_text(sel: Selector) -> str:
    """All text under ``<body>`` except script, style and noscript."""
    nodes = sel.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]"
    ).getall()
    return clean("".join(nodes))


def oracle_body(sel: Selector) -> list[str]:
    """Body paragraphs by the LABELS.md rules, read from the page independently of the build."""
    out = []
    (container,) = sel.css("div.side-article.txt-article")
    for node in container.xpath("./*"):
        if node.root.tag != "p" or "baca" in (node.attrib.get("class") or ""):
            continue
        text = clean("".join(node.xpath(".//text()").getall()))
        if not text or text.startswith(("Baca juga:", "Artikel ini telah tayang")):
            continue
        if END_MARK.fullmatch(text):
            continue
        out.append(DATELINE.sub("", TAIL.sub("", text)))
    return out


def json_ld(sel: Selector) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page."""
    blocks = sel.css('script[type="application/ld+json"]::text').getall()
    return [json.loads(b) for b in blocks]


def news_article(sel: Selector) -> dict[str, Any] | None:
    """The NewsArticle JSON-LD block, if any."""
    return next((b for b in json_ld(sel) if b.get("@type") == "NewsArticle"), None)


def parse_printed(text: str, hours: int) -> datetime:
    """ "Selasa, 18 Juni 2024 16:31" in a zone."""
    _, rest = text.split(", ", 1)
    day, month, year, hm = rest.split()
    hour, minute = hm.split(":")
    zone = timezone(timedelta(hours=hours))
    return datetime(int(year), MONTHS[month], int(day), int(hour), int(minute), tzinfo=zone)


def links(sel: Selector, base: str) -> list[str]:
    """Absolute targets of every ``<a href>`` of a page, fragments dropped."""
    hrefs = sel.css("a::attr(href)").getall()
    return [urljoin(base, h).split("#", 1)[0] for h in hrefs if not h.startswith("#")]


def fixture_target(origin: str, url: str) -> str | None:
    """The request target (path plus ``page`` query) of an own-host URL, else None."""
    if not url.startswith(origin + "/"):
        return None
    parts = urlsplit(url)
    pages = parse_qs(parts.query).get("page")
    return parts.path + (f"?page={pages[0]}" if pages else "")


def crawl(pid: str) -> tuple[set[str], dict[str, set[str]]]:
    """Follow own-host links from the home page over the files; return the article URLs
    reached and, per target, the set of pages linking to it."""
    origin = PORTALS[pid][0]
    root = FIXTURES / "portals" / pid
    seen, queue, found = {"/"}, ["/"], set()
    linked_from: dict[str, set[str]] = {}
    while queue:
        target = queue.pop()
        file = resolve(root, target)
        if file is None:
            continue
        base = origin + target
        if ARTICLE_PATH.fullmatch(urlsplit(base).path):
            found.add(origin + urlsplit(base).path)
        for url in links(Selector(text=file.read_text("utf-8")), base):
            nxt = fixture_target(origin, url)
            if nxt is None:
                continue
            linked_from.setdefault(nxt, set()).add(target)
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return found, linked_from


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET (no proxy)."""
    try:
        with OPENER.open(url, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read()


@pytest.fixture(scope="module")
def servers() -> Iterator[FixtureServers]:
    srv = start()
    yield srv
    srv.stop()


# --------------------------------------------------------------------------- build


def test_checked_in_files_equal_a_fresh_build(tmp_path: Path) -> None:
    build_tribun.build(tmp_path)
    fresh, kept = tribun_tree(tmp_path), tribun_tree(FIXTURES)
    assert sorted(fresh) == sorted(kept), "run: python fixtures/build_tribun.py"
    for rel, blob in fresh.items():
        assert blob == kept[rel], f"{rel} is stale: run python fixtures/build_tribun.py"


def test_build_is_deterministic(tmp_path: Path) -> None:
    digests = []
    for name in ("a", "b"):
        build_tribun.build(tmp_path / name)
        tree = tribun_tree(tmp_path / name)
        digests.append({rel: hashlib.sha256(blob).hexdigest() for rel, blob in tree.items()})
    assert digests[0] == digests[1]


def test_build_leaves_other_portals_alone(tmp_path: Path) -> None:
    other = tmp_path / "portals" / "someportal" / "index.html"
    other.parent.mkdir(parents=True)
    other.write_text("keep me", "utf-8")
    build_tribun.build(tmp_path)
    assert other.read_text("utf-8") == "keep me"
    assert sorted(p.name for p in (tmp_path / "portals").iterdir()) == [
        "someportal",
        "tribunbengkulu",
        "tribuntimur",
    ]


def test_snapshot_time_is_the_server_date() -> None:
    fixed = datetime.strptime(FIXED_DATE, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
    assert fixed == build_tribun.NOW_UTC


@pytest.mark.parametrize("pid", PORTALS)
def test_site_json_and_robots(pid: str) -> None:
    root = FIXTURES / "portals" / pid
    meta = json.loads((root / "site.json").read_text("utf-8"))
    assert meta == {"id": pid, "origin": PORTALS[pid][0], "charsets": {}}
    robots = "User-agent: *\nDisallow: /search\nAllow: /\n"
    robots += f"\nSitemap: {meta['origin']}/sitemap.xml\n"
    assert (root / "robots.txt").read_text("utf-8") == robots


# --------------------------------------------------------------------------- records and pages


@pytest.mark.parametrize("pid", PORTALS)
def test_records_shape(pid: str) -> None:
    origin, hours, _ = PORTALS[pid]
    recs = records(pid)
    assert len(recs) >= 8
    assert {r["case"] for r in recs} >= CASES
    times = [datetime.fromisoformat(r["published_at"]) for r in recs]
    assert times == sorted(times, reverse=True)
    for rec in recs:
        assert list(rec) == RECORD_KEYS
        assert rec["site"] == pid and rec["network"] == "tribun" and rec["language"] == "id"
        assert rec["url"] == rec["canonical_url"]
        assert rec["url"].startswith(origin) and "?" not in rec["url"]
        assert ARTICLE_PATH.fullmatch(rec["url"].removeprefix(origin))
        assert rec["word_count"] == len(rec["body"].split())
        assert rec["published_at"].endswith(f"+0{hours}:00")
        assert rec["modified_at"] is None or rec["modified_at"].endswith(f"+0{hours}:00")
        assert "#" not in "".join(rec["tags"])
        assert all(u.startswith(origin + "/") for u in rec["related_urls"])


@pytest.mark.parametrize("pid", PORTALS)
def test_every_expected_page_exists(pid: str) -> None:
    for rec in records(pid):
        for n in range(1, rec["pages"] + 1):
            assert page_file(pid, rec["url"], n).is_file(), (rec["url"], n)
        assert not page_file(pid, rec["url"], rec["pages"] + 1).is_file(), rec["url"]


@pytest.mark.parametrize("pid", PORTALS)
def test_article_pages_show_the_record(pid: str) -> None:
    _, _, name = PORTALS[pid]
    kickers = []
    for rec in records(pid):
        sel = page(pid, rec["url"])
        assert clean(sel.css("h1#arttitle::text").get("")) == rec["title"]
        assert len(sel.css("div#article_con div.side-article.txt-article")) == 1
        assert sel.css("link[rel=canonical]::attr(href)").get() == rec["canonical_url"]
        assert sel.css("title::text").get() == f"{rec['title']} - {name}"
        assert sel.css('meta[property="og:site_name"]::attr(content)').get() == name
        assert clean(sel.css("time::text").get("")) == rec["published_raw"]
        crumbs = sel.css("ul.breadcrumb span[itemprop=name]::text").getall()
        assert crumbs == ["Home", "News", rec["section"]]
        assert sel.css("h5.tagcload3.tagcloud3 > a.rd2::text").getall() == rec["tags"]
        assert sel.css("div#penulis a::text").getall() == rec["authors"]
        assert clean(sel.css("div#editor::text").get("")) == f"Editor: {rec['editor']}"
        sources = sel.xpath('//div[@id="editor"]/following-sibling::div[1]/a/text()').getall()
        assert sources == rec["sources"]
        kickers.append(sel.css("h2.red.f16 > a::text").get() not in rec["tags"])
    assert any(kickers)  # the topic kicker is not a tag (on most pages it is no tag text)


@pytest.mark.parametrize("pid", PORTALS)
def test_bodies_follow_the_label_rules(pid: str) -> None:
    for rec in records(pid):
        pages = [page(pid, rec["url"], n) for n in range(1, rec["pages"] + 1)]
        paragraphs = [p for sel in pages for p in oracle_body(sel)]
        assert "\n\n".join(paragraphs) == rec["body"], rec["url"]
        seen = " ".join(visible_text(sel) for sel in pages)
        for paragraph in rec["body"].split("\n\n"):
            assert paragraph in seen
        first = pages[0]
        for bad in (
            first.css("h4.hide::text").get(""),
            first.css("div.side-article.txt-article p strong::text").get(""),  # dateline
            "Baca juga",
            "Artikel ini telah tayang",
            "googletag",
            "Halaman selanjutnya",
            "Editor:",
            "Sumber:",
            ".com/",
            *first.css("p.baca a::text").getall(),
            *first.css("figcaption::text").getall(),
        ):
            assert bad and bad not in rec["body"], (rec["url"], bad)


@pytest.mark.parametrize("pid", PORTALS)
def test_dates_follow_the_label_rules(pid: str) -> None:
    _, hours, _ = PORTALS[pid]
    zone = timezone(timedelta(hours=hours))
    for rec in records(pid):
        sel = page(pid, rec["url"])
        article = news_article(sel)
        printed = parse_printed(rec["published_raw"], hours)
        if article is None:
            assert rec["case"] == "no_jsonld" and json_ld(sel) == []
            assert rec["published_at"] == printed.isoformat()
            assert rec["modified_at"] is None
            continue
        published = datetime.fromisoformat(article["datePublished"])
        modified = datetime.fromisoformat(article["dateModified"])
        assert rec["published_at"] == published.astimezone(zone).isoformat()
        assert rec["modified_at"] == modified.astimezone(zone).isoformat()
        assert published.astimezone(zone).replace(second=0) == printed
        assert published.second != 0 or modified.second != 0


@pytest.mark.parametrize("pid", PORTALS)
def test_images_and_related_links_are_on_the_pages(pid: str) -> None:
    for rec in records(pid):
        pages = [page(pid, rec["url"], n) for n in range(1, rec["pages"] + 1)]
        lead = pages[0].css("div#artimg img.imgfull::attr(src)").get()
        figures = [
            (sel.css("img::attr(src)").get(), clean(sel.css("figcaption::text").get("")))
            for p in pages
            for sel in p.css("div.side-article.txt-article figure")
        ]
        images = [(i["url"], i["caption"], i["credit"]) for i in rec["images"]]
        if lead:
            caption = clean(pages[0].css("div#artimg div.arial::text").get(""))
            credit = pages[0].css("div#artimg div.f11::text").get()
            assert images.pop(0) == (lead, caption, credit)
        printed = [(u, f"{c} /{cr}" if cr else c) for u, c, cr in images]
        assert printed == figures
        hrefs = {h for sel in pages for h in sel.css("a::attr(href)").getall()}
        assert set(rec["related_urls"]) <= hrefs


@pytest.mark.parametrize("pid", PORTALS)
def test_special_cases(pid: str) -> None:
    origin = PORTALS[pid][0]
    by_case = {r["case"]: r for r in records(pid)}
    two = by_case["multipage2"]
    assert two["pages"] == 2
    second = page(pid, two["url"], 2)
    assert second.css("a#pagecurrent::text").get() == "2"
    assert "TRIBUN" not in second.css("div.side-article.txt-article").get("")
    missing = by_case["multipage_missing"]
    assert missing["pages"] == 1
    first = page(pid, missing["url"])
    assert first.css('a.bgblue[href$="?page=2"]::text').get("").startswith("Halaman selanjutnya")
    assert not page_file(pid, missing["url"], 2).exists()
    assert len(by_case["two_reporters"]["authors"]) == 2
    reprint = by_case["reprint"]
    assert reprint["authors"] == [] and reprint["sources"] == ["Tribunnews.com"]
    reprint_page = page(pid, reprint["url"])
    assert "Artikel ini telah tayang" in visible_text(reprint_page)
    article = news_article(reprint_page)  # JSON-LD names the editor, the page no writer
    assert article is not None
    assert article["author"] == {"@type": "Person", "name": reprint["editor"]}
    assert not page(pid, by_case["no_lead_image"]["url"]).css("div#artimg")
    _, linked_from = crawl(pid)
    hidden = fixture_target(origin, by_case["only_via_baca"]["url"])
    assert hidden is not None
    for source in linked_from[hidden]:
        file = resolve(FIXTURES / "portals" / pid, source)
        assert file is not None
        sel = Selector(text=file.read_text("utf-8"))
        targets = links(sel, origin + source)
        in_baca = links(Selector(text="".join(sel.css("p.baca").getall())), origin + source)
        assert targets.count(origin + hidden) == in_baca.count(origin + hidden) > 0
    page2_only = [
        r["url"]
        for r in records(pid)
        if all(s.endswith("?page=2") for s in linked_from[fixture_target(origin, r["url"]) or ""])
    ]
    assert page2_only  # reachable only through page 2 of the listings


def test_json_ld_in_another_zone_is_converted() -> None:
    rec = next(r for r in records("tribuntimur") if r["case"] == "jsonld_other_zone")
    article = news_article(page("tribuntimur", rec["url"]))
    assert article is not None and article["datePublished"].endswith("+07:00")
    assert rec["published_at"].endswith("+08:00")
    assert datetime.fromisoformat(article["datePublished"]) == datetime.fromisoformat(
        rec["published_at"]
    )


# --------------------------------------------------------------------------- listings


@pytest.mark.parametrize("pid", PORTALS)
def test_home_and_listing_layout(pid: str) -> None:
    origin = PORTALS[pid][0]
    home = Selector(text=(FIXTURES / "portals" / pid / "index.html").read_text("utf-8"))
    items = home.css("ul#latestul > li.art-list")
    assert len(items) >= 6
    assert home.css("ul#latestul > li.reserved_box_ads.nativeads")
    assert home.css("ul#latestul > li.video-1 a[href^='https://video.tribunnews.com/']")
    for item in items:
        url = item.css("h3 > a::attr(href)").get("")
        assert url.startswith(origin) and ARTICLE_PATH.fullmatch(url.removeprefix(origin))
        thumb = item.css("div.fr a::attr(href)").get()
        assert thumb is None or (
            not thumb.startswith(("/", "http")) and urljoin(origin + "/", thumb) == url
        )
        stamp = item.css("time.foot.timeago::attr(title)").get("")
        assert re.fullmatch(r"2024-06-\d\d \d\d:\d\d:\d\d", stamp)
        assert item.css("time.foot.timeago::text").get("").rstrip().endswith("lalu")
    hosts = {urlsplit(u).netloc for u in home.css("a::attr(href)").getall() if "://" in u}
    assert "www.tribunnews.com" in hosts
    assert len({h for h in hosts if h.endswith(".tribunnews.com")} - {urlsplit(origin).netloc}) >= 5
    menu = [
        u for u in home.css("div.main-menu#main-menu a::attr(href)").getall() if u != origin + "/"
    ]
    sections = [
        u
        for u in menu
        if (FIXTURES / "portals" / pid / urlsplit(u).path.strip("/") / "page-2.html").is_file()
    ]
    assert len(sections) >= 4  # news + three sections
    for url in sections:
        folder = FIXTURES / "portals" / pid / urlsplit(url).path.strip("/")
        first = Selector(text=(folder / "index.html").read_text("utf-8"))
        assert first.css("div.paging a[rel=next]::attr(href)").get() == f"{url}?page=2"
        assert first.css("div.paging a#pagecurrent::text").get() == "1"
        second = Selector(text=(folder / "page-2.html").read_text("utf-8"))
        assert second.css("div.paging a#pagecurrent::text").get() == "2"
        assert not second.css("a[rel=next]")
        stamps = [
            s
            for sel in (first, second)
            for s in sel.css("ul#latestul > li.art-list time::attr(title)").getall()
        ]
        assert stamps == sorted(stamps, reverse=True) and stamps


@pytest.mark.parametrize("pid", PORTALS)
def test_a_crawl_from_home_reaches_exactly_the_expected_articles(pid: str) -> None:
    found, linked_from = crawl(pid)
    assert found == {r["url"] for r in records(pid)}
    root = FIXTURES / "portals" / pid
    missing = {t for t in linked_from if resolve(root, t) is None}
    expected_404 = re.compile(r"/(?:tag|topics?|penulis)/.+|/(?:indeks|tag|populer|rss)")
    broken = {
        t
        for t in missing
        if not expected_404.fullmatch(t) and not t.endswith("?page=2")  # multipage_missing
    }
    assert broken == set()
    two = next(r for r in records(pid) if r["case"] == "multipage2")
    assert fixture_target(PORTALS[pid][0], two["url"] + "?page=2") in linked_from


# --------------------------------------------------------------------------- served


def test_fixture_server_serves_the_tribun_portals(servers: FixtureServers) -> None:
    for pid, (origin, _, _) in PORTALS.items():
        local = servers.origins[pid]
        assert servers.url_map[origin] == local
        status, body = fetch(local + "/robots.txt")
        robots = f"User-agent: *\nDisallow: /search\nAllow: /\n\nSitemap: {local}/sitemap.xml\n"
        assert status == 200 and body.decode("utf-8") == robots
        status, body = fetch(local + "/")
        text = body.decode("utf-8")
        assert status == 200 and origin not in text and f'href="{local}/' in text
        rec = records(pid)[0]
        status, body = fetch(servers.local(rec["url"]))
        sel = Selector(text=body.decode("utf-8"))
        assert status == 200 and clean(sel.css("h1#arttitle::text").get("")) == rec["title"]
        thumb = Selector(text=text).css("ul#latestul li.art-list div.fr a::attr(href)").get("")
        assert fetch(urljoin(local + "/", thumb))[0] == 200
    other = servers.origins["tribuntimur"]
    home = fetch(servers.origins["tribunbengkulu"] + "/")[1].decode("utf-8")
    assert f'href="{other}"' in home  # the other fixture portal's host is rewritten too
    listing = servers.origins["tribunbengkulu"] + "/kota-bengkulu?page=2"
    assert fetch(listing)[0] == 200
    missing = next(r for r in records("tribunbengkulu") if r["case"] == "multipage_missing")
    assert fetch(servers.local(missing["url"]) + "?page=2")[0] == 404
