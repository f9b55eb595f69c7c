"""``scrapy crawl detik``: detik's regional desks (www.detik.com/<desk>/)."""

from newscrawl.spiders.base import NetworkSpider


class DetikSpider(NetworkSpider):
    """Crawls detik desks (``-a sites=detikjabar,detiksulsel``; default: all)."""

    name = "detik"
    network_name = "detik"
