"""Near-duplicate fixture pairs, written for these tests (invented stories, no publisher's text).

Eight stories in four topic pairs (two floods, two market-price stories, two football matches,
two road works): the two stories of a topic share their vocabulary and phrasing, as stories of
one desk do. Each story comes in four versions, as syndication produces them: the original,
a copy on another desk of the network with its own dateline and the "Artikel ini telah tayang
di …" line, a re-edited copy (lead rewritten, a paragraph dropped, one added), and a copy with
the paragraphs' order changed and a correction.
"""

from __future__ import annotations

from itertools import combinations

STORIES: dict[str, list[str]] = {
    "flood_a": [
        "Hujan deras yang turun sejak Senin sore membuat Sungai Air Manna meluap dan merendam "
        "tiga desa di Kecamatan Pino Raya. Air setinggi lutut orang dewasa masuk ke rumah warga "
        "menjelang tengah malam.",
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah, Sutrisno Hadi, mengatakan sekitar "
        "210 keluarga terdampak. Sebagian warga memilih mengungsi ke balai desa dan masjid yang "
        "letaknya lebih tinggi.",
        "Petugas gabungan mendirikan dapur umum di halaman kantor camat. Bantuan berupa beras, "
        "mi instan, selimut dan air bersih mulai dibagikan pada Selasa pagi.",
        "Menurut warga, banjir kali ini lebih parah dibanding tahun lalu karena tanggul di tepi "
        "sungai jebol sepanjang dua puluh meter. Mereka meminta pemerintah segera memperbaiki "
        "tanggul sebelum puncak musim hujan.",
        "Hingga Selasa siang air mulai surut, tetapi lumpur tebal masih menutupi jalan desa. "
        "Sekolah di desa tersebut diliburkan selama dua hari.",
    ],
    "flood_b": [
        "Banjir merendam puluhan rumah di Kelurahan Sumber Jaya setelah hujan mengguyur kota "
        "sepanjang Rabu malam. Saluran drainase yang tersumbat sampah membuat air meluap ke "
        "permukiman.",
        "Lurah Sumber Jaya, Rina Marlina, menyebut 64 rumah tergenang dengan ketinggian air "
        "sekitar tiga puluh sentimeter. Tidak ada warga yang mengungsi karena air cepat surut.",
        "Dinas Pekerjaan Umum mengerahkan alat berat untuk mengangkat sampah dan sedimen dari "
        "saluran utama. Pekerjaan itu ditargetkan selesai dalam sepekan.",
        "Warga mengeluhkan genangan yang hampir selalu muncul setiap kali hujan lebat. Mereka "
        "berharap saluran diperlebar agar air tidak lagi masuk ke rumah.",
        "Pemerintah kota juga mengimbau warga tidak membuang sampah ke selokan dan ikut kerja "
        "bakti membersihkan lingkungan setiap hari Minggu.",
    ],
    "market_a": [
        "Harga cabai merah keriting di Pasar Panorama naik menjadi Rp 80 ribu per kilogram, "
        "hampir dua kali lipat dibanding awal bulan. Kenaikan terjadi dalam sepekan terakhir.",
        "Seorang pedagang, Yuliana, mengatakan pasokan dari petani di Kabupaten Rejang Lebong "
        "berkurang karena banyak tanaman rusak akibat hujan. Ia hanya menerima separuh dari "
        "kiriman biasanya.",
        "Selain cabai, harga bawang merah juga naik dari Rp 32 ribu menjadi Rp 40 ribu per "
        "kilogram. Harga beras dan minyak goreng masih stabil.",
        "Dinas Perdagangan berencana menggelar pasar murah di lima kecamatan pekan depan. "
        "Warga dapat membeli cabai dan bawang dengan harga di bawah harga pasar.",
        "Pembeli mengaku mengurangi belanja cabai dan beralih ke cabai kering yang harganya "
        "lebih murah.",
    ],
    "market_b": [
        "Harga telur ayam ras di sejumlah pasar tradisional turun menjadi Rp 24 ribu per "
        "kilogram setelah sempat menyentuh Rp 29 ribu bulan lalu. Penurunan terjadi sejak awal "
        "pekan.",
        "Pedagang telur di Pasar Minggu, Hendra, mengatakan pasokan dari peternak di daerah "
        "sekitar kembali normal. Ia kini menerima kiriman setiap hari.",
        "Harga daging ayam juga ikut turun dari Rp 38 ribu menjadi Rp 34 ribu per kilogram. "
        "Sementara itu harga gula pasir dan tepung terigu belum berubah.",
        "Dinas Perdagangan memantau harga bahan pokok setiap hari di tiga pasar utama. Hasil "
        "pemantauan diumumkan melalui papan informasi di pintu masuk pasar.",
        "Ibu rumah tangga menyambut baik penurunan harga karena kebutuhan sekolah anak sedang "
        "banyak menjelang tahun ajaran baru.",
    ],
    "football_a": [
        "Persikabo Muda menang 2-1 atas tamunya, Bintang Pesisir, dalam laga pekan ketujuh "
        "Liga 3 zona provinsi di Stadion Semarak, Sabtu sore. Kemenangan ini membawa tuan rumah "
        "ke puncak klasemen grup.",
        "Gol pertama dicetak Andika Pratama pada menit ke-23 lewat sundulan memanfaatkan tendangan "
        "sudut. Tim tamu menyamakan kedudukan lima menit sebelum turun minum.",
        "Di babak kedua, pelatih tuan rumah memasukkan dua pemain muda. Salah satunya, Riko "
        "Saputra, mencetak gol kemenangan pada menit ke-78 setelah menerobos pertahanan lawan.",
        "Pelatih Persikabo Muda mengatakan anak asuhnya tampil disiplin dan tidak mudah panik. "
        "Ia meminta pemain menjaga kondisi menjelang laga tandang pekan depan.",
        "Sekitar tiga ribu penonton memadati tribun. Panitia menyebut pertandingan berlangsung "
        "aman tanpa insiden.",
    ],
    "football_b": [
        "Bintang Pesisir harus puas bermain imbang 0-0 melawan Garuda Selatan dalam lanjutan "
        "Liga 3 zona provinsi di Lapangan Merdeka, Minggu sore. Hasil ini membuat kedua tim "
        "tertahan di papan tengah klasemen.",
        "Tuan rumah menguasai jalannya pertandingan sejak awal, tetapi beberapa peluang emas "
        "gagal dimanfaatkan. Tendangan bebas kapten tim pada menit ke-60 membentur mistar.",
        "Garuda Selatan lebih banyak bertahan dan mengandalkan serangan balik. Kiper mereka "
        "tampil gemilang dengan menggagalkan dua peluang satu lawan satu.",
        "Pelatih Bintang Pesisir mengaku kecewa karena timnya gagal memanfaatkan keuntungan "
        "bermain di kandang. Ia akan mengevaluasi penyelesaian akhir para penyerang.",
        "Pertandingan sempat dihentikan sepuluh menit karena hujan deras membuat lapangan "
        "tergenang.",
    ],
    "road_a": [
        "Perbaikan ruas jalan lintas barat di Kecamatan Kedurang mulai dikerjakan pekan ini. "
        "Jalan sepanjang enam kilometer itu rusak berat dengan lubang di banyak titik.",
        "Kepala Dinas Pekerjaan Umum, Bambang Setiawan, mengatakan pekerjaan dibiayai anggaran "
        "provinsi sebesar Rp 14 miliar. Kontraktor diberi waktu empat bulan untuk "
        "menyelesaikannya.",
        "Selama perbaikan, kendaraan dialihkan secara bergantian dengan sistem buka tutup. "
        "Petugas dinas perhubungan berjaga di kedua ujung ruas jalan.",
        "Warga berharap perbaikan kali ini tahan lama. Menurut mereka, jalan yang sama pernah "
        "diperbaiki tiga tahun lalu tetapi kembali rusak setelah dilalui truk bermuatan berat.",
        "Dinas juga akan memasang rambu batas muatan dan membangun saluran air di sisi jalan.",
    ],
    "road_b": [
        "Jembatan gantung yang menghubungkan Desa Tanjung Raya dan Desa Air Kemuning akhirnya "
        "selesai diperbaiki setelah hampir setahun putus. Jembatan mulai bisa dilalui warga sejak "
        "Kamis.",
        "Camat setempat, Dedi Kurniawan, mengatakan perbaikan menggunakan dana desa dan swadaya "
        "masyarakat. Warga ikut bekerja mengangkut kayu dan material dari tepi sungai.",
        "Selama jembatan putus, anak-anak harus menyeberang sungai dengan rakit untuk pergi ke "
        "sekolah. Saat air naik, mereka terpaksa tidak masuk sekolah.",
        "Jembatan baru hanya boleh dilalui pejalan kaki dan sepeda motor. Papan peringatan "
        "dipasang di kedua ujung jembatan.",
        "Pemerintah kabupaten berjanji membangun jembatan beton di lokasi yang sama tahun depan.",
    ],
}

