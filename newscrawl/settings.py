"""Scrapy settings for newscrawl: polite defaults, our components in order, JSONL feeds.

Override any of them per run with ``-s NAME=VALUE``; see the README for the ones that matter.
"""

from newscrawl.items import RECORD_FIELDS

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"
COMMANDS_MODULE = "newscrawl.commands"

# Politeness: identify ourselves, obey robots.txt, adapt to the server, cap per-domain load.
USER_AGENT = "newscrawl/0.1 (+https://github.com/newscrawl/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # a news page is ~100 KB; 10 MB is a trap or a bomb
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"  # a page that fails is routine; our errback counts it
REDIRECT_MAX_TIMES = 5

ITEM_PIPELINES = {
    "newscrawl.pipelines.DatesPipeline": 100,
    "newscrawl.pipelines.BoilerplatePipeline": 200,
    "newscrawl.pipelines.ValidatePipeline": 300,
    "newscrawl.pipelines.WindowPipeline": 350,
    "newscrawl.pipelines.DedupPipeline": 400,
    "newscrawl.state.components.ChangedOnlyPipeline": 500,
    "newscrawl.corpus.pipelines.CorpusPipeline": 550,
}
# Syndicated copies (newscrawl/corpus/neardup.py): a body repeating one seen before, on another
# portal or in an earlier run, exact or re-edited, is "mark"ed (duplicate_of = the earliest
# copy's URL), "drop"ped, or neither ("off"). Exact copies on ONE portal (URL variants) are
# always dropped by DedupPipeline.
NEWSCRAWL_NEAR_DUPLICATES = "mark"
NEWSCRAWL_NEAR_DUPLICATES_THRESHOLD = 0.3  # estimated Jaccard of word 3-shingles for a copy
# Where seen bodies are kept between runs (SQLite); empty: <NEWSCRAWL_STATE>.neardup.sqlite
# next to the state file, or memory (this run only) when the state is off too.
NEWSCRAWL_NEAR_DUPLICATES_INDEX = ""
# A class (from_crawler, recipe) to keep the index elsewhere; the Redis add-on sets its own.
NEWSCRAWL_NEAR_DUPLICATES_STORE = ""
# The language of every record, measured on its body (newscrawl/corpus/language.py).
NEWSCRAWL_LANGUAGE = True
# Language and near-duplicates measured in a worker process of their own (the crawl's thread
# only hands bodies over: newscrawl/corpus/worker.py); False: in the crawl's process.
NEWSCRAWL_CORPUS_PROCESS = True

# Incremental state: what earlier runs emitted (empty: off). Known articles are not requested.
NEWSCRAWL_STATE = ".newscrawl/state.sqlite"
# Where the state lives: a class with the store interface (newscrawl.state.store); empty: the
# SQLite store at NEWSCRAWL_STATE (the Redis add-on sets its own when distributed).
NEWSCRAWL_STATE_STORE = ""
EXTENSIONS = {
    "newscrawl.state.keeper.StateKeeper": 500,
    "newscrawl.partitions.PartitionedFeeds": 510,
    "newscrawl.summary.RunSummary": 520,
    "newscrawl.alarm.MarkupAlarm": 530,
}
# Corpus feeds, one gzipped JSONL per portal and day (off when empty), e.g.
# NEWSCRAWL_PARTITION = "output/%(spider)s/%(site)s/%(day)s.jsonl.gz"
NEWSCRAWL_PARTITION = ""
# End-of-run summary as JSON (per portal: pages, emitted, skipped, drops, errors, coverage;
# duration, finish reason, exit code, arguments, version, outputs); `scrapy report` reads them
NEWSCRAWL_SUMMARY = "output/%(name)s/%(time)s.summary.json"
NEWSCRAWL_PROGRESS_INTERVAL = 60.0  # seconds between progress lines per active portal (0: off)
SPIDER_MIDDLEWARES = {
    "newscrawl.guards.caps.ListingCaps": 900,  # listing depth, sections, listing pages per portal
    "newscrawl.state.components.KnownArticleFilter": 950,
}
DUPEFILTER_CLASS = "newscrawl.dupefilter.StateAwareDupeFilter"  # JOBDIR-safe under kill -9

