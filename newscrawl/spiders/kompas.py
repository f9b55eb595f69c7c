"""``scrapy crawl kompas``: Kompas.com's regional channel and province pages."""

from newscrawl.spiders.base import NetworkSpider


class KompasSpider(NetworkSpider):
    """Crawls Kompas regional portals (``-a sites=kompasregional,kompasjateng``; default: all)."""

    name = "kompas"
    network_name = "kompas"
