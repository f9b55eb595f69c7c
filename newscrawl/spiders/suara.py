"""``scrapy crawl suara``: Suara.com's regional sites (``<region>.suara.com``)."""

from newscrawl.spiders.base import NetworkSpider


class SuaraSpider(NetworkSpider):
    """Crawls Suara portals (``-a sites=suarajateng,suarajogja``; default: all)."""

    name = "suara"
    network_name = "suara"
