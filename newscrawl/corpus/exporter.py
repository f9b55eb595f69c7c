"""The ``parquet`` feed format (``FEED_EXPORTERS``): ``scrapy crawl ... -O corpus.parquet``.

A Parquet file is readable only once closed (its footer comes last), and rows are written in
groups of 1,000: a killed crawl would leave an unreadable file while the state already holds
its articles, so the next run would not fetch them again. So every record also goes, as it
is exported, to a JSONL journal beside the file (``corpus.parquet.journal``, unbuffered, one
line per record, through the same guarded writes as JSONL feeds: a failed line counts the
article as lost). A clean close writes the footer and deletes the journal; after a kill, the
next run rebuilds the Parquet file from the journal (``state.reconcile``). A failed write to
the Parquet file itself (a full disk) is mended at close from the journal, or reported.

Scrapy imports every configured exporter when a crawl starts; this module stays light and
imports pyarrow (0.15 s, ~30 MB) only when a Parquet feed is actually written.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exporters import BaseItemExporter

from newscrawl.items import RECORD_FIELDS
from newscrawl.state.outputs import GuardedFile

if TYPE_CHECKING:
    from newscrawl.corpus.parquet import ParquetWriter

logger = logging.getLogger(__name__)


def journal_of(path: Path) -> Path:
    """Where the records of the Parquet file ``path`` wait until it is closed."""
    return path.with_name(path.name + ".journal")


class ParquetItemExporter(BaseItemExporter):
    """Rows of :mod:`newscrawl.corpus.parquet`'s schema, written in row groups."""

    def __init__(self, file: IO[bytes], **kwargs: Any) -> None:
        super().__init__(dont_fail=True, **kwargs)
        self.file = file
        self.writer: ParquetWriter | None = None
        self.journal: GuardedFile | None = None
        self.report: Callable[[Path, OSError], None] | None = None

    def start_exporting(self) -> None:
        from newscrawl.corpus.parquet import ParquetWriter

        fields = list(self.fields_to_export or RECORD_FIELDS)
        if isinstance(self.file, GuardedFile):  # a local feed: journal it (not a stream)
            self.journal = GuardedFile(journal_of(self.file.path), "wb", self.file.report)
            self.report, self.file.report = self.file.report, self.parquet_failed
        self.writer = ParquetWriter(self.file, fields)

    def export_item(self, item: Any) -> None:
        assert self.writer is not None, "start_exporting() first"
        record = ItemAdapter(item).asdict()
        if self.journal is not None:
            line = {field: record.get(field) for field in self.writer.fields}
            self.journal.write(json.dumps(line, ensure_ascii=False).encode() + b"\n")
        self.writer.write(record)

    def parquet_failed(self, path: Path, error: OSError) -> None:
        """Dealt with at close (the journal keeps every record meanwhile)."""

    def finish_exporting(self) -> None:
        if self.writer is not None:
            self.writer.close()
        if self.journal is None:
            return
        self.journal.close()
        parquet = self.file
        assert isinstance(parquet, GuardedFile)
        if parquet.failed and not self.rebuilt(parquet.path, parquet.error):
            return
        self.journal.path.unlink(missing_ok=True)

    def rebuilt(self, path: Path, error: OSError | None) -> bool:
        """A Parquet file whose writing failed (a full disk), written again from the
        journal; if that fails too, the output failure is reported (exit code 4) and the
        journal kept."""
        from newscrawl.corpus.parquet import rebuild

        assert self.journal is not None and self.report is not None
        try:
            count = rebuild(path, self.journal.path)
        except OSError as again:
            self.report(path, again)
            logger.error("%s is incomplete; its records are in %s (JSONL)", path,
                         self.journal.path)  # fmt: skip
            return False
        logger.warning("Writing %s failed (%s); rewrote it from its journal: %d records",
                       path, error, count)  # fmt: skip
        return True
