"""Minimal pages in the PRMN template, with invented Indonesian stories, for the hostile server.

The markup keeps only what the PRMN rules read (see ``fixtures/portals/wartabulukumba``):
articles have ``h1.read__title``, ``div.read__info__author a``, ``div.read__info__date``,
``article.read__content`` with ``<p>``, a breadcrumb, ``og:site_name``, ``<link rel=canonical>``
and a JSON-LD ``NewsArticle``; listings have ``div.latest__item > h2.latest__title >
a.latest__link`` with ``date.latest__date``, ``ul.nav__wrap`` section links and ``div.paging
a.paging__link[rel=next]``. The template itself is ASCII, so a page can be encoded in
ISO-8859-1 whenever its story is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

SITE_NAME = "Portal Uji"
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")  # fmt: skip
NAV = (("Kanal", "/kanal"), ("Tanpa Akhir", "/tanpa-akhir"), ("Arsip", "/arsip/2024/06/19"))
PADDING_MARK = "@@PADDING@@"


@dataclass(frozen=True)
class Story:
    """One invented article, published in June 2024 (WIB)."""

    path: str  # the plain path, /s/pr-NNNNNNN/slug
    title: str
    author: str
    day: int  # of June 2024
    time: str  # HH:MM
    paragraphs: tuple[str, ...]

    @property
    def printed_date(self) -> str:
        """The date as the template prints it, e.g. ``19 Juni 2024, 07:57 WIB``."""
        return f"{self.day} Juni 2024, {self.time} WIB"

    @property
    def iso_date(self) -> str:
        return f"2024-06-{self.day:02d}T{self.time}:00+07:00"

    @property
    def description(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 150 else first[:150].rsplit(" ", 1)[0]


@dataclass(frozen=True)
class Entry:
    """One ``div.latest__item`` of a listing."""

    href: str
    title: str
    printed_date: str


def _story(path: str, title: str, author: str, day: int, time: str, *paragraphs: str) -> Story:
    return Story(path, title, author, day, time, paragraphs)


STORIES: dict[str, Story] = {s.path: s for s in (
    _story(
        "/s/pr-1000001/artikel-baik-satu",
        "Warga Sukamaju Bersihkan Saluran Irigasi Jelang Musim Tanam", "Rina Kartika", 19, "07:57",
        "Ratusan warga Desa Sukamaju bergotong royong membersihkan saluran irigasi sepanjang tiga "
        "kilometer pada Selasa pagi. Lumpur dan sampah plastik yang menumpuk selama musim hujan "
        "diangkat dengan cangkul dan karung.",
        "Kepala desa, Asep Sunarya, mengatakan kegiatan itu rutin digelar setiap menjelang musim "
        "tanam. Menurut dia, air dari bendung kecil di hulu kini kembali mengalir sampai ke petak "
        "sawah paling ujung.",
        "Petani berharap penanaman padi bisa dimulai serentak pekan depan agar serangan hama "
        "tikus lebih mudah dikendalikan.",
    ),
    _story(
        "/s/pr-1000002/artikel-baik-dua",
        "Perpustakaan Keliling Kembali Sambangi Sekolah di Pesisir", "Dedi Kurniawan", 18, "14:20",
        "Mobil perpustakaan keliling milik dinas arsip dan perpustakaan kembali beroperasi "
        "setelah dua bulan menjalani perbaikan mesin. Pada hari pertama, mobil itu mendatangi "
        "tiga sekolah dasar di kampung nelayan.",
        "Murid kelas empat terlihat antre meminjam buku cerita bergambar dan komik sejarah. "
        "Petugas mencatat lebih dari 120 buku dipinjam hanya dalam waktu dua jam.",
    ),
    _story(
        "/s/pr-1000003/artikel-baik-tiga",
        "Harga Bawang Merah di Pasar Kecamatan Mulai Turun", "Lestari Wulandari", 18, "09:05",
        "Harga bawang merah di pasar kecamatan turun menjadi Rp32.000 per kilogram, setelah "
        "sepekan sebelumnya sempat menyentuh Rp45.000. Pedagang menyebut pasokan dari sentra "
        "panen di dataran tinggi mulai lancar.",
        "Seorang pedagang, Ujang Hermawan, mengaku dagangannya lebih cepat habis sejak harga "
        "turun. Ibu rumah tangga kini berani membeli dua sampai tiga kilogram sekaligus.",
        "Dinas perdagangan memperkirakan harga akan bertahan stabil hingga akhir bulan.",
    ),
    _story(
        "/s/pr-1000004/artikel-baik-empat",
        "Pemuda Kampung Nelayan Gelar Lomba Perahu Hias", "Bayu Saputra", 17, "16:45",
        "Sebanyak 24 perahu hias meramaikan lomba yang digelar karang taruna kampung nelayan "
        "pada Minggu sore. Perahu dihias janur, bendera warna-warni dan lampu minyak.",
        "Juri menilai kerapian hiasan, kekompakan awak dan ketepatan waktu saat perahu melintasi "
        "muara. Juara pertama diraih regu dari RW 05 yang membawa replika ikan tongkol raksasa.",
        "Panitia berencana menjadikan lomba itu agenda tahunan untuk menarik wisatawan ke "
        "kawasan pantai.",
    ),
    _story(
        "/s/pr-1000005/artikel-baik-lima",
        "Puskesmas Buka Layanan Imunisasi pada Hari Sabtu", "Maya Anggraini", 17, "08:30",
        "Puskesmas kecamatan kini membuka layanan imunisasi anak setiap Sabtu pagi. Jadwal "
        "tambahan itu dibuat untuk orang tua yang bekerja pada hari biasa.",
        "Kepala puskesmas, dr. Hendra Gunawan, mengatakan cakupan imunisasi dasar di wilayahnya "
        "belum mencapai target. Warga cukup membawa buku kesehatan ibu dan anak saat datang.",
    ),
    _story(
        "/s/pr-1000500/galat-server-lalu-pulih",
        "Jembatan Darurat di Sungai Cikaret Rampung Dibangun", "Agus Firmansyah", 16, "11:10",
        "Jembatan darurat dari rangka baja ringan di atas Sungai Cikaret rampung dibangun dalam "
        "sepuluh hari. Jembatan itu menggantikan jembatan kayu yang hanyut terbawa banjir awal "
        "bulan.",
        "Pengendara sepeda motor sudah bisa melintas, sementara mobil masih dilarang lewat. "
        "Warga tidak perlu lagi memutar sejauh tujuh kilometer untuk menuju pasar.",
    ),
    _story(
        "/s/pr-1000503/sibuk-coba-lagi",
        "Festival Kuliner Lokal Dipadati Pengunjung pada Malam Minggu", "Yuni Rahmawati", 16,
        "21:40",
        "Festival kuliner di lapangan kecamatan dipadati pengunjung sejak sore hingga larut "
        "malam. Sebanyak 60 pelaku usaha kecil menjajakan surabi, pepes ikan dan wedang jahe.",
        "Panitia mencatat perputaran uang selama tiga hari festival mencapai ratusan juta rupiah. "
        "Beberapa pedagang bahkan kehabisan bahan sebelum pukul sembilan malam.",
        "Pemerintah kecamatan berjanji menambah lampu penerangan dan tempat sampah pada festival "
        "berikutnya.",
    ),
    _story(
        "/s/pr-1000408/menggantung",
        "Petani Kopi Mulai Panen Lebih Awal Tahun Ini", "Rudi Setiadi", 15, "10:00",
        "Petani kopi di lereng gunung mulai memetik buah merah dua pekan lebih awal dari "
        "biasanya. Cuaca yang lebih hangat membuat buah matang hampir bersamaan.",
        "Kelompok tani setempat menyiapkan tambahan para-para untuk menjemur biji kopi agar hasil "
        "panen tidak berjamur.",
    ),
    _story(
        "/s/pr-1000999/koneksi-putus",
        "Lampu Jalan Baru Terpasang di Jalan Lingkar Selatan", "Wahyu Pratama", 15, "19:15",
        "Sebanyak 80 lampu jalan tenaga surya terpasang di sepanjang jalan lingkar selatan. Ruas "
        "yang dulu gelap gulita kini terang hingga pagi.",
        "Pengemudi ojek mengaku lebih tenang melintas pada malam hari.",
    ),
    _story(
        "/s/pr-1000880/salah-label-latin",
        "Kafé Baru di Tepi Danau — Warga Sebut Suasananya “Menenangkan”", "Nadia Putri", 14,
        "15:30",
        "Sebuah kafé baru dibuka di tepi danau dan langsung ramai dikunjungi warga — terutama "
        "pada sore hari. Pemiliknya menyajikan kopi tubruk dan roti bakar dengan harga "
        "terjangkau.",
        "“Tempatnya menenangkan, cocok untuk melepas penat,” kata Rini, salah seorang "
        "pengunjung. Pengelola berencana menambah panggung kecil untuk musik akustik.",
    ),
    _story(
        "/s/pr-1000881/salah-label-utf8",
        "Suhu Capai 34°C, Café di Alun-alun Didatangi ±300 Pengunjung", "Fajar Nugroho", 14,
        "13:00",
        "Suhu udara siang ini mencapai 34°C sehingga banyak warga memilih berteduh di café "
        "sekitar alun-alun. Pengelola mencatat ±300 pengunjung hingga sore.",
        "Minuman es kelapa dan es cincau paling banyak dipesan. Café itu juga menyediakan air "
        "minum gratis bagi pejalan kaki.",
    ),
    _story(
        "/s/pr-1000777/raksasa",
        "Laporan Lengkap Anggaran Daerah Tahun Berjalan", "Hadi Susanto", 13, "09:00",
        "Dokumen anggaran daerah tahun berjalan dimuat utuh di halaman ini.",
    ),
    _story(
        "/s/pr-1000778/bom-gzip",
        "Daftar Lengkap Penerima Bantuan Benih Padi", "Hadi Susanto", 13, "09:30",
        "Daftar penerima bantuan benih padi dari seluruh desa dimuat di halaman ini.",
    ),
)}  # fmt: skip

REDESIGNED: dict[str, Story] = {s.path: s for s in (
    _story("/s/pr-1000601/tata-letak-baru-1", "Kantor Kecamatan Pindah ke Gedung Baru",
           "Tim Redaksi", 12, "08:00", "Pelayanan tetap buka seperti biasa."),
    _story("/s/pr-1000602/tata-letak-baru-2", "Jalan Desa Mulai Diaspal Pekan Ini",
           "Tim Redaksi", 12, "09:00", "Pekerjaan dimulai dari ujung utara."),
    _story("/s/pr-1000603/tata-letak-baru-3", "Warga Tanam Seribu Pohon di Bantaran Sungai",
           "Tim Redaksi", 12, "10:00", "Bibit disediakan oleh dinas lingkungan hidup."),
    _story("/s/pr-1000604/tata-letak-baru-4", "Sekolah Dasar Terima Bantuan Meja dan Kursi",
           "Tim Redaksi", 12, "11:00", "Bantuan tiba pada Senin pagi."),
    _story("/s/pr-1000605/tata-letak-baru-5", "Pasar Malam Kembali Dibuka Setelah Renovasi",
           "Tim Redaksi", 12, "12:00", "Pengunjung diminta menjaga kebersihan."),
    _story("/s/pr-1000606/tata-letak-baru-6", "Klub Voli Desa Juara Turnamen Antarkampung",
           "Tim Redaksi", 12, "13:00", "Pertandingan final berlangsung tiga set."),
)}  # fmt: skip

ERROR_MESSAGES = {
    404: "Halaman tidak ditemukan.",
    410: "Artikel ini sudah dihapus oleh redaksi.",
    500: "Terjadi galat pada server. Silakan muat ulang halaman.",
    503: "Server sedang sibuk. Silakan coba lagi sebentar lagi.",
}


def indonesian_date(day: date) -> str:
    """``19 Juni 2024``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _a(href: str, text: str, cls: str = "", rel: str = "") -> str:
    extra = (f' class="{cls}"' if cls else "") + (f' rel="{rel}"' if rel else "")
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def _document(head: str, body: str, *, meta_charset: bool = True, amp: bool = False) -> str:
    charset = '<meta charset="utf-8">\n' if meta_charset else ""
    html = '<html amp lang="id">' if amp else '<html lang="id">'
    return (
        f"<!DOCTYPE html>\n{html}\n<head>\n{charset}"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{head}</head>\n<body>\n{body}\n"
        f'<footer class="footer"><p>{SITE_NAME} - Jalan Percobaan No. 1, Kota Uji</p></footer>\n'
        "</body>\n</html>\n"
    )


