"""``scrapy crawl news``: any portal no network claims, by URL heuristics and the generic
extractor; a page of a known network's portal or template is still read with that network."""

from newscrawl.spiders.base import NetworkSpider


class NewsSpider(NetworkSpider):
    """Crawls independent portals: ``-a start_urls=URL,URL`` (any host), or ``-a sites=`` ids
    from ``portals/independent.csv`` (default: all of them)."""

    name = "news"
    network_name = "independent"
