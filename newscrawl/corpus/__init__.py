"""Corpus-grade output: syndicated copies marked, language measured, columnar export.

``minhash`` and ``neardup`` find copies of a story across portals and runs, ``index`` (SQLite,
memory) and ``redis_index`` keep what was seen; ``language`` identifies the body's language;
``parquet`` is the columnar feed format; ``feeds`` and ``report`` serve ``scrapy corpus``.
"""
