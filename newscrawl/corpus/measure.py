"""What the corpus layer measures of one record: its language and the copy it repeats.

The same :class:`Measurer` runs in the corpus worker process during a crawl
(:mod:`newscrawl.corpus.worker`) and in the calling process for ``scrapy extract`` or when the
worker is switched off. It only reads and answers: stats, marking and dropping stay with the
pipeline (:mod:`newscrawl.corpus.pipelines`), in the crawl's process.
"""

from __future__ import annotations

from dataclasses import dataclass

from newscrawl.corpus.index import IndexRecipe, MemoryIndex
from newscrawl.corpus.language import identify, models
from newscrawl.corpus.neardup import THRESHOLD, NearDuplicates


@dataclass(frozen=True)
class Plan:
    """What to measure, and where the near-duplicate index lives (None: no near-duplicates)."""

    language: bool = True
    index: IndexRecipe | None = MemoryIndex
    threshold: float = THRESHOLD


@dataclass(frozen=True)
class Job:
    """The parts of a record the measurements read (what crosses to the worker)."""

    url: str
    site: str | None
    body: str | None
    html_lang: str | None


@dataclass(frozen=True)
class Verdict:
    language: str | None  # None also when the plan measures no language
    original: str | None  # the earliest copy's URL when the body repeats one, else None


class Measurer:
    """Language models and the near-duplicate index of one process."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        index = plan.index() if plan.index is not None else None
        self.finder = NearDuplicates(index, plan.threshold) if index is not None else None

    def load(self) -> None:
        """The language models, before the first body needs them."""
        if self.plan.language:
            models()

    def measure(self, job: Job) -> Verdict:
        language = identify(job.body, job.html_lang) if self.plan.language else None
        finder = self.finder
        original = finder.original_of(job.url, job.site, job.body) if finder else None
        return Verdict(language, original)

    def close(self) -> None:
        """The index committed and closed."""
        if self.finder is not None:
            self.finder.index.close()