DESKS = {
    "flood_a": ("TRIBUNBENGKULU.COM, MANNA", "Tribunbengkulu.com"),
    "flood_b": ("TRIBUN-TIMUR.COM, MAKASSAR", "Tribun-Timur.com"),
    "market_a": ("TRIBUNBENGKULU.COM, BENGKULU", "Tribunbengkulu.com"),
    "market_b": ("TRIBUNJAMBI.COM, JAMBI", "Tribunjambi.com"),
    "football_a": ("TRIBUNSUMSEL.COM, PALEMBANG", "Tribunsumsel.com"),
    "football_b": ("TRIBUNSUMSEL.COM, PALEMBANG", "Tribunsumsel.com"),
    "road_a": ("TRIBUNBENGKULU.COM, BENGKULU", "Tribunbengkulu.com"),
    "road_b": ("TRIBUNLAMPUNG.CO.ID, LAMPUNG", "Tribunlampung.co.id"),
}


def original(story: str) -> str:
    """The story as its own desk published it."""
    return "\n\n".join(STORIES[story])


def desk_copy(story: str) -> str:
    """Another desk's copy: its own dateline, and the 'telah tayang' line at the end."""
    dateline, source = DESKS[story]
    paragraphs = list(STORIES[story])
    paragraphs[0] = f"{dateline.replace('TRIBUN', 'TRIBUNNEWS ')} - {paragraphs[0]}"
    paragraphs.append(
        f"Artikel ini telah tayang di {source} dengan judul {paragraphs[0].split('.')[0][-40:]}"
    )
    paragraphs.append("Editor: Redaksi")
    return "\n\n".join(paragraphs)


