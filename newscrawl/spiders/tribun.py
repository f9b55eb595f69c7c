"""``scrapy crawl tribun``: the Tribun Network's regional portals."""

from newscrawl.spiders.base import NetworkSpider


class TribunSpider(NetworkSpider):
    """Crawls Tribun portals (``-a sites=tribunbengkulu,tribuntimur``; default: all)."""

    name = "tribun"
    network_name = "tribun"
