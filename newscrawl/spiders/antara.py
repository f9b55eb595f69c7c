"""``scrapy crawl antara``: Antara's provincial bureaus (``<bureau>.antaranews.com``)."""

from newscrawl.spiders.base import NetworkSpider


class AntaraSpider(NetworkSpider):
    """Crawls Antara portals (``-a sites=antarajabar,antarasumut``; default: all)."""

    name = "antara"
    network_name = "antara"
