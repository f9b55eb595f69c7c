"""Crawl throughput: ``python benchmarks/crawl.py [--articles 20000]``.

Serves a generated PRMN-template portal (home, sections with paginated listings, N article
pages of ~80 KB with Terkait lists) from 127.0.0.1, then crawls it twice in the same run with
the same concurrency and no politeness delay: ``scrapy crawl prmn`` (extraction, pipelines,
feed) and a plain Scrapy spider that only follows the same links. Prints pages/s and peak RSS
of each, and the ratio. Run by hand; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ("nasional", "daerah", "olahraga", "ekonomi", "gaya-hidup")
PER_PAGE = 20
WORDS = ["warga", "pasar", "kota", "jalan", "hujan", "petani", "nelayan", "sekolah", "perahu", "harga", "beras", "ikan", "desa", "pagi", "malam", "pemerintah", "kabupaten", "bupati", "rapat", "lomba", "sungai", "pantai", "jembatan"]  # fmt: skip
SETTINGS = ["-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO",
            "-s", "ROBOTSTXT_OBEY=False", "-s", "TELNETCONSOLE_ENABLED=False"]  # fmt: skip
PLAIN_SPIDER = '''
import scrapy
class Plain(scrapy.Spider):
    """Follows the links the prmn spider follows; no extraction."""
    name = "plain"
    async def start(self):
        yield scrapy.Request(self.start_url)
    def parse(self, response):
        links = ("ul.nav__wrap a, a.latest__link, div.paging a[rel=next], a.related__link")
        for href in response.css(links).xpath("@href").getall():
            yield response.follow(href)
'''


class Portal:
    """A generated portal: pages are rendered on request from a few fixed templates."""

    def __init__(self, origin: str, articles: int) -> None:
        self.origin, self.articles = origin, articles
        rng = random.Random(7)
        self.paragraphs = [" ".join(rng.choices(WORDS, k=60)).capitalize() + "." for _ in range(50)]
        self.padding = "".join(
            f'<li class="most__item"><span class="most__title">{" ".join(rng.choices(WORDS, k=12))}'
            f"</span></li>"
            for i in range(520)
        )  # sidebars, widgets, scripts: what makes real pages ~80 KB

    def url(self, n: int) -> str:
        return f"{self.origin}/{SECTIONS[n % 5]}/pr-{1000000 + n}/judul-berita-nomor-{n}"

    def frame(self, title: str, main: str) -> bytes:
        nav = "".join(f'<li><a href="{self.origin}/{s}">{s}</a></li>' for s in SECTIONS)
        return (f'<!DOCTYPE html><html lang="id"><head><title>{title}</title>'
                f'<meta property="og:site_name" content="Portal Uji"></head><body>'
                f'<ul class="nav__wrap">{nav}</ul>{main}<ul class="most__wrap">{self.padding}'
                f"</ul></body></html>").encode()  # fmt: skip

    def article(self, n: int) -> bytes:
        lead = f"<p>Berita nomor {n} dari portal uji, ditulis untuk mengukur kecepatan.</p>"
        body = lead + "".join(f"<p>{self.paragraphs[(n + i) % 50]}</p>" for i in range(8))
        related = "".join(f'<li><a class="related__link" href="{self.url((n + k) % self.articles)}">'
                          f"Terkait {k}</a></li>" for k in (1, 7, 31))  # fmt: skip
        crumbs = (f'<ul class="breadcrumb__wrap"><li><a class="breadcrumb__link" href="{self.origin}/">'
                  f'Home</a></li><li><a class="breadcrumb__link" href="{self.origin}/'
                  f'{SECTIONS[n % 5]}">{SECTIONS[n % 5].title()}</a></li></ul>')  # fmt: skip
        main = (f'{crumbs}<link rel="canonical" href="{self.url(n)}">'
                f'<h1 class="read__title">Judul berita nomor {n}</h1><div class="read__info">'
                f'<div class="read__info__author"><a>Penulis Uji</a></div><div class="read__info__date">'
                f"- {1 + n % 28} Juni 2024, 07:{n % 60:02d} WIB</div></div>"
                f'<article class="read__content">{body}</article>'
                f'<div class="read__related"><ul class="related__list">{related}</ul></div>')  # fmt: skip
        return self.frame(f"Judul berita nomor {n}", main)

    def listing(self, section: int, page: int) -> bytes:
        numbers = range(section + 5 * PER_PAGE * (page - 1), self.articles, 5)[:PER_PAGE]
        items = "".join(f'<div class="latest__item"><h2 class="latest__title"><a class="latest__link" '
                        f'href="{self.url(n)}">Berita {n}</a></h2></div>' for n in numbers)  # fmt: skip
        more = page * PER_PAGE * 5 < self.articles
        base = f"{self.origin}/{SECTIONS[section]}"
        paging = (f'<div class="paging"><a class="paging__link" rel="next" href="{base}?page={page + 1}">'
                  f"Selanjutnya</a></div>" if more else "")  # fmt: skip
        return self.frame(SECTIONS[section], items + paging)

    def page(self, path: str) -> bytes | None:
        route, _, query = path.partition("?")
        parts = route.strip("/").split("/")
        if route == "/":
            return self.listing(0, 1)
        if len(parts) == 1 and parts[0] in SECTIONS:
            number = int(query.removeprefix("page=")) if query.startswith("page=") else 1
            return self.listing(SECTIONS.index(parts[0]), number)
        if len(parts) == 3 and parts[1].startswith("pr-"):
            return self.article(int(parts[1][3:]) - 1000000)
        return None


def serve(articles: int) -> tuple[ThreadingHTTPServer, Portal]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.request_queue_size = 128
    portal = Portal(f"http://127.0.0.1:{server.server_address[1]}", articles)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = portal.page(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server.RequestHandlerClass = Handler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, portal


def measured(command: list[str], log: Path, cwd: Path) -> tuple[float, int, dict[str, Any]]:
    """Wall seconds, peak RSS (MB) and final stats of a crawl run in its own process."""
    wrapper = ("import resource,subprocess,sys;subprocess.run(sys.argv[1:],check=True);"
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")  # fmt: skip
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper, *command, "-s", f"LOG_FILE={log}"],
                          cwd=cwd, check=True, capture_output=True, text=True)  # fmt: skip
    seconds = time.perf_counter() - began
    text = log.read_text("utf-8")
    responses = int(text.split("'downloader/response_count': ", 1)[1].split(",", 1)[0])
    return seconds, int(done.stdout.split()[-1]) // 1024, {"responses": responses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    server, portal = serve(args.articles)
    size = len(portal.article(1)) / 1024
    print(f"portal: {args.articles:,} articles of ~{size:.0f} KB, {PER_PAGE} per listing page")
    with tempfile.TemporaryDirectory() as tmp:
        spider = Path(tmp) / "plain.py"
        spider.write_text(PLAIN_SPIDER)
        plain = [sys.executable, "-m", "scrapy", "runspider", str(spider), "-a",
                 f"start_url={portal.origin}/", *SETTINGS]  # fmt: skip
        ours = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a",
                f"start_urls={portal.origin}/", "-O", f"{tmp}/out.jsonl", "-s", "NEWSCRAWL_STATE=",
                "-s", "NEWSCRAWL_SUMMARY=", "-s", "DOWNLOAD_MAXSIZE=0", *SETTINGS]  # fmt: skip
        rows = {}
        # The plain spider runs outside the project: Scrapy's own defaults, none of ours.
        runs = (("plain spider", plain, Path(tmp)), ("scrapy crawl prmn", ours, ROOT))
        for name, command, cwd in runs:
            seconds, rss, stats = measured(command, Path(tmp) / f"{name[:5]}.log", cwd)
            rows[name] = stats["responses"] / seconds
            print(f"{name:18} {stats['responses']:6,} pages in {seconds:6.1f} s = "
                  f"{rows[name]:6.1f} pages/s, peak RSS {rss} MB")  # fmt: skip
        records = len(Path(f"{tmp}/out.jsonl").read_text("utf-8").splitlines())
        print(f"records written by prmn: {records:,}")
        print(
            f"ratio (prmn / plain, pages/s): {rows['scrapy crawl prmn'] / rows['plain spider']:.2f}"
        )
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
