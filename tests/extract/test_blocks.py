"""The block walker on markup shapes seen on real portals, written with our own words."""

from parsel import Selector

from newscrawl.extract.blocks import extract_blocks

HTML = """<html><body><article class="read__content">
 <p>Pasar&nbsp;Sentral <a href="/tag/pasar">dibuka</a> kembali.</p>
 <p> <div class="photo"><div class="photo__img"><img src="/img/a.jpg" alt="alt"></div>
   <div class="photo__caption">Pedagang menata dagangan /Dok. Pasar</div></div> </p>
 Teks lepas di dalam wadah.
 <p>Baris satu<br>Baris dua</p>
 <h2>Sub<b>judul</b></h2>
 <ul><li>Butir satu</li><li>Butir dua</li></ul>
 <center><div class="ads mt3"><div id="div-gpt-ad-x"><script>ads()</script></div></div></center>
 <script>var x = "jangan";</script>
 <p>&nbsp;</p>
</article></body></html>"""


def test_blocks_in_reading_order() -> None:
    root = Selector(text=HTML).css("article")[0].root
    blocks, photos = extract_blocks(
        root, lambda h: "https://a.example" + h, lambda el: el.get("class") == "photo"
    )
    assert [(b["kind"], b["text"]) for b in blocks] == [
        ("p", "Pasar Sentral dibuka kembali."),
        ("caption", "Pedagang menata dagangan /Dok. Pasar"),
        ("p", "Teks lepas di dalam wadah."),
        ("p", "Baris satu"),
        ("p", "Baris dua"),
        ("heading", "Subjudul"),
        ("li", "Butir satu"),
        ("li", "Butir dua"),
    ]
    assert blocks[0]["links"] == ["https://a.example/tag/pasar"]
    assert [(p.url, p.caption) for p in photos] == [
        ("https://a.example/img/a.jpg", "Pedagang menata dagangan /Dok. Pasar")
    ]
