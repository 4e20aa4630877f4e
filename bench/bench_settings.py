"""Production settings plus a bare view and a server-timing header, for benchmarks only."""

import os

from dichvucong.settings import *  # noqa: F403
from dichvucong.settings import MIDDLEWARE

ROOT_URLCONF = "bench_urls"
MIDDLEWARE = ["bench_urls.ServerTimingMiddleware", *MIDDLEWARE]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": "WARNING"},
}

# 0 measures the uncached search path (every request runs the search and renders it).
CATALOG_CACHE_SECONDS = int(os.environ.get("CATALOG_CACHE_SECONDS", "300"))