def re_edited(story: str) -> str:
    """A re-edited copy: a new lead sentence, the last paragraph dropped, a line added."""
    paragraphs = list(STORIES[story][:-1])
    first = paragraphs[0].split(". ", 1)
    paragraphs[0] = f"Kabar terbaru dari daerah ini. {first[-1]}"
    paragraphs.insert(2, "Informasi ini disampaikan kepada wartawan pada hari yang sama.")
    return "\n\n".join(paragraphs)


def reordered(story: str) -> str:
    """The paragraphs in another order, one number corrected, one word changed."""
    paragraphs = list(STORIES[story])
    paragraphs[1], paragraphs[2] = paragraphs[2], paragraphs[1]
    paragraphs[3] = paragraphs[3].replace(" dan ", " serta ", 1)
    return "\n\n".join(paragraphs).replace("2", "3", 1)


VERSIONS = (original, desk_copy, re_edited, reordered)


def texts() -> dict[tuple[str, int], str]:
    """Every version of every story, keyed by (story, version index)."""
    return {(story, i): make(story) for story in STORIES for i, make in enumerate(VERSIONS)}


def pairs() -> list[tuple[str, str, bool]]:
    """Every pair of texts and whether it is the same story (48 same, 448 different)."""
    all_texts = texts()
    return [
        (all_texts[a], all_texts[b], a[0] == b[0]) for a, b in combinations(sorted(all_texts), 2)
    ]
