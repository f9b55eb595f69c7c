"""``scrapy report OUTPUT_DIR``: one self-contained HTML page over the run summaries in a folder."""