# WARC archive of every downloaded response, and replay from archives (empty: off). Both sit
# next to the downloader (after HttpCompression, 590) so they see bodies as sent.
NEWSCRAWL_ARCHIVE = ""
NEWSCRAWL_ARCHIVE_MAX_BYTES = 1024**3
NEWSCRAWL_REPLAY = ""
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.guards.ScopeGuard": 50,  # before anything else: nothing out of scope leaves
    "newscrawl.guards.budget.PortalBudget": 60,  # a portal past its time budget: dropped
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newscrawl.runinfo.DownloadErrors": 540,  # failures per portal and kind, after retries
    "newscrawl.guards.BackoffRetry": 550,  # Scrapy's retry, waiting (Retry-After, backoff)
    "newscrawl.guards.EncodingGuard": 580,  # sees decompressed bodies (HttpCompression: 590)
    "newscrawl.archive.writer.ArchiveMiddleware": 950,
    "newscrawl.archive.replay.ReplayMiddleware": 960,
}
# Names that resolve to loopback, private or link-local addresses are refused at connect time,
# except the hosts of the start URLs the user gave (newscrawl.guards.resolver).
TWISTED_DNS_RESOLVER = "newscrawl.guards.resolver.GuardedResolver"
# Seconds a portal may have requests in the downloader (trickling pages, endless timeouts);
# past it, its remaining requests are dropped with one warning. 0: no budget.
NEWSCRAWL_PORTAL_TIME_BUDGET = 6 * 3600.0
NEWSCRAWL_RETRY_BACKOFF = 1.0  # seconds before the first retry, doubled each time
NEWSCRAWL_RETRY_MAX_DELAY = 60.0  # cap, also for Retry-After
NEWSCRAWL_MAX_LISTING_PAGES = 1000  # listing pages followed per section when max_pages is unset
NEWSCRAWL_MAX_SECTIONS_PER_PORTAL = 300  # distinct section (kanal) URLs followed per portal
NEWSCRAWL_MAX_LISTING_PAGES_PER_PORTAL = 20000  # safety cap: listing requests per portal
NEWSCRAWL_ALARM_MIN_PAGES = 5  # markup-change alarm: after this many article pages of a portal,
NEWSCRAWL_ALARM_SHARE = 0.5  # ...when at least this share of them had no article body
FEED_STORAGES = {"": "newscrawl.state.outputs.LineSafeFileStorage",
                 "file": "newscrawl.state.outputs.LineSafeFileStorage"}  # fmt: skip
LOG_FORMATTER = "newscrawl.logformatter.NewscrawlLogFormatter"

# Without -o/-O every crawl still lands somewhere (added by the spiders when FEEDS is empty;
# a FEEDS entry here would be written in addition to -o/-O).
NEWSCRAWL_DEFAULT_FEED = "output/%(name)s/%(time)s.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(RECORD_FIELDS)
# -O corpus.parquet: columnar export keeping each record's local time (newscrawl/corpus/parquet.py)
FEED_EXPORTERS = {"parquet": "newscrawl.corpus.exporter.ParquetItemExporter"}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_LEVEL = "INFO"

# Several machines, one frontier: NEWSCRAWL_REDIS_URL (here, -s, or the environment variable)
# makes this crawl a worker sharing its queue, seen-set and state in Redis. The add-on runs
# after -s settings; it does nothing (and imports nothing of Redis) while the URL is empty.
NEWSCRAWL_REDIS_URL = ""
NEWSCRAWL_REDIS_PREFIX = ""  # key prefix of this project's data in Redis; empty: BOT_NAME
NEWSCRAWL_REDIS_IDLE_SECONDS = 10.0  # an idle worker waits this long for others' requests
NEWSCRAWL_REDIS_HEARTBEAT_SECONDS = 10.0  # how often a worker says it is alive
NEWSCRAWL_WORKER_ID = ""  # this worker's name in feeds and summaries; empty: <host>-<pid>
ADDONS = {"newscrawl.distributed.addon.RedisAddon": 0}