def _header(origin: str) -> str:
    items = "".join(f"<li>{_a(origin + path, name)}</li>" for name, path in NAV)
    return (
        '<header class="header">\n'
        f'<div class="header__middle"><div class="logo">{_a(origin + "/", SITE_NAME)}</div></div>\n'
        '<div class="header__bottom"><nav class="nav">'
        f'<div class="nav__home">{_a(origin + "/", "Home")}</div>\n'
        f'<ul class="nav__wrap">{items}</ul>\n</nav></div>\n</header>'
    )


def _breadcrumb(origin: str) -> str:
    crumbs = (("Home", "/"), ("Kanal", "/kanal"))
    items = "".join(
        f'<li class="breadcrumb__item">{_a(origin + path, name, "breadcrumb__link")}</li>'
        for name, path in crumbs
    )
    return f'<div class="breadcrumb clearfix"><ul class="breadcrumb__wrap">{items}</ul></div>'


def _ld_json(data: dict[str, object]) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def article(origin: str, story: Story, *, meta_charset: bool = True, amp: bool = False) -> str:
    """An article page; ``amp`` marks the AMP copy (same text, canonical to the plain URL)."""
    url = origin + story.path
    full_title = f"{story.title} - {SITE_NAME}"
    head = (
        f"<title>{escape(full_title)}</title>\n"
        f'<meta name="description" content="{escape(story.description)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:url" content="{escape(url)}">\n'
        f'<meta property="og:title" content="{escape(full_title)}">\n'
        f'<meta property="og:description" content="{escape(story.description)}">\n'
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
        '<meta property="article:section" content="Kanal">\n'
        f'<meta property="article:published_time" content="{story.iso_date}">\n'
        f'<link rel="canonical" href="{escape(url)}">\n'
    )
    head += _ld_json({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": full_title,
        "datePublished": story.iso_date,
        "dateModified": story.iso_date,
        "author": [{"@type": "Person", "name": story.author}],
        "publisher": {"@type": "Organization", "name": SITE_NAME},
        "description": story.description,
    })  # fmt: skip
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    body = (
        f"{_header(origin)}\n"
        '<div class="row clearfix"><div class="container clearfix">\n'
        f'<div class="col-bs12-12">{_breadcrumb(origin)}</div>\n'
        '<div class="col-bs12-8">\n<section class="clearfix"><div class="mt3 clearfix">\n'
        f'<h1 class="read__title">{escape(story.title)}</h1>\n'
        '<div class="read__info">\n'
        f'<div class="read__info__author"><a>{escape(story.author)}</a></div>\n'
        f'<div class="read__info__date">- {story.printed_date}</div>\n'
        "</div>\n</div></section>\n"
        '<div class="read__article clearfix"><div class="col-bs12-9">\n'
        '<article class="read__content clearfix" itemprop="articleBody">\n'
        f"{paragraphs}\n</article>\n"
        "</div></div>\n</div>\n</div></div>"
    )
    return _document(head, body, meta_charset=meta_charset, amp=amp)


