"""Short news-like paragraphs per language, written for these tests (no publisher's text).

Each language has the same kinds of stories (roads, markets, schools, police, farmers,
hospitals, festivals), so what tells them apart is the language, not the topic.
"""

from __future__ import annotations

PARAGRAPHS: dict[str, list[str]] = {
    "id": [
        "Pemerintah kabupaten mulai memperbaiki jalan desa yang rusak setelah musim hujan. "
        "Pekerjaan ditargetkan selesai sebelum akhir bulan depan, kata kepala dinas pekerjaan "
        "umum kepada wartawan.",
        "Ratusan warga memadati lapangan kecamatan untuk menyaksikan lomba perahu hias. Panitia "
        "menyediakan hadiah berupa sepeda dan uang tunai bagi tiga peserta terbaik.",
        "Harga cabai merah di pasar tradisional naik hampir dua kali lipat dalam sepekan "
        "terakhir. Pedagang mengaku pasokan dari petani berkurang karena banyak tanaman gagal "
        "panen.",
        "Sekolah dasar di pinggir sungai itu terpaksa meliburkan murid-muridnya karena banjir "
        "merendam ruang kelas. Guru-guru bergotong royong membersihkan lumpur sejak pagi.",
        "Polisi mengimbau pengendara agar berhati-hati saat melintasi jalur tanjakan yang licin. "
        "Beberapa kecelakaan terjadi di lokasi tersebut sepanjang tahun ini.",
        "Kelompok tani di desa itu berhasil mengembangkan pupuk organik dari limbah ternak. "
        "Hasilnya kini dijual ke kabupaten tetangga dengan harga yang terjangkau.",
        "Rumah sakit daerah menambah jumlah tempat tidur untuk pasien anak. Direktur rumah sakit "
        "menyebut kebutuhan ruang perawatan meningkat sejak awal tahun.",
        "Festival kuliner tahunan akan kembali digelar di alun-alun kota pada akhir pekan. "
        "Pengunjung bisa mencicipi makanan khas dari berbagai kecamatan tanpa dipungut biaya.",
    ],
    "ms": [
        "Kerajaan negeri akan membina sebuah hospital baharu di daerah itu bagi mengurangkan "
        "kesesakan pesakit. Menteri Besar berkata projek tersebut dijangka siap dalam tempoh "
        "tiga tahun.",
        "Pihak polis menahan dua lelaki yang disyaki terlibat dalam kes pecah rumah di taman "
        "perumahan berhampiran. Kedua-dua suspek direman selama empat hari bagi membantu "
        "siasatan.",
        "Ramai pengguna jalan raya terperangkap dalam kesesakan lalu lintas menjelang cuti "
        "perayaan. Jabatan Kerja Raya menasihatkan orang ramai merancang perjalanan lebih awal.",
        "Jawatankuasa kampung mengadakan mesyuarat bagi membincangkan masalah bekalan air yang "
        "kerap terputus. Penduduk meminta pihak berkuasa tempatan mengambil tindakan segera.",
        "Harga sayur-sayuran di pasar borong meningkat sejak minggu lalu akibat cuaca buruk. "
        "Peniaga berkata bekalan daripada kawasan tanah tinggi berkurangan dengan ketara.",
        "Pelajar sekolah menengah itu memenangi pingat emas dalam pertandingan robotik peringkat "
        "kebangsaan. Pengetua sekolah berkata kejayaan tersebut hasil latihan berterusan.",
        "Syarikat bas ekspres menambah bilangan perjalanan untuk memenuhi permintaan penumpang. "
        "Tiket boleh dibeli secara dalam talian atau di kaunter stesen bas.",
        "Majlis perbandaran akan menaik taraf taman rekreasi di tengah bandar. Kerja-kerja "
        "pembaikan dijadualkan bermula bulan hadapan dan dijangka mengambil masa lapan minggu.",
    ],
    "jv": [
        "Warga desa padha gotong royong ndandani kreteg sing rusak kena banjir wingi. Pak lurah "
        "ngendika yen pakaryan iki kudu rampung sadurunge musim panen.",
        "Rega lombok ing pasar saiki mundhak akeh banget. Para bakul ngomong yen barang saka "
        "petani saya sithik amarga udan terus-terusan.",
        "Bocah-bocah sekolah dasar melu lomba nembang macapat ing pendhapa kabupaten. Sing "
        "menang entuk hadiah buku lan piagam saka bupati.",
        "Dalan menyang pesisir kidul lagi didandani, mula para pengendara dijaluk ati-ati. "
        "Pulisi wis masang tandha ing sapérangan panggonan sing rawan.",
        "Kelompok tani ing dhusun iku kasil gawe rabuk organik saka uwuh kewan. Asile saiki wis "
        "didol menyang desa-desa liyane kanthi rega murah.",
        "Pagelaran wayang kulit sewengi natas bakal dianakake ing alun-alun kutha dina Setu "
        "ngarep. Dhalang sing kondhang bakal mentasake lakon Bima Suci.",
        "Rumah sakit daerah nambahi papan turu kanggo pasien bocah. Direktur rumah sakit kandha "
        "yen butuhe kamar perawatan saya akeh wiwit awal taun.",
        "Akeh wong sing teka menyang pasar malem kanggo tuku panganan lan dolanan. Panitia "
        "ngarepake kahanan tetep tertib nganti acara rampung.",
    ],
    "su": [
        "Warga kampung gotong royong ngalereskeun sasak anu ruksak katerjang banjir minggu "
        "kamari. Kapala désa nyarios yén pagawéan éta kedah réngsé saméméh usum panén.",
        "Harga cabé di pasar ayeuna naék pisan. Para padagang nyarios yén pasokan ti patani "
        "beuki ngurangan lantaran hujan terus-terusan.",
        "Barudak sakola dasar milu lomba ngawih di gedong kabupatén. Anu meunang dibéré hadiah "
        "buku jeung piagam ti bupati.",
        "Jalan ka basisir kidul keur dibenerkeun, ku kituna nu ngaliwat dipenta ati-ati. Pulisi "
        "geus masang tanda di sababaraha tempat anu rawan.",
        "Kelompok tani di ieu lembur hasil nyieun pupuk organik tina runtah ingon-ingon. Hasilna "
        "ayeuna geus dijual ka desa sejen kalawan harga anu murah.",
        "Pagelaran wayang golek sapeuting bakal dilaksanakeun di alun-alun kota dinten Saptu "
        "payun. Dalang kawentar bakal mintonkeun carita Gatotkaca.",
        "Rumah sakit daerah nambahan tempat sare pikeun pasien murangkalih. Direktur rumah sakit "
        "nyebutkeun pangabutuh kamar perawatan beuki loba ti mimiti taun.",
        "Loba jalma anu datang ka pasar peuting pikeun meuli kadaharan jeung kaulinan. Panitia "
        "ngarep-ngarep kaayaan tetep tertib nepi ka acara rengse.",
    ],
    "en": [
        "The district council began repairing village roads damaged during the rainy season. "
        "The work should be finished before the end of next month, the head of public works "
        "told reporters.",
        "Hundreds of residents filled the sub-district field to watch a decorated boat race. "
        "The organisers offered bicycles and cash prizes to the three best crews.",
        "The price of red chillies at the traditional market nearly doubled in the past week. "
        "Traders said supply from farmers had fallen because many crops failed.",
        "The primary school by the river had to send its pupils home after floodwater filled "
        "the classrooms. Teachers worked together to clear the mud from early morning.",
        "Police urged drivers to take care on the slippery uphill stretch of road. Several "
        "accidents have happened at that spot this year.",
        "A farmers' group in the village has learned to make organic fertiliser from livestock "
        "waste. It now sells the product to neighbouring districts at an affordable price.",
        "The regional hospital is adding beds for children. Its director said demand for ward "
        "space has grown since the start of the year.",
        "The annual food festival returns to the town square this weekend. Visitors can taste "
        "dishes from every sub-district without paying an entrance fee.",
    ],
}
