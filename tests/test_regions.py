"""Provinces by name and ISO 3166-2 code, the portals of each, and ``scrapy crawl regional``'s
arguments (``region=list``, an unknown region)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newscrawl.errors import ConfigError
from newscrawl.networks import get_network
from newscrawl.portals import all_portals, portal_for_url
from newscrawl.regions import NATIONAL, find_province, portals_in, provinces, region_table
from newscrawl.spiders.regional import RegionalSpider


def test_the_table_has_every_province_once() -> None:
    found = provinces()
    assert len(found) == 38
    assert len({p.code for p in found}) == len({p.name for p in found}) == 38
    assert all(p.code.startswith("ID-") and len(p.code) == 5 for p in found)


@pytest.mark.parametrize("value", ["ID-SN", "id-sn", "Sulawesi Selatan", " sulawesi  selatan "])
def test_a_province_by_code_or_name(value: str) -> None:
    found = find_province(value)
    assert found is not None and (found.code, found.name) == ("ID-SN", "Sulawesi Selatan")


def test_every_portal_region_is_a_province_or_national() -> None:
    names = {p.name for p in provinces()} | {NATIONAL}
    assert sorted({p.region for p in all_portals()} - names) == []


def test_portals_of_a_province_across_every_registry() -> None:
    province = find_province("ID-SN")
    assert province is not None
    assert sorted((p.network, p.id) for p in portals_in(province)) == [
        ("detik", "detiksulsel"),
        ("prmn", "bulukumba"),
        ("prmn", "fixmakassar"),
        ("prmn", "jurnalpalopo"),
        ("prmn", "wartabulukumba"),
        ("tribun", "tribuntimur"),
        ("tribun", "tribuntoraja"),
    ]


def test_region_table_counts_per_network() -> None:
    lines = region_table()
    assert len(lines) == 39
    assert lines[26].split() == ["ID-SN", "Sulawesi", "Selatan", "7", "detik", "1,", "prmn",
                                 "4,", "tribun", "2"]  # fmt: skip
    assert lines[-1].split()[:4] == ["-", "Nasional", "(no", "province)"]


def test_regional_spider_takes_every_network_of_the_province() -> None:
    spider = RegionalSpider(region="ID-SN")
    assert len(spider.portals) == 7
    assert spider.network_of("detiksulsel") is get_network("detik")
    assert spider.network_of("tribuntimur") is get_network("tribun")
    assert spider.network_of(None) is get_network("independent")


def test_unknown_region_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown region 'Atlantis': give a province name"):
        RegionalSpider(region="Atlantis")


def test_desks_share_a_host_and_the_path_decides() -> None:
    jabar = portal_for_url("https://www.detik.com/jabar/berita/d-7400101/jembatan")
    assert jabar is not None and jabar.id == "detikjabar"
    national = portal_for_url("https://www.detik.com/jabarx/berita")  # off every desk: the
    assert national is not None and national.id == "detik"  # host's own (independent) row
    assert portal_for_url("https://www.detik.com/sumut") is not None
    assert portal_for_url("https://www.detik.com/jabarx") is national
    kompas = portal_for_url("https://regional.kompas.com/read/2024/06/19/101500478/jalan")
    assert kompas is not None and kompas.id == "kompasregional"


def test_archive_urls_of_a_day() -> None:
    day = date(2024, 6, 19)
    detik, kompas = get_network("detik"), get_network("kompas")
    assert detik.archive_url("https://www.detik.com/jabar/", day) == (
        "https://www.detik.com/jabar/indeks?date=06/19/2024"
    )
    assert kompas.archive_url("https://regional.kompas.com/", day) == (
        "https://regional.kompas.com/search/2024-06-19/1"
    )
    assert kompas.archive_url("https://regional.kompas.com/jawa-tengah", day) is None
    assert (
        get_network("prmn").archive_url("https://wartabulukumba.pikiran-rakyat.com/", day) is None
    )


def scrapy_crawl(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    path = os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": path}
    command = [sys.executable, "-m", "scrapy", "crawl", "regional", *args,
               "-s", f"NEWSCRAWL_STATE={tmp / 'state.sqlite'}", "-O", str(tmp / "out.jsonl"),
               "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
    return subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=120)


def test_region_list_prints_the_provinces(tmp_path: Path) -> None:
    done = scrapy_crawl(tmp_path, "-a", "region=list")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines == region_table()


def test_unknown_region_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    done = scrapy_crawl(tmp_path, "-a", "region=Atlantis")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "scrapy crawl regional: unknown region 'Atlantis': give a province name "
        "(Sulawesi Selatan) or an ISO 3166-2 code (ID-SN); -a region=list lists them"
    ]
    assert "Traceback" not in done.stderr