def giant_parts(origin: str, story: Story) -> tuple[bytes, bytes]:
    """An article split where megabytes of padding go (inside an HTML comment)."""
    marked = Story(story.path, story.title, story.author, story.day, story.time,
                   (*story.paragraphs, PADDING_MARK))  # fmt: skip
    before, after = article(origin, marked).split(f"<p>{PADDING_MARK}</p>")
    return (before + "<!-- ").encode(), (" -->" + after).encode()


def redesigned(origin: str, story: Story) -> str:
    """An article after a redesign: no ``h1.read__title``, no ``article.read__content``, no
    JSON-LD, no Open Graph; one short sentence of text."""
    url = origin + story.path
    head = (
        f"<title>{escape(story.title)} | {SITE_NAME}</title>\n"
        f'<link rel="canonical" href="{escape(url)}">\n'
    )
    body = (
        f"{_header(origin)}\n"
        f'<main class="halaman-baru">\n{_breadcrumb(origin)}\n'
        f'<div class="judul-baru">{escape(story.title)}</div>\n'
        f'<div class="penulis-baru">{escape(story.author)}</div>\n'
        f'<div class="tanggal-baru">{story.printed_date}</div>\n'
        f'<div class="isi-baru">{escape(story.paragraphs[0])}</div>\n'
        "</main>"
    )
    return _document(head, body)


