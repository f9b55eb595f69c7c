"""The boilerplate stripper on hand-written blocks (our own words)."""

import pytest

from newscrawl.items import Block
from newscrawl.networks.prmn import PRMN_RULES
from newscrawl.normalize.boilerplate import clean_blocks, split_names, strip_dateline


def p(text: str, links: list[str] | None = None, kind: str = "p") -> Block:
    return Block(text=text, links=links or [], kind=kind)


def test_clean_blocks_keeps_text_and_moves_what_boilerplate_carries() -> None:
    blocks = [
        p("WartaBulukumba.Com - Warga Desa Ara menanam seribu bibit bakau di pesisir."),
        p("Baca Juga: Nelayan Pulang Lebih Awal", ["https://a.example/x/pr-123456/nelayan"]),
        p("Seorang relawan menanam bibit /Foto: Dok. Warga", kind="caption"),
        p("Penanaman dimulai pukul tujuh\u00a0pagi."),
        p(""),
        p("Subjudul Penting", kind="heading"),
        p("Ikuti berita terkini Warta Bulukumba di Google News"),
        p("Kegiatan ditutup dengan makan bersama.***"),
        p("***"),
        p("Editor: Andi Rahman", kind="tail"),
        p("Sumber: Dinas Lingkungan Hidup, Humas Desa", kind="tail"),
        p("SHARE:", kind="tail"),
    ]
    out = clean_blocks(blocks, PRMN_RULES)
    assert out.paragraphs == [
        "Warga Desa Ara menanam seribu bibit bakau di pesisir.",
        "Penanaman dimulai pukul tujuh pagi.",
        "Subjudul Penting",
        "Kegiatan ditutup dengan makan bersama.",
    ]
    assert out.related_urls == ["https://a.example/x/pr-123456/nelayan"]
    assert out.editor == "Andi Rahman"
    assert out.sources == ["Dinas Lingkungan Hidup", "Humas Desa"]
    assert out.dropped == {
        "related": 1,
        "caption": 1,
        "empty": 1,
        "promo": 1,
        "end_mark": 1,
        "editor": 1,
        "sumber": 1,
        "tail": 1,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("WartaBulukumba.Com - Hujan turun sejak pagi.", "Hujan turun sejak pagi."),
        ("BANDUNG, ZONAPRIANGAN.COM - Jalan ditutup.", "Jalan ditutup."),
        ("PIKIRAN RAKYAT - Harga cabai naik.", "Harga cabai naik."),
        ("JAKARTA – Rapat dimulai.", "Rapat dimulai."),
        ("Medan, Beritasatu.com - Sidang ditunda.", "Sidang ditunda."),
        ("TRIBUNSOLO.COM, JAKARTA -- Vaksin tiba.", "Vaksin tiba."),
        ("Warga menyebut harga naik - kata Budi.", "Warga menyebut harga naik - kata Budi."),
        (
            "Dikutip dari laman resmi, acara berlangsung meriah.",
            "Dikutip dari laman resmi, acara berlangsung meriah.",
        ),
    ],
)
def test_strip_dateline(text: str, expected: str) -> None:
    assert strip_dateline(text, PRMN_RULES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Baca Juga: Judul Lain",
        "BACA JUGA : Judul Lain",
        "Baca juga Judul Lain",
        "Simak update artikel pilihan lainnya dari kami di Google News",
        "Ikuti saluran WhatsApp Channel kami untuk berita terbaru",
        "Artikel ini telah tayang di Situs Lain dengan judul sama",
        "Halaman: 1 2 3",
        "Selanjutnya",
        "(*)",
        "(abc/def)",
    ],
)
def test_boilerplate_lines_never_reach_the_body(text: str) -> None:
    out = clean_blocks([p("Paragraf pertama."), p(text)])
    assert out.paragraphs == ["Paragraf pertama."]


def test_dateline_only_stripped_from_first_paragraph() -> None:
    out = clean_blocks([p("Paragraf satu."), p("JAKARTA - bukan dateline di tengah.")])
    assert out.paragraphs == ["Paragraf satu.", "JAKARTA - bukan dateline di tengah."]


def test_split_names() -> None:
    assert split_names("Ani, Budi dan  Citra") == ["Ani", "Budi", "Citra"]


def linked(text: str, url: str) -> Block:
    return Block(text=text, links=[url], kind="p", linked=True)


def test_label_only_related_box_takes_the_link_blocks_after_it() -> None:
    out = clean_blocks(
        [
            p("Paragraf satu."),
            Block(text="BACA JUGA", links=[], kind="heading"),
            linked("Judul Berita Lain", "https://a.example/berita-lain-yang-terkait-dengan-ini"),
            p("Paragraf dua."),
        ]
    )
    assert out.paragraphs == ["Paragraf satu.", "Paragraf dua."]
    assert out.related_urls == ["https://a.example/berita-lain-yang-terkait-dengan-ini"]


def test_initials_end_the_article_and_closing_labels_stop_it() -> None:
    after_initials = clean_blocks([p("Isi berita."), p("(fbn)"), p("Video pilihan hari ini")])
    assert after_initials.paragraphs == ["Isi berita."]
    after_tags = clean_blocks([p("Isi berita."), p("TAG:"), p("Banjir Kota")])
    assert after_tags.paragraphs == ["Isi berita."]
    stars_separate = clean_blocks([p("Bagian satu."), p("***"), p("Bagian dua.")])
    assert stars_separate.paragraphs == ["Bagian satu.", "Bagian dua."]


def test_italic_lead_caption_and_lone_dateline_are_not_text() -> None:
    out = clean_blocks(
        [
            Block(text="Petugas menyemprot disinfektan di pasar.", links=[], kind="p", italic=True),
            p("Mangupura, (Metrobali.com)-"),
            p("Penyemprotan dilakukan pagi hari."),
        ]
    )
    assert out.paragraphs == ["Penyemprotan dilakukan pagi hari."]
    assert out.dropped == {"caption": 1, "dateline": 1}


def test_login_wall_marks_the_body_as_a_teaser() -> None:
    out = clean_blocks([p("Cuplikan pembuka."), p("Silakan masuk untuk membaca artikel ini.")])
    assert out.paywalled
    assert out.paragraphs == ["Cuplikan pembuka."]


def test_related_box_kind_and_reporter_tails() -> None:
    out = clean_blocks(
        [
            p("Isi berita pertama."),
            Block(text="• Judul lain", links=["https://a.example/x"], kind="related"),
            p("Isi berita kedua. (tribunbengkulu.com/ren)"),
        ]
    )
    assert out.paragraphs == ["Isi berita pertama.", "Isi berita kedua."]
    assert out.related_urls == ["https://a.example/x"]


@pytest.mark.parametrize(
    "text",
    ["COVID-19 menyebar di tiga kecamatan.", "AA-AA", "PSSI–PSM sepakat menunda laga."],
)
def test_hyphenated_capitals_are_not_datelines(text: str) -> None:
    assert clean_blocks([p(text)]).paragraphs == [text]
