"""The ``parquet`` feed format (``FEED_EXPORTERS``): ``scrapy crawl ... -O corpus.parquet``.

Scrapy imports every configured exporter when a crawl starts; this module stays light and
imports pyarrow (0.15 s, ~30 MB) only when a Parquet feed is actually written.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter

from newscrawl.items import RECORD_FIELDS

if TYPE_CHECKING:
    from newscrawl.corpus.parquet import ParquetWriter


class ParquetItemExporter(BaseItemExporter):
    """Rows of :mod:`newscrawl.corpus.parquet`'s schema, written in row groups."""

    def __init__(self, file: IO[bytes], **kwargs: Any) -> None:
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        self.writer: ParquetWriter | None = None

    def start_exporting(self) -> None:
        from newscrawl.corpus.parquet import ParquetWriter

        fields = list(self.fields_to_export or RECORD_FIELDS)
        self.writer = ParquetWriter(self.file, fields)

    def export_item(self, item: Any) -> None:
        assert self.writer is not None, "start_exporting() first"
        self.writer.write(ItemAdapter(item).asdict())

    def finish_exporting(self) -> None:
        if self.writer is not None:
            self.writer.close()