def soft_404(origin: str) -> str:
    """A 404 page in the template's look, served with status 200."""
    head = (
        f"<title>Halaman Tidak Ditemukan - {SITE_NAME}</title>\n"
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
    )
    body = (
        f"{_header(origin)}\n"
        '<div class="row clearfix"><div class="container clearfix">\n'
        '<section class="error mt3 clearfix">\n'
        '<h1 class="read__title">Halaman Tidak Ditemukan</h1>\n'
        "<p>Maaf, halaman yang Anda cari tidak ditemukan.</p>\n"
        f"<p>{_a(origin + '/', 'Kembali ke beranda')}</p>\n"
        "</section>\n</div></div>"
    )
    return _document(head, body)


def error_page(status: int, reason: str) -> str:
    """A bare HTML error body."""
    message = ERROR_MESSAGES.get(status, reason)
    return _document(
        f"<title>{status} {escape(reason)}</title>\n",
        f"<h1>{status} {escape(reason)}</h1>\n<p>{escape(message)}</p>",
    )


def listing(
    origin: str,
    path: str,
    heading: str,
    entries: Sequence[Entry],
    pages: Sequence[tuple[str, str]] = (),
    next_href: str | None = None,
) -> str:
    """A home or section page: ``pages`` are (label, href) page links ("#" for the current
    page), ``next_href`` the ``rel=next`` link."""
    title = f"{heading} - {SITE_NAME}"
    head = (
        f"<title>{escape(title)}</title>\n"
        '<meta property="og:type" content="website">\n'
        f'<meta property="og:site_name" content="{SITE_NAME}">\n'
        f'<link rel="canonical" href="{escape(origin + path)}">\n'
    )
    items = "\n".join(
        '<div class="latest__item"><div class="latest__right">'
        f'<h2 class="latest__title">{_a(e.href, e.title, "latest__link")}</h2>'
        f'<date class="latest__date">{escape(e.printed_date)}</date></div></div>'
        for e in entries
    )
    paging = ""
    if pages or next_href:
        links = "".join(
            '<div class="paging__item">'
            + (_a(href, label, "paging__link paging__link--active") if href == "#"
               else _a(href, label, "paging__link"))
            + "</div>"
            for label, href in pages
        )  # fmt: skip
        if next_href:
            links += (
                f'<div class="paging__all">{_a(next_href, "Selanjutnya", "paging__link", "next")}'
                "</div>"
            )
        paging = (
            f'<div class="paging clearfix"><div class="paging__wrap clearfix">{links}</div></div>'
        )
    body = (
        f"{_header(origin)}\n"
        '<div class="row clearfix"><div class="container clearfix"><div class="col-bs12-8">\n'
        '<section class="latest mt3 clearfix">\n'
        f'<h3 class="title6"><span>{escape(heading)}</span></h3>\n'
        f'<div class="latest__wrap">\n{items}\n</div>\n{paging}\n</section>\n'
        "</div></div></div>"
    )
    return _document(head, body)


def entry(origin: str, story: Story) -> Entry:
    """A listing entry for one of the stories, on its publication date."""
    return Entry(origin + story.path, story.title, story.printed_date)
