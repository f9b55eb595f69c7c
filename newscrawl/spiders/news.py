"""``scrapy crawl news``: any portal, by URL heuristics and the generic extractor."""

from newscrawl.spiders.base import NetworkSpider


class NewsSpider(NetworkSpider):
    """Crawls independent portals: ``-a start_urls=URL,URL`` (any host), or ``-a sites=`` ids
    from ``portals/independent.csv`` (default: all of them)."""

    name = "news"
    network_name = "generic"
    registry = "independent"
