"""``scrapy crawl prmn``: the Pikiran Rakyat Media Network portals."""

from newscrawl.spiders.base import NetworkSpider


class PrmnSpider(NetworkSpider):
    """Crawls PRMN portals (``-a sites=wartabulukumba,zonajakarta``; default: all)."""

    name = "prmn"
    network_name = "prmn"
