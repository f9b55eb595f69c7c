"""A hostile PRMN portal on 127.0.0.1: one port, every fault real portals throw at a crawler.

``start()`` serves one portal in the PRMN template (pages from :mod:`tests.hostile.pages`) whose
home page ``/`` links to good articles and to paths that misbehave, deterministically:

=========================================  =====================================================
``/s/pr-100000[1-5]/artikel-baik-*``       good articles; ``/kanal`` (+ ``?page=2``) lists them
``/s/pr-1000500/galat-server-lalu-pulih``  500 on the first 2 requests, then the article
``/s/pr-1000503/sibuk-coba-lagi``          503 + ``Retry-After: 1`` once, then the article
``/s/pr-1000404/tidak-ada``                404 (HTML body)
``/s/pr-1000410/sudah-dihapus``            410 (HTML body)
``/s/pr-1000408/menggantung``              answers (an article) only after ``hang_seconds`` (5)
``/s/pr-1000999/koneksi-putus``            Content-Length 5000, 100 bytes sent, then closed
``/s/pr-1000301/putar-a``, ``-302/putar-b``  302 to each other, forever
``/s/pr-1000303/pindah-luar``              302 to ``http://198.51.100.7/...`` (TEST-NET-2)
``/s/pr-1000777/raksasa``                  200, Content-Length 50 MiB, streamed
``/s/pr-1000778/bom-gzip``                 200, ~100 KB of gzip that inflates to 100 MB
``/s/pr-1000880/salah-label-latin``        UTF-8 bytes labelled ``charset=iso-8859-1``
``/s/pr-1000881/salah-label-utf8``         ISO-8859-1 bytes labelled ``charset=utf-8``
``/s/pr-1000440/halaman-hilang``           soft 404: 200 "Halaman Tidak Ditemukan"
``/s/pr-100060[1-6]/tata-letak-baru-N``    redesigned markup: no title/body the template knows
``/amp/s/pr-1000001/artikel-baik-satu``    AMP copy of article 1 (canonical: the plain URL)
``/tanpa-akhir?page=N``                    listing that pages forever (``rel=next`` to N+1)
``/arsip/YYYY/MM/DD``                      calendar listing whose ``rel=next`` is the day before
``/rubrik/<name>/page/N/``                 endless WordPress paging, a new section on each page
``/tetes``                                 lists 3 pages that send one byte every 0.25 s
=========================================  =====================================================

Article 1 is also linked as ``?utm_source=wa``, ``?page=1``, ``#komentar``, with a trailing
slash and as its AMP copy; the home page also links to URLs no crawler may fetch (``file:``,
``data:``, ``javascript:``, ``mailto:``, private and link-local hosts). Behaviour counters are
per request path (query dropped) and last for the server's lifetime, or until ``reset()``.

``python -m tests.hostile.server [--port N]`` serves it by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import socket
import sys
import threading
import zlib
from collections import Counter
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs

from tests.hostile import pages, traps
from tests.hostile.pages import REDESIGNED, STORIES, Entry

GOOD = (
    "/s/pr-1000001/artikel-baik-satu",
    "/s/pr-1000002/artikel-baik-dua",
    "/s/pr-1000003/artikel-baik-tiga",
    "/s/pr-1000004/artikel-baik-empat",
    "/s/pr-1000005/artikel-baik-lima",
)
FLAKY = "/s/pr-1000500/galat-server-lalu-pulih"
BUSY = "/s/pr-1000503/sibuk-coba-lagi"
NOT_FOUND = "/s/pr-1000404/tidak-ada"
GONE = "/s/pr-1000410/sudah-dihapus"
HANG = "/s/pr-1000408/menggantung"
RESET = "/s/pr-1000999/koneksi-putus"
LOOP_A = "/s/pr-1000301/putar-a"
LOOP_B = "/s/pr-1000302/putar-b"
OFFSITE = "/s/pr-1000303/pindah-luar"
OFFSITE_TARGET = "http://198.51.100.7/s/pr-1000304/di-luar"
GIANT = "/s/pr-1000777/raksasa"
BOMB = "/s/pr-1000778/bom-gzip"
LATIN_LABEL = "/s/pr-1000880/salah-label-latin"
UTF8_LABEL = "/s/pr-1000881/salah-label-utf8"
SOFT_404 = "/s/pr-1000440/halaman-hilang"
AMP = "/amp/s/pr-1000001/artikel-baik-satu"
REDESIGNS = tuple(REDESIGNED)
VARIANTS = (
    GOOD[0] + "?utm_source=wa",
    GOOD[0] + "?page=1",
    GOOD[0] + "#komentar",
    GOOD[0] + "/",
    AMP,
)
FORBIDDEN = (
    "file:///etc/passwd",
    "data:text/html,<p>x</p>",
    "javascript:void(0)",
    "mailto:a@b.c",
    "http://10.0.0.1/s/pr-1000010/privat",
    "http://localhost:1/s/pr-1000011/lokal",
    "http://169.254.169.254/latest/meta-data/",
)
KANAL = "/kanal"
ENDLESS = "/tanpa-akhir"
CALENDAR = "/arsip/2024/06/19"
TRAP_STORIES = GOOD[:3]  # what every trap listing page lists

FLAKY_FAILURES = 2
RESET_CONTENT_LENGTH = 5000
RESET_SENT = 100
HANG_SECONDS = 5.0
GIANT_SIZE = 50 * 1024 * 1024
GIANT_CHUNK = 64 * 1024
BOMB_SIZE = 100 * 1000 * 1000
ROBOTS = b"User-agent: *\nAllow: /\n"
HTML = "text/html; charset=utf-8"

# What a correct crawl of the hostile portal emits: plain article paths, sorted.
EXPECTED_ARTICLES = sorted([*GOOD, FLAKY, BUSY, LATIN_LABEL, UTF8_LABEL])
# The two mislabelled pages, with the titles a crawl that decodes them right extracts.
EXPECTED_TITLES = {
    LATIN_LABEL: STORIES[LATIN_LABEL].title,  # Kafé ... — ... “Menenangkan”
    UTF8_LABEL: STORIES[UTF8_LABEL].title,  # Suhu Capai 34°C, Café ... ±300 ...
}

_OTHER_TITLES = {
    NOT_FOUND: "Berita yang Tidak Pernah Ada",
    GONE: "Berita yang Sudah Dihapus Redaksi",
    LOOP_A: "Jalan Berputar di Bundaran Kota",
    LOOP_B: "Bundaran Kota Kembali Dibuka",
    OFFSITE: "Berita Ini Pindah ke Situs Lain",
    SOFT_404: "Halaman yang Hilang Entah ke Mana",
}


def _title(path: str) -> str:
    plain = path.split("#", 1)[0].split("?", 1)[0].rstrip("/").removeprefix("/amp")
    story = STORIES.get(plain) or REDESIGNED.get(plain)
    return story.title if story else _OTHER_TITLES[plain]


def home_links() -> list[str]:
    """Every href of the home page's ``a.latest__link`` entries, in page order (local paths
    are relative to the origin)."""
    local = [*GOOD, FLAKY, BUSY, NOT_FOUND, GONE, HANG, RESET, LOOP_A, LOOP_B, OFFSITE, GIANT,
             BOMB, LATIN_LABEL, UTF8_LABEL, SOFT_404, *VARIANTS, *REDESIGNS]  # fmt: skip
    return [*local, *FORBIDDEN]


def _home(origin: str) -> str:
    entries = []
    for i, href in enumerate(home_links()):
        minutes = 23 * 60 + 50 - 10 * i
        printed = f"19 Juni 2024, {minutes // 60:02d}:{minutes % 60:02d} WIB"
        if href.startswith("/"):
            entries.append(Entry(origin + href, _title(href), printed))
        else:
            entries.append(Entry(href, f"Tautan Terlarang Nomor {i}", printed))
    return pages.listing(origin, "/", "Berita Terkini", entries)


def _page_links(base: str, n: int, last: int | None) -> list[tuple[str, str]]:
    """Numbered links around page ``n`` (``last`` None: the listing never ends)."""

    def href(k: int) -> str:
        return base if k == 1 else f"{base}?page={k}"

    stop = n + 1 if last is None else min(n + 1, last)
    return [(str(k), "#" if k == n else href(k)) for k in range(max(1, n - 1), stop + 1)]


@functools.cache
def _build_bomb() -> bytes:
    story = STORIES[BOMB]
    head, tail = pages.giant_parts("", story)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing, mtime 0
    out = [packer.compress(head)]
    remaining = BOMB_SIZE - len(head) - len(tail)
    chunk = b"0" * (1 << 20)
    while remaining > 0:
        out.append(packer.compress(chunk[: min(len(chunk), remaining)]))
        remaining -= len(chunk)
    out.append(packer.compress(tail))
    out.append(packer.flush())
    return b"".join(out)


_bomb_lock = threading.Lock()


def gzip_bomb() -> bytes:
    """The gzip body of ``/s/pr-1000778/bom-gzip``: built on first use, then cached."""
    with _bomb_lock:
        return _build_bomb()


def _page_param(query: str) -> int | None:
    """``?page=N`` as N (1 when absent), None when it is not a positive integer."""
    values = parse_qs(query, keep_blank_values=True).get("page")
    if not values:
        return 1
    return int(values[0]) if values[0].isdigit() and int(values[0]) >= 1 else None


def _calendar_day(path: str) -> date | None:
    parts = path.split("/")
    if len(parts) != 5 or parts[1] != "arsip" or not all(p.isdigit() for p in parts[2:]):
        return None
    try:
        return date(int(parts[2]), int(parts[3]), int(parts[4]))
    except ValueError:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # socketserver's default backlog (5) drops the SYNs of a crawler's burst of connections;
    # the kernel retries them a second later, which a 1 s DOWNLOAD_TIMEOUT takes for a timeout
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], hostile: Hostile) -> None:
        self.hostile = hostile
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (OSError, ValueError)):
            return  # the client went away (or was cut off on purpose): nothing to report
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self.connections_lock:
            open_now = list(self.connections)
        for sock in open_now:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "PortalUji/1.0"
    sys_version = ""
    timeout = 30  # idle keep-alive connections end
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.connections_lock:
                self.server.connections.discard(self.connection)

    def do_GET(self) -> None:
        hostile = self.server.hostile
        target = self.path
        path = target.split("#", 1)[0].split("?", 1)[0] or "/"
        hits = hostile._record(target, path)
        try:
            self._route(hostile, target.partition("?")[2], path, hits)
        except OSError:
            self.close_connection = True  # the client hung up mid-answer

    # -- answers ----------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = HTML, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _html(self, text: str, status: int = 200) -> None:
        self._send(status, text.encode("utf-8"))

    def _error(self, status: int, **headers: str) -> None:
        reason = self.responses.get(status, ("Error",))[0]
        self._send(status, pages.error_page(status, reason).encode("utf-8"), **headers)

    def _redirect(self, location: str) -> None:
        body = f'<!DOCTYPE html><html><body><a href="{location}">Pindah</a></body></html>'
        self._send(302, body.encode("utf-8"), Location=location)

    def _route(self, hostile: Hostile, query: str, path: str, hits: int) -> None:
        origin = hostile.origin
        plain = path.rstrip("/") or "/"
        if path == "/":
            self._html(_home(origin))
        elif path == "/robots.txt" and hostile.robots_location:
            self._redirect(hostile.robots_location)
        elif path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain; charset=utf-8")
        elif plain == KANAL:
            self._kanal(origin, _page_param(query))
        elif plain == ENDLESS:
            self._endless(origin, _page_param(query))
        elif plain == traps.TRICKLE_LISTING:
            self._html(traps.trickle_listing(origin))
        elif plain in traps.TRICKLES:
            self._trickle(hostile)
        elif plain.startswith(traps.RUBRIK):
            page = traps.rubrik_page(origin, plain)
            self._html(page) if page else self._error(404)
        elif plain.startswith("/arsip/"):
            self._calendar(origin, _calendar_day(plain))
        elif plain == AMP:
            self._html(pages.article(origin, STORIES[GOOD[0]], amp=True))
        elif plain == FLAKY and hits <= FLAKY_FAILURES:
            self._error(500)
        elif plain == BUSY and hits == 1:
            self._error(503, Retry_After="1")
        elif plain == NOT_FOUND:
            self._error(404)
        elif plain == GONE:
            self._error(410)
        elif plain == HANG:
            if hostile.stopping.wait(hostile.hang_seconds):
                self.close_connection = True  # stopping: hang up without an answer
                return
            self._html(pages.article(origin, STORIES[HANG]))
        elif plain == RESET:
            self._reset(origin)
        elif plain in (LOOP_A, LOOP_B):
            self._redirect(origin + (LOOP_B if plain == LOOP_A else LOOP_A))
        elif plain == OFFSITE:
            self._redirect(OFFSITE_TARGET)
        elif plain == GIANT:
            self._giant(hostile)
        elif plain == BOMB:
            self._send(200, gzip_bomb(), Content_Encoding="gzip")
        elif plain == LATIN_LABEL:
            page = pages.article(origin, STORIES[plain], meta_charset=False)
            self._send(200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
        elif plain == UTF8_LABEL:
            page = pages.article(origin, STORIES[plain], meta_charset=False)
            self._send(200, page.encode("iso-8859-1"), "text/html; charset=utf-8")
        elif plain == SOFT_404:
            self._html(pages.soft_404(origin))
        elif plain in REDESIGNED:
            self._html(pages.redesigned(origin, REDESIGNED[plain]))
        elif plain in STORIES:
            self._html(pages.article(origin, STORIES[plain]))
        else:
            self._error(404)

    def _listing(
        self, origin: str, path: str, heading: str, paths: tuple[str, ...],
        numbered: list[tuple[str, str]], next_href: str | None,
    ) -> None:  # fmt: skip
        entries = [pages.entry(origin, STORIES[p]) for p in paths]
        abs_numbered = [(label, h if h == "#" else origin + h) for label, h in numbered]
        next_abs = origin + next_href if next_href else None
        self._html(pages.listing(origin, path, heading, entries, abs_numbered, next_abs))

    def _kanal(self, origin: str, n: int | None) -> None:
        if n not in (1, 2):
            self._error(404)
            return
        listed = GOOD[:3] if n == 1 else GOOD[3:]
        nxt = f"{KANAL}?page=2" if n == 1 else None
        path = KANAL if n == 1 else f"{KANAL}?page=2"
        self._listing(origin, path, "Kanal", listed, _page_links(KANAL, n, 2), nxt)

    def _endless(self, origin: str, n: int | None) -> None:
        if n is None:
            self._error(404)
            return
        path = ENDLESS if n == 1 else f"{ENDLESS}?page={n}"
        numbered = _page_links(ENDLESS, n, None)
        heading = f"Tanpa Akhir - Halaman {n}"
        self._listing(origin, path, heading, TRAP_STORIES, numbered, f"{ENDLESS}?page={n + 1}")

    def _calendar(self, origin: str, day: date | None) -> None:
        if day is None:
            self._error(404)
            return
        path = f"/arsip/{day.year:04d}/{day.month:02d}/{day.day:02d}"
        before = day - timedelta(days=1) if day > date(1000, 1, 1) else None
        nxt = f"/arsip/{before.year:04d}/{before.month:02d}/{before.day:02d}" if before else None
        heading = f"Arsip {pages.indonesian_date(day)}"
        self._listing(origin, path, heading, TRAP_STORIES, [], nxt)

    def _reset(self, origin: str) -> None:
        body = pages.article(origin, STORIES[RESET]).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(RESET_CONTENT_LENGTH))
        self.end_headers()
        self.wfile.write(body[:RESET_SENT])
        self.close_connection = True  # the server closes the socket: the body ends early

    def _trickle(self, hostile: Hostile) -> None:
        """A page that never finishes: one byte every ``TRICKLE_INTERVAL`` seconds."""
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(traps.TRICKLE_LENGTH))
        self.end_headers()
        for _ in range(traps.TRICKLE_LENGTH):
            self.wfile.write(b" ")  # raises once the client has gone
            self.wfile.flush()
            if hostile.stopping.wait(traps.TRICKLE_INTERVAL):
                break
        self.close_connection = True

    def _giant(self, hostile: Hostile) -> None:
        head, tail = pages.giant_parts(hostile.origin, STORIES[GIANT])
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.send_header("Content-Length", str(GIANT_SIZE))
        self.end_headers()
        self.wfile.write(head)
        chunk = memoryview(b"0" * GIANT_CHUNK)
        remaining = GIANT_SIZE - len(head) - len(tail)
        while remaining > 0:
            if hostile.stopping.is_set():
                self.close_connection = True
                return
            size = min(GIANT_CHUNK, remaining)
            self.wfile.write(chunk[:size])  # raises once the client has gone
            remaining -= size
        self.wfile.write(tail)


class Hostile:
    """A running hostile portal; also a context manager that stops it."""

    def __init__(
        self, port: int = 0, hang_seconds: float = HANG_SECONDS, robots_location: str | None = None
    ) -> None:
        self.requests: list[str] = []  # path+query of every request, in arrival order
        self.hang_seconds = hang_seconds
        self.robots_location = robots_location
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._hits: Counter[str] = Counter()
        self._server = _Server(("127.0.0.1", port), self)
        self.port: int = self._server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"hostile-{self.port}",
            daemon=True,
        )
        self._thread.start()
        threading.Thread(target=gzip_bomb, name="hostile-bomb", daemon=True).start()  # warm up

    def _record(self, target: str, path: str) -> int:
        """Log one request; the number of requests for ``path`` so far, this one included."""
        with self._lock:
            self.requests.append(target)
            self._hits[path] += 1
            return self._hits[path]

    def count(self, path: str) -> int:
        """Requests for ``path``: with a query, exactly that path+query; without one, that path
        whatever its query (a trailing slash is a different path)."""
        with self._lock:
            logged = list(self.requests)
        if "?" in path:
            return logged.count(path)
        return sum(1 for t in logged if t.split("?", 1)[0] == path)

    def reset(self) -> None:
        """Forget every request: behaviour counters start over, the log empties."""
        with self._lock:
            self.requests.clear()
            self._hits.clear()

    def stop(self) -> None:
        """Stop serving, cut open connections and wake sleeping handlers; idempotent."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Hostile:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start(
    port: int = 0, hang_seconds: float = HANG_SECONDS, robots_location: str | None = None
) -> Hostile:
    """Serve the hostile portal on 127.0.0.1 (``port`` 0: any free port); ``robots_location``:
    ``/robots.txt`` answers 302 to it."""
    return Hostile(port, hang_seconds, robots_location)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with start(args.port) as hostile:
        print(hostile.origin, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
