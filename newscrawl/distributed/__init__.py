"""Several ``scrapy crawl`` processes, on several machines, sharing one Redis frontier.

Off unless ``NEWSCRAWL_REDIS_URL`` is set (a setting, ``-s``, or the environment variable):
:mod:`newscrawl.distributed.addon` is the switch, and it imports nothing of Redis while off.
On, scrapy-redis keeps the request queue and the seen-set in Redis, the incremental state
lives there too (:mod:`.store`), and each worker announces itself (:mod:`.fleet`,
:mod:`.worker`) so that the first one seeds, the others join, and all stop together.
"""
