"""Downloader middlewares that keep an unattended crawl safe and honest on hostile input.

- :class:`BackoffRetry` replaces Scrapy's retry middleware: same codes and limits, but waits
  before each retry, as long as ``Retry-After`` asks (capped) or exponentially longer.
- :class:`ScopeGuard` refuses any request outside the crawl's scope, after redirects too:
  another host, a non-http(s) scheme, or a loopback, private or link-local address that was
  not given as a start URL (a crawl's scope is its portals' hosts, or its start URLs' hosts).
  Internal addresses are read in every spelling (:mod:`.addresses`); names that resolve to
  one are refused at connect time (:mod:`.resolver`, ``TWISTED_DNS_RESOLVER``).
- :class:`EncodingGuard` corrects a declared charset the bytes contradict (UTF-8 bytes
  labelled ISO-8859-1, or bytes that are not UTF-8 labelled UTF-8) and keeps a UTF-8 page
  with a few bad bytes UTF-8.
- :class:`~.budget.PortalBudget` drops the requests of a portal past its time budget.
- :class:`~.caps.ListingCaps` (spider middleware) ends listing crawls whatever their URLs.
Each event is one log line with the URL and a stat under ``newscrawl/``.
"""

from newscrawl.guards.encoding import EncodingGuard
from newscrawl.guards.retry import BackoffRetry, retry_after
from newscrawl.guards.scope import ScopeGuard

__all__ = ["BackoffRetry", "EncodingGuard", "ScopeGuard", "retry_after"]
