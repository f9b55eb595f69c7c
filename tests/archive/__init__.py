"""Tests of WARC archiving, replay and archive extraction (``newscrawl.archive``)."""
