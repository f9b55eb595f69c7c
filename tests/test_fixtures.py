"""The fixture tree: ``python -m fixtures`` is deterministic and up to date, and every portal's
expected records agree with its page files (what the product tests compare against).

Why no per-network suite: the pages and ``expected/*.json`` are data written by hand; what the
crawler and extractor make of them is asserted by tests/extract and tests/e2e. Here only what
holds for any portal folder: its records' text is on its pages, its feeds list served pages.
"""

from __future__ import annotations

import gzip
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from parsel import Selector

from fixtures import build_feeds, build_warc
from fixtures.__main__ import build
from fixtures.server import load_sites, resolve
from tests.conftest import EXPECTED_KEYS, FIXTURES

SITES = {site.id: site for site in load_sites()}
VISIBLE = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"


def tree(root: Path) -> dict[str, bytes]:
    """The data files of a fixtures tree by relative path; the archive decompressed (its gzip
    headers carry an OS byte of the zlib build, which the build does not rewrite)."""
    files = [p for name in ("portals", "expected") for p in (root / name).rglob("*")]
    found = {p.relative_to(root).as_posix(): p.read_bytes() for p in files if p.is_file()}
    return {**found, "archive": gzip.decompress((root / build_warc.OUT.name).read_bytes())}


def test_a_fresh_build_gives_the_committed_files(tmp_path: Path) -> None:
    root = tmp_path / "fixtures"
    for name in ("portals", "expected"):
        shutil.copytree(FIXTURES / name, root / name)
    derived = [*build_feeds.outputs(FIXTURES), build_warc.OUT.name]
    for rel in derived[:-1]:
        (root / rel).unlink()
    assert sorted(build(root)) == sorted(derived)  # builds what is missing, deletes nothing
    assert build(root) == []  # a rebuild changes no byte
    fresh, kept = tree(root), tree(FIXTURES)
    assert sorted(r for r in fresh.keys() | kept.keys() if fresh.get(r) != kept.get(r)) == [], (
        "stale: run python -m fixtures"
    )


def records(portal_id: str) -> list[dict[str, Any]]:
    """``fixtures/expected/<portal_id>.json``."""
    data: list[dict[str, Any]] = json.loads((FIXTURES / f"expected/{portal_id}.json").read_text())
    return data


def page_texts(portal_id: str, url: str, pages: int) -> list[str]:
    """The decoded files of an article's pages 1..n (``?page=N``, ``/N/`` or detik's ``/N``)."""
    site, path = SITES[portal_id], urlsplit(url).path
    files = [resolve(site.root, path)]
    for n in range(2, pages + 1):
        files.append(
            resolve(site.root, f"{path}?page={n}") or resolve(site.root, f"{path.rstrip('/')}/{n}")
        )
    assert None not in files, (url, files)
    return [
        f.read_bytes().decode(site.charsets.get("/" + f.relative_to(site.root).as_posix(), "utf-8"))
        for f in files
        if f is not None
    ]


@pytest.mark.parametrize("portal_id", sorted(SITES))
def test_expected_records_are_on_their_pages(portal_id: str) -> None:
    site = SITES[portal_id]
    for record in records(portal_id):
        assert list(record) == EXPECTED_KEYS and record["site"] == portal_id
        assert record["url"].startswith(site.origin + "/")
        assert record["word_count"] == len(record["body"].split())
        texts = page_texts(portal_id, record["url"], record["pages"])
        visible = " ".join(
            " ".join("".join(Selector(t).xpath(VISIBLE).getall()).split()) for t in texts
        )
        for shown in [record["title"], *record["authors"], *record["body"].split("\n\n")]:
            assert shown in visible, (record["url"], shown)
        for link in [*record["related_urls"], *(i["url"] for i in record["images"])]:
            assert any(link in t for t in texts), (record["url"], link)


def test_dropped_pages_are_served_and_give_no_record() -> None:
    dropped = json.loads((FIXTURES / "expected/dropped.json").read_text())
    kept = {r["url"] for pid in SITES for r in records(pid)}
    for page in dropped:
        site = next(s for s in SITES.values() if page["url"].startswith(s.origin + "/"))
        assert resolve(site.root, urlsplit(page["url"]).path) is not None, page
        assert page["url"] not in kept


def test_feeds_list_only_served_urls() -> None:
    for rel in build_feeds.outputs(FIXTURES):
        site = SITES[rel.split("/")[1]]
        gone = {g["url"] for g in site.meta.get("sitemap_gone", ())}
        for node in ET.parse(FIXTURES / rel).getroot().iter():
            url = node.get("href") or (node.text or "").strip()
            if node.tag.rsplit("}", 1)[-1] in ("loc", "link") and url:
                target = urlsplit(url)
                assert target.netloc == site.host, (rel, url)
                served = resolve(site.root, target.path) is not None
                assert served == (url not in gone), (rel, url)
